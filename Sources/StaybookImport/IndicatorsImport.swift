import Foundation
import StaybookContent
import StaybookModel

/// `staybook import indicators`: weekly indicator exports (quality, sales, efficiency, breaks) and
/// monthly pay → `agents` of the snapshots, merged into what is there (flags, last talks, other weeks
/// stay). An agent's team and hire date come from the snapshot's agents, a 班组 column, or the
/// roster the last roster import read.
public enum IndicatorsImport {
    enum Column: CaseIterable {
        case employee, week, quality, sales, efficiency, breakMinutes, income, team, hired

        var names: [String] {
            switch self {
            case .employee: ["工号", "employee_id", "agent"]
            case .week: ["周", "week"]
            case .quality: ["质量", "quality"]
            case .sales: ["营销", "sales"]
            case .efficiency: ["效能", "efficiency"]
            case .breakMinutes: ["小休时长", "break_minutes", "小休"]
            case .income: ["收入", "income"]
            case .team: ["班组", "team"]
            case .hired: ["入职日期", "hired"]
            }
        }
    }

    struct Row {
        var agent: String
        var week: ISOWeek
        var values: [WeeklyIndicator: Double]
        var income: Double?
        var team: String?
        var hired: Day?
        var line: Int
    }

    /// `2026-W41`, `2026W41`, `2026-41`.
    static func week(_ text: String) -> ISOWeek? {
        let compact = text.trimmedCell.uppercased().replacingOccurrences(of: " ", with: "")
        if let week = ISOWeek(compact) { return week }
        let digits = compact.split(whereSeparator: { !$0.isNumber }).map(String.init)
        guard digits.count == 2, digits[0].count == 4, let year = Int(digits[0]), let number = Int(digits[1]) else { return nil }
        return ISOWeek(year: year, week: number)
    }

    /// `93%` or `0.93` → 0.93; a bare `93` is a mistake (it would read as 9300%).
    static func fraction(_ text: String) -> Double? {
        let trimmed = text.trimmedCell
        if trimmed.hasSuffix("%") || trimmed.hasSuffix("％") {
            guard let value = Double(String(trimmed.dropLast()).trimmedCell), value.isFinite, (0...100).contains(value) else { return nil }
            return (value * 1000).rounded() / 100_000
        }
        guard let value = Double(trimmed), value.isFinite, (0...1).contains(value) else { return nil }
        return value
    }

    public static func run(file: URL, display: String, contentDirectory: URL, month: Period?, options: RosterImport.Options) -> ImportReport {
        var report = ImportReport()
        guard let sheet = report.sheet(file, display: display, name: options.sheet) else { return report }
        var positions: [Column: Int] = [:]
        for (index, name) in sheet.header.enumerated() {
            let key = name.trimmedCell.lowercased()
            if let column = Column.allCases.first(where: { $0.names.contains(key) }), positions[column] == nil { positions[column] = index }
        }
        for column in [Column.employee, .week] where positions[column] == nil {
            report.diagnostics.append(
                .error("the file has no \(column.names[0]) / \(column.names[1]) column", file: display, line: 1,
                    hint: "the first row names the columns: 工号, 周 (2026-W41), then any of 质量, 营销, 效能, 小休时长, 收入"))
        }
        guard !report.diagnostics.hasErrors else { return report }
        func header(_ column: Column) -> String { positions[column].map { sheet.header[$0].trimmedCell } ?? column.names[0] }
        var rows: [Row] = []
        for (number, cells) in sheet.rows {
            func cell(_ column: Column) -> String {
                guard let position = positions[column], position < cells.count else { return "" }
                return cells[position].trimmedCell
            }
            func error(_ column: Column, _ message: String, hint: String) {
                report.diagnostics.append(.error("\(header(column)): \(message)", file: display, line: number, column: (positions[column] ?? 0) + 1, hint: hint))
            }
            let before = report.diagnostics.count
            let agent = cell(.employee)
            if agent.isEmpty { error(.employee, "the employee id is missing", hint: "every row needs the 工号 of the agent") }
            let weekText = cell(.week)
            let week = week(weekText)
            if week == nil { error(.week, weekText.isEmpty ? "the week is missing" : "\"\(weekText.prefix(20))\" is not an ISO week", hint: "write the week as 2026-W41 (Monday to Sunday)") }
            var values: [WeeklyIndicator: Double] = [:]
            let quality = cell(.quality)
            if !quality.isEmpty {
                if let value = fraction(quality) { values[.quality] = value } else {
                    error(.quality, "\"\(quality.prefix(20))\" is not a percentage", hint: "write 93% or 0.93")
                }
            }
            for (column, indicator) in [(Column.sales, WeeklyIndicator.sales), (.efficiency, .efficiency), (.breakMinutes, .breakMinutes)] {
                let text = cell(column)
                guard !text.isEmpty else { continue }
                if let value = Double(text), value.isFinite, value >= 0 { values[indicator] = value } else {
                    error(column, "\"\(text.prefix(20))\" is not a number of 0 or more", hint: "write a plain number, e.g. 12 or 41.5")
                }
            }
            var income: Double?
            let incomeText = cell(.income)
            if !incomeText.isEmpty {
                if let value = Double(incomeText.replacingOccurrences(of: ",", with: "")), value.isFinite, value >= 0 { income = value } else {
                    error(.income, "\"\(incomeText.prefix(20))\" is not an amount", hint: "write the month's pay as a plain number, e.g. 5200")
                }
            }
            let hiredText = cell(.hired)
            let hired = hiredText.isEmpty ? nil : Cells.day(hiredText)
            if !hiredText.isEmpty, hired == nil { error(.hired, "\"\(hiredText.prefix(40))\" is not a real date", hint: "write the date as 2026-10-08") }
            guard report.diagnostics.count == before, let week else { continue }
            if let month, week.sunday.period != month { continue }
            let team = cell(.team)
            rows.append(Row(agent: agent, week: week, values: values, income: income, team: team.isEmpty ? nil : team, hired: hired, line: number))
        }
        guard !report.diagnostics.hasErrors else { return report }
        guard !rows.isEmpty else {
            report.diagnostics.append(.error("no row of the file is in \(month.map(\.description) ?? "any month")", file: display, line: 1, hint: "check --month and the 周 column"))
            return report
        }

        let folder = SnapshotFolder(url: contentDirectory.appending(path: SnapshotDecoder.folder))
        // The roster the last roster import read, for agents the snapshot does not list yet.
        var stays: [Stay] = []
        if let path = folder.rosterPath, let rosterBytes = SourceText.bytes(atPath: contentDirectory.deletingLastPathComponent().appending(path: path).path),
            case .success(let rosterSheet) = Sheet.read(rosterBytes, file: path)
        {
            stays = RosterReader.stays(rosterSheet).0
        }
        var texts: [String: String] = [:]
        let byMonth = Dictionary(grouping: rows, by: { $0.week.sunday.period })
        for period in byMonth.keys.sorted() {
            let name = "\(period).json"
            let monthRows = byMonth[period]!
            guard let bytes = folder.files[name], case .success(let text) = SourceText.decode(bytes, file: name) else {
                report.diagnostics.append(
                    .error("there is no snapshot for \(period) to add these figures to", file: display, line: monthRows[0].line,
                        hint: "import the roster first (`staybook import roster`), then the indicators"))
                continue
            }
            let (decoded, problems) = SnapshotDecoder.decode(text, file: "content/\(SnapshotDecoder.folder)/\(name)", expectedPeriod: period)
            guard var snapshot = decoded else {
                report.diagnostics += problems.filter { $0.severity == .error }
                continue
            }
            let teamIndex = Dictionary(snapshot.teams.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (agent, agentRows) in Dictionary(grouping: monthRows, by: \.agent).sorted(by: { $0.key < $1.key }) {
                let first = agentRows.min { $0.line < $1.line }!
                var place: (team: Int, index: Int?)?
                for (t, team) in snapshot.teams.enumerated() {
                    if let index = team.agents.firstIndex(where: { $0.id == agent }) { place = (t, index) }
                }
                var hired = first.hired
                if place == nil, let team = agentRows.compactMap(\.team).first {
                    guard let t = teamIndex[team] else {
                        report.diagnostics.append(
                            .error("\(header(.team)): the team \"\(team.prefix(40))\" is not in the snapshot of \(period)", file: display, line: first.line,
                                column: (positions[.team] ?? 0) + 1, hint: "use a team id of the snapshots: \(snapshot.teams.map(\.id).joined(separator: ", "))"))
                        continue
                    }
                    place = (t, nil)
                }
                if place == nil || hired == nil {
                    let active = stays.filter { $0.employee == agent && $0.start <= period.lastDay && ($0.end.map { $0 > period.lastDay } ?? true) }.first
                    if let active {
                        if place == nil, let t = teamIndex[active.team] { place = (t, nil) }
                        hired = hired ?? active.hired
                    }
                }
                guard let place else {
                    report.diagnostics.append(
                        .error(
                            "\(header(.employee)): the agent \"\(agent.prefix(40))\" is in no team of \(period)", file: display, line: first.line,
                            column: (positions[.employee] ?? 0) + 1,
                            hint: "import the roster first, or add a 班组 column; an agent who left before the month's end has no figures to keep"))
                    continue
                }
                var entry = place.index.map { snapshot.teams[place.team].agents[$0] }
                if entry == nil {
                    guard let hired else {
                        report.diagnostics.append(
                            .error("\(header(.employee)): no hire date for the agent \"\(agent.prefix(40))\"", file: display, line: first.line,
                                hint: "import the roster first, or add a 入职日期 column"))
                        continue
                    }
                    entry = AgentMonth(id: agent, hired: hired)
                }
                var updated = entry!
                for row in agentRows.sorted(by: { $0.line < $1.line }) {
                    var week = updated.weeks.first { $0.week == row.week } ?? AgentWeek(week: row.week)
                    for (indicator, value) in row.values {
                        switch indicator {
                        case .quality: week.quality = value
                        case .sales: week.sales = value
                        case .efficiency: week.efficiency = value
                        case .breakMinutes: week.breakMinutes = value
                        }
                    }
                    updated.weeks.removeAll { $0.week == row.week }
                    updated.weeks.append(week)
                    if let income = row.income { updated.income = income }
                }
                updated.weeks.sort { $0.week < $1.week }
                if let index = place.index { snapshot.teams[place.team].agents[index] = updated } else { snapshot.teams[place.team].agents.append(updated) }
            }
            // Everything but the agents stays as the file has it.
            let owned: Set<String> = ["id", "name", "area", "headcount_start", "headcount_end", "hires", "transfers_in", "transfers_out", "leavers"]
            var kept: [String: [(key: String, value: SnapshotWriter.Plain)]] = [:]
            for team in folder.teams(name) {
                var members = team.members.filter { !owned.contains($0.key) }.map { ($0.key, SnapshotWriter.Plain($0.value)) }
                let agents = snapshot.teams.first { $0.id == team.id }?.agents ?? []
                if !agents.isEmpty {
                    let value = SnapshotWriter.Plain.array(agents.map(agentValue))
                    if let index = members.firstIndex(where: { $0.0 == "agents" }) { members[index].1 = value } else { members.append(("agents", value)) }
                }
                kept[team.id] = members
            }
            texts[name] = SnapshotWriter.text(period: period, teams: snapshot.teams, kept: kept)
        }
        guard !report.diagnostics.hasErrors else { return report }
        return RosterImport.finish(
            texts: texts, folder: folder, display: display, rosterPath: nil, options: options, report: report, rosterFile: nil, contentDirectory: contentDirectory)
    }

    static func number(_ value: Double) -> SnapshotWriter.Plain {
        .number(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)")
    }

    static func agentValue(_ agent: AgentMonth) -> SnapshotWriter.Plain {
        var members: [(String, SnapshotWriter.Plain)] = [("id", .string(agent.id)), ("hired", .string(agent.hired.description))]
        if let income = agent.income { members.append(("income", number(income))) }
        if let last = agent.lastOneOnOne { members.append(("last_one_on_one", .string(last.description))) }
        if !agent.flags.isEmpty {
            members.append(("flags", .array(agent.flags.map { flag in
                flag.date.map { .object([("flag", .string(flag.kind.rawValue)), ("date", .string($0.description))]) } ?? .string(flag.kind.rawValue)
            })))
        }
        members.append(("weeks", .array(agent.weeks.map { week in
            var fields: [(String, SnapshotWriter.Plain)] = [("week", .string(week.week.description))]
            if let value = week.quality { fields.append(("quality", number(value))) }
            if let value = week.sales { fields.append(("sales", number(value))) }
            if let value = week.efficiency { fields.append(("efficiency", number(value))) }
            if let value = week.breakMinutes { fields.append(("break_minutes", number(value))) }
            return .object(fields)
        })))
        return .object(members)
    }
}
