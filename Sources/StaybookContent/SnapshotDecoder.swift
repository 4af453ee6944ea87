import Foundation
import StaybookModel

/// Reads `content/data/snapshots/*.json`: strict JSON, every rule of the format checked, every
/// problem named by file, line and JSON path (`teams[3].leavers[0].left`).
public enum SnapshotDecoder {
    public static let folder = "data/snapshots"

    /// Largest headcount or transfer count accepted: a typo such as 4000000 is an error, not a chart.
    static let maximumCount = 100_000

    /// Decodes one file.
    /// - Parameter expectedPeriod: the period the file name says; `period` must match it.
    public static func decode(_ text: String, file: String, expectedPeriod: Period?) -> (Snapshot?, [Diagnostic]) {
        let root: JSONNode
        do {
            root = try StrictJSON.parse(text)
        } catch {
            return (nil, [StrictJSON.diagnostic(error, file: file)])
        }
        var reader = Reader(file: file)
        let snapshot = reader.snapshot(root, expectedPeriod: expectedPeriod)
        return (reader.diagnostics.hasErrors ? nil : snapshot, reader.diagnostics)
    }

    /// Reads every snapshot of the content folder, in period order, and checks them against each other.
    public static func load(contentDirectory: URL) -> ([Snapshot], [Diagnostic]) {
        let directory = contentDirectory.appending(path: folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return ([], []) }
        var diagnostics: [Diagnostic] = []
        var jobs: [(name: String, period: Period?)] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let display = "content/\(folder)/\(name)"
            guard name.hasSuffix(".json") else {
                diagnostics.append(.warning("not a snapshot (only YYYY-MM.json files are read) and ignored", file: display))
                continue
            }
            guard let period = Period(String(name.dropLast(5))) else {
                diagnostics.append(.error("a snapshot file must be named after its month, YYYY-MM.json", file: display, hint: "e.g. 2026-10.json"))
                continue
            }
            jobs.append((name, period))
        }
        let results: [(Snapshot?, [Diagnostic])] = jobs.map { $0 }.parallelMap { job in
            let display = "content/\(folder)/\(job.name)"
            guard let data = SourceText.bytes(atPath: directory.appending(path: job.name).path) else {
                return (nil, [.error("the file cannot be read", file: display, hint: "check its permissions")])
            }
            switch SourceText.decode(data, file: display) {
            case .failure(let problem): return (nil, [problem])
            case .success(let text):
                if text.allSatisfy(\.isWhitespace) { return (nil, [.error("the file is empty", file: display, line: 1, hint: "export the month again, or delete the file")]) }
                return decode(text, file: display, expectedPeriod: job.period)
            }
        }
        var snapshots: [Snapshot] = []
        for (snapshot, problems) in results {
            diagnostics += problems
            if let snapshot { snapshots.append(snapshot) }
        }
        snapshots.sort { $0.period < $1.period }
        diagnostics += continuity(snapshots)
        for (earlier, later) in zip(snapshots, snapshots.dropFirst()) where earlier.period.months(to: later.period) > 1 {
            var missing: [String] = []
            var period = earlier.period.next
            while period < later.period {
                missing.append(period.description)
                period = period.next
            }
            diagnostics.append(
                .warning(
                    "no snapshot for \(missing.joined(separator: ", ")): the charts show a gap there", file: later.file,
                    hint: "export the missing month as content/\(folder)/\(missing[0]).json"))
        }
        return (snapshots, diagnostics)
    }

    /// A team's month must start where the month before ended. A break is a warning, not an error:
    /// a reorganisation can move people without an entry in either file, but an export that drops
    /// people usually shows up here first.
    public static func continuity(_ snapshots: [Snapshot]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (earlier, later) in zip(snapshots, snapshots.dropFirst()) where earlier.period.months(to: later.period) == 1 {
            let ends = Dictionary(earlier.teams.map { ($0.id, $0.headcountEnd) }, uniquingKeysWith: { a, _ in a })
            for (index, team) in later.teams.enumerated() {
                guard let end = ends[team.id], end != team.headcountStart else { continue }
                diagnostics.append(
                    .warning(
                        "teams[\(index)].headcount_start: is \(team.headcountStart) but team \"\(team.id)\" ended \(earlier.period) with \(end)",
                        file: later.file,
                        hint: "check both exports; people moved between teams belong in transfers_in and transfers_out"))
            }
        }
        return diagnostics
    }
}

/// An object's members in file order; objects here have a handful of keys, so a scan beats hashing.
private struct Fields {
    let members: [(key: String, value: JSONNode)]

    subscript(key: String) -> JSONNode? {
        for member in members where member.key == key { return member.value }
        return nil
    }
}

/// Checks one file. Paths such as `teams[3].leavers[0].left` are passed as autoclosures: they are
/// built only for a message, not for each of the hundreds of thousands of values that are fine.
private struct Reader {
    let file: String
    var diagnostics: [Diagnostic] = []
    var errorCount = 0

    mutating func error(_ path: String, _ node: JSONNode, _ message: String, hint: String? = nil) {
        errorCount += 1
        diagnostics.append(.error("\(path): \(message)", file: file, line: node.line, column: node.column, hint: hint))
    }

    func describe(_ value: JSONValue) -> String { value.summary }

    /// An object's members; unknown keys are warned about (new optional fields may be added later).
    mutating func object(_ node: JSONNode, path: @autoclosure () -> String, known: [String], required: [String]) -> Fields? {
        guard case .object(let members) = node.value else {
            let path = path()
            error(path.isEmpty ? "the file" : path, node, "expected an object, found \(describe(node.value))",
                hint: "write `{ \"key\": value, … }` here; docs/data-format.md lists the fields")
            return nil
        }
        let fields = Fields(members: members)
        for (key, value) in members where !known.contains(key) {
            let path = path()
            diagnostics.append(
                .warning(
                    "\(path.isEmpty ? "" : path + ".")\(key): unknown field, ignored", file: file, line: value.line,
                    hint: "known fields: \(known.sorted().joined(separator: ", "))"))
        }
        var complete = true
        for key in required where fields[key] == nil {
            let path = path()
            error(path.isEmpty ? key : "\(path).\(key)", node, "missing (required)", hint: "add \"\(key)\" to this object; docs/data-format.md lists the fields")
            complete = false
        }
        return complete ? fields : nil
    }

    mutating func string(_ node: JSONNode, _ path: @autoclosure () -> String) -> String? {
        guard case .string(let text) = node.value, !Self.isBlank(text) else {
            error(path(), node, "expected a non-empty text, found \(describe(node.value))", hint: "write the value in double quotes")
            return nil
        }
        return text
    }

    /// Empty or only whitespace (newlines included); the common case, a visible ASCII character,
    /// is answered without walking the text's characters.
    static func isBlank(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// A team id becomes a permanent URL: see `TeamID`.
    mutating func teamID(_ node: JSONNode, _ path: @autoclosure () -> String) -> String? {
        guard let id = string(node, path()) else { return nil }
        guard TeamID.isValid(id) else {
            error(
                path(), node, "the team id \"\(id.prefix(64))\" is not usable in a web address",
                hint: "use lowercase letters, digits and single dashes, at most 64 characters (e.g. \"hz-1\"); the name field holds the display name")
            return nil
        }
        return id
    }

    mutating func count(_ node: JSONNode, _ path: @autoclosure () -> String) -> Int? {
        let hint = "write a count of people as a plain whole number, e.g. 42"
        guard case .number(let literal) = node.value else {
            error(path(), node, "expected a whole number, found \(describe(node.value))", hint: hint)
            return nil
        }
        let digitsOnly = literal.utf8.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
        guard digitsOnly else {
            error(path(), node, "expected a whole number, found \(literal) (a decimal point or an exponent)", hint: hint)
            return nil
        }
        guard let value = Int(literal) else {
            error(path(), node, "the number \(literal) is too large", hint: "check the export: a count is at most \(SnapshotDecoder.maximumCount)")
            return nil
        }
        guard value >= 0 else {
            error(path(), node, "must not be negative, found \(value)", hint: "a count of people is 0 or more: check the export")
            return nil
        }
        guard value <= SnapshotDecoder.maximumCount else {
            error(
                path(), node, "the number \(value) is too large (at most \(SnapshotDecoder.maximumCount))",
                hint: "check the export for a typo")
            return nil
        }
        return value
    }

    mutating func fraction(_ node: JSONNode, _ path: @autoclosure () -> String) -> Double? {
        guard case .number(let literal) = node.value, let value = Double(literal), value.isFinite else {
            error(path(), node, "expected a number between 0 and 1, found \(describe(node.value))", hint: "write the monthly target as a fraction: 0.08 for 8%")
            return nil
        }
        guard (0...1).contains(value) else {
            error(path(), node, "expected a fraction between 0 and 1 (8% is 0.08), found \(literal)", hint: "write the monthly target as a fraction: 0.08 for 8%")
            return nil
        }
        return value
    }

    static let earliest = Day(year: 1970, month: 1, day: 1)!
    static let latest = Day(year: 2100, month: 12, day: 31)!

    mutating func day(_ node: JSONNode, _ path: @autoclosure () -> String) -> Day? {
        guard case .string(let text) = node.value else {
            error(path(), node, "expected a date \"YYYY-MM-DD\", found \(describe(node.value))", hint: "write dates as \"2026-10-08\"")
            return nil
        }
        guard let day = Day(text) else {
            error(path(), node, "\"\(text)\" is not a real date", hint: "write dates as YYYY-MM-DD")
            return nil
        }
        guard day >= Self.earliest, day <= Self.latest else {
            error(path(), node, "the date \(text) is outside 1970–2100", hint: "check the year for a typo")
            return nil
        }
        return day
    }

    mutating func list(_ node: JSONNode, _ path: @autoclosure () -> String) -> [JSONNode]? {
        guard case .array(let items) = node.value else {
            error(path(), node, "expected a list, found \(describe(node.value))", hint: "write `[ … ]`, or `[]` for none")
            return nil
        }
        return items
    }

    mutating func snapshot(_ root: JSONNode, expectedPeriod: Period?) -> Snapshot? {
        guard let fields = object(root, path: "", known: ["period", "teams"], required: ["period", "teams"]) else { return nil }
        guard let periodText = string(fields["period"]!, "period") else { return nil }
        guard let period = Period(periodText) else {
            error("period", fields["period"]!, "\"\(periodText)\" is not a month", hint: "write it as YYYY-MM")
            return nil
        }
        if let expectedPeriod, expectedPeriod != period {
            error("period", fields["period"]!, "is \(period) but the file is named \(expectedPeriod).json", hint: "rename the file or fix the period")
        }
        guard let items = list(fields["teams"]!, "teams") else { return nil }
        var teams: [TeamMonth] = []
        teams.reserveCapacity(items.count)
        var teamIDs: [String: Int] = [:]
        var employees = EmployeeRecords()
        for (index, item) in items.enumerated() {
            guard let team = self.team(item, index: index, period: period, employees: &employees) else { continue }
            if let other = teamIDs[team.id] {
                error("teams[\(index)].id", item, "the team id \"\(team.id)\" is used twice in this file (also teams[\(other)])",
                    hint: "give each team one entry per month; merge the two or correct the id")
                continue
            }
            teamIDs[team.id] = index
            teams.append(team)
        }
        return Snapshot(period: period, teams: teams, file: file)
    }

    static let teamKeys = [
        "id", "name", "area", "headcount_start", "headcount_end", "hires", "transfers_in", "transfers_out", "leavers", "target_churn", "agents",
    ]
    static let teamRequired = ["id", "name", "area", "headcount_start", "headcount_end", "hires", "leavers"]
    static let hireKeys = ["id", "hired"]
    static let leaverKeys = ["id", "hired", "left", "voluntary", "reason"]

    /// Where each employee id was first seen in the file: once among the hires and once among the
    /// leavers at most (hired and gone in the same month is fine), whatever the order of the teams.
    struct EmployeeRecords {
        var hired: [String: (team: Int, item: Int)] = [:]
        var left: [String: (team: Int, item: Int)] = [:]
        /// Where each agent's indicators were first seen: an agent belongs to one team a month.
        var agents: [String: (team: Int, item: Int)] = [:]
    }

    mutating func team(_ node: JSONNode, index teamIndex: Int, period: Period, employees: inout EmployeeRecords) -> TeamMonth? {
        let path = { "teams[\(teamIndex)]" }
        guard let fields = object(node, path: path(), known: Self.teamKeys, required: Self.teamRequired) else { return nil }
        let errorsBefore = errorCount
        let id = teamID(fields["id"]!, path() + ".id")
        let name = string(fields["name"]!, path() + ".name")
        let area = string(fields["area"]!, path() + ".area")
        let start = count(fields["headcount_start"]!, path() + ".headcount_start")
        let end = count(fields["headcount_end"]!, path() + ".headcount_end")
        let transfersIn = fields["transfers_in"].map { count($0, path() + ".transfers_in") } ?? 0
        let transfersOut = fields["transfers_out"].map { count($0, path() + ".transfers_out") } ?? 0
        let target = fields["target_churn"].flatMap { fraction($0, path() + ".target_churn") }

        var hires: [Hire] = []
        let hireItems = list(fields["hires"]!, path() + ".hires") ?? []
        hires.reserveCapacity(hireItems.count)
        for (index, item) in hireItems.enumerated() {
            let itemPath = { "\(path()).hires[\(index)]" }
            guard let hire = object(item, path: itemPath(), known: Self.hireKeys, required: Self.hireKeys),
                let employee = string(hire["id"]!, itemPath() + ".id"), let hired = day(hire["hired"]!, itemPath() + ".hired")
            else { continue }
            if hired.period != period {
                error(itemPath() + ".hired", hire["hired"]!, "\(hired) is not in \(period): a hire belongs to the month it happened",
                    hint: "move the hire to the snapshot of its month, or correct the date")
            }
            if let other = employees.hired[employee] {
                error(
                    itemPath() + ".id", hire["id"]!, "the employee \"\(employee)\" is hired twice in this file (also teams[\(other.team)].hires[\(other.item)])",
                    hint: "keep one of them; a move between teams is a transfer, not a hire")
            } else {
                employees.hired[employee] = (teamIndex, index)
            }
            hires.append(Hire(id: employee, hired: hired))
        }

        var leavers: [Leaver] = []
        let leaverItems = list(fields["leavers"]!, path() + ".leavers") ?? []
        leavers.reserveCapacity(leaverItems.count)
        for (index, item) in leaverItems.enumerated() {
            let itemPath = { "\(path()).leavers[\(index)]" }
            guard let leaver = object(item, path: itemPath(), known: Self.leaverKeys, required: Self.leaverKeys),
                let employee = string(leaver["id"]!, itemPath() + ".id"), let hired = day(leaver["hired"]!, itemPath() + ".hired"),
                let left = day(leaver["left"]!, itemPath() + ".left")
            else { continue }
            guard case .bool(let voluntary) = leaver["voluntary"]!.value else {
                error(itemPath() + ".voluntary", leaver["voluntary"]!, "expected true or false, found \(describe(leaver["voluntary"]!.value))",
                    hint: "write true (the person chose to leave) or false, without quotes")
                continue
            }
            guard let code = string(leaver["reason"]!, itemPath() + ".reason") else { continue }
            guard let reason = LeaveReason(rawValue: code) else {
                error(
                    itemPath() + ".reason", leaver["reason"]!, "unknown reason \"\(code)\"",
                    hint: "use one of: \(LeaveReason.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if left.period != period {
                error(itemPath() + ".left", leaver["left"]!, "\(left) is not in \(period): a leaver belongs to the month they left",
                    hint: "move the leaver to the snapshot of that month, or correct the date")
            }
            if left < hired {
                error(itemPath() + ".left", leaver["left"]!, "\(left) is before the hire date \(hired)", hint: "one of the two dates is wrong: check the HR record")
            }
            if let other = employees.left[employee] {
                error(
                    itemPath() + ".id", leaver["id"]!, "the employee \"\(employee)\" leaves twice in this file (also teams[\(other.team)].leavers[\(other.item)])",
                    hint: "keep one of them")
            } else {
                employees.left[employee] = (teamIndex, index)
            }
            leavers.append(Leaver(id: employee, hired: hired, left: left, voluntary: voluntary, reason: reason))
        }
        let agents = fields["agents"].map { self.agents($0, path: path(), teamIndex: teamIndex, period: period, employees: &employees) } ?? []
        guard errorCount == errorsBefore, let id, let name, let area, let start, let end, let transfersIn, let transfersOut
        else { return nil }
        let expected = start + hires.count + transfersIn - transfersOut - leavers.count
        if end != expected {
            error(
                path() + ".headcount_end", fields["headcount_end"]!,
                "is \(end) but headcount_start + hires + transfers_in − transfers_out − leavers = \(start) + \(hires.count) + \(transfersIn) − \(transfersOut) − \(leavers.count) = \(expected)",
                hint: "the export is inconsistent: check the hires and leavers lists against the headcounts")
            return nil
        }
        var team = TeamMonth(
            id: id, name: name, area: area, headcountStart: start, headcountEnd: end, hires: hires, transfersIn: transfersIn,
            transfersOut: transfersOut, leavers: leavers, targetChurn: target)
        team.agents = agents
        return team
    }
}

// MARK: - Per-agent indicators

extension Reader {
    static let agentKeys = ["id", "hired", "income", "last_one_on_one", "flags", "weeks"]
    static let weekKeys = ["week", "quality", "sales", "efficiency", "break_minutes"]
    static let flagKeys = ["flag", "date"]

    /// `teams[i].agents`: the month's indicators per agent (see `AgentMonth`).
    mutating func agents(_ node: JSONNode, path: String, teamIndex: Int, period: Period, employees: inout EmployeeRecords) -> [AgentMonth] {
        guard let items = list(node, path + ".agents") else { return [] }
        var agents: [AgentMonth] = []
        agents.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let itemPath = { "\(path).agents[\(index)]" }
            guard let fields = object(item, path: itemPath(), known: Self.agentKeys, required: ["id", "hired"]),
                let id = string(fields["id"]!, itemPath() + ".id"), let hired = day(fields["hired"]!, itemPath() + ".hired")
            else { continue }
            if hired > period.lastDay {
                error(itemPath() + ".hired", fields["hired"]!, "\(hired) is after \(period): an agent is listed from the month they were hired",
                    hint: "correct the date, or move the agent to a later snapshot")
            }
            if let other = employees.agents[id] {
                error(
                    itemPath() + ".id", fields["id"]!, "the agent \"\(id)\" is listed twice in this file (also teams[\(other.team)].agents[\(other.item)])",
                    hint: "an agent belongs to one team a month: keep the entry of the team they ended the month in")
            } else {
                employees.agents[id] = (teamIndex, index)
            }
            var agent = AgentMonth(id: id, hired: hired)
            agent.income = fields["income"].flatMap { amount($0, itemPath() + ".income", example: "5200") }
            agent.lastOneOnOne = fields["last_one_on_one"].flatMap { day($0, itemPath() + ".last_one_on_one") }
            if let last = agent.lastOneOnOne, let node = fields["last_one_on_one"] {
                if last > period.lastDay {
                    error(itemPath() + ".last_one_on_one", node, "\(last) is after the end of \(period)",
                        hint: "a snapshot can only know talks up to its month's last day: check the date")
                } else if last < hired {
                    error(itemPath() + ".last_one_on_one", node, "\(last) is before the hire date \(hired)",
                        hint: "one of the two dates is wrong: check the record")
                }
            }
            if let flagsNode = fields["flags"] { agent.flags = flags(flagsNode, itemPath() + ".flags", period: period) }
            if let weeksNode = fields["weeks"] { agent.weeks = weeks(weeksNode, itemPath() + ".weeks", period: period) }
            agents.append(agent)
        }
        return agents
    }

    /// A non-negative amount (pay, sales, minutes).
    mutating func amount(_ node: JSONNode, _ path: @autoclosure () -> String, example: String) -> Double? {
        guard case .number(let literal) = node.value, let value = Double(literal), value.isFinite else {
            error(path(), node, "expected a number, found \(describe(node.value))", hint: "write a plain number without quotes or units, e.g. \(example)")
            return nil
        }
        guard value >= 0 else {
            error(path(), node, "must not be negative, found \(literal)", hint: "check the export: this figure is 0 or more")
            return nil
        }
        guard value <= 10_000_000 else {
            error(path(), node, "the number \(literal) is too large (at most 10000000)", hint: "check the export for a typo")
            return nil
        }
        return value
    }

    /// `flags`: `"mood"`, or `{"flag": "mood", "date": "2026-10-20"}` when the day it was reported is known.
    mutating func flags(_ node: JSONNode, _ path: String, period: Period) -> [AgentFlag] {
        guard let items = list(node, path) else { return [] }
        let known = AgentFlag.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        var flags: [AgentFlag] = []
        for (index, item) in items.enumerated() {
            let itemPath = { "\(path)[\(index)]" }
            var nameNode = item
            var date: Day?
            if case .object = item.value {
                guard let fields = object(item, path: itemPath(), known: Self.flagKeys, required: ["flag"]) else { continue }
                nameNode = fields["flag"]!
                if let dateNode = fields["date"], let day = day(dateNode, itemPath() + ".date") {
                    if day.period != period {
                        error(itemPath() + ".date", dateNode, "\(day) is not in \(period): a flag belongs to the month it was reported",
                            hint: "move the flag to the snapshot of its month, or correct the date")
                        continue
                    }
                    date = day
                }
            }
            guard let name = string(nameNode, itemPath()) else { continue }
            guard let kind = AgentFlag.Kind(rawValue: name) else {
                error(itemPath(), nameNode, "unknown flag \"\(name)\"", hint: "use one of: \(known)")
                continue
            }
            if flags.contains(where: { $0.kind == kind }) {
                error(itemPath(), nameNode, "the flag \"\(name)\" is given twice", hint: "keep one of them (with the date it was first reported)")
                continue
            }
            flags.append(AgentFlag(kind, date: date))
        }
        return flags
    }

    /// `weeks`: the ISO weeks that end in the month, each at most once, each indicator optional.
    mutating func weeks(_ node: JSONNode, _ path: String, period: Period) -> [AgentWeek] {
        guard let items = list(node, path) else { return [] }
        var weeks: [AgentWeek] = []
        var seen: [ISOWeek: Int] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = { "\(path)[\(index)]" }
            guard let fields = object(item, path: itemPath(), known: Self.weekKeys, required: ["week"]),
                let text = string(fields["week"]!, itemPath() + ".week")
            else { continue }
            guard let week = ISOWeek(text) else {
                error(itemPath() + ".week", fields["week"]!, "\"\(text)\" is not an ISO week",
                    hint: "write the week as YYYY-Www, e.g. \"2026-W41\" (weeks run Monday to Sunday; week 53 exists only in some years)")
                continue
            }
            guard week.sunday.period == period else {
                error(itemPath() + ".week", fields["week"]!, "\(week) ends on \(week.sunday), which is not in \(period)",
                    hint: "a week belongs to the month its Sunday is in: move it to the snapshot of \(week.sunday.period)")
                continue
            }
            if let other = seen[week] {
                error(itemPath() + ".week", fields["week"]!, "\(week) is listed twice (also \(path)[\(other)])", hint: "keep one entry per week")
                continue
            }
            seen[week] = index
            var entry = AgentWeek(week: week)
            if let node = fields["quality"] {
                if case .number(let literal) = node.value, let value = Double(literal), value.isFinite, (0...1).contains(value) {
                    entry.quality = value
                } else {
                    error(itemPath() + ".quality", node, "expected a fraction between 0 and 1, found \(describe(node.value))",
                        hint: "write the quality score as a fraction: 0.93 for 93%")
                }
            }
            entry.sales = fields["sales"].flatMap { amount($0, itemPath() + ".sales", example: "12") }
            entry.efficiency = fields["efficiency"].flatMap { amount($0, itemPath() + ".efficiency", example: "41.5") }
            entry.breakMinutes = fields["break_minutes"].flatMap { amount($0, itemPath() + ".break_minutes", example: "55") }
            weeks.append(entry)
        }
        return weeks.sorted { $0.week < $1.week }
    }
}
