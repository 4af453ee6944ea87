import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct NavigationTests {
    /// A section with `count` pages named p01, p02 …
    func bigSection(_ count: Int, navLimit: Int) throws -> TestProject {
        var files = ["content/site.yml": "title: 测试手册\nnav_limit: \(navLimit)\n", "content/big/_index.md": "---\ntitle: 大章节\nweight: 10\n---\n"]
        for number in 1...count {
            let name = String(format: "p%02d", number)
            files["content/big/\(name).md"] = "---\ntitle: \(name)\nweight: \(number)\n---\n正文\n"
        }
        files["content/other/_index.md"] = "---\ntitle: 另一章\nweight: 20\n---\n"
        files["content/other/x.md"] = "---\ntitle: 另一页\n---\n"
        return try TestProject(files)
    }

    @Test func theSidebarListsAtMostNavLimitPagesThenLinksToTheSectionIndex() throws {
        let fixture = try bigSection(12, navLimit: 5)
        #expect(fixture.build().succeeded)
        let html = try fixture.read("big/p02/index.html")
        let sidebar = String(html[html.range(of: "<nav class=\"sidebar\"")!.lowerBound...])
        // The open section's list only (the sidebar also lists the stage, role, tag and module indexes).
        let pages = String(sidebar[sidebar.range(of: "<ul class=\"nav-pages\"")!.lowerBound...]).components(separatedBy: "</ul>")[0]
        #expect(pages.components(separatedBy: "<li><a href=").count - 1 == 5)
        #expect(sidebar.contains("<li class=\"nav-more\"><a href=\"../index.html\">全部 12 篇 →</a></li>"))
        #expect(sidebar.contains("<a href=\"index.html\" aria-current=\"page\">p02</a>"))
        // Other sections stay collapsed.
        #expect(!sidebar.contains("另一页"))
    }

    @Test func aPageBeyondTheLimitSharesItsFoldersSidebarAndIsMarkedInTheBreadcrumbs() throws {
        let fixture = try bigSection(12, navLimit: 5)
        #expect(fixture.build().succeeded)
        func sidebar(_ path: String) throws -> String {
            let html = try fixture.read(path)
            return String(html[html.range(of: "<nav class=\"sidebar\"")!.lowerBound...]).components(separatedBy: "</nav>")[0]
        }
        let eleventh = try sidebar("big/p11/index.html")
        #expect(!eleventh.contains("p11"))
        #expect(eleventh.contains("全部 12 篇"))
        #expect(eleventh.contains("<li class=\"nav-section is-current\">"))
        // Every page beyond the limit has the very same sidebar (rendered once for the folder) …
        #expect(try sidebar("big/p07/index.html") == eleventh)
        // … and its breadcrumbs say where the reader is.
        #expect(try fixture.read("big/p11/index.html").contains("<li aria-current=\"page\">p11</li>"))
        // A page within the limit is marked in the sidebar.
        #expect(try sidebar("big/p03/index.html").contains("<a href=\"index.html\" aria-current=\"page\">p03</a>"))
    }

    @Test func theSidebarIsTheSameAsRenderingItForEachPage() throws {
        // The memoised sidebar of every page equals the theme's sidebar partial rendered in place.
        let fixture = try bigSection(12, navLimit: 5)
        #expect(fixture.build().succeeded)
        let before = fixture.outputFiles().filter { $0.hasSuffix(".html") }
        var pages: [String: String] = [:]
        for path in before { pages[path] = try fixture.read(path) }
        let base = fixture.root.appending(path: "themes/default/templates/base.mustache")
        let text = try String(contentsOf: base, encoding: .utf8)
        #expect(text.contains("{{{sidebarHTML}}}"))
        try fixture.write("themes/default/templates/base.mustache", text.replacingOccurrences(of: "{{{sidebarHTML}}}", with: "{{> sidebar}}"))
        #expect(fixture.build().succeeded)
        for path in before { #expect(try fixture.read(path) == pages[path], "\(path)") }
    }

    @Test func pageSizeDoesNotGrowWithTheSection() throws {
        let small = try bigSection(20, navLimit: 10)
        let large = try bigSection(60, navLimit: 10)
        #expect(small.build().succeeded && large.build().succeeded)
        let a = try small.read("big/p05/index.html").utf8.count
        let b = try large.read("big/p05/index.html").utf8.count
        #expect(abs(a - b) < 16, "page size grew from \(a) to \(b) bytes")
    }

    @Test func breadcrumbsAndPrevNextFollowTheReadingOrder() throws {
        let fixture = try bigSection(3, navLimit: 30)
        #expect(fixture.build().succeeded)
        let html = try fixture.read("big/p02/index.html")
        #expect(html.contains("<li><a href=\"../../index.html\">首页</a></li><li><a href=\"../index.html\">大章节</a></li><li aria-current=\"page\">p02</li>"))
        #expect(html.contains("rel=\"prev\" href=\"../p01/index.html\""))
        #expect(html.contains("rel=\"next\" href=\"../p03/index.html\""))
        let last = try fixture.read("big/p03/index.html")
        #expect(last.contains("rel=\"next\" href=\"../../other/index.html\""))
    }
}
