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
            files: [RenderMemo.Made(path: SitePath("talk/exit/index.html"), hash: 42, size: 1000, ids: ["开场", "main"])],
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
}
