import Foundation
import StaybookModel
import StaybookSite
import Testing

/// The incremental engine (`SiteBuilder`): the example handbook is rebuilt after each kind of
/// change, redoing only the files the change affects, and every result equals a fresh build of the
/// same input byte for byte. Each test runs twice: with one builder kept in memory, as `serve`
/// does, and with a new builder for every build, starting from the state the last one kept beside
/// the output, as one `staybook build` after another does.
@Suite struct SiteBuilderTests {
    enum Engine: CaseIterable, Sendable {
        /// One `SiteBuilder` for every build.
        case inMemory
        /// A new `SiteBuilder` per build, keeping its state on disk (`EngineState`).
        case onDisk
    }

    /// Builds the example as `engine` says.
    final class Builder {
        let engine: Engine
        let example: Example
        private var kept: SiteBuilder?

        init(_ engine: Engine, _ example: Example) {
            self.engine = engine
            self.example = example
        }

        func build() -> BuildReport {
            switch engine {
            case .inMemory:
                let builder = kept ?? SiteBuilder(project: example.project, output: example.output)
                kept = builder
                return builder.build()
            case .onDisk:
                return SiteBuilder(project: example.project, output: example.output, keepsState: true).build()
            }
        }
    }

    /// The example handbook (content and theme) in a temporary folder.
    final class Example: Sendable {
        let root: URL
        var project: Project { Project(root: root) }
        var output: URL { root.appending(path: "site") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appending(path: "staybook-builder-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for folder in ["content", "themes"] {
                try FileManager.default.copyItem(at: TestProject.repository.appending(path: folder), to: root.appending(path: folder))
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func url(_ path: String) -> URL { root.appending(path: path) }

        func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url(path))
        }

        /// Replaces the first `old` in the file with `new`; the test fails when there is none.
        func edit(_ path: String, replacing old: String, with new: String) throws {
            let text = try read(path)
            let range = try #require(text.range(of: old), "\(path) holds no `\(old)`")
            try write(path, text.replacingCharacters(in: range, with: new))
        }
    }

    /// Every file of `folder` but the manifest, with its bytes.
    static func contents(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, path != ".staybook" { result[path] = try Data(contentsOf: folder.appending(path: path)) }
        }
        return result
    }

    /// Builds with `builder`, then the same input fresh into an empty folder, and compares.
    @discardableResult
    static func rebuild(_ builder: Builder, _ example: Example, sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildReport {
        let report = builder.build()
        #expect(report.succeeded, "\(report.diagnostics)", sourceLocation: sourceLocation)
        let fresh = example.root.appending(path: "fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let freshReport = Pipeline.build(example.project, output: fresh)
        #expect(freshReport.succeeded, sourceLocation: sourceLocation)
        #expect(report.diagnostics == freshReport.diagnostics, sourceLocation: sourceLocation)
        #expect(report.pages == freshReport.pages && report.files == freshReport.files, sourceLocation: sourceLocation)
        let incremental = try contents(example.output)
        let expected = try contents(fresh)
        let differing = Set(incremental.keys).union(expected.keys).filter { incremental[$0] != expected[$0] }.sorted()
        let identical = differing.isEmpty
        #expect(identical, "\(differing.count) files differ from a fresh build: \(differing.prefix(5))", sourceLocation: sourceLocation)
        return report
    }

    @Test(arguments: Engine.allCases) func aBodyEditRerendersThatPageAndWhatShowsIt(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        let first = try Self.rebuild(builder, example)
        #expect(first.rendered > first.pages)
        // `--timings` reports the template engine's processor time; the sidebar of a page that marks
        // itself in it renders inside the page's frame.
        #expect(first.templateSeconds.all > 0)
        #expect(first.templateSeconds.nested > 0 && first.templateSeconds.nested < first.templateSeconds.all)

        try example.edit("content/basics/glossary.md", replacing: "\n\n", with: "\n\n带教期间，每周五留出十分钟，问一句：这周哪一通电话最难？\n\n")
        let body = try Self.rebuild(builder, example)
        #expect(body.templateSeconds.all < first.templateSeconds.all / 5, "\(body.templateSeconds) after \(first.templateSeconds)")
        let unchanged = builder.build()
        #expect(unchanged.upToDate && unchanged.templateSeconds.all == 0)
        // The page, the search index and the files made every time (assets, exports, CSV).
        #expect(body.rendered < first.files / 5, "re-rendered \(body.rendered) of \(first.files) files")
        #expect(body.changed.contains("basics/glossary/index.html"))
        // Of the search index, the page's fragment and the shards of the keys it gained or lost.
        let search = body.changed.filter { $0.hasPrefix("assets/search/") }
        #expect(search.contains { $0.hasPrefix("assets/search/p") })
        #expect(!search.contains("assets/search/index.js"), "no page's title, kind, stage or roles changed")
        let searchFiles = try FileManager.default.contentsOfDirectory(atPath: example.output.appending(path: "assets/search").path)
        #expect(search.count < searchFiles.count / 2, "\(search) of \(searchFiles.count)")
        #expect(body.changed.count - search.count <= 2, "\(body.changed)")

        // A talk script's body is also on its prep card, the one-on-one page and the plan's forms.
        try example.edit("content/talk-scripts/exit-conversation.md", replacing: "\n\n", with: "\n\n先确认对方此刻方便说话。\n\n")
        let script = try Self.rebuild(builder, example)
        #expect(script.rendered < first.files / 3, "re-rendered \(script.rendered) of \(first.files) files")
        #expect(script.changed.contains("talk-scripts/exit-conversation/index.html"))
    }

    @Test(arguments: Engine.allCases) func structureTemplatesAndStringsRerenderWhatUsesThem(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        let first = try Self.rebuild(builder, example)

        // A title is in every sidebar.
        try example.edit("content/basics/glossary.md", replacing: "title: ", with: "title: 新版·")
        let title = try Self.rebuild(builder, example)
        #expect(title.rendered > first.files / 2)

        // One kind's template: only the pages of that kind (and the files made every time).
        let template = "themes/default/templates/talk-script.mustache"
        try example.write(template, try example.read(template) + "<!-- 修订 -->\n")
        let kind = try Self.rebuild(builder, example)
        #expect(kind.rendered < first.files / 5, "re-rendered \(kind.rendered) of \(first.files) files")
        #expect(kind.changed.contains("talk-scripts/exit-conversation/index.html"))
        #expect(!kind.changed.contains("basics/glossary/index.html"))

        // A partial every page includes.
        try example.edit("themes/default/templates/partials/page-footer.mustache", replacing: "<", with: "<!-- 页脚 --><")
        try Self.rebuild(builder, example)

        // The theme's words.
        try example.edit("themes/default/i18n/zh-CN.yml", replacing: "首页", with: "手册首页")
        try Self.rebuild(builder, example)

        // A stylesheet is copied, not rendered into pages.
        try example.write("themes/default/assets/style.css", try example.read("themes/default/assets/style.css") + "\n/* 打印 */\n")
        let css = try Self.rebuild(builder, example)
        #expect(css.changed == ["assets/style.css"])

        // site.yml
        try example.edit("content/site.yml", replacing: "title: ", with: "title: 新·")
        try Self.rebuild(builder, example)
    }

    @Test(arguments: Engine.allCases) func dataEditsRerenderTheDashboardsAndThePagesShowingNumbers(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        let first = try Self.rebuild(builder, example)

        try example.edit("content/data/snapshots/2026-10.json", replacing: "\"reason\": \"relocation\"", with: "\"reason\": \"pay\"")
        let snapshot = try Self.rebuild(builder, example)
        #expect(snapshot.rendered < first.files, "re-rendered \(snapshot.rendered) of \(first.files) files")
        #expect(snapshot.changed.contains { $0.hasPrefix("dashboards/") })
        #expect(!snapshot.changed.contains("basics/glossary/index.html"))

        let contests = "content/data/contests/new-hire-knowledge-2026-autumn.json"
        try example.edit(contests, replacing: "\"hz-1\": 76", with: "\"hz-1\": 77")
        try Self.rebuild(builder, example)

        let talks = "content/data/talks/2026-10.csv"
        let lines = try example.read(talks).split(separator: "\n", omittingEmptySubsequences: false)
        try example.write(talks, lines.prefix(2).joined(separator: "\n") + "\n")
        try Self.rebuild(builder, example)
    }

    @Test(arguments: Engine.allCases) func pagesAndFilesComeAndGo(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        try Self.rebuild(builder, example)

        try example.write("content/basics/night-shift.md", "---\ntitle: 夜班交接\ntags: [新人]\n---\n\n交班前把未结的工单写清楚。\n")
        let added = try Self.rebuild(builder, example)
        #expect(added.changed.contains("basics/night-shift/index.html"))

        try FileManager.default.removeItem(at: example.url("content/basics/night-shift.md"))
        let removed = try Self.rebuild(builder, example)
        #expect(removed.changed.contains("basics/night-shift/index.html"))

        try example.write("content/basics/checklist.txt", "交接清单\n")
        let file = try Self.rebuild(builder, example)
        #expect(file.changed == ["basics/checklist.txt"])
    }

    @Test(arguments: Engine.allCases) func aBrokenSaveLeavesTheOutputAndTheNextGoodSaveBuilds(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        try Self.rebuild(builder, example)
        let before = try Self.contents(example.output)

        let page = "content/basics/glossary.md"
        let good = try example.read(page)
        try example.write(page, "---\ntitle: [未闭合\n---\n正文\n")
        let broken = builder.build()
        #expect(!broken.succeeded)
        #expect(broken.diagnostics.errors.contains { $0.file == page && $0.line != nil })
        #expect(try Self.contents(example.output) == before)

        try example.write(page, good + "\n修好之后多了一句。\n")
        let fixed = try Self.rebuild(builder, example)
        #expect(fixed.changed.contains("basics/glossary/index.html"))
    }

    @Test(arguments: Engine.allCases) func anOutputChangedBehindTheBuildersBackIsRenderedAgain(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        try Self.rebuild(builder, example)
        let tampered = example.output.appending(path: "basics/glossary/index.html")
        try Data("改过".utf8).write(to: tampered)
        try example.edit("content/talk-scripts/exit-conversation.md", replacing: "\n\n", with: "\n\n另起一段。\n\n")
        try Self.rebuild(builder, example)
    }

    /// The generation before the current output is where the next build writes: a file someone
    /// changed there (another size, another time) is written again, not kept as it was.
    @Test(arguments: Engine.allCases) func aPreviousGenerationChangedBehindTheBuildersBackIsWrittenAgain(engine: Engine) throws {
        let example = try Example()
        let builder = Builder(engine, example)
        try Self.rebuild(builder, example)
        try example.edit("content/talk-scripts/exit-conversation.md", replacing: "\n\n", with: "\n\n先听完，再回应。\n\n")
        try Self.rebuild(builder, example)
        let stale = example.root.appending(path: ".site.previous/basics/glossary/index.html")
        #expect(FileManager.default.fileExists(atPath: stale.path))
        try Data("上一代的这一页被改过".utf8).write(to: stale)
        try example.edit("content/talk-scripts/exit-conversation.md", replacing: "\n\n", with: "\n\n再约下一次。\n\n")
        try Self.rebuild(builder, example)
    }

    /// `staybook build` keeps its state beside the output, never in it, and a state file that is
    /// cut, damaged, foreign or of another generation of the output is not trusted: the build
    /// renders everything, and its output is a fresh build's.
    @Test func aDamagedOrOutdatedStateMeansAFreshBuild() throws {
        let example = try Example()
        let builder = Builder(.onDisk, example)
        let first = try Self.rebuild(builder, example)
        let state = example.root.appending(path: ".site.state")
        let search = example.root.appending(path: ".site.search")
        let inputs = example.root.appending(path: ".site.inputs")
        for file in [state, search, inputs] { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent)") }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: example.output.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [".staybook"], "the output holds only the manifest of its own: \(hidden)")
        let kept = try Data(contentsOf: state)

        var edits = 0
        func edit() throws {
            edits += 1
            try example.edit("content/basics/glossary.md", replacing: "\n\n", with: "\n\n第\(edits)次修改：交接时先说结论。\n\n")
        }
        try edit()
        #expect(try Self.rebuild(builder, example).rendered < first.files / 5, "a good state is used")

        let damages: [(String, (Data) -> Data)] = [
            ("cut in half", { $0.prefix($0.count / 2) }),
            ("a byte changed in the middle", { data in
                var data = data
                data[data.count / 2] ^= 0x5A
                return data
            }),
            ("another format", { _ in Data("staybook-state 1\n".utf8) }),
            ("empty", { _ in Data() }),
        ]
        for file in [state, search] {
            for (damage, change) in damages {
                try change(try Data(contentsOf: file)).write(to: file)
                try edit()
                let report = try Self.rebuild(builder, example)
                #expect(report.rendered >= first.rendered, "\(file.lastPathComponent) \(damage): rendered \(report.rendered) of \(first.rendered)")
            }
        }

        // The state of an older generation of the output (the first build's) is not this one's.
        try kept.write(to: state)
        try edit()
        let outdated = try Self.rebuild(builder, example)
        #expect(outdated.rendered >= first.rendered, "rendered \(outdated.rendered) of \(first.rendered)")

        // And after a fresh build, the next one is incremental again.
        try edit()
        #expect(try Self.rebuild(builder, example).rendered < first.files / 5)
    }
}
