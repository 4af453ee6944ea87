import StaybookContent
import StaybookMetrics
import StaybookModel
import StaybookRender

/// `api/metrics.json`: the dashboards' numbers for other intranet tools, rates as fractions in full
/// double precision, keys sorted so the same snapshots always give the same bytes.
enum MetricsExport {
    static func json(_ dashboard: Dashboard) -> [UInt8] {
        func periods(_ series: ChurnSeries) -> JSONValue {
            var out: [String: JSONValue] = [:]
            for (period, figures) in series.months {
                out[period.description] = .sortedObject([
                    "average_headcount": .double(figures.averageHeadcount),
                    "leavers": .int(figures.leavers),
                    "churn": .double(figures.churn),
                    "voluntary_churn": .double(figures.voluntaryChurn),
                    "voluntary_leavers": .int(figures.voluntaryLeavers),
                    "headcount_end": .int(figures.headcountEnd),
                    "reasons": .sortedObject(
                        Dictionary(uniqueKeysWithValues: LeaveReason.allCases.map { ($0.rawValue, JSONValue.int(figures.reasons[$0] ?? 0)) })),
                    "tenure_at_exit": .sortedObject(
                        Dictionary(uniqueKeysWithValues: TenureBucket.allCases.map { bucket in
                            (bucket.key, JSONValue.int(figures.tenures.count { TenureBucket(days: $0) == bucket }))
                        })),
                    "early_leavers_30": .int(figures.earlyLeavers30),
                    "early_leavers_90": .int(figures.earlyLeavers90),
                    "hires": .int(figures.hires),
                ])
            }
            return .sortedObject(out)
        }
        func survival(_ curve: SurvivalCurve) -> JSONValue {
            .sortedObject([
                "d30": .double(curve.survival(at: 30)), "d90": .double(curve.survival(at: 90)), "d180": .double(curve.survival(at: 180)),
            ])
        }
        var areas: [String: JSONValue] = [:]
        for area in dashboard.areas {
            areas[area.key] = .sortedObject([
                "periods": periods(area), "trailing12_churn": .double(area.trailing12Churn), "target": .double(area.target),
                "survival": survival(area.survival), "teams": .list(dashboard.teams.filter { $0.area == area.key }.map { .string($0.key) }),
            ])
        }
        let head: [(key: String, value: JSONValue)] = [
            ("areas", .sortedObject(areas)),
            (
                "center",
                .sortedObject([
                    "periods": periods(dashboard.center), "trailing12_churn": .double(dashboard.center.trailing12Churn),
                    "survival": survival(dashboard.center.survival), "target": .double(dashboard.center.target),
                ])
            ),
            ("periods", .list(dashboard.periods.map { .string($0.description) })),
        ]
        // The teams are most of the file: each is made and written on any core, then put in key
        // order (the last of a key wins, as in a dictionary).
        var latest: [String: Int] = [:]
        for (index, team) in dashboard.teams.enumerated() { latest[team.key] = index }
        let teams = latest.sorted { $0.key < $1.key }.map { dashboard.teams[$0.value] }
        let written: [[UInt8]] = teams.parallelMap { team in
            var bytes: [UInt8] = []
            JSONValue.sortedObject([
                "name": .string(team.name), "area": .string(team.area ?? ""), "periods": periods(team),
                "trailing12_churn": .double(team.trailing12Churn), "survival": survival(team.survival),
                "target": .double(team.target), "months_above_target": .int(team.monthsAboveTarget),
            ]).write(into: &bytes, depth: 2)
            return bytes
        }
        var out: [UInt8] = []
        out.reserveCapacity(written.reduce(4096) { $0 + $1.count + 64 })
        JSONValue.writeObject(count: head.count + 1, into: &out, depth: 0, key: { $0 < head.count ? head[$0].key : "teams" }) { index, out in
            guard index == head.count else { return head[index].value.write(into: &out, depth: 1) }
            JSONValue.writeObject(count: teams.count, into: &out, depth: 1, key: { teams[$0].key }) { team, out in out += written[team] }
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }
}

/// `api/metrics-center.csv`, `-areas.csv`, `-teams.csv`: the monthly figures of `metrics.json` as
/// tables HR opens in Excel (UTF-8 with a byte-order mark so Chinese shows, CRLF), one row per
/// month and team or area; rates as fractions in full precision, as in the JSON; a month without a
/// snapshot has no row.
enum MetricsCSV {
    enum Level: String, CaseIterable {
        case center, areas, teams

        var path: SitePath { SitePath("api/metrics-\(rawValue).csv") }
    }

    /// - Parameter strings: the theme's words; each column heading is the reader's word
    ///   (`csv.<column>`) and the column's fixed machine name.
    static func text(_ dashboard: Dashboard, level: Level, strings: ThemeStrings) -> [UInt8] {
        func column(_ name: String) -> String { "\(strings["csv.\(name)"]) \(name)" }
        var header = [column("period")]
        switch level {
        case .center: break
        case .areas: header += [column("area")]
        case .teams: header += [column("team"), column("name"), column("area")]
        }
        header += [
            "average_headcount", "headcount_end", "hires", "leavers", "voluntary_leavers", "churn", "voluntary_churn", "early_leavers_30",
            "early_leavers_90",
        ].map(column)
        header += LeaveReason.allCases.map { "\(strings["reason.\($0.rawValue)"]) \($0.rawValue)" }
        header += TenureBucket.allCases.map { "\(strings.text("csv.tenure", ["days": $0.key])) tenure_\($0.key)" }
        var rows = [header]
        let series: [(ChurnSeries, [String])]
        switch level {
        case .center: series = [(dashboard.center, [])]
        case .areas: series = dashboard.areas.map { ($0, [$0.key]) }
        case .teams: series = dashboard.teams.map { ($0, [$0.key, $0.name, $0.area ?? ""]) }
        }
        for (entry, leading) in series {
            for (period, figures) in entry.months {
                var row = [period.description] + leading
                row += [
                    number(figures.averageHeadcount), "\(figures.headcountEnd)", "\(figures.hires)", "\(figures.leavers)", "\(figures.voluntaryLeavers)",
                    figures.churn.map(number) ?? "", figures.voluntaryChurn.map(number) ?? "", "\(figures.earlyLeavers30)", "\(figures.earlyLeavers90)",
                ]
                row += LeaveReason.allCases.map { "\(figures.reasons[$0] ?? 0)" }
                row += TenureBucket.allCases.map { bucket in "\(figures.tenures.count { TenureBucket(days: $0) == bucket })" }
                rows.append(row)
            }
        }
        return encode(rows)
    }

    /// Rows of fields as CSV bytes: UTF-8 with a byte-order mark, CRLF after every row. The one
    /// CSV writer of the site (the metrics tables and every chart's data table).
    static func encode(_ rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(rows.count * 64)
        for (index, row) in rows.enumerated() {
            if index > 0 { out += crlf }
            for (column, text) in row.enumerated() {
                if column > 0 { out.append(UInt8(ascii: ",")) }
                write(text, into: &out)
            }
        }
        out += crlf
        return out
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// The shortest text that reads back as the same double (as JSON writes it).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// RFC 4180: quoted when it holds a comma, a quote, a carriage return or a line feed (looked
    /// for as bytes, so a CRLF or a comma followed by a combining mark counts). Text starting with
    /// =, +, -, @, a tab or a carriage return would make Excel run it as a formula (OWASP, CSV
    /// injection): it gets a leading apostrophe. A number (-0.5) stays a number.
    static func write(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            let formula = bytes.first.map { "=+-@\t\r".utf8.contains($0) } ?? false
            let quoted = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quoted { out.append(UInt8(ascii: "\"")) }
            if formula, !isNumber(bytes) { out.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in bytes {
                    out.append(byte)
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// A plain decimal number ("-0.5", "1e-3"), not text that Swift happens to parse ("-inf", "-nan").
    static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { "0123456789.+-eE".utf8.contains($0) } && Double(String(decoding: bytes, as: UTF8.self)) != nil
    }
}
