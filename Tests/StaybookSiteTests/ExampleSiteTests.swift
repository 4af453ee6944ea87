import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Builds the repository's own example handbook into a temporary folder and checks the result as
/// a reader and a link crawler would.
@Suite(.serialized) struct ExampleSiteTests {
    static let output = FileManager.default.temporaryDirectory.appending(path: "staybook-example-site-tests/site")
    static let report: BuildReport = {
        try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
        return Pipeline.build(Project(root: TestProject.repository), output: output)
    }()

    func files() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: Self.output.path) else { return [] }
        return (enumerator.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }

    @Test func buildsWithoutErrorsOrWarnings() {
        #expect(Self.report.diagnostics.isEmpty, "\(Self.report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(Self.report.succeeded)
    }

    @Test func holdsAtLeastTwentyFivePlaybooksOfEveryKind() throws {
        var report = BuildReport()
        let site = try #require(Pipeline.load(Project(root: TestProject.repository), report: &report))
        #expect(site.map.pages.count >= 25)
        let kinds = Set(site.map.pages.map(\.kind))
        #expect(kinds == Set(PageKind.allCases))
        let talkScripts = site.map.pages.filter { $0.kind == .talkScript }
        #expect(talkScripts.count >= 6)
        let contest = try #require(site.map.pages.first { $0.kind == .contest })
        #expect(contest.frontMatter.questions.count >= 15)
    }

    @Test func everyReferenceIsRelativeAndResolvesToAFileOfTheSite() throws {
        _ = Self.report
        let pages = files()
        #expect(pages.count > 40)
        var checked = 0
        for page in pages {
            let html = try String(contentsOf: Self.output.appending(path: page), encoding: .utf8)
            let folder = Self.output.appending(path: page).deletingLastPathComponent()
            for reference in references(in: html) {
                #expect(!reference.hasPrefix("/"), "\(page): root-absolute \(reference)")
                #expect(!reference.contains("://"), "\(page): external \(reference)")
                let path = String(reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                if path.isEmpty { continue }
                #expect(!path.hasSuffix("/"), "\(page): links to a folder, which file:// shows as a listing: \(reference)")
                let decoded = try #require(path.removingPercentEncoding)
                let target = folder.appending(path: decoded).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: target.path), "\(page): broken \(reference)")
                #expect(target.path.hasPrefix(Self.output.standardizedFileURL.path), "\(page): leaves the site: \(reference)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func everyPageIsChineseAndLoadsOnlyItsOwnStylesheet() throws {
        for page in files() {
            let html = try String(contentsOf: Self.output.appending(path: page), encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "\(page)")
            #expect(!html.contains("<script"), "\(page) has a script")
            #expect(html.contains("assets/style.css\">"), "\(page)")
        }
    }

    @Test func aTalkScriptShowsItsCardStepsAndNavigation() throws {
        var report = BuildReport()
        let site = try #require(Pipeline.load(Project(root: TestProject.repository), report: &report))
        let script = try #require(site.map.pages.first { $0.kind == .talkScript && $0.frontMatter.talkScript?.trigger != nil })
        let html = try String(contentsOf: Self.output.appending(path: script.output.value), encoding: .utf8)
        #expect(html.contains("<dl class=\"script-card\">"))
        #expect(html.contains("<dt>适用情形</dt><dd>\(script.frontMatter.talkScript!.trigger!)</dd>"))
        #expect(html.contains("<blockquote>"))
        #expect(html.contains("<nav class=\"breadcrumbs\""))
        #expect(html.contains("class=\"pager\""))
        #expect(html.contains("aria-current=\"page\">\(script.title)</a>"))
    }
}
