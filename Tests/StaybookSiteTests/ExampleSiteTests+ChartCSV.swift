import Foundation
import StaybookContent
import Testing

/// One data table of a page (`<details class="chart-data">`): its headings, its rows as cell
/// texts (a month without data is `nil`), and the CSV links beside it.
struct PageChartTable {
    var columns: [String]
    var rows: [[String]?]
    var links: [String]

    /// Every chart data table of `html`.
    static func all(in html: String) -> [PageChartTable] {
        html.components(separatedBy: "<details class=\"chart-data\">").dropFirst().map { chunk in
            let block = chunk.components(separatedBy: "</details>")[0]
            let head = block.components(separatedBy: "<thead>").dropFirst().first?.components(separatedBy: "</thead>")[0] ?? ""
            let body = block.components(separatedBy: "<tbody>").dropFirst().first?.components(separatedBy: "</tbody>")[0] ?? ""
            let rows = body.components(separatedBy: "<tr").dropFirst().map { row -> [String]? in
                if row.contains("colspan=") { return nil }
                return cells(row)
            }
            let links = matches(#"<p class="chart-csv"><a href="([^"]+)" download>"#, in: block)
            return PageChartTable(columns: cells(head), rows: rows, links: links)
        }
    }

    /// The texts of the `<th>` and `<td>` cells of one row, tags dropped (`<br>` as a space).
    static func cells(_ row: String) -> [String] {
        matches(#"<t[hd][^>]*>(.*?)</t[hd]>"#, in: row).map { cell in
            var text = cell.replacingOccurrences(of: "<br>", with: " ")
            text = text.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            return text
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// Whether a CSV field holds what the table shows: a percentage is the same fraction rounded
    /// as the table rounds it, a number the same number, "—" an empty field, text the same text
    /// (with the apostrophe that keeps Excel from running a formula).
    static func agrees(csv: String, html: String) -> Bool {
        if html == "—" { return csv.isEmpty }
        if html.hasSuffix("%"), Double(html.dropLast()) != nil {
            guard let value = Double(csv) else { return false }
            return String(format: "%.1f%%", value * 100) == html
        }
        if Double(html) != nil {
            guard let value = Double(csv) else { return false }
            return (value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)) == html
        }
        if let first = html.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { return csv == "'" + html }
        return csv == html
    }

    /// The problems of `csv` (the downloaded bytes) against this table, for `page`.
    func problems(csv bytes: Data, page: String) -> [String] {
        var problems: [String] = []
        guard bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return ["\(page): CSV without a byte-order mark"] }
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        if !text.hasSuffix("\r\n") || text.replacingOccurrences(of: "\r\n", with: "").contains("\n") {
            problems.append("\(page): CSV lines must end in CRLF")
        }
        let table = CSVRows(text).rows.map(\.fields)
        guard let header = table.first else { return ["\(page): empty CSV"] }
        if header != columns { problems.append("\(page): CSV header \(header) ≠ table headings \(columns)") }
        let body = Array(table.dropFirst())
        if body.count != rows.count { problems.append("\(page): CSV has \(body.count) rows, the table \(rows.count)") }
        for (number, (fields, row)) in zip(body, rows).enumerated() {
            guard fields.count == columns.count else {
                problems.append("\(page): CSV row \(number + 2) has \(fields.count) fields for \(columns.count) columns")
                continue
            }
            guard let row else {
                // A month without data: its heading, then nothing.
                if fields.dropFirst().contains(where: { !$0.isEmpty }) { problems.append("\(page): CSV row \(number + 2) should be empty: \(fields)") }
                continue
            }
            for (column, (field, cell)) in zip(fields, row).enumerated() where !Self.agrees(csv: field, html: cell) {
                problems.append("\(page): CSV row \(number + 2), \(columns[column]): \"\(field)\" but the table shows \"\(cell)\"")
            }
        }
        return problems
    }
}

extension ExampleSiteTests {
    /// Every chart's data table has exactly one CSV download beside it, and that file holds the
    /// table: the same headings, rows and numbers, cell by cell.
    @Test func everyChartTableDownloadsAsTheSameCSV() throws {
        _ = Self.report
        var tables = 0
        var problems: [String] = []
        for page in files() {
            let html = try String(contentsOf: Self.output.appending(path: page), encoding: .utf8)
            let folder = Self.output.appending(path: page).deletingLastPathComponent()
            for table in PageChartTable.all(in: html) {
                tables += 1
                guard table.links.count == 1 else {
                    problems.append("\(page): a chart table with \(table.links.count) CSV links")
                    continue
                }
                let path = try #require(table.links[0].removingPercentEncoding)
                guard let bytes = FileManager.default.contents(atPath: folder.appending(path: path).standardizedFileURL.path) else {
                    problems.append("\(page): \(table.links[0]) does not exist")
                    continue
                }
                problems += table.problems(csv: bytes, page: "\(page) → \(path)")
            }
        }
        #expect(tables > 30, "the example has charts with tables on the dashboards, playbooks and contests")
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    /// The comparison itself catches a wrong number, a wrong rounding and a missing apostrophe.
    @Test func theCSVComparisonCanFail() {
        let table = PageChartTable(columns: ["月份", "流失率", "班组"], rows: [["2026-10", "8.3%", "=1+1"], nil], links: [])
        let good = Data([0xEF, 0xBB, 0xBF] + Array("月份,流失率,班组\r\n2026-10,0.0833,'=1+1\r\n2026-09,,\r\n".utf8))
        #expect(table.problems(csv: good, page: "p").isEmpty)
        for bad in ["2026-10,0.0844,'=1+1\r\n2026-09,,\r\n", "2026-10,0.0833,=1+1\r\n2026-09,,\r\n", "2026-10,0.0833,'=1+1\r\n2026-09,1,\r\n", "2026-10,0.0833,'=1+1\n2026-09,,\r\n"] {
            let bytes = Data([0xEF, 0xBB, 0xBF] + Array("月份,流失率,班组\r\n\(bad)".utf8))
            #expect(!table.problems(csv: bytes, page: "p").isEmpty, "\(bad)")
        }
    }
}
