import StaybookModel

/// What happened in one team, area or the whole center in one month. Areas and the center are sums
/// of their teams' figures, so their rates are sums of leavers over sums of headcounts, never an
/// average of rates.
public struct MonthFigures: Sendable, Hashable {
    /// Sum of `(headcount_start + headcount_end) / 2` over the teams.
    public var averageHeadcount: Double = 0
    public var leavers = 0
    public var voluntaryLeavers = 0
    public var hires = 0
    /// Leavers whose tenure at exit was at most 30 (90) days.
    public var earlyLeavers30 = 0
    public var earlyLeavers90 = 0
    public var headcountEnd = 0
    public var reasons: [LeaveReason: Int] = [:]
    /// Tenure at exit of every leaver, in days.
    public var tenures: [Int] = []

    public init() {}

    public init(_ team: TeamMonth) {
        averageHeadcount = Double(team.headcountStart + team.headcountEnd) / 2
        leavers = team.leavers.count
        voluntaryLeavers = team.leavers.count { $0.voluntary }
        hires = team.hires.count
        earlyLeavers30 = team.leavers.count { $0.tenure <= 30 }
        earlyLeavers90 = team.leavers.count { $0.tenure <= 90 }
        headcountEnd = team.headcountEnd
        for leaver in team.leavers { reasons[leaver.reason, default: 0] += 1 }
        tenures = team.leavers.map(\.tenure)
    }

    /// Leavers over average headcount; `nil` when there was nobody to leave.
    public var churn: Double? { Self.rate(leavers, averageHeadcount) }
    public var voluntaryChurn: Double? { Self.rate(voluntaryLeavers, averageHeadcount) }

    static func rate(_ count: Int, _ base: Double) -> Double? {
        if base > 0 { return Double(count) / base }
        return count == 0 ? 0 : nil
    }

    public static func + (a: MonthFigures, b: MonthFigures) -> MonthFigures {
        var sum = a
        sum.averageHeadcount += b.averageHeadcount
        sum.leavers += b.leavers
        sum.voluntaryLeavers += b.voluntaryLeavers
        sum.hires += b.hires
        sum.earlyLeavers30 += b.earlyLeavers30
        sum.earlyLeavers90 += b.earlyLeavers90
        sum.headcountEnd += b.headcountEnd
        sum.reasons.merge(b.reasons, uniquingKeysWith: +)
        sum.tenures += b.tenures
        return sum
    }
}

/// Tenure-at-exit buckets for the charts.
public enum TenureBucket: CaseIterable, Sendable {
    case month, quarter, halfYear, year, longer

    /// The bucket's key in `api/metrics.json`.
    public var key: String {
        switch self {
        case .month: "0-30"
        case .quarter: "31-90"
        case .halfYear: "91-180"
        case .year: "181-365"
        case .longer: "366+"
        }
    }

    public var label: String {
        switch self {
        case .month: "30 天内"
        case .quarter: "31–90 天"
        case .halfYear: "91–180 天"
        case .year: "181–365 天"
        case .longer: "1 年以上"
        }
    }

    public init(days: Int) {
        switch days {
        case ...30: self = .month
        case ...90: self = .quarter
        case ...180: self = .halfYear
        case ...365: self = .year
        default: self = .longer
        }
    }
}
