import StaybookContent
import StaybookModel

/// One stay of one employee in one team: a row of the roster.
public struct Stay: Sendable, Hashable {
    public enum End: String, Sendable, Hashable {
        case left, transfer
    }

    public var employee: String
    public var team: String
    public var teamName: String?
    public var area: String?
    /// The first day counted in the team's headcount: the hire, or the day a transfer arrived.
    public var start: Day
    /// The company hire date.
    public var hired: Day
    /// The first day no longer counted: the leave date, or the day the next stay began.
    public var end: Day?
    public var endType: End?
    public var voluntary: Bool?
    public var reason: LeaveReason?
    /// The row as Excel numbers it.
    public var row: Int
}

/// The roster's columns, found by their header in Chinese or English.
enum RosterColumn: String, CaseIterable {
    case employee, team, teamName, area, start, hired, end, endType, voluntary, reason

    var names: [String] {
        switch self {
        case .employee: ["工号", "employee_id", "员工工号", "employee id"]
        case .team: ["班组", "team", "班组编号", "team_id"]
        case .teamName: ["班组名称", "team_name"]
        case .area: ["片区", "area"]
        case .start: ["入组日期", "start"]
        case .hired: ["入职日期", "hired"]
        case .end: ["离组日期", "end"]
        case .endType: ["离组类型", "end_type"]
        case .voluntary: ["离职性质", "voluntary"]
        case .reason: ["离职原因", "reason"]
        }
    }

    var isRequired: Bool { [.employee, .team, .start].contains(self) }

    /// Finds each column's position; an unknown column is ignored (never read: a name, a phone).
    static func positions(_ header: [String]) -> [RosterColumn: Int] {
        var positions: [RosterColumn: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = name.trimmedCell.lowercased()
            if let column = allCases.first(where: { $0.names.contains(key) }), positions[column] == nil { positions[column] = index }
        }
        return positions
    }
}

/// Reads cells: dates in the forms spreadsheets write (an Excel serial included), reasons as codes
/// or their Chinese labels, 主动/被动 or true/false.
enum Cells {
    /// An Excel date serial (1900 system, where serial 60 is Excel's 29 February 1900, which never was).
    static func day(_ text: String) -> Day? {
        if let day = Day(text) ?? FlexibleDate.day(text) { return day }
        let trimmed = text.trimmedCell
        guard let serial = Double(trimmed), serial.isFinite, serial >= 61, serial < 2_958_466, serial == serial.rounded(.down) || trimmed.contains(".") else {
            return nil
        }
        // Serial 1 is 1900-01-01; past the phantom leap day, day n is 1899-12-30 + n.
        return Day(year: 1899, month: 12, day: 30)?.adding(days: Int(serial.rounded(.down)))
    }

    static func reason(_ text: String) -> LeaveReason? {
        let key = text.trimmedCell
        return LeaveReason(rawValue: key.lowercased()) ?? LeaveReason.allCases.first { $0.label == key }
    }

    static func voluntary(_ text: String) -> Bool? {
        switch text.trimmedCell.lowercased() {
        case "主动", "true", "是", "yes", "1": true
        case "被动", "false", "否", "no", "0": false
        default: nil
        }
    }

    static func endType(_ text: String) -> Stay.End? {
        switch text.trimmedCell.lowercased() {
        case "离职", "left", "leave": .left
        case "调岗", "transfer", "调出", "调动": .transfer
        default: nil
        }
    }
}

public enum RosterReader {
    /// Every stay of the sheet, and every mistake at its row and column (named by its header).
    public static func stays(_ sheet: Sheet) -> ([Stay], [Diagnostic]) {
        let positions = RosterColumn.positions(sheet.header)
        var diagnostics: [Diagnostic] = []
        for column in RosterColumn.allCases where column.isRequired && positions[column] == nil {
            diagnostics.append(
                .error(
                    "the roster has no \(column.names[0]) / \(column.names[1]) column", file: sheet.file, line: 1,
                    hint: "the first row names the columns: 工号, 班组, 入组日期 are required (or employee_id, team, start)"))
        }
        guard !diagnostics.hasErrors else { return ([], diagnostics) }
        func error(_ row: Int, _ column: RosterColumn, _ message: String, hint: String) {
            let position = positions[column] ?? 0
            let header = positions[column].map { sheet.header[$0].trimmedCell } ?? column.names[0]
            diagnostics.append(.error("\(header): \(message)", file: sheet.file, line: row, column: position + 1, hint: hint))
        }
        var stays: [Stay] = []
        stays.reserveCapacity(sheet.rows.count)
        for (number, cells) in sheet.rows {
            func cell(_ column: RosterColumn) -> String {
                guard let position = positions[column], position < cells.count else { return "" }
                return cells[position].trimmedCell
            }
            func date(_ column: RosterColumn) -> (Day?, ok: Bool) {
                let text = cell(column)
                guard !text.isEmpty else { return (nil, true) }
                guard let day = Cells.day(text) else {
                    error(number, column, "\"\(text.prefix(40))\" is not a real date", hint: "write the date as 2026-10-08 (2026/10/8, 2026年10月8日 and Excel dates work too)")
                    return (nil, false)
                }
                return (day, true)
            }
            let errorsBefore = diagnostics.count
            let employee = cell(.employee)
            if employee.isEmpty { error(number, .employee, "the employee id is missing", hint: "every row needs the 工号 of the person it is about") }
            let team = cell(.team)
            if team.isEmpty {
                error(number, .team, "the team is missing", hint: "write the team id (e.g. hz-1) the person was in")
            } else if !TeamID.isValid(team) {
                error(number, .team, "the team id \"\(team.prefix(40))\" is not usable in a web address",
                    hint: "use the team's id, lowercase letters, digits and single dashes (e.g. hz-1); its name goes in 班组名称")
            }
            let (start, startOK) = date(.start)
            if start == nil && startOK { error(number, .start, "the day the stay began is missing", hint: "write the day the person joined this team (the hire, or the transfer)") }
            let (hiredDay, _) = date(.hired)
            let (end, _) = date(.end)
            let endText = cell(.endType)
            var endType: Stay.End?
            if !endText.isEmpty {
                endType = Cells.endType(endText)
                if endType == nil { error(number, .endType, "\"\(endText.prefix(20))\" is not 离职 or 调岗", hint: "write 离职 (left the company) or 调岗 (moved to another team)") }
            }
            if end != nil, endText.isEmpty {
                error(number, .endType, "the stay ends but does not say how", hint: "write 离职 (left the company) or 调岗 (moved to another team)")
            }
            if end == nil, endType != nil, cell(.end).isEmpty {
                error(number, .end, "the stay ends (\(endText)) but has no 离组日期", hint: "write the leave date, or the day the next stay began")
            }
            var voluntary: Bool?
            var reason: LeaveReason?
            if endType == .left {
                let voluntaryText = cell(.voluntary)
                voluntary = Cells.voluntary(voluntaryText)
                if voluntary == nil {
                    error(number, .voluntary, voluntaryText.isEmpty ? "a leaver needs 主动 or 被动" : "\"\(voluntaryText.prefix(20))\" is not 主动 or 被动",
                        hint: "write 主动 (the person chose to leave) or 被动")
                }
                let reasonText = cell(.reason)
                reason = Cells.reason(reasonText)
                if reason == nil {
                    error(
                        number, .reason, reasonText.isEmpty ? "a leaver needs a reason" : "unknown reason \"\(reasonText.prefix(20))\"",
                        hint: "use one of: \(LeaveReason.allCases.map { "\($0.label) (\($0.rawValue))" }.joined(separator: ", "))")
                }
            }
            if let start, let end, end < start {
                error(number, .end, "the stay ends on \(end), before it starts on \(start)", hint: "one of the two dates is wrong: check the record")
            }
            let hired = hiredDay ?? start
            if let start, let hired, hired > start {
                error(number, .hired, "the hire date \(hired) is after the stay began on \(start)", hint: "the first stay begins on the hire date; check both")
            }
            guard diagnostics.count == errorsBefore, let start, let hired else { continue }
            let name = cell(.teamName)
            let area = cell(.area)
            stays.append(
                Stay(
                    employee: employee, team: team, teamName: name.isEmpty ? nil : name, area: area.isEmpty ? nil : area, start: start, hired: hired,
                    end: end, endType: endType, voluntary: voluntary, reason: reason, row: number))
        }
        diagnostics += consistency(stays, sheet: sheet, positions: positions)
        return (stays, diagnostics)
    }

    /// Checks across rows: an employee's stays may not overlap, and a transfer continues in a stay
    /// that begins on the day it ends.
    static func consistency(_ stays: [Stay], sheet: Sheet, positions: [RosterColumn: Int]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func header(_ column: RosterColumn) -> String { positions[column].map { sheet.header[$0].trimmedCell } ?? column.names[0] }
        func place(_ column: RosterColumn) -> Int { (positions[column] ?? 0) + 1 }
        let byEmployee = Dictionary(grouping: stays.indices, by: { stays[$0].employee })
        for indices in byEmployee.values {
            let ordered = indices.sorted { (stays[$0].start, stays[$0].row) < (stays[$1].start, stays[$1].row) }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) {
                let a = stays[earlier]
                let b = stays[later]
                if a.end == nil || a.end! > b.start {
                    diagnostics.append(
                        .error(
                            "\(header(.start)): the employee \(b.employee)'s stay in \(b.team) from \(b.start) overlaps the stay in \(a.team) of row \(a.row) (from \(a.start)\(a.end.map { " to \($0)" } ?? ", still going on"))",
                            file: sheet.file, line: b.row, column: place(.start),
                            hint: "one person is in one team at a time: end the earlier stay (离组日期, 调岗) on the day this one begins"))
                }
            }
            for (position, index) in ordered.enumerated() {
                let stay = stays[index]
                let arrivesByTransfer = ordered.contains { stays[$0].endType == .transfer && stays[$0].end == stay.start }
                if position > 0, !arrivesByTransfer, stay.start != stay.hired {
                    diagnostics.append(
                        .error(
                            "\(header(.start)): the stay of \(stay.employee) in \(stay.team) begins on \(stay.start), but no earlier stay ends with 调岗 that day",
                            file: sheet.file, line: stay.row, column: place(.start),
                            hint: "a later stay follows a transfer: end the earlier stay with 调岗 on \(stay.start); a person hired again needs the new hire date in 入职日期"))
                }
                guard stay.endType == .transfer, let end = stay.end else { continue }
                if !ordered.contains(where: { stays[$0].start == end && $0 != index }) {
                    diagnostics.append(
                        .error(
                            "\(header(.endType)): the transfer of \(stay.employee) on \(end) has no next stay beginning that day", file: sheet.file, line: stay.row,
                            column: place(.endType), hint: "add the row of the team the person moved to, starting \(end), or write 离职 if they left"))
                }
            }
        }
        return diagnostics.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }
}
