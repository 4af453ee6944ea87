import FuzzSupport
import StaybookContent
import StaybookMetrics
import StaybookModel

/// Any bytes as a month's HR snapshot and as contest results: strict JSON, every rule of the format,
/// then the numbers of a decoded month (churn, early leavers, survival), where a value that passed
/// the checks must not trap (a division by zero, an overflow).
func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let file = "content/data/snapshots/2026-10.json"
    guard case .success(let text) = SourceText.decode(bytes, file: file) else { return 0 }
    let (snapshot, diagnostics) = SnapshotDecoder.decode(text, file: file, expectedPeriod: Period(year: 2026, month: 10))
    FuzzInvariants.check(diagnostics, file: file, text: text, produced: snapshot != nil)
    if let snapshot {
        let dashboard = Metrics.compute([snapshot], defaultTarget: 0.08)
        for team in dashboard.teams {
            for (_, figures) in team.months {
                precondition(figures.churn.map { $0.isFinite && $0 >= 0 } ?? true, "churn \(String(describing: figures.churn))")
            }
        }
    }
    let contestFile = "content/data/contests/fuzz.json"
    let (results, contestDiagnostics) = ContestResultsDecoder.decode(text, file: contestFile)
    FuzzInvariants.check(contestDiagnostics, file: contestFile, text: text, produced: results != nil)
    return 0
}
