import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Three monthly snapshots small enough to work out by hand (site target 4 %):
///
/// | month | a (东区) start→end, hires, leavers | c (东区) | b (西区) |
/// |---|---|---|---|
/// | 2026-01 | 20→21, H1 H2 hired 01-03, L1 (since 2020) left | 5→5 | 10→10 |
/// | 2026-02 | 21→20, H1 left 02-01 (29 days) | 5→5 | 10→9, L2 (since 2019) left |
/// | 2026-03 | 20→20, H3 hired 03-03, L3 (hired 2025-12-01) left 03-20 (109 days) | 5→5 | 9→9 |
///
/// Every leaver is voluntary with reason `pressure` (工作压力).
enum PlaybookDataFixture {
    static let snapshots: [String: String] = [
        "content/data/snapshots/2026-01.json": snapshotJSON(
            "2026-01",
            [
                ("a", "东区", 20, ["H1", "H2"], [("L1", "2020-05-01", "2026-01-15")]), ("c", "东区", 5, [], []),
                ("b", "西区", 10, [], []),
            ]),
        "content/data/snapshots/2026-02.json": snapshotJSON(
            "2026-02",
            [
                ("a", "东区", 21, [], [("H1", "2026-01-03", "2026-02-01")]), ("c", "东区", 5, [], []),
                ("b", "西区", 10, [], [("L2", "2019-01-01", "2026-02-10")]),
            ]),
        "content/data/snapshots/2026-03.json": snapshotJSON(
            "2026-03",
            [
                ("a", "东区", 20, ["H3"], [("L3", "2025-12-01", "2026-03-20")]), ("c", "东区", 5, [], []),
                ("b", "西区", 9, [], []),
            ]),
    ]

    static let config = "title: 测试手册\ntarget_churn: 0.04\n"

    /// The snapshots, the config and `files`.
    static func project(_ files: [String: String], config: String = config) throws -> TestProject {
        var all = snapshots
        all["content/site.yml"] = config
        all.merge(files) { _, new in new }
        return try TestProject(all)
    }
}

/// The text of `html` from the first `start` (included) to the next `end` (excluded), or to the end.
func excerpt(of html: String, from start: String, to end: String? = nil) -> String? {
    guard let from = html.range(of: start) else { return nil }
    let rest = html[from.lowerBound...]
    guard let end, let to = rest.range(of: end, range: from.upperBound..<rest.endIndex) else { return String(rest) }
    return String(rest[..<to.lowerBound])
}

/// The row heads (`<th scope="row">…</th>`) of a table, in order.
func rowHeads(in html: String) -> [String] {
    html.components(separatedBy: "<th scope=\"row\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
}

@Suite struct PlaybookDataSiteTests {
    /// A chart block.
    static func chart(_ lines: String...) -> String {
        "```chart\n" + lines.joined(separator: "\n") + "\n```\n\n"
    }

    /// The chart embeds of a page, in order.
    static func charts(in html: String) -> [String] {
        html.components(separatedBy: "<div class=\"chart-block\">").dropFirst().map { String($0) }
    }

    @Test func everyChartTypeRendersForTheCenterATeamAndAnArea() throws {
        let subjects: [(line: String?, caption: String, dashboard: String)] = [
            (nil, "全中心 · 数据截至 2026年3月", "../../dashboards/index.html"),
            ("team: a", "a组 · 数据截至 2026年3月", "../../dashboards/teams/a/index.html"),
            ("area: 东区", "东区 · 数据截至 2026年3月", "../../dashboards/areas/%E4%B8%9C%E5%8C%BA/index.html"),
        ]
        let types = ["churn", "headcount", "flow", "reasons", "tenure", "survival"]
        var body = "# 数据\n\n"
        for type in types {
            for subject in subjects {
                body += Self.chart(["type: \(type)", subject.line].compactMap { $0 }.joined(separator: "\n"))
            }
        }
        let project = try PlaybookDataFixture.project(["content/basics/data.md": body])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let html = try project.read("basics/data/index.html")
        // Every block was replaced: no code block is left, not even the chart's YAML.
        #expect(!html.contains("<pre"))
        #expect(!html.contains("type: churn"))
        let charts = Self.charts(in: html)
        try #require(charts.count == types.count * subjects.count)
        for (index, chart) in charts.enumerated() {
            let (type, subject) = (types[index / subjects.count], subjects[index % subjects.count])
            let label = "\(type) \(subject.line ?? "center")"
            #expect(chart.contains("<svg ") && chart.contains("role=\"img\""), "\(label)")
            #expect(chart.contains("<details class=\"chart-data\">"), "\(label)")
            #expect(chart.contains("<figcaption>\(subject.caption) · <a href=\"\(subject.dashboard)\">查看数据看板</a></figcaption>"), "\(label)")
        }
        // The dashboards exist where the embeds link.
        for page in ["dashboards/index.html", "dashboards/teams/a/index.html", "dashboards/areas/东区/index.html"] {
            #expect(project.exists(page), "\(page)")
        }
    }

    @Test func chartTablesHoldTheMonthsFigures() throws {
        let body = "# 数据\n\n"
            + Self.chart("type: churn", "team: a") + Self.chart("type: headcount") + Self.chart("type: flow", "area: 东区")
            + Self.chart("type: reasons", "team: a") + Self.chart("type: tenure") + Self.chart("type: survival", "title: 新人还在吗")
        let project = try PlaybookDataFixture.project(["content/basics/data.md": body])
        #expect(project.build().succeeded)
        let charts = Self.charts(in: try project.read("basics/data/index.html"))
        try #require(charts.count == 6)
        func row(_ head: String, _ cells: String...) -> String {
            "<tr><th scope=\"row\">\(head)</th>" + cells.map { "<td class=\"align-right\">\($0)</td>" }.joined() + "</tr>"
        }
        // a in March: average (20 + 20) / 2, one hire, one leaver: 1 / 20 = 5.0 %; L3 stayed 109 days.
        #expect(charts[0].contains(row("2026年3月", "20", "1", "1", "5.0%", "5.0%", "0", "0")))
        // a in February: H1 left after 29 days, 1 / 20.5 = 4.9 %.
        #expect(charts[0].contains(row("2026年2月", "20.5", "0", "1", "4.9%", "4.9%", "1", "1")))
        // Newest first.
        #expect(rowHeads(in: charts[0]) == ["2026年3月", "2026年2月", "2026年1月"])
        // The center ends March with 20 + 5 + 9 people.
        #expect(charts[1].contains(row("2026年3月", "34", "1", "1")))
        #expect(charts[1].contains(row("2026年1月", "36", "2", "1")))
        // 东区 (a + c) in February: no hire, H1 left.
        #expect(charts[2].contains(row("2026年2月", "0", "1")))
        // a's three leavers over the default 12 months all gave 工作压力.
        #expect(charts[3].contains(row("工作压力", "3", "100.0%")))
        #expect(rowHeads(in: charts[3]) == ["工作压力"])
        // Tenure at exit in the center: H1 29 days, L3 109 days, L1 and L2 several years.
        #expect(charts[4].contains(row("30 天内", "1")))
        #expect(charts[4].contains(row("31–90 天", "0")))
        #expect(charts[4].contains(row("91–180 天", "1")))
        #expect(charts[4].contains(row("1 年以上", "2")))
        // Survival of H1 (left on day 29), H2 (still there after 87 days), H3 (28 days): half at 30 days,
        // nobody followed to 90.
        #expect(charts[5].contains(row("30 天", "50.0%")))
        #expect(charts[5].contains(row("90 天", "—")))
        #expect(charts[5].contains(row("180 天", "—")))
        // `title:` replaces the chart's own title and names the table.
        #expect(charts[5].contains(">新人还在吗</title>"))
        #expect(charts[5].contains("aria-label=\"新人还在吗 数据表\""))
    }

    @Test func monthsKeepsOnlyTheLatestMonthsInTheTable() throws {
        let body = "# 数据\n\n" + Self.chart("type: churn", "team: a") + Self.chart("type: churn", "team: a", "months: 2")
            + Self.chart("type: flow", "months: 1") + Self.chart("type: reasons", "team: a", "months: 1")
        let project = try PlaybookDataFixture.project(["content/basics/data.md": body])
        #expect(project.build().succeeded)
        let charts = Self.charts(in: try project.read("basics/data/index.html"))
        try #require(charts.count == 4)
        #expect(rowHeads(in: charts[0]) == ["2026年3月", "2026年2月", "2026年1月"])
        #expect(rowHeads(in: charts[1]) == ["2026年3月", "2026年2月"])
        #expect(rowHeads(in: charts[2]) == ["2026年3月"])
        // The chart is drawn over the same months: January is no longer an axis label.
        #expect(charts[0].contains(">2026年1月<"))
        #expect(!charts[1].contains(">2026年1月<"))
        // Reasons over the latest month only: L3 alone.
        #expect(charts[3].contains("<tr><th scope=\"row\">工作压力</th><td class=\"align-right\">1</td><td class=\"align-right\">100.0%</td></tr>"))
    }

    /// The figure HTML of every `` `=…` `` span of `body`, in order.
    func figures(_ spans: [String]) throws -> [String] {
        let body = "# 数字\n\n" + spans.map { "- `=\($0)`\n" }.joined()
        let project = try PlaybookDataFixture.project(["content/basics/figures.md": body])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("basics/figures/index.html")
        let list = try #require(excerpt(of: html, from: "<ul>", to: "</ul>"))
        let items = list.components(separatedBy: "<li>").dropFirst().map { $0.components(separatedBy: "</li>")[0] }
        #expect(items.count == spans.count)
        return items
    }

    @Test func everyFigureOfTheCenterHasItsHandComputedValue() throws {
        let names = [
            "period", "churn", "voluntary-churn", "trailing-churn", "target", "headcount", "hires", "leavers", "early-leavers",
            "teams", "teams-above-target", "survival-30", "survival-90", "survival-180",
        ]
        let items = try figures(names)
        try #require(items.count == names.count)
        let expected = [
            "<time class=\"figure\" datetime=\"2026-03\">2026年3月</time>",
            // March: one leaver over 20 + 5 + 9.
            "<data class=\"figure\" value=\"0.0294118\" title=\"全中心 2026年3月 月流失率\">2.9%</data>",
            "<data class=\"figure\" value=\"0.0294118\" title=\"全中心 2026年3月 主动流失率\">2.9%</data>",
            // Four leavers over the mean of 35.5, 35 and 34.
            "<data class=\"figure\" value=\"0.114833\" title=\"全中心 2026年3月 近 12 个月流失率\">11.5%</data>",
            "<data class=\"figure\" value=\"0.04\" title=\"全中心 2026年3月 月流失率目标\">4.0%</data>",
            "<data class=\"figure\" value=\"34\" title=\"全中心 2026年3月 月末人数\">34</data>",
            "<data class=\"figure\" value=\"1\" title=\"全中心 2026年3月 当月入职人数\">1</data>",
            "<data class=\"figure\" value=\"1\" title=\"全中心 2026年3月 当月离职人数\">1</data>",
            "<data class=\"figure\" value=\"0\" title=\"全中心 2026年3月 当月离职者中司龄不满 30 天的人数\">0</data>",
            "<data class=\"figure\" value=\"3\" title=\"全中心 2026年3月 班组数\">3</data>",
            // Only a (5 %) is above 4 % in March.
            "<data class=\"figure\" value=\"1\" title=\"全中心 2026年3月 当月流失率高于目标的班组数\">1</data>",
            "<data class=\"figure\" value=\"0.5\" title=\"全中心 2026年3月 新员工 30 天留存率\">50.0%</data>",
            // Nobody was followed 90 days (the longest is H2's 87): no value, and the span says so.
            "<span class=\"figure\" title=\"全中心 2026年3月 新员工 90 天留存率（数据不足）\">—</span>",
            "<span class=\"figure\" title=\"全中心 2026年3月 新员工 180 天留存率（数据不足）\">—</span>",
        ]
        for (name, (item, want)) in zip(names, zip(items, expected)) {
            #expect(item == want, "=\(name)")
        }
    }

    @Test func figuresOfATeamAnAreaAndAnEarlierMonth() throws {
        let items = try figures([
            "churn team:a", "trailing-churn team:a", "headcount team:b", "early-leavers team:a period:2026-02",
            "churn area:东区", "teams area:东区", "teams-above-target period:2026-02", "teams-above-target area:东区 period:2026-02",
            "period team:b period:2026-01", "leavers area:西区 period:2026-02", "survival-30 area:西区",
        ])
        try #require(items.count == 11)
        #expect(items[0] == "<data class=\"figure\" value=\"0.05\" title=\"a组 2026年3月 月流失率\">5.0%</data>")
        // a: three leavers over the mean of 20.5, 20.5 and 20.
        #expect(items[1] == "<data class=\"figure\" value=\"0.147541\" title=\"a组 2026年3月 近 12 个月流失率\">14.8%</data>")
        #expect(items[2] == "<data class=\"figure\" value=\"9\" title=\"b组 2026年3月 月末人数\">9</data>")
        #expect(items[3] == "<data class=\"figure\" value=\"1\" title=\"a组 2026年2月 当月离职者中司龄不满 30 天的人数\">1</data>")
        // 东区 in March: one leaver over 20 + 5.
        #expect(items[4] == "<data class=\"figure\" value=\"0.04\" title=\"东区 2026年3月 月流失率\">4.0%</data>")
        #expect(items[5] == "<data class=\"figure\" value=\"2\" title=\"东区 2026年3月 班组数\">2</data>")
        // February: a 1 / 20.5 and b 1 / 9.5 are above 4 %, c is not; of 东区 only a.
        #expect(items[6] == "<data class=\"figure\" value=\"2\" title=\"全中心 2026年2月 当月流失率高于目标的班组数\">2</data>")
        #expect(items[7] == "<data class=\"figure\" value=\"1\" title=\"东区 2026年2月 当月流失率高于目标的班组数\">1</data>")
        #expect(items[8] == "<time class=\"figure\" datetime=\"2026-01\">2026年1月</time>")
        #expect(items[9] == "<data class=\"figure\" value=\"1\" title=\"西区 2026年2月 当月离职人数\">1</data>")
        // 西区 hired nobody: nothing to follow.
        #expect(items[10] == "<span class=\"figure\" title=\"西区 2026年3月 新员工 30 天留存率（数据不足）\">—</span>")
    }

    @Test func aDoubledEqualsSignKeepsTheCodeSpan() throws {
        let project = try PlaybookDataFixture.project(["content/basics/figures.md": "# 数字\n\n写 `==churn team:a` 显示月流失率。\n"])
        #expect(project.build().succeeded)
        let html = try project.read("basics/figures/index.html")
        #expect(html.contains("<code>=churn team:a</code>"))
        #expect(!html.contains("class=\"figure\""))
    }

    @Test func unknownNamesAreErrorsAtTheirLines() throws {
        let page = """
            ---
            title: 错误
            ---
            正文 `=churn team:zz` 。

            ```chart
            type: churn
            area: 北区
            ```

            `=bogus`

            ```chart
            type: pie
            ```

            """
        let project = try PlaybookDataFixture.project(["content/basics/bad.md": page])
        let report = project.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.errors
        #expect(errors.map(\.message) == ["unknown team `zz`", "unknown area `北区`", "unknown figure `bogus`", "unknown chart type `pie`"])
        #expect(errors.map(\.file) == Array(repeating: "content/basics/bad.md", count: 4))
        #expect(errors.map(\.line) == [4, 8, 11, 14])
        // The hints name what exists.
        #expect(errors.first?.hint == "use a team id of the snapshots: a, c, b")
        #expect(errors[1].hint?.contains("东区") == true && errors[1].hint?.contains("西区") == true)
        #expect(!project.exists("index.html"))
    }

    @Test func chartsAndFiguresNeedSnapshots() throws {
        let page = "---\ntitle: 没有数据\n---\n本月 `=churn`。\n\n```chart\ntype: flow\n```\n"
        let project = try TestProject(["content/basics/nodata.md": page])
        let report = project.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.errors
        #expect(errors.map(\.message) == Array(repeating: "this page shows numbers, but the site has no snapshots", count: 2))
        #expect(errors.map(\.location) == ["content/basics/nodata.md:4", "content/basics/nodata.md:6"])
        #expect(errors.allSatisfy { $0.severity == .error })
    }

    @Test func aBrokenEmbedKeepsThePreviousSite() throws {
        let project = try PlaybookDataFixture.project([
            "content/basics/data.md": "# 数据\n\n本月 `=churn team:a`。\n\n" + Self.chart("type: churn", "team: a")
        ])
        #expect(project.build().succeeded)
        let files = project.outputFiles()
        #expect(files.contains("basics/data/index.html"))
        let before = try project.read("basics/data/index.html")
        #expect(before.contains(">5.0%</data>"))
        // A team that does not exist, and a new page beside it.
        try project.write("content/basics/data.md", "# 数据\n\n本月 `=churn team:zz`。\n")
        try project.write("content/basics/new.md", "# 新页\n")
        let report = project.build()
        #expect(report.diagnostics.errors.map(\.location) == ["content/basics/data.md:3"])
        #expect(project.outputFiles() == files)
        #expect(try project.read("basics/data/index.html") == before)
        #expect(!project.exists("basics/new/index.html"))
    }
}
