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
        // Months come in order (a chart asks for each of them, on every team's page): halved
        // until found, and looked for one by one only if a caller gave them out of order.
        var low = 0
        var high = months.count
        while low < high {
            let middle = (low + high) / 2
            if months[middle].period < period { low = middle + 1 } else { high = middle }
        }
        if low < months.count, months[low].period == period { return months[low].figures }
        return months.first { $0.period == period }?.figures
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

        // Each team's month: its figures and its hires' observations, worked out once on any core
        // and added up for its area and the center.
        let months: [(period: Period, team: TeamMonth)] = snapshots.flatMap { snapshot in snapshot.teams.map { (snapshot.period, $0) } }
        let made: [(figures: MonthFigures, observations: [(days: Int, left: Bool)])] = months.parallelMap { month in
            (MonthFigures(month.team), month.team.hires.map(observation))
        }
        var teamMonths: [String: [Int]] = [:]
        var areaMonths: [String: [Period: MonthFigures]] = [:]
        var centerMonths: [Period: MonthFigures] = [:]
        var areaObservations: [String: [(days: Int, left: Bool)]] = [:]
        var allObservations: [(days: Int, left: Bool)] = []
        for (index, (period, team)) in months.enumerated() {
            teamMonths[team.id, default: []].append(index)
            let figures = made[index].figures
            areaMonths[team.area, default: [:]][period, default: MonthFigures()] = (areaMonths[team.area]?[period] ?? MonthFigures()) + figures
            centerMonths[period] = (centerMonths[period] ?? MonthFigures()) + figures
            areaObservations[team.area, default: []] += made[index].observations
            allObservations += made[index].observations
        }

        var teams: [ChurnSeries] = teamMonths.map { id, indices in
            let history = indices.map { months[$0] }
            let latest = history.last!.team
            var series = ChurnSeries(
                key: id, name: latest.name, area: latest.area,
                months: indices.map { (months[$0].period, made[$0].figures) }, target: latest.targetChurn ?? defaultTarget,
                survival: SurvivalCurve(indices.flatMap { made[$0].observations }))
            for (previous, next) in zip(history, history.dropFirst()) {
                if previous.team.name != next.team.name { series.renames.append((next.period, previous.team.name, next.team.name)) }
                if previous.team.area != next.team.area { series.renames.append((next.period, previous.team.area, next.team.area)) }
            }
            return series
        }
        teams.sort { ($0.area ?? "", $0.key) < ($1.area ?? "", $1.key) }
        let areas: [ChurnSeries] = areaMonths.keys.sorted().map { area in
            ChurnSeries(
                key: area, name: area, months: areaMonths[area]!.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                target: defaultTarget, survival: SurvivalCurve(areaObservations[area, default: []]))
        }
        let center = ChurnSeries(
            key: "", name: "全中心", months: centerMonths.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            target: defaultTarget, survival: SurvivalCurve(allObservations))
        return Dashboard(periods: periods, center: center, areas: areas, teams: teams)
    }
}
