import FuzzSupport
import StaybookContent
import StaybookMetrics
import StaybookModel

/// Any bytes as a month's HR snapshot and as contest results: strict JSON, every rule of the format,
/// then the numbers of a decoded month (churn, early leavers, survival) and its one-on-one plan,
/// where a value that passed the checks must not trap (a division by zero, an overflow); and the
/// same bytes as a talk log (CSV in UTF-8 or GB18030).
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
        var config = SiteConfig(title: "fuzz")
        config.calendar.holidays = [Day(year: 2026, month: 10, day: 30)!]
        if let plan = OneOnOnePlanner.plan(snapshots: [snapshot], talks: [], config: config) {
            for entry in plan.entries {
                precondition(!entry.items.isEmpty && entry.due <= plan.horizonEnd, "an entry without a reason or due after the horizon")
                precondition(entry.items.allSatisfy { $0.due >= $0.raised }, "a deadline before its signal")
            }
        }
    }
    let talkFile = "content/data/talks/fuzz.csv"
    let (talks, talkDiagnostics) = TalkLogDecoder.decode(bytes, file: talkFile)
    if case .success(let decoded) = SpreadsheetText.decode(bytes, file: talkFile) {
        FuzzInvariants.check(talkDiagnostics, file: talkFile, text: decoded.text, produced: true)
    }
    precondition(talks.allSatisfy { !$0.agent.isEmpty }, "a talk without an agent")
    let contestFile = "content/data/contests/fuzz.json"
    let (results, contestDiagnostics) = ContestResultsDecoder.decode(text, file: contestFile)
    FuzzInvariants.check(contestDiagnostics, file: contestFile, text: text, produced: results != nil)
    return 0
}
