import Foundation
import StaybookModel
import StaybookSearch
import StaybookSite
import Testing

/// The index a search runs on, read back from `assets/search/` as the browser would: `index.js`, then
/// every shard and fragment, put together as one index of pages (each `[title, url, section, kind,
/// stage, [roles], excerpt, headings]`) and postings.
struct LoadedIndex {
    let json: [String: Any]
    let pages: [[Any]]
    let title: [String: String]
    let body: [String: String]

    init(folder: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        func script(_ name: String, prefix: String) throws -> Any {
            let text = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
            #expect(text.hasPrefix(prefix), "\(name)")
            #expect(text.hasSuffix(";\n"), "\(name)")
            return try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(2).utf8))
        }
        json = try #require(try script("index.js", prefix: "window.\(SearchIndexWriter.globalName) = ") as? [String: Any])
        let (shards, group) = (json["shards"] as! Int, json["group"] as! Int)
        let rows = json["pages"] as! [[Any]]
        var items: [[Any]] = []
        var title: [String: String] = [:]
        var body: [String: String] = [:]
        let parts = "(window.\(SearchIndexWriter.partsName) = window.\(SearchIndexWriter.partsName) || {})."
        for shard in 0..<shards {
            let part = try #require(try script("k\(shard).js", prefix: parts + "k\(shard) = ") as? [String: [String: String]])
            title.merge(part["title"]!) { _, _ in Issue.record("a key in two shards"); return "" }
            body.merge(part["body"]!) { _, _ in Issue.record("a key in two shards"); return "" }
        }
        for fragment in 0..<(rows.count + group - 1) / group {
            items += try #require(try script("p\(fragment).js", prefix: parts + "p\(fragment) = ") as? [[Any]])
        }
        #expect(names.count == 1 + shards + (rows.count + group - 1) / group, "no other file: \(names)")
        #expect(items.count == rows.count)
        // The browser's view of a page: its row and its item.
        let sections = json["sections"] as! [String]
        pages = zip(rows, items).map { row, item in
            // A heading whose id is its text is written as its text.
            let headings = (item[4] as! [Any]).map { $0 as? [String] ?? [$0 as! String, $0 as! String] }
            return [item[0], item[1], sections[item[2] as! Int], row[0], row[1], row[2], item[3], headings]
        }
        self.title = title
        self.body = body
    }

    /// The index in memory as the browser would see it had it been one file (as it was before it
    /// was split): the reference the files are compared with.
    init(memory index: SearchIndex) {
        json = [:]
        pages = index.entries.map { [$0.title, $0.url, $0.section, $0.kind.rawValue, $0.stage ?? "", $0.roles, $0.excerpt, $0.headings.map { [$0.id, $0.text] }] }
        title = index.titlePostings.mapValues(PostingsCoding.encode)
        body = index.bodyPostings.mapValues(PostingsCoding.encode)
    }

    func postings(_ field: String, _ key: String) -> Set<Int> {
        Set((field == "title" ? title : body)[key].map(PostingsCoding.decode) ?? [])
    }

    /// What staybook.js does for a query of Han bigrams: pages having every bigram (title or
    /// body), title hits first, then shorter titles, then page order. Returns page URLs.
    func search(_ query: String) -> [String] {
        let han = Array(query.unicodeScalars)
        let bigrams = han.indices.dropLast().map { String(String.UnicodeScalarView(han[$0...($0 + 1)])) }
        var matched: Set<Int>?
        var inTitle: [Int: Int] = [:]
        for bigram in bigrams {
            let title = postings("title", bigram)
            let pages = title.union(postings("body", bigram))
            matched = matched.map { $0.intersection(pages) } ?? pages
            for page in title { inTitle[page, default: 0] += 1 }
        }
        let titles = pages.map { $0[0] as! String }
        return (matched ?? []).sorted { a, b in
            let (ta, tb) = (inTitle[a, default: 0], inTitle[b, default: 0])
            if ta != tb { return ta > tb }
            if titles[a].count != titles[b].count { return titles[a].count < titles[b].count }
            return a < b
        }.map { pages[$0][1] as! String }
    }
}

@Suite struct SearchIndexTests {
    static let files = [
        "content/site.yml": "title: 测试手册\nstages: [入职, 离职]\n",
        "content/_index.md": "# 首页\n",
        "content/talk-scripts/_index.md": "---\ntitle: 谈话话术\n---\n",
        "content/talk-scripts/exit.md": """
            ---
            title: 离职面谈
            kind: talk-script
            stage: 离职
            roles: [主管, 人力资源]
            ---
            ## 开场

            先感谢员工的付出，再问 Exit Interview 的问题。
            """,
        "content/talk-scripts/welcome.md": """
            ---
            title: 欢迎新人
            kind: talk-script
            stage: 入职
            roles: [主管]
            ---
            第一周安排一次面谈，了解新人的期望。
            """,
        "content/basics/figures.md": "---\ntitle: 流失数字\n---\n离职率的算法。\n",
    ]

    func index() throws -> SearchIndex {
        let fixture = try TestProject(Self.files)
        let (site, report) = fixture.load()
        #expect(report.succeeded, "\(report.diagnostics)")
        return SearchIndex.build(try #require(site?.map))
    }

    func number(_ index: SearchIndex, _ title: String) throws -> Int {
        try #require(index.entries.firstIndex { $0.title == title })
    }

    @Test func titlesAndBodiesAreSeparateFields() throws {
        let index = try index()
        let exit = try number(index, "离职面谈")
        let welcome = try number(index, "欢迎新人")
        let figures = try number(index, "流失数字")
        #expect(index.titlePostings["离职"] == [exit])
        #expect(Set(index.bodyPostings["离职"] ?? []) == [figures], "the title is not in the body field")
        #expect(index.bodyPostings["面谈"] == [welcome])
        #expect(index.bodyPostings["interview"] == [exit])
        #expect(index.bodyPostings["感谢"] == [exit])
    }

    @Test func entriesCarryWhatResultsAndFiltersNeed() throws {
        let index = try index()
        let exit = index.entries[try number(index, "离职面谈")]
        #expect(exit.url == "talk-scripts/exit/index.html")
        #expect(exit.section == "谈话话术")
        #expect(exit.kind == .talkScript)
        #expect(exit.stage == "离职")
        #expect(exit.roles == ["主管", "人力资源"])
        #expect(exit.headings.map(\.id) == ["开场"])
        #expect(exit.excerpt.hasPrefix("开场 先感谢员工的付出"))
        let fixture = try TestProject(Self.files)
        #expect(fixture.build().succeeded)
        let script = try LoadedIndex(folder: fixture.site.appending(path: SearchIndexWriter.folder))
        #expect(script.json["stages"] as? [String] == ["入职", "离职"])
        #expect(script.json["roles"] as? [String] == ["主管", "人力资源"].sorted())
        let page = script.pages[try number(index, "离职面谈")]
        let kinds = try #require(script.json["kinds"] as? [[String]])
        #expect(kinds[page[3] as! Int] == ["talk-script", "谈话话术"])
        #expect((script.json["stages"] as! [String])[page[4] as! Int] == "离职")
        #expect(script.pages[try number(index, "流失数字")][4] as? Int == -1)
    }

    @Test func buildWritesAScriptThatFindsAPageByATwoCharacterWord() throws {
        let fixture = try TestProject(Self.files)
        let report = fixture.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let size = try #require(report.searchIndex)
        let folder = fixture.site.appending(path: SearchIndexWriter.folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(size.indexBytes == (try files.map { try Data(contentsOf: folder.appending(path: $0)).count }.reduce(0, +)), "every file counts")
        #expect(size.summary.hasPrefix("search index "))
        let index = try LoadedIndex(folder: folder)
        #expect(index.search("离职").first == "talk-scripts/exit/index.html", "the title hit comes before the body hit")
        #expect(index.search("离职") == ["talk-scripts/exit/index.html", "basics/figures/index.html"])
        #expect(index.search("面谈") == ["talk-scripts/exit/index.html", "talk-scripts/welcome/index.html"])
        #expect(index.search("離職").isEmpty, "queries are simplified by the script, not here")

        // Every page knows the way back to the root, where the index is; nothing inline.
        let page = try fixture.read("talk-scripts/exit/index.html")
        #expect(page.contains("<html lang=\"zh-CN\" data-root=\"../../\">"))
        #expect(page.contains("role=\"search\""))
        #expect(page.contains("data-search hidden"), "hidden until the script shows it")
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(try fixture.read("index.html").contains("data-root=\"\""))
    }

    @Test func staysUnderFortyPercentOfTheHTMLOnAGeneratedCorpus() throws {
        let words = ["客户服务", "员工保留", "离职面谈", "一对一", "绩效奖金", "职业发展", "情绪安抚", "质检评分", "排班", "倦怠",
                     "onboarding", "CSAT", "churn", "stay interview", "首次响应时间", "团队氛围", "建设性反馈", "晋升通道"]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {  // deterministic: the same corpus every run
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var files = ["content/site.yml": "title: 基准手册\n"]
        for section in 0..<4 {
            files["content/s\(section)/_index.md"] = "---\ntitle: 栏目\(section)\n---\n"
            for page in 0..<50 {
                var body = ""
                for heading in 0..<3 {
                    body += "## \(words[next(words.count)])与\(words[next(words.count)]) \(heading)\n\n"
                    for _ in 0..<4 { body += (0..<12).map { _ in words[next(words.count)] }.joined(separator: "，") + "。\n" }
                    body += "\n- \(words[next(words.count)])\n- \(words[next(words.count)])\n\n"
                }
                files["content/s\(section)/p\(page).md"] = "---\ntitle: \(words[next(words.count)])指南 \(page)\n---\n\(body)"
            }
        }
        let fixture = try TestProject(files)
        let report = fixture.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let size = try #require(report.searchIndex)
        #expect(report.pages > 200)
        #expect(size.percentOfHTML < 40, "\(size.summary)")
    }
}
