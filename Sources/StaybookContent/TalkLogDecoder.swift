import CSV
import Foundation
import StaybookModel

/// Reads the talk log, `content/data/talks/*.csv`: one row per one-on-one that took place, with
/// the columns `agent,date,kind,by` (or 工号, 日期, 类型, 谈话人) in any order, as a team lead keeps
/// it in Excel and saves it (UTF-8 with or without BOM, or GB18030; comma or tab separated).
public enum TalkLogDecoder {
    public static let folder = "data/talks"

    /// Column → the header names it is found by (English, then Chinese).
    static let columns: [(key: String, names: [String], required: Bool)] = [
        ("agent", ["agent", "工号", "员工工号", "坐席工号"], true),
        ("date", ["date", "日期", "谈话日期"], true),
        ("kind", ["kind", "类型", "谈话类型"], false),
        ("by", ["by", "谈话人", "主谈人"], false),
    ]

    /// Every file of the folder, rows in file order.
    public static func load(contentDirectory: URL) -> ([TalkRecord], [Diagnostic]) {
        let directory = contentDirectory.appending(path: folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return ([], []) }
        var records: [TalkRecord] = []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let display = "content/\(folder)/\(name)"
            guard name.lowercased().hasSuffix(".csv") || name.lowercased().hasSuffix(".tsv") || name.lowercased().hasSuffix(".txt") else {
                diagnostics.append(.warning("not a talk log (only .csv files are read) and ignored", file: display, hint: "save the sheet as CSV"))
                continue
            }
            guard let bytes = SourceText.bytes(atPath: directory.appending(path: name).path) else {
                diagnostics.append(.error("the file cannot be read", file: display, hint: "check its permissions"))
                continue
            }
            let (rows, problems) = decode(bytes, file: display)
            records += rows
            diagnostics += problems
        }
        return (records, diagnostics)
    }

    /// One file's rows; each bad row is an error at its line and column, naming the column's header.
    public static func decode(_ bytes: [UInt8], file: String) -> ([TalkRecord], [Diagnostic]) {
        let text: String
        switch SpreadsheetText.decode(bytes, file: file) {
        case .failure(let problem): return ([], [problem])
        case .success(let decoded): text = decoded.text
        }
        let rows = CSVRows(text)
        guard let header = rows.first, !header.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return ([], [.error("the talk log is empty", file: file, line: 1, hint: "the first row names the columns: agent,date,kind,by")])
        }
        var diagnostics: [Diagnostic] = []
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let column = columns.first(where: { $0.names.contains(name) }) else { continue }
            if index[column.key] != nil {
                diagnostics.append(
                    .error("the column `\(column.key)` is given twice (column \(position + 1))", file: file, line: header.line, column: position + 1,
                        hint: "keep one of the two columns"))
            }
            index[column.key] = position
        }
        for column in columns where column.required && index[column.key] == nil {
            diagnostics.append(
                .error(
                    "the talk log has no `\(column.key)` column", file: file, line: header.line,
                    hint: "the first row names the columns: agent,date,kind,by (or 工号,日期,类型,谈话人)"))
        }
        guard let agentColumn = index["agent"], let dateColumn = index["date"], !diagnostics.hasErrors else { return ([], diagnostics) }
        var records: [TalkRecord] = []
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ position: Int?) -> String {
                guard let position, position < row.fields.count else { return "" }
                return row.fields[position].trimmingCharacters(in: .whitespaces)
            }
            let agent = field(agentColumn)
            let dateText = field(dateColumn)
            if agent.isEmpty {
                diagnostics.append(
                    .error("\(header.fields[agentColumn]): the agent is missing", file: file, line: row.line, column: agentColumn + 1,
                        hint: "write the agent's id (工号) as in the snapshots, e.g. E2001"))
                continue
            }
            guard let date = FlexibleDate.day(dateText) else {
                diagnostics.append(
                    .error(
                        "\(header.fields[dateColumn]): \(dateText.isEmpty ? "the date is missing" : "\"\(dateText.prefix(40))\" is not a real date")",
                        file: file, line: row.line, column: dateColumn + 1, hint: "write the date of the talk as 2026-10-08 (2026/10/8 and 2026年10月8日 work too)"))
                continue
            }
            records.append(TalkRecord(agent: agent, date: date, kind: field(index["kind"]), by: field(index["by"]), file: file, line: row.line))
        }
        return (records, diagnostics)
    }
}

/// The records of a CSV text with the line each starts on: cmark-like line numbers for errors even
/// when a quoted field holds line breaks. Parsing is CSV.swift's; a tab-separated file (Excel's
/// "Unicode text") is recognised by its header row.
public struct CSVRows: Sequence, Sendable {
    public struct Row: Sendable {
        public var fields: [String]
        public var line: Int
    }

    public let rows: [Row]

    public init(_ text: String) {
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: UnicodeScalar = firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
        var rows: [Row] = []
        guard let reader = try? CSVReader(string: text, delimiter: delimiter) else {
            self.rows = []
            return
        }
        var line = 1
        while let fields = reader.next() {
            rows.append(Row(fields: fields, line: line))
            // A record takes one line plus the line breaks inside its quoted fields.
            line += 1 + fields.reduce(0) { $0 + $1.utf8.count { $0 == UInt8(ascii: "\n") } }
        }
        self.rows = rows
    }

    public var first: Row? { rows.first }
    public func dropFirst() -> ArraySlice<Row> { rows.dropFirst() }
    public func makeIterator() -> IndexingIterator<[Row]> { rows.makeIterator() }
}

/// Dates as spreadsheets write them: `2026-10-08`, `2026-10-8`, `2026/10/8`, `2026.10.8`,
/// `2026年10月8日`; `nil` for anything else or a day that does not exist.
public enum FlexibleDate {
    public static func day(_ text: String) -> Day? {
        var parts: [Int] = []
        var current: Int?
        var separators: [Character] = []
        for character in text.trimmingCharacters(in: .whitespaces) {
            if let digit = character.wholeNumberValue, character.isASCII {
                current = (current ?? 0) * 10 + digit
                if current! > 9999 { return nil }
            } else {
                guard let value = current else { return nil }
                parts.append(value)
                separators.append(character)
                current = nil
            }
        }
        if let current { parts.append(current) }
        guard parts.count == 3 else { return nil }
        let allowed: [[Character]] = [["-", "-"], ["/", "/"], [".", "."], ["年", "月", "日"], ["年", "月"]]
        guard allowed.contains(separators), (1000...9999).contains(parts[0]) else { return nil }
        return Day(year: parts[0], month: parts[1], day: parts[2])
    }
}
