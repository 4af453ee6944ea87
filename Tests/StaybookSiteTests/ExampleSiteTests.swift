import Foundation
import StaybookContent
import StaybookModel
import StaybookSearch
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

    /// The only script is the theme's own file, loaded from the site: nothing inline, nothing from elsewhere.
    @Test func everyPageIsChineseAndLoadsOnlyItsOwnStylesheetAndScript() throws {
        let ownScript = try Regex(#"<script src="(\.\./)*assets/staybook\.js" defer></script>"#)
        for page in files() {
            let html = try String(contentsOf: Self.output.appending(path: page), encoding: .utf8)
            // Pages with the search box say where the site root (and its index) is: data-root.
            let root = String(repeating: "../", count: page.split(separator: "/").count - 1)
            #expect(
                html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
                    || html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\" data-root=\"\(root)\">"), "\(page)")
            #expect(html.components(separatedBy: "<script").count - 1 == html.matches(of: ownScript).count, "\(page) has a script of its own")
            #expect(html.contains("assets/style.css\">"), "\(page)")
            // The policy comes before anything that loads, and allows scripts from the site only.
            #expect(
                html.contains(
                    "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; "),
                "\(page) has no Content-Security-Policy right after its charset")
        }
    }

    /// Issue 5's "done when", short of a browser (scripts/check-search.py has one): the first two
    /// Han characters of the exit-conversation talk script's title find it first.
    @Test func searchFindsATalkScriptByTheFirstWordOfItsTitle() throws {
        #expect(Self.report.succeeded)
        let index = try LoadedIndex(folder: Self.output.appending(path: SearchIndexWriter.folder))
        let exit = try #require(index.pages.first { $0[1] as? String == "talk-scripts/exit-conversation/index.html" })
        let word = String((exit[0] as! String).unicodeScalars.filter(SearchTokenizer.isHan).prefix(2).map(Character.init))
        #expect(index.search(word).first == "talk-scripts/exit-conversation/index.html", "\(word)")
        let size = try #require(Self.report.searchIndex)
        #expect(size.percentOfHTML < 40, "\(size.summary)")
    }

    /// Split into shards and fragments, the index finds what the whole index finds: for every
    /// title's first word and the handbook's common words, the same pages in the same order.
    @Test func theSplitIndexFindsWhatTheWholeIndexFinds() throws {
        #expect(Self.report.succeeded)
        let files = try LoadedIndex(folder: Self.output.appending(path: SearchIndexWriter.folder))
        var report = BuildReport()
        let site = try #require(Pipeline.load(Project(root: TestProject.repository), report: &report))
        let memory = LoadedIndex(memory: SearchIndex.build(site.map))
        #expect(files.pages.count == memory.pages.count)
        #expect(zip(files.pages, memory.pages).allSatisfy { $0[1] as? String == $1[1] as? String && $0[0] as? String == $1[0] as? String })
        #expect(Set(files.title.keys) == Set(memory.title.keys))
        #expect(Set(files.body.keys) == Set(memory.body.keys))
        let titleWords = files.pages.map { String(($0[0] as! String).unicodeScalars.filter(SearchTokenizer.isHan).prefix(2).map(Character.init)) }
        let common = ["离职面谈", "新员工", "关怀", "一对一", "班组长", "排班", "流失率", "知识竞赛", "岗位名称", "情绪", "辅导", "风险"]
        var found = 0
        for query in Set(titleWords + common).sorted() where query.count >= 2 {
            let results = files.search(query)
            #expect(results == memory.search(query), "\(query)")
            found += results.count
        }
        #expect(found > 300, "the queries find pages: \(found)")
    }

    @Test func theExampleDataBecomesDashboardsForEveryTeamAndArea() throws {
        _ = Self.report
        let snapshots = try FileManager.default.contentsOfDirectory(
            atPath: TestProject.repository.appending(path: "content/data/snapshots").path
        ).filter { $0.hasSuffix(".json") }
        #expect(snapshots.count >= 24)
        let teams = try FileManager.default.contentsOfDirectory(atPath: Self.output.appending(path: "dashboards/teams").path)
        let areas = try FileManager.default.contentsOfDirectory(atPath: Self.output.appending(path: "dashboards/areas").path)
        #expect(teams.count == 8)
        #expect(areas.count == 3)
        let home = try String(contentsOf: Self.output.appending(path: "dashboards/index.html"), encoding: .utf8)
        // No month is missing, so no gap notice; one sparkline per team; every chart is an image.
        #expect(!home.contains("没有数据快照"))
        #expect(home.components(separatedBy: "chart-sparkline").count - 1 == 8)
        #expect(home.components(separatedBy: "<svg ").count == home.components(separatedBy: "role=\"img\"").count)
        // The rename in the example data is shown on that team's page.
        let renamed = try teams.map { try String(contentsOf: Self.output.appending(path: "dashboards/teams/\($0)/index.html"), encoding: .utf8) }
            .filter { $0.contains("更名为") }
        #expect(renamed.count == 1)
    }

    /// The CSV twins of api/metrics.json, read as Excel reads them (byte-order mark, quoted
    /// fields), hold every month of every team, area and the center with the JSON's numbers.
    @Test func theMetricsCSVFilesMatchTheJSON() throws {
        _ = Self.report
        // Numbers as written (Foundation's JSONSerialization rounds the last digit on Linux).
        func plain(_ node: JSONNode) -> Any {
            switch node.value {
            case .object(let members): return Dictionary(uniqueKeysWithValues: members.map { ($0.key, plain($0.value)) })
            case .array(let items): return items.map(plain)
            case .number(let literal): return Double(literal)!
            case .string(let text): return text
            case .bool(let flag): return flag
            case .null: return NSNull()
            }
        }
        let text = try String(contentsOf: Self.output.appending(path: "api/metrics.json"), encoding: .utf8)
        let json = try #require(plain(try StrictJSON.parse(text)) as? [String: Any])
        func rows(_ level: String) throws -> [[String: String]] {
            let bytes = try Data(contentsOf: Self.output.appending(path: "api/metrics-\(level).csv"))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(level): a byte-order mark for Excel")
            let table = CSVRows(String(decoding: bytes.dropFirst(3), as: UTF8.self)).rows.map(\.fields)
            let header = try #require(table.first).map { String($0.split(separator: " ").last!) }
            return table.dropFirst().filter { $0.count > 1 }.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }
        func compare(_ row: [String: String], _ month: [String: Any], _ what: String) {
            for key in ["leavers", "hires", "headcount_end", "voluntary_leavers", "early_leavers_30", "early_leavers_90"] {
                #expect(Double(row[key] ?? "") == month[key] as? Double, "\(what) \(key)")
            }
            for key in ["churn", "voluntary_churn", "average_headcount"] {
                #expect(Double(row[key] ?? "") == month[key] as? Double, "\(what) \(key)")
            }
            let reasons = month["reasons"] as! [String: Double]
            for (code, count) in reasons { #expect(Double(row[code] ?? "") == count, "\(what) \(code)") }
            let tenures = month["tenure_at_exit"] as! [String: Double]
            for (band, count) in tenures { #expect(Double(row["tenure_\(band)"] ?? "") == count, "\(what) \(band)") }
        }
        let teams = json["teams"] as! [String: [String: Any]]
        let teamRows = try rows("teams")
        #expect(teamRows.count == teams.values.reduce(0) { $0 + ($1["periods"] as! [String: Any]).count })
        for row in teamRows {
            let team = try #require(teams[row["team"] ?? ""])
            #expect(row["name"] == team["name"] as? String && row["area"] == team["area"] as? String)
            compare(row, (team["periods"] as! [String: [String: Any]])[row["period"]!]!, "\(row["team"]!) \(row["period"]!)")
        }
        let areas = json["areas"] as! [String: [String: Any]]
        for row in try rows("areas") {
            compare(row, ((areas[row["area"]!]!)["periods"] as! [String: [String: Any]])[row["period"]!]!, "\(row["area"]!) \(row["period"]!)")
        }
        let center = (json["center"] as! [String: Any])["periods"] as! [String: [String: Any]]
        let centerRows = try rows("center")
        #expect(centerRows.map { $0["period"]! } == (json["periods"] as! [String]))
        for row in centerRows { compare(row, center[row["period"]!]!, "center \(row["period"]!)") }
        let home = try String(contentsOf: Self.output.appending(path: "dashboards/index.html"), encoding: .utf8)
        #expect(home.contains(#"<a class="csv-download" href="../api/metrics-teams.csv" download>各班组</a>"#))
    }

    /// Every page names the theme's icon, so a browser asks for nothing that is not there.
    @Test func everyPageLinksTheFavicon() throws {
        _ = Self.report
        #expect(FileManager.default.fileExists(atPath: Self.output.appending(path: "assets/favicon.svg").path))
        for page in files() {
            let html = try String(contentsOf: Self.output.appending(path: page), encoding: .utf8)
            let depth = page.split(separator: "/").count - 1
            let expected = String(repeating: "../", count: depth) + "assets/favicon.svg"
            #expect(html.contains("<link rel=\"icon\" href=\"\(expected)\" type=\"image/svg+xml\">"), "\(page)")
        }
    }

    @Test func noEmployeeIDFromTheSnapshotsReachesAnyOutputFile() throws {
        _ = Self.report
        let folder = TestProject.repository.appending(path: "content/data/snapshots")
        var ids = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let text = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
            for match in text.matches(of: /"id": "(E[0-9]+)"/) { ids.insert(String(match.output.1)) }
        }
        #expect(ids.count > 500)
        // The example's site.yml asks for the one-on-one lists (privacy: show_agents: true): they, and
        // only they, name agents, under private/. Every other file of any type names none.
        let all = FileManager.default.enumerator(atPath: Self.output.path)?.allObjects as? [String] ?? []
        var scanned = 0
        var named = 0
        for file in all {
            guard let bytes = FileManager.default.contents(atPath: Self.output.appending(path: file).path) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            let leaked = text.matches(of: /E[0-9]{4,}/).map { String($0.output) }.filter(ids.contains)
            if file.hasPrefix("private/") {
                named += leaked.isEmpty ? 0 : 1
                continue
            }
            #expect(leaked.isEmpty, "\(file) shows employee ids \(leaked.prefix(3))")
            scanned += 1
        }
        #expect(scanned > 100)
        #expect(named > 10, "the talk lists and forms under private/ name their agents")
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

    @Test func theSharedSidebarsEqualTheSidebarRenderedInEveryPage() throws {
        // The example with its frame writing `{{> sidebar}}` in place: every file must be the same.
        #expect(Self.report.succeeded)
        let copy = FileManager.default.temporaryDirectory.appending(path: "staybook-example-sidebar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        for folder in ["content", "themes"] {
            try FileManager.default.copyItem(at: TestProject.repository.appending(path: folder), to: copy.appending(path: folder))
        }
        let base = copy.appending(path: "themes/default/templates/base.mustache")
        let text = try String(contentsOf: base, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{{sidebarHTML}}}", with: "{{> sidebar}}").utf8).write(to: base)
        let output = copy.appending(path: "site")
        #expect(Pipeline.build(Project(root: copy), output: output).succeeded)
        let pages = files()
        #expect(pages.count > 150)
        for page in pages {
            let shared = try Data(contentsOf: Self.output.appending(path: page))
            let inPlace = try Data(contentsOf: output.appending(path: page))
            #expect(shared == inPlace, "\(page)")
        }
        // A second build of the same input writes every chart's CSV byte for byte the same.
        let csvs = (FileManager.default.enumerator(atPath: Self.output.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".csv") }
        #expect(csvs.count > 40)
        for csv in csvs {
            #expect(FileManager.default.contents(atPath: Self.output.appending(path: csv).path) == FileManager.default.contents(atPath: output.appending(path: csv).path), "\(csv)")
        }
    }
}
