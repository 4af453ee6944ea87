import StaybookModel

/// Stays → one month's teams, by the rule that a stay counts on every day from its start up to,
/// not including, its end. Then headcount_end = headcount_start + hires + transfers in − transfers
/// out − leavers holds by construction: every change of the count is one of those events.
public enum RosterMonths {
    /// The months from the first stay's start (or `from`) to the latest date in the roster (or `to`).
    public static func range(_ stays: [Stay], from: Period?, to: Period?) -> [Period] {
        guard let first = from ?? stays.map(\.start).min()?.period else { return [] }
        var latest = first.firstDay
        for stay in stays {
            latest = max(latest, stay.start, stay.hired, stay.end ?? stay.start)
        }
        let last = to ?? latest.period
        var periods: [Period] = []
        var period = first
        while period <= last {
            periods.append(period)
            period = period.next
        }
        return periods
    }

    /// The stays indexed once for all months: per team, the sorted start and end days (a headcount
    /// on a day is two binary searches), the stays that start and end in each month, and which
    /// starts are transfers.
    public struct Index {
        struct Team {
            var starts: [Int] = []
            var ends: [Int] = []
            /// Stays with a team name, by start, for the name as of a month.
            var named: [Int] = []
            var namedStarts: [Int] = []
        }

        let stays: [Stay]
        var teams: [String: Team] = [:]
        var startingIn: [Period: [Int]] = [:]
        var endingIn: [Period: [Int]] = [:]
        var arrivesByTransfer: [Bool]

        public init(_ stays: [Stay]) {
            self.stays = stays
            var transferEnds: Set<String> = []
            for stay in stays where stay.endType == .transfer {
                if let end = stay.end { transferEnds.insert("\(stay.employee)\u{0}\(end.ordinal)") }
            }
            arrivesByTransfer = stays.map { transferEnds.contains("\($0.employee)\u{0}\($0.start.ordinal)") }
            for (index, stay) in stays.enumerated() {
                teams[stay.team, default: Team()].starts.append(stay.start.ordinal)
                if let end = stay.end { teams[stay.team, default: Team()].ends.append(end.ordinal) }
                if stay.teamName != nil { teams[stay.team, default: Team()].named.append(index) }
                startingIn[stay.start.period, default: []].append(index)
                if let end = stay.end { endingIn[end.period, default: []].append(index) }
            }
            for key in teams.keys {
                teams[key]!.starts.sort()
                teams[key]!.ends.sort()
                teams[key]!.named.sort { (stays[$0].start, stays[$0].row) < (stays[$1].start, stays[$1].row) }
                teams[key]!.namedStarts = teams[key]!.named.map { stays[$0].start.ordinal }
            }
        }

        /// Stays of `team` counted on `day`: started on or before it, not ended on or before it.
        func headcount(_ team: Team, on day: Day) -> Int {
            upperBound(team.starts, day.ordinal) - upperBound(team.ends, day.ordinal)
        }

        func upperBound(_ values: [Int], _ value: Int) -> Int {
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] <= value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Every team with anyone counted, arriving or leaving in `period`, in the order of `order`,
    /// names and areas as of the month: those of the row active in the month that began last.
    public static func teams(_ index: Index, in period: Period, order: [String], known: [String: (name: String, area: String)]) -> [TeamMonth] {
        let before = period.firstDay.adding(days: -1)
        let last = period.lastDay
        var months: [String: TeamMonth] = [:]
        func month(_ id: String) -> TeamMonth {
            months[id] ?? TeamMonth(id: id, name: "", area: "", headcountStart: 0, headcountEnd: 0)
        }
        for (id, team) in index.teams {
            let start = index.headcount(team, on: before)
            let end = index.headcount(team, on: last)
            guard start > 0 || end > 0 else { continue }
            var value = month(id)
            value.headcountStart = start
            value.headcountEnd = end
            months[id] = value
        }
        for position in index.startingIn[period] ?? [] {
            let stay = index.stays[position]
            var value = month(stay.team)
            if index.arrivesByTransfer[position] {
                value.transfersIn += 1
            } else {
                value.hires.append(Hire(id: stay.employee, hired: stay.start))
            }
            months[stay.team] = value
        }
        for position in index.endingIn[period] ?? [] {
            let stay = index.stays[position]
            var value = month(stay.team)
            switch stay.endType {
            case .transfer: value.transfersOut += 1
            case .left:
                value.leavers.append(Leaver(id: stay.employee, hired: stay.hired, left: stay.end!, voluntary: stay.voluntary ?? true, reason: stay.reason ?? .other))
            case nil: break
            }
            months[stay.team] = value
        }
        var result: [TeamMonth] = []
        for id in order {
            guard var value = months[id] else { continue }
            // The latest-starting named row that is active in the month (started by its last day,
            // not ended before its first).
            if let team = index.teams[id] {
                var candidate = index.upperBound(team.namedStarts, last.ordinal) - 1
                while candidate >= 0 {
                    let stay = index.stays[team.named[candidate]]
                    if stay.end.map({ $0 > before }) ?? true {
                        value.name = stay.teamName ?? ""
                        value.area = stay.area ?? ""
                        break
                    }
                    candidate -= 1
                }
            }
            if value.name.isEmpty, let known = known[id] { value.name = known.name }
            if value.area.isEmpty, let known = known[id] { value.area = known.area }
            value.hires.sort { ($0.hired, $0.id) < ($1.hired, $1.id) }
            value.leavers.sort { ($0.left, $0.id) < ($1.left, $1.id) }
            result.append(value)
        }
        return result
    }
}
