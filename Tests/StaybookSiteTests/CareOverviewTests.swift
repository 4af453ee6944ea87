import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct CareOverviewTests {
    static func measure(_ title: String, id: String, weight: Int, category: String?, owner: String?, cost: String?, summary: String? = nil) -> String {
        var lines = ["---", "title: \(title)", "id: \(id)", "kind: care-measure", "weight: \(weight)"]
        if let category { lines.append("category: \(category)") }
        if let owner { lines.append("owner: \(owner)") }
        if let cost { lines.append("cost: \(cost)") }
        if let summary { lines.append("summary: \(summary)") }
        return (lines + ["---", "正文。", ""]).joined(separator: "\n")
    }

    func fixture() throws -> TestProject {
        try TestProject([
            "content/care/_index.md": "---\ntitle: 关怀措施\n---\n",
            "content/care/meal.md": Self.measure("夜班加餐", id: "care-meal", weight: 1, category: "生活关怀", owner: "行政部", cost: "低", summary: "夜班提供热餐"),
            "content/care/mentor.md": Self.measure("师徒结对", id: "care-mentor", weight: 2, category: "职业发展", owner: "班组长", cost: "中"),
            "content/care/birthday.md": Self.measure("生日关怀", id: "care-birthday", weight: 3, category: "生活关怀", owner: "班组长", cost: "高"),
            "content/care/misc.md": Self.measure("临时补助", id: "care-misc", weight: 4, category: nil, owner: nil, cost: nil),
            "content/care/about.md": "---\ntitle: 关于关怀\nweight: 5\n---\n说明。\n",
            "content/basics/_index.md": "---\ntitle: 基础\n---\n",
            "content/basics/intro.md": "---\ntitle: 入门\n---\n正文。\n",
        ])
    }

    @Test func theSectionGroupsMeasuresByCategoryWithOwnerAndCost() throws {
        let project = try fixture()
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("care/index.html")
        let overview = try #require(excerpt(of: html, from: "<section class=\"care-overview\"", to: "<div id=\"care-list\">"))
        #expect(overview.contains("措施总览（4 项）"))
        let list = try #require(excerpt(of: html, from: "<div id=\"care-list\">"))
        let groups = list.components(separatedBy: "<section class=\"care-group\"").dropFirst().map { String($0) }
        try #require(groups.count == 3)
        // Groups in the order their first measure appears (by weight); a measure without a category is 其他.
        #expect(groups[0].contains(">生活关怀（2）</h3>"))
        #expect(groups[1].contains(">职业发展（1）</h3>"))
        #expect(groups[2].contains(">其他（1）</h3>"))
        #expect(rowHeads(in: groups[0]).count == 2)
        #expect(groups[0].contains(
            "<tr data-item data-category=\"生活关怀\" data-owner=\"行政部\" data-cost=\"低\"><th scope=\"row\"><a href=\"meal/index.html\">夜班加餐</a><br><span class=\"care-summary\">夜班提供热餐</span></th><td>行政部</td><td><span class=\"cost cost-low\">低</span></td></tr>"))
        #expect(groups[0].contains("<a href=\"birthday/index.html\">生日关怀</a>"))
        #expect(groups[0].contains("</th><td>班组长</td><td><span class=\"cost cost-high\">高</span></td></tr>"))
        #expect(try #require(groups[0].range(of: "夜班加餐")).lowerBound < (try #require(groups[0].range(of: "生日关怀")).lowerBound))
        #expect(groups[1].contains("<a href=\"mentor/index.html\">师徒结对</a>"))
        #expect(groups[1].contains("</th><td>班组长</td><td><span class=\"cost cost-medium\">中</span></td></tr>"))
        #expect(groups[2].contains("data-owner=\"—\" data-cost=\"—\"><th scope=\"row\"><a href=\"misc/index.html\">临时补助</a>"))
        #expect(groups[2].contains("</th><td>—</td><td>—</td></tr>"))
    }

    @Test func aMeasureWithoutASummaryHasNoEmptySummaryLine() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("care/index.html")
        #expect(html.contains("<a href=\"birthday/index.html\">生日关怀</a></th>"))
        #expect(!html.contains("<span class=\"care-summary\"></span>"))
    }

    @Test func theFilterFormOffersEveryCategoryOwnerAndCost() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("care/index.html")
        let form = try #require(excerpt(of: html, from: "<form class=\"care-filter\"", to: "</form>"))
        #expect(form.contains("data-filter-list=\"care-list\""))
        #expect(html.contains("<div id=\"care-list\">"))
        #expect(form.contains("<select data-filter=\"category\"><option value=\"\">全部</option><option>生活关怀</option><option>职业发展</option><option>其他</option></select>"))
        // Owners once each, in order of appearance.
        #expect(form.contains("<select data-filter=\"owner\"><option value=\"\">全部</option><option>行政部</option><option>班组长</option></select>"))
        #expect(form.contains("<select data-filter=\"cost\"><option value=\"\">全部</option><option>低</option><option>中</option><option>高</option></select>"))
    }

    @Test func otherPagesOfTheSectionStayInThePageList() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("care/index.html")
        let main = try #require(excerpt(of: html, from: "<main", to: "</main>"))
        let pageList = try #require(excerpt(of: main, from: "<ul class=\"page-list\"", to: "</ul>"))
        // The plain page is listed after the overview; the measures are not listed twice.
        #expect(pageList.contains("<a class=\"page-card-link\" href=\"about/index.html\">关于关怀</a>"))
        #expect(!pageList.contains("夜班加餐") && !pageList.contains("care-measure"))
        let overview = try #require(excerpt(of: main, from: "<div id=\"care-list\">", to: "<ul class=\"page-list\""))
        #expect(overview.components(separatedBy: "href=\"meal/index.html\"").count - 1 == 1)
    }

    @Test func aSectionWithoutMeasuresHasNoOverview() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("basics/index.html")
        #expect(!html.contains("care-overview"))
        #expect(!html.contains("data-filter-list"))
        #expect(html.contains("入门"))
    }

    @Test func aMeasurePageShowsItsFacts() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let html = try project.read("care/mentor/index.html")
        #expect(html.contains("<dt>关怀类别</dt><dd>职业发展</dd>"))
        #expect(html.contains("<dt>负责人</dt><dd>班组长</dd>"))
        #expect(html.contains("<dt>成本</dt><dd><span class=\"cost cost-medium\">中</span></dd>"))
    }
}
