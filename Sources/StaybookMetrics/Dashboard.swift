import StaybookModel

/// One team's or area's or the center's months, in period order, with their figures.
public struct ChurnSeries: Sendable {
    /// The team id, the area name, or `""` for the center.
    public var key: String
    public var name: String
    /// The area a team belongs to (in its latest snapshot); `nil` for areas and the center.
    public var area: String?
    public var months: [(period: Period, figures: MonthFigures)]
    /// The monthly churn target (the team's latest `target_churn`, else the site's).
    public var target: Double?
    public var survival: SurvivalCurve
    /// Name or area changes, oldest first.
    public var renames: [(period: Period, from: String, to: String)] = []

    public init(
        key: String, name: String, area: String? = nil, months: [(period: Period, figures: MonthFigures)], target: Double? = nil,
        survival: SurvivalCurve, renames: [(period: Period, from: String, to: String)] = []
    ) {
        self.key = key
        self.name = name
        self.area = area
        self.months = months
        self.target = target
        self.survival = survival
        self.renames = renames
    }

    public var latest: (period: Period, figures: MonthFigures)? { months.last }

    public func figures(in period: Period) -> MonthFigures? {
        months.first { $0.period == period }?.figures
    }

    /// Leavers of the last 12 snapshots (fewer where there are fewer) over the mean of their
    /// average headcounts.
    public var trailing12Churn: Double? { latest.flatMap { trailing12Churn(through: $0.period) } }

    /// `trailing12Churn` as it was in `period`: the last 12 snapshots up to and including it.
    public func trailing12Churn(through period: Period) -> Double? {
        let window = months.prefix { $0.period <= period }.suffix(12)
        guard !window.isEmpty else { return nil }
        let leavers = window.reduce(0) { $0 + $1.figures.leavers }
        let meanHeadcount = window.reduce(0.0) { $0 + $1.figures.averageHeadcount } / Double(window.count)
        return MonthFigures.rate(leavers, meanHeadcount)
    }

    /// The latest consecutive months above target (0 when the latest is on or under target).
    public var monthsAboveTarget: Int {
        guard let target else { return 0 }
        var count = 0
        for month in months.reversed() {
            guard let churn = month.figures.churn, churn > target else { break }
            count += 1
        }
        return count
    }
}

/// Everything the dashboards show, computed once from the snapshots.
public struct Dashboard: Sendable {
    /// Every month from the first snapshot to the last, gaps included (a missing month has no figures).
    public var periods: [Period]
    public var center: ChurnSeries
    public var areas: [ChurnSeries]
    public var teams: [ChurnSeries]

    public var isEmpty: Bool { teams.isEmpty }
}

public enum Metrics {
    /// - Parameter defaultTarget: `target_churn` from site.yml, for teams without their own.
    public static func compute(_ snapshots: [Snapshot], defaultTarget: Double?) -> Dashboard {
        let snapshots = snapshots.sorted { $0.period < $1.period }
        guard let first = snapshots.first, let last = snapshots.last else {
            return Dashboard(periods: [], center: ChurnSeries(key: "", name: "", months: [], survival: SurvivalCurve([])), areas: [], teams: [])
        }
        var periods: [Period] = []
        var period = first.period
        while period <= last.period {
            periods.append(period)
            period = period.next
        }

        // Survival: every hire, matched to the first later exit of the same employee in any team.
        var exits: [String: [Leaver]] = [:]
        for snapshot in snapshots {
            for team in snapshot.teams {
                for leaver in team.leavers { exits[leaver.id, default: []].append(leaver) }
            }
        }
        let end = last.period.lastDay
        func observation(_ hire: Hire) -> (days: Int, left: Bool) {
            if let exit = exits[hire.id]?.filter({ $0.left >= hire.hired }).min(by: { $0.left < $1.left }) {
                return (hire.hired.days(to: exit.left), true)
            }
            return (hire.hired.days(to: end), false)
        }

        var teamMonths: [String: [(Period, TeamMonth)]] = [:]
        var areaMonths: [String: [Period: MonthFigures]] = [:]
        var centerMonths: [Period: MonthFigures] = [:]
        var areaHires: [String: [Hire]] = [:]
        var allHires: [Hire] = []
        for snapshot in snapshots {
            for team in snapshot.teams {
                teamMonths[team.id, default: []].append((snapshot.period, team))
                let figures = MonthFigures(team)
                areaMonths[team.area, default: [:]][snapshot.period, default: MonthFigures()] =
                    (areaMonths[team.area]?[snapshot.period] ?? MonthFigures()) + figures
                centerMonths[snapshot.period] = (centerMonths[snapshot.period] ?? MonthFigures()) + figures
                areaHires[team.area, default: []] += team.hires
                allHires += team.hires
            }
        }

        var teams: [ChurnSeries] = teamMonths.map { id, history in
            let latest = history.last!.1
            var series = ChurnSeries(
                key: id, name: latest.name, area: latest.area,
                months: history.map { ($0.0, MonthFigures($0.1)) }, target: latest.targetChurn ?? defaultTarget,
                survival: SurvivalCurve(history.flatMap(\.1.hires).map(observation)))
            for (previous, next) in zip(history, history.dropFirst()) {
                if previous.1.name != next.1.name { series.renames.append((next.0, previous.1.name, next.1.name)) }
                if previous.1.area != next.1.area { series.renames.append((next.0, previous.1.area, next.1.area)) }
            }
            return series
        }
        teams.sort { ($0.area ?? "", $0.key) < ($1.area ?? "", $1.key) }
        let areas: [ChurnSeries] = areaMonths.keys.sorted().map { area in
            ChurnSeries(
                key: area, name: area, months: areaMonths[area]!.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                target: defaultTarget, survival: SurvivalCurve(areaHires[area, default: []].map(observation)))
        }
        let center = ChurnSeries(
            key: "", name: "全中心", months: centerMonths.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            target: defaultTarget, survival: SurvivalCurve(allHires.map(observation)))
        return Dashboard(periods: periods, center: center, areas: areas, teams: teams)
    }
}
