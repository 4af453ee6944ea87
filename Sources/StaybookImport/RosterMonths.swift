import StaybookModel

/// Stays → one month's teams, by the rule that a stay counts on every day from its start up to,
/// not including, its end. Then headcount_end = headcount_start + hires + transfers in − transfers
/// out − leavers holds by construction: every change of the count is one of those events.
public enum RosterMonths {
    /// The months from the first stay's start (or `from`) to the latest date in the roster (or `to`).
    public static func range(_ stays: [Stay], from: Period?, to: Period?) -> [Period] {
        guard let first = from ?? stays.map(\.start).min()?.period else { return [] }
        let latest = stays.flatMap { [$0.start, $0.hired] + ($0.end.map { [$0] } ?? []) }.max()?.period ?? first
        let last = to ?? latest
        var periods: [Period] = []
        var period = first
        while period <= last {
            periods.append(period)
            period = period.next
        }
        return periods
    }

    /// Every team with anyone counted, arriving or leaving in `period`, in the order of `order`
    /// (ids first seen earlier first), names and areas as of the month.
    public static func teams(_ stays: [Stay], in period: Period, order: [String], known: [String: (name: String, area: String)]) -> [TeamMonth] {
        let before = period.firstDay.adding(days: -1)
        let last = period.lastDay
        func counted(_ stay: Stay, on day: Day) -> Bool { stay.start <= day && (stay.end.map { day < $0 } ?? true) }
        let transferArrivals = Set(stays.compactMap { stay -> String? in
            guard stay.endType == .transfer, let end = stay.end else { return nil }
            return "\(stay.employee)\u{0}\(end.ordinal)"
        })
        var months: [String: TeamMonth] = [:]
        var latestRow: [String: (start: Day, row: Int)] = [:]
        for stay in stays {
            let active = stay.start <= last && (stay.end.map { $0 > before } ?? true)
            guard active else { continue }
            var month = months[stay.team] ?? TeamMonth(id: stay.team, name: "", area: "", headcountStart: 0, headcountEnd: 0)
            if counted(stay, on: before) { month.headcountStart += 1 }
            if counted(stay, on: last) { month.headcountEnd += 1 }
            if stay.start.period == period {
                if transferArrivals.contains("\(stay.employee)\u{0}\(stay.start.ordinal)") {
                    month.transfersIn += 1
                } else {
                    month.hires.append(Hire(id: stay.employee, hired: stay.start))
                }
            }
            if let end = stay.end, end.period == period {
                switch stay.endType {
                case .transfer: month.transfersOut += 1
                case .left:
                    month.leavers.append(
                        Leaver(id: stay.employee, hired: stay.hired, left: end, voluntary: stay.voluntary ?? true, reason: stay.reason ?? .other))
                case nil: break
                }
            }
            // The name and area of the row active this month that began last.
            if let name = stay.teamName, (latestRow[stay.team].map { ($0.start, $0.row) < (stay.start, stay.row) } ?? true) {
                month.name = name
                month.area = stay.area ?? month.area
                latestRow[stay.team] = (stay.start, stay.row)
            }
            months[stay.team] = month
        }
        var result: [TeamMonth] = []
        for id in order {
            guard var month = months[id] else { continue }
            if month.name.isEmpty, let known = known[id] { month.name = known.name }
            if month.area.isEmpty, let known = known[id] { month.area = known.area }
            month.hires.sort { ($0.hired, $0.id) < ($1.hired, $1.id) }
            month.leavers.sort { ($0.left, $0.id) < ($1.left, $1.id) }
            result.append(month)
        }
        return result
    }
}
