import Foundation
import StaybookModel

/// The data table under a chart, as the page shows it and as its CSV download holds it: one value
/// per cell, in two spellings. `shown` is the table's text (8.3%); `value` is the CSV's number, in
/// full precision, rates as fractions (0.0833…) as in `api/metrics.json` and the metrics CSVs.
struct ChartTable: Sendable, Hashable {
    struct Cell: Sendable, Hashable {
        var shown: String
        var value: String

        static func count(_ value: Int) -> Cell { Cell(shown: String(value), value: String(value)) }
        /// A plain number, shown with at most one decimal.
        static func number(_ value: Double) -> Cell { Cell(shown: Format.number(value), value: MetricsCSV.number(value)) }
        /// A fraction shown as a percentage; a missing rate is "—" in the table and empty in the CSV.
        static func rate(_ value: Double?) -> Cell {
            Cell(shown: Format.percent(value), value: value.flatMap { $0.isFinite ? MetricsCSV.number($0) : nil } ?? "")
        }
    }

    struct Row: Sendable, Hashable {
        /// The row heading (a month, a reason).
        var head: String
        /// `nil`: a month without a snapshot (one "no data" cell in the table, empty cells in the CSV).
        var cells: [Cell]?
    }

    /// The column headings, the row heading's first.
    var columns: [String]
    var rows: [Row]

    /// RFC 4180 text for Excel: UTF-8 with a byte-order mark, CRLF, the table's headings as the
    /// first row, formula-like text neutralised (`MetricsCSV.encode`).
    func csv() -> [UInt8] {
        MetricsCSV.encode(
            [columns] + rows.map { row in [row.head] + (row.cells?.map(\.value) ?? Array(repeating: "", count: columns.count - 1)) })
    }

    /// The values of the `chart-table` partial: the table, its label and the link to its CSV.
    func context(label: String, csvURL: String) -> [String: Any] {
        [
            "tableLabel": label, "csvURL": csvURL, "rows": templateRows,
            "columns": columns.enumerated().map { ["name": $1, "isHead": $0 == 0] },
        ]
    }

    /// The rows for a generic table template (`chart-embed`, the `chart-table` partial).
    var templateRows: [[String: Any]] {
        rows.map { row in
            guard let cells = row.cells else { return ["head": row.head, "missing": true, "span": columns.count - 1] }
            return ["head": row.head, "missing": false, "cells": cells.map(\.shown)]
        }
    }
}

/// The CSV downloads of every chart table a render made, gathered from pages rendered in parallel
/// (a chart embedded in a playbook is only found while its page renders) and written once at the
/// end. A path names its table's content (subject, kind, months), so two pages embedding the same
/// chart share one file (the same bytes; should two tables ever differ, the smaller CSV wins, so
/// the output never depends on which page rendered first).
final class ChartDownloads: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [SitePath: ChartTable] = [:]

    func add(_ table: ChartTable, at path: SitePath) {
        JobUsage.current?.downloads.append(Download(table: table, path: path))
        lock.withLock {
            if let held = tables[path], held == table || held.csv().lexicographicallyPrecedes(table.csv()) { return }
            tables[path] = table
        }
    }

    /// Adds every table of `other` (a render's own downloads, gathered apart).
    func add(_ other: ChartDownloads) {
        for (path, table) in other.lock.withLock({ other.tables }) { add(table, at: path) }
    }

    /// Every table with its path.
    var all: [Download] {
        lock.withLock { tables.map { Download(table: $0.value, path: $0.key) } }
    }

    /// The files, in path order.
    func files() -> [OutputFile] {
        lock.withLock { tables.sorted { $0.key.value < $1.key.value } }.map { OutputFile(path: $0.key, contents: .bytes($0.value.csv())) }
    }

    /// Where the CSV of a chart sits: beside the page it belongs to (a series' dashboard page, a
    /// contest's page), named by the chart's kind and, when not the default, its number of months
    /// (`dashboards/teams/hz-1/churn.csv`, `dashboards/flow-6m.csv`). A page that is not a folder's
    /// `index.html` prefixes its own name (`a/b.html` → `a/b-scores.csv`).
    static func path(dashboardPage page: SitePath, kind: String, months: Int? = nil) -> SitePath {
        let name = kind + (months.map { "-\($0)m" } ?? "") + ".csv"
        if page.value == "index.html" { return SitePath(name) }
        if page.value.hasSuffix("/index.html") { return SitePath(String(page.value.dropLast("index.html".count)) + name) }
        let stem = page.value.hasSuffix(".html") ? String(page.value.dropLast(".html".count)) : page.value
        return SitePath(stem + "-" + name)
    }
}

/// One chart table and where its CSV goes.
struct Download: Sendable, Hashable {
    var table: ChartTable
    var path: SitePath
}
