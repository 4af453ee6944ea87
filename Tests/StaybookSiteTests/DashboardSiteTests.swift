import Foundation
import StaybookContent
import StaybookModel
import StaybookSite
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A snapshot file for tests: each team is (id, area, start, hires, leavers as (id, hired, left)).
func snapshotJSON(_ period: String, _ teams: [(id: String, area: String, start: Int, hires: [String], leavers: [(String, String, String)])]) -> String {
    let items = teams.map { team -> String in
        let hires = team.hires.map { "{\"id\": \"\($0)\", \"hired\": \"\(period)-03\"}" }.joined(separator: ", ")
        let leavers = team.leavers.map {
            "{\"id\": \"\($0.0)\", \"hired\": \"\($0.1)\", \"left\": \"\($0.2)\", \"voluntary\": true, \"reason\": \"pressure\"}"
        }.joined(separator: ", ")
        let end = team.start + team.hires.count - team.leavers.count
        return """
            {"id": "\(team.id)", "name": "\(team.id)组", "area": "\(team.area)", "headcount_start": \(team.start), "headcount_end": \(end),
             "hires": [\(hires)], "leavers": [\(leavers)]}
            """
    }
    return "{\"period\": \"\(period)\", \"teams\": [\n\(items.joined(separator: ",\n"))\n]}\n"
}

@Suite struct DashboardSiteTests {
    func fixture(target: Bool = true) throws -> TestProject {
        try TestProject([
            "content/site.yml": "title: 测试手册\n" + (target ? "target_churn: 0.05\n" : ""),
            "content/a.md": "# 甲\n",
            "content/data/snapshots/2026-01.json": snapshotJSON(
                "2026-01",
                [("a", "东区", 20, ["E100", "E101"], [("E001", "2020-05-01", "2026-01-15")]), ("b", "东区", 10, [], [])]),
            "content/data/snapshots/2026-02.json": snapshotJSON(
                "2026-02", [("a", "东区", 21, [], [("E100", "2026-01-03", "2026-02-01")]), ("b", "东区", 10, [], [])]),
            "content/data/snapshots/2026-04.json": snapshotJSON(
                "2026-04", [("a", "东区", 20, [], []), ("b", "东区", 10, [], [("E002", "2019-01-01", "2026-04-30")])]),
        ])
    }

    @Test func buildsDashboardsWithAGapWarning() throws {
        let project = try fixture()
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.map(\.message) == ["no snapshot for 2026-03: the charts show a gap there"])
        #expect(report.diagnostics.first?.file == "content/data/snapshots/2026-04.json")
        for page in ["dashboards/index.html", "dashboards/formulas/index.html", "dashboards/teams/a/index.html", "dashboards/areas/东区/index.html"] {
            #expect(project.exists(page), "\(page)")
        }
        let home = try project.read("dashboards/index.html")
        #expect(home.contains("以下月份没有数据快照，图表中留空：2026年3月"))
        let team = try project.read("dashboards/teams/a/index.html")
        #expect(team.contains("<tr class=\"is-missing\"><th scope=\"row\">2026年3月</th>"))
        // The handbook's sidebar links the dashboards.
        #expect(try project.read("a/index.html").contains(">数据看板</a>"))
    }

    /// The value at `path` in a JSON document (object keys only), read exactly: Foundation's parser
    /// on Linux rounds doubles.
    func value(_ node: JSONNode, _ path: String...) -> JSONValue? {
        var current = node
        for key in path {
            guard case .object(let members) = current.value, let next = members.first(where: { $0.key == key }) else { return nil }
            current = next.value
        }
        return current.value
    }

    func double(_ node: JSONNode, _ path: String...) -> Double? {
        var current: JSONValue? = node.value
        for key in path {
            guard case .object(let members)? = current else { return nil }
            current = members.first(where: { $0.key == key })?.value.value
        }
        guard case .number(let text)? = current else { return nil }
        return Double(text)
    }

    @Test func metricsJSONHoldsTheFormulasResults() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let json = try StrictJSON.parse(try project.read("api/metrics.json"))
        guard case .object(let periods)? = value(json, "center", "periods") else {
            Issue.record("no center.periods")
            return
        }
        #expect(periods.map(\.key) == ["2026-01", "2026-02", "2026-04"])
        // January: team a 20 → 21 (avg 20.5), team b 10 → 10; one leaver in the center.
        #expect(double(json, "center", "periods", "2026-01", "average_headcount") == 30.5)
        #expect(double(json, "center", "periods", "2026-01", "churn") == 1 / 30.5)
        #expect(value(json, "teams", "a", "name") == .string("a组"))
        #expect(value(json, "teams", "a", "area") == .string("东区"))
        // Team a: leavers 1 + 1 + 0 over the mean of 20.5, 20.5 and 20.
        #expect(double(json, "teams", "a", "trailing12_churn") == 2 / ((20.5 + 20.5 + 20) / 3))
        // Two hires on 01-03: E100 left after 29 days, E101 is still there at 04-30 (117 days).
        #expect(double(json, "teams", "a", "survival", "d30") == 0.5)
        #expect(double(json, "teams", "a", "survival", "d90") == 0.5)
        #expect(value(json, "teams", "a", "survival", "d180") == .null)
        #expect(value(json, "teams", "a", "periods", "2026-02", "early_leavers_30") == .number("1"))
        // Reasons and tenure buckets count every leaver; zeros are written, so every month has every key.
        #expect(value(json, "teams", "a", "periods", "2026-02", "reasons", "pressure") == .number("1"))
        #expect(value(json, "teams", "a", "periods", "2026-02", "reasons", "pay") == .number("0"))
        #expect(value(json, "teams", "a", "periods", "2026-02", "tenure_at_exit", "0-30") == .number("1"))
        #expect(value(json, "teams", "b", "periods", "2026-04", "tenure_at_exit", "366+") == .number("1"))
        #expect(value(json, "teams", "a", "periods", "2026-01", "headcount_end") == .number("21"))
        #expect(value(json, "teams", "a", "periods", "2026-01", "voluntary_leavers") == .number("1"))
        #expect(double(json, "teams", "a", "target") == 0.05)
        // Team b: 1 leaver over 10 in April, above 5 %: one month above target.
        #expect(value(json, "teams", "b", "months_above_target") == .number("1"))
        #expect(value(json, "areas", "东区", "teams")?.serialized() == JSONValue.list([.string("a"), .string("b")]).serialized())
        #expect(
            value(json, "periods")?.serialized()
                == JSONValue.list([.string("2026-01"), .string("2026-02"), .string("2026-03"), .string("2026-04")]).serialized())
    }

    @Test func dashboardChartsAreInlineAccessibleSVG() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let team = try project.read("dashboards/teams/a/index.html")
        let charts = team.components(separatedBy: "<svg ").dropFirst()
        // Churn line, hires/leavers bars, reasons, tenure and survival, each drawn wide and narrow
        // (CSS shows one), with ids of their own.
        #expect(charts.count == 10)
        #expect(charts.enumerated().allSatisfy { $1.contains($0 % 2 == 0 ? "class=\"chart-svg chart-wide " : "class=\"chart-svg chart-narrow ") })
        for chart in charts {
            #expect(chart.contains("role=\"img\""))
            #expect(chart.contains("<title id="))
        }
        let ids = charts.compactMap { $0.components(separatedBy: "<title id=\"").dropFirst().first?.prefix { $0 != "\"" } }
        #expect(Set(ids).count == 10)
        #expect(team.contains("目标 5.0%"))
        // The March gap ends the churn line after February; April stands alone as a dot.
        let churn = try #require(charts.first)
        let line = try #require(churn.components(separatedBy: "class=\"chart-line chart-c5\" d=\"").dropFirst().first)
        let path = line.prefix { $0 != "\"" }
        #expect(path.filter { $0 == "M" }.count == 1 && path.filter { $0 == "L" }.count == 1)
        #expect(churn.components(separatedBy: "class=\"chart-point chart-c5\"").count - 1 == 2)
        // Every team on the home page has a sparkline.
        let home = try project.read("dashboards/index.html")
        #expect(home.components(separatedBy: "chart-sparkline").count - 1 == 2)
    }

    @Test func dashboardPagesListTheirAreasAndFormulasInTheSidebar() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let team = try project.read("dashboards/teams/b/index.html")
        let sidebar = try #require(team.components(separatedBy: "<ul class=\"nav-pages\" role=\"list\">").dropFirst().first)
        let list = sidebar.components(separatedBy: "</ul>").first ?? ""
        #expect(list.contains("<a href=\"../../areas/%E4%B8%9C%E5%8C%BA/index.html\">东区</a>"))
        #expect(list.contains("<a href=\"../../formulas/index.html\">指标口径</a>"))
        let formulas = try project.read("dashboards/formulas/index.html")
        #expect(formulas.contains("<a href=\"index.html\" aria-current=\"page\">指标口径</a>"))
        // A handbook page keeps the dashboards collapsed: no empty list anywhere.
        #expect(!(try project.read("a/index.html")).contains("东区</a>"))
        for file in ["index.html", "a/index.html", "dashboards/index.html"] {
            #expect(!(try project.read(file)).contains("role=\"list\">\n\n        </ul>"), "\(file)")
        }
    }

    @Test func headlineFiguresAreOneDescriptionListEachAndCountMonthsAboveTarget() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        // b: one leaver in April over an average of 9.5 is 10.5%, above the 5% target for 1 month.
        let b = try project.read("dashboards/teams/b/index.html")
        #expect(b.contains("<dl class=\"figure has-status is-above-target\"><dt>2026年4月 流失率</dt><dd><span class=\"figure-value\">10.5%</span>"))
        #expect(b.contains("已连续 1 个月高于目标"))
        // The trailing figure says it ran above target: it wears the status too.
        #expect(b.contains("<dl class=\"figure has-status is-above-target\"><dt>近 12 个月流失率</dt>"))
        // a: nobody left in April: on target (a status); the trailing figure, not above target, wears none.
        let a = try project.read("dashboards/teams/a/index.html")
        #expect(a.contains("<dl class=\"figure has-status\"><dt>2026年4月 流失率</dt><dd><span class=\"figure-value\">0.0%</span>"))
        #expect(a.contains("<dl class=\"figure\"><dt>近 12 个月流失率</dt>"))
        #expect(a.contains("本月未超目标") && !a.contains("已连续 0 个月"))
        // Counts are compared with nothing: never a status.
        #expect(a.contains("<dl class=\"figure\"><dt>本月入职 / 离职</dt>") && a.contains("<dl class=\"figure\"><dt>月末在岗</dt>"))
    }

    @Test func noEmployeeIDReachesTheOutput() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        for file in project.outputFiles() {
            let text = String(decoding: try Data(contentsOf: project.site.appending(path: file)), as: UTF8.self)
            for id in ["E001", "E002", "E100", "E101"] {
                #expect(!text.contains(id), "\(file) contains \(id)")
            }
        }
    }

    @Test func everyChartIsWellFormedSVG() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        var charts = 0
        for file in project.outputFiles() where file.hasPrefix("dashboards/") {
            let html = try project.read(file)
            var rest = html[...]
            while let start = rest.range(of: "<svg"), let end = rest[start.lowerBound...].range(of: "</svg>") {
                let svg = String(rest[start.lowerBound..<end.upperBound])
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "\(file): \(parser.parserError.map { "\($0)" } ?? "")")
                #expect(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"))
                charts += 1
                rest = rest[end.upperBound...]
            }
        }
        #expect(charts >= 12)
    }

    @Test func aTeamWithoutATargetNeedsTheSiteWideOne() throws {
        let project = try fixture(target: false)
        let report = project.build()
        #expect(report.diagnostics.errors.first?.message == "teams[0]: no target_churn, and site.yml sets no site-wide one")
        #expect(!project.exists("index.html"))
    }

    @Test func aBadSnapshotFailsTheBuildAndKeepsTheSite() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let before = try project.read("dashboards/index.html")
        try project.write("content/data/snapshots/2026-02.json", "{\"period\": \"2026-02\", \"teams\": [],}")
        let report = project.build()
        #expect(report.diagnostics.errors.first?.location == "content/data/snapshots/2026-02.json:1:35")
        #expect(try project.read("dashboards/index.html") == before)
    }
}
