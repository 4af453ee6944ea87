import Foundation
import StaybookContent
import StaybookModel
import Testing

@testable import StaybookSearch
@testable import StaybookSite

/// What `staybook build` keeps beside the output for the next build (`EngineState`): front matter,
/// memo entries and findings read back as they were written. `SiteBuilderTests` builds with it.
@Suite struct EngineStateTests {
    /// A document whose front matter has a field `save` does not write would come back without it:
    /// a field added to `FrontMatter` must be added to `save` (or make `isPlain` false).
    @Test func theSavedFrontMatterFieldsAreEveryPlainField() {
        let kindFields: Set = ["talkScript", "careMeasure", "doDontGroups", "questions", "titleMappings", "formGroups", "course"]
        let fields = Mirror(reflecting: FrontMatter.Fields()).children.compactMap(\.label)
        #expect(Set(fields).subtracting(kindFields) == Set(FrontMatter.savedFields))
        #expect(Set(fields).isSuperset(of: kindFields))
    }

    @Test func plainFrontMatterReadsBackAsWritten() throws {
        var frontMatter = FrontMatter()
        frontMatter.title = Located("新员工第一周谈话", line: 2)
        frontMatter.id = Located("talk-new-hire-week-1", line: 3)
        frontMatter.kind = .careMeasure
        frontMatter.weight = -4
        frontMatter.tags = ["新人", "关怀"]
        frontMatter.stage = Located("入职期", line: 7)
        frontMatter.roles = ["班组长"]
        frontMatter.summary = "第一周的三次谈话。"
        frontMatter.aliases = [Located("old/path", line: 9)]
        frontMatter.updated = "2026-11-30"
        frontMatter.allowOldTitles = true
        frontMatter.keyLines = ["title": 2, "id": 3]
        #expect(frontMatter.isPlain)
        var out = StateWriter()
        frontMatter.save(into: &out)
        FrontMatter().save(into: &out)
        var reader = StateReader(out.bytes)
        #expect(try FrontMatter.restore(from: &reader) == frontMatter)
        #expect(try FrontMatter.restore(from: &reader) == FrontMatter())
        #expect(reader.isAtEnd)

        var script = frontMatter
        script.talkScript = TalkScriptFields()
        #expect(!script.isPlain, "a talk script's own fields are not saved: it is parsed again")
    }

    @Test func aMemoEntryReadsBackAsWritten() throws {
        let analysed = SearchIndex.Analysed(
            entry: SearchIndex.Entry(
                title: "离职面谈", url: "talk/exit/index.html", section: "谈话", kind: .talkScript, stage: "离职期", roles: ["主管"],
                excerpt: "先确认对方此刻方便说话。", headings: [.init(level: 2, text: "开场", id: "开场")]),
            titleKeys: SearchKeys("离职面谈"), bodyKeys: SearchKeys("先确认对方此刻方便说话 wrap-up"))
        var other = analysed
        other.entry.url = "talk/other/index.html"
        let table = ChartTable(columns: ["月份", "流失率"], rows: [.init(head: "2026-10", cells: [.rate(0.08)]), .init(head: "2026-11", cells: nil)])
        var memo = RenderMemo()
        memo.entries["page talk/exit.md"] = RenderMemo.Entry(
            structure: 1, data: nil, templates: ["talk-script": 7], allTemplates: false, bodies: ["talk/exit.md": 9],
            files: [RenderMemo.Made(path: SitePath("talk/exit/index.html"), hash: 42, size: 1000, ids: PageIDs(["开场", "main"]))],
            diagnostics: [.warning("a link to a missing heading", file: "content/talk/exit.md", line: 12, hint: "fix the #fragment")],
            anchors: [AnchorReference(file: "content/talk/exit.md", line: 12, destination: "../x/#y", target: SitePath("x/index.html"), fragment: "y")],
            search: analysed, downloads: [])
        memo.entries["page talk/other.md"] = RenderMemo.Entry(
            structure: 1, data: 5, templates: [:], allTemplates: true, bodies: [:], files: [], diagnostics: [], anchors: [], search: other,
            downloads: [Download(table: table, path: SitePath("dashboards/churn.csv"))])
        var out = StateWriter()
        // The first page as the writer indexed it (saved by its address), the second not.
        memo.save(into: &out, indexed: [analysed])
        var reader = StateReader(out.bytes)
        let (back, pending) = try RenderMemo.restore(from: &reader)
        #expect(reader.isAtEnd)
        #expect(pending == ["page talk/exit.md": "talk/exit/index.html"], "the indexed page by its address, for the writer to give")
        #expect(back.entries.keys.sorted() == memo.entries.keys.sorted())
        for (identity, entry) in memo.entries {
            let read = try #require(back.entries[identity])
            #expect(read.structure == entry.structure && read.data == entry.data && read.templates == entry.templates)
            #expect(read.allTemplates == entry.allTemplates && read.bodies == entry.bodies)
            #expect(read.files.map(\.path) == entry.files.map(\.path) && read.files.map(\.ids) == entry.files.map(\.ids))
            #expect(read.files.map(\.hash) == entry.files.map(\.hash) && read.files.map(\.size) == entry.files.map(\.size))
            #expect(read.diagnostics == entry.diagnostics && read.anchors == entry.anchors && read.downloads == entry.downloads)
            if pending[identity] == nil { #expect(try #require(read.search).isSame(as: try #require(entry.search))) }
        }
    }

    /// A document an earlier process parsed comes back without reading its file when its front
    /// matter has a title (nothing reads the body before rendering it); a file without one is
    /// read for its first heading. A body whose file changed after it was fingerprinted is
    /// reported, not rendered empty.
    @Test func keptDocumentsAreReadOnlyWhenRendered() throws {
        let project = try TestProject([
            "content/talk/exit.md": "---\ntitle: 离职面谈\n---\n先听完，再回应。\n",
            "content/talk/untitled.md": "# 没有标题的页\n\n正文。\n",
        ])
        func hashes() throws -> [String: UInt64] {
            var hashes: [String: UInt64] = [:]
            for path in ["content/talk/exit.md", "content/talk/untitled.md", "content/site.yml"] {
                hashes[path] = ContentHash.ofInput(path, Array(try Data(contentsOf: project.root.appending(path: path))))
            }
            return hashes
        }
        let loader = ContentLoader(root: project.root)
        let first = ContentLoader.Cache()
        first.hashes = try hashes()
        let (parsed, problems) = loader.load(reusing: first)
        #expect(problems.isEmpty)
        var kept: [String: ContentLoader.Cache.Kept] = [:]
        first.eachKept(where: { _ in true }) { path, document in kept[path] = document }
        #expect(kept.keys.sorted() == ["talk/exit.md", "talk/untitled.md"])

        func restored() throws -> ContentTree {
            let cache = ContentLoader.Cache()
            cache.restore(config: first.configBytes, documents: kept)
            cache.hashes = first.hashes
            return try #require(loader.load(reusing: cache).0)
        }
        let tree = try restored()
        let exit = try #require(tree.documents.first { $0.path == "talk/exit.md" })
        let untitled = try #require(tree.documents.first { $0.path == "talk/untitled.md" })
        #expect(exit.parsed.bodyText.isUnread, "a titled page's body stays in its file")
        #expect(!untitled.parsed.bodyText.isUnread, "an untitled page is read for its heading")
        #expect(exit.parsed.body == parsed?.documents.first { $0.path == "talk/exit.md" }?.parsed.body)
        #expect(exit.parsed.bodyText.key == first.hashes["content/talk/exit.md"])

        // Changed after the fingerprint: the body is not what was parsed.
        let changed = try restored()
        try project.write("content/talk/exit.md", "---\ntitle: 离职面谈\n---\n改过了。\n")
        let (map, _) = Assembler.assemble(changed)
        let site = try #require(map)
        #expect(Pipeline.unreadBodies(site).isEmpty, "nothing read yet")
        let page = try #require(site.pages.first { $0.source == "talk/exit.md" })
        #expect(page.body == "")
        let problems2 = Pipeline.unreadBodies(site)
        #expect(problems2.map(\.file) == ["content/talk/exit.md"])
        #expect(problems2.first?.severity == .error && problems2.first?.hint?.contains("build again") == true)
    }

    /// The state file ends with where its memo ends; a file whose end points elsewhere is refused.
    @Test func aStateWhoseMemoEndIsWrongIsRefused() throws {
        let project = try TestProject([:], theme: false)
        let output = project.site
        for end in [UInt64(0), 3, 1 << 40] {
            StateFile.write(EngineState.stateURL(for: output), kind: "state", project: project.project, generation: 7) { out in
                out.int(0)
                out.int(0)
                out.raw([])
                out.int(0)
                out.word(end)
            }
            #expect(EngineState.readRender(for: output, project: project.project, generation: 7) == nil, "memo end \(end)")
        }
        // The same file with the right end is read: no entries, no documents.
        StateFile.write(EngineState.stateURL(for: output), kind: "state", project: project.project, generation: 7) { out in
            let memoStart = out.position
            out.int(0)
            let memoEnd = out.position
            #expect(memoEnd == memoStart + 1)
            out.int(0)
            out.raw([])
            out.int(0)
            out.word(UInt64(memoEnd))
        }
        let kept = try #require(EngineState.readRender(for: output, project: project.project, generation: 7))
        #expect(kept.vocabulary.isEmpty)
        #expect(kept.later.wait() == nil, "no search file: the memo is not used")
    }

    /// Ids are kept sorted and found by halving, Chinese ids included.
    @Test func pageIDsAreFoundWhereASetWouldFindThem() {
        let ids: Set = ["第一步开场", "main", "禁忌", "q-2", "a", "第二步"]
        let page = PageIDs(ids)
        #expect(page.sorted == ids.sorted())
        for id in ids { #expect(page.contains(id), "\(id)") }
        for id in ["", "第一步", "mai", "zz", "禁忌 ", "b"] { #expect(!page.contains(id), "\(id)") }
        #expect(!PageIDs([]).contains("main"))
        #expect(AnchorCheck.closest(to: "第一步开", in: page.sorted) == ["第一步开场"])
    }

    /// A page kept from the last build whose file changes after the inputs were fingerprinted
    /// (so its body, read when rendered, is not the bytes that were checked) fails the render,
    /// naming the file: nothing is published from it.
    @Test func aBodyChangedBeforeItIsRenderedFailsTheBuild() throws {
        let project = try TestProject(["content/talk/exit.md": "---\ntitle: 离职面谈\n---\n先听完，再回应。\n"])
        #expect(Pipeline.build(project.project, output: project.site).succeeded)
        // What the next process starts from: the kept documents, and the files' hashes now.
        let generation = try #require(EngineState.generation(of: project.site))
        let kept = try #require(EngineState.readRender(for: project.site, project: project.project, generation: generation))
        guard case .read(let config, let documents) = kept.documents else {
            Issue.record("the documents were not read back")
            return
        }
        let cache = LoadCache()
        cache.documents.restore(config: config, documents: documents)
        cache.prepare(hashes: try #require(InputFingerprint.compute(files: project.project)).files)
        try project.write("content/talk/exit.md", "---\ntitle: 离职面谈\n---\n改过了。\n")
        var report = BuildReport()
        let site = try #require(Pipeline.load(project.project, report: &report, cache: cache))
        #expect(report.diagnostics.isEmpty)
        #expect(Pipeline.render(site, report: &report) == nil)
        let errors = report.diagnostics.errors
        #expect(errors.map(\.file) == ["content/talk/exit.md"])
        #expect(errors.first?.message.contains("changed while the site was being built") == true)
    }
}
