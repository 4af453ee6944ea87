import Foundation
import StaybookContent
import StaybookMetrics
import StaybookModel
import StaybookSearch
import StaybookRender

/// A project folder: `content/` (with `site.yml`) and, optionally, `themes/` (the default theme is
/// built into Staybook; `themes/default/` overrides its files one by one).
public struct Project: Sendable {
    public let root: URL
    /// The day the one-on-one plan is made for (`--as-of`); default the last day of the latest
    /// snapshot's month, so the same input gives the same site.
    public var asOf: Day?

    public init(root: URL, asOf: Day? = nil) {
        self.root = root.standardizedFileURL
        self.asOf = asOf
    }

    public var contentDirectory: URL { root.appending(path: "content", directoryHint: .isDirectory) }
    /// Optional: a project without it uses the built-in theme.
    public var themesDirectory: URL { root.appending(path: "themes", directoryHint: .isDirectory) }
    public var defaultOutput: URL { root.appending(path: "site", directoryHint: .isDirectory) }
}

/// Everything a build knows before it renders: the placed content and the theme.
public struct LoadedSite: Sendable {
    public let project: Project
    public let map: SiteMap
    public let theme: Theme
    /// The numbers from `content/data/snapshots/`; empty when there are none.
    public let dashboard: Dashboard
    /// Team scores of the knowledge contests, from `content/data/contests/`.
    public var contests: [ContestResults] = []
    /// Who to talk to and by when; `nil` when no snapshot has per-agent data.
    public var plan: OneOnOnePlan?
    /// Source path → `SourceDocument.frontMatterKey`, for the incremental engine.
    public var frontMatterKeys: [String: UInt64] = [:]
}

/// What a build or check did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// HTML pages rendered.
    public var pages = 0
    /// Files in the output, pages included.
    public var files = 0
    /// Each step's name and wall-clock seconds, in order.
    public var steps: [(name: String, seconds: Double)] = []
    public var output: URL?
    /// The search index against the HTML, when the build wrote one.
    public var searchIndex: SearchIndexSize?
    /// Nothing changed since the last build into the same output, so nothing was rendered or written.
    public var upToDate = false
    /// The output files (site paths) whose bytes this build changed, added or removed, sorted; what a
    /// live preview reloads.
    public var changed: [String] = []
    /// Output files rendered anew; the rest were reused from the previous build.
    public var rendered = 0
    /// Processor seconds the render spent in the template engine, and the part of them in
    /// templates rendered inside others (the sidebar).
    public var templateSeconds = (all: 0.0, nested: 0.0)

    public init() {}

    public var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// load → assemble → theme → render → publish. Each step is a function of the previous step's
/// value; nothing is shared or mutated between them, so a future `serve` can re-run only the steps
/// a change affects.
public enum Pipeline {
    /// Reads and checks everything; renders nothing.
    public static func load(_ project: Project, report: inout BuildReport) -> LoadedSite? {
        load(project, report: &report, cache: nil)
    }

    /// `load`, taking from `cache` the Markdown files and the theme an earlier load read from the
    /// same bytes (`SiteBuilder`), and leaving this load's in it.
    static func load(_ project: Project, report: inout BuildReport, cache: LoadCache?) -> LoadedSite? {
        // The theme depends on site.yml and themes/ alone: it loads on another core from the moment
        // site.yml is read, while the pages are read and assembled, and its step is the time
        // waited for it after that.
        let configFile = "content/\(SiteConfigLoader.fileName)"
        var themeKey: UInt64?
        var started: Background<ThemeLoad>?
        let tree = step("load content", &report) {
            ContentLoader(root: project.root).load(reusing: cache?.documents) { config in
                themeKey = cache?.themeKey(config, themes: project.themesDirectory)
                let heldTheme = cache?.theme.flatMap { [themeKey] held in themeKey != nil && held.key == themeKey ? held : nil }
                started = Background { () -> ThemeLoad in
                    if let heldTheme { return ThemeLoad(theme: heldTheme.theme, diagnostics: heldTheme.diagnostics) }
                    let (theme, diagnostics) = Theme.load(
                        themesDirectory: project.themesDirectory, name: config.theme, configFile: configFile,
                        configLine: config.keyLines["theme"], language: config.language, languageLine: config.keyLines["language"])
                    return ThemeLoad(theme: theme, diagnostics: diagnostics)
                }
            }
        }
        guard let tree, let themeLoad = started, !report.diagnostics.hasErrors else { return nil }
        let map = step("assemble", &report) { () -> (SiteMap?, [Diagnostic]) in
            let (map, diagnostics) = Assembler.assemble(tree)
            guard let map else { return (nil, diagnostics) }
            let renaming = TitleRenaming(site: map)
            return (renaming.applied(to: map), diagnostics + renaming.frontMatterProblems(map) + HandbookConsistency.problems(map, cache: cache?.vocabulary))
        }
        if let map {
            let ids = Set(map.pages.compactMap { $0.frontMatter.id?.value })
            report.diagnostics += RuleEngine.validate(tree.config.playbookRules, playbookIDs: ids, file: configFile)
            report.diagnostics += Courses.check(map)
        }
        let theme = step("load theme", &report) { () -> (Theme?, [Diagnostic]) in
            let loaded = themeLoad.wait()
            if let themeKey { cache?.theme = (themeKey, loaded.theme, loaded.diagnostics) }
            return (loaded.theme, loaded.diagnostics)
        }
        let loaded = step("load snapshots", &report) { () -> ((Dashboard, [Snapshot])?, [Diagnostic]) in
            let (snapshots, diagnostics) = SnapshotDecoder.load(contentDirectory: project.contentDirectory)
            var dashboard = Metrics.compute(snapshots, defaultTarget: tree.config.targetChurn)
            // The center's name is a word of the site's language, not data.
            if let theme, !dashboard.isEmpty { dashboard.center.name = theme.strings["dashboard.center_name"] }
            return ((dashboard, snapshots), diagnostics + targetProblems(snapshots, tree.config))
        }
        let dashboard = loaded?.0
        let plan = step("plan one-on-ones", &report) { () -> (OneOnOnePlan??, [Diagnostic]) in
            let (talks, diagnostics) = TalkLogDecoder.load(contentDirectory: project.contentDirectory)
            let snapshots = loaded?.1 ?? []
            var problems = diagnostics + OneOnOnePlanning.check(talks: talks, snapshots: snapshots, config: tree.config, file: configFile)
            if let map {
                problems += OneOnOnePlanning.validatePlaybooks(tree.config.oneOnOne, playbookIDs: Set(map.pages.compactMap { $0.frontMatter.id?.value }), file: configFile)
            }
            return (.some(OneOnOnePlanner.plan(snapshots: snapshots, talks: talks, config: tree.config, asOf: project.asOf)), problems)
        }
        let contests = step("load contest results", &report) { () -> ([ContestResults]?, [Diagnostic]) in
            let (results, diagnostics) = ContestResultsDecoder.load(contentDirectory: project.contentDirectory)
            let contestIDs = Set((map?.pages ?? []).filter { $0.kind == .contest }.compactMap { $0.frontMatter.id?.value })
            let teamIDs = dashboard.flatMap { $0.isEmpty ? nil : Set($0.teams.map(\.key)) }
            return (results, diagnostics + ContestResultsDecoder.validate(results, contestIDs: contestIDs, teamIDs: teamIDs))
        }
        guard let map, let theme, let dashboard, let contests, let plan, !report.diagnostics.hasErrors else { return nil }
        var site = LoadedSite(project: project, map: map, theme: theme, dashboard: dashboard, contests: contests, plan: plan)
        site.frontMatterKeys = Dictionary(tree.documents.map { ($0.path, $0.frontMatterKey) }, uniquingKeysWith: { first, _ in first })
        return site
    }

    /// A team without its own target needs the site's: a chart without a target line would hide
    /// whether the team is doing well.
    static func targetProblems(_ snapshots: [Snapshot], _ config: SiteConfig) -> [Diagnostic] {
        guard config.targetChurn == nil else { return [] }
        for snapshot in snapshots {
            if let index = snapshot.teams.firstIndex(where: { $0.targetChurn == nil }) {
                return [
                    .error(
                        "teams[\(index)]: no target_churn, and site.yml sets no site-wide one", file: snapshot.file,
                        hint: "add `target_churn: 0.08` (the monthly target as a fraction) to content/site.yml")
                ]
            }
        }
        return []
    }

    /// Renders every page, handing each file to `emit` as it is made; `nil` when any page has an error.
    public static func render(
        _ site: LoadedSite, report: inout BuildReport, emit: @escaping @Sendable (OutputFile) throws -> Void = { _ in }
    ) -> RenderedSite? {
        render(site, report: &report, emit: emit, reuse: nil)?.0
    }

    /// `render`, taking the jobs whose inputs are unchanged from `reuse` (`SiteBuilder`); also
    /// returns what every job made, for the next build.
    static func render(
        _ site: LoadedSite, report: inout BuildReport, emit: @escaping @Sendable (OutputFile) throws -> Void, reuse: RenderReuse?
    ) -> (RenderedSite, RenderMemo)? {
        let result: (RenderedSite, RenderMemo)? = step("render", &report) {
            let (rendered, diagnostics, memo) = SiteRenderer(
                site: site.map, theme: site.theme, dashboard: site.dashboard, contests: site.contests, plan: site.plan
            ).render(contentDirectory: site.project.contentDirectory, emit: emit, reuse: reuse)
            return ((rendered, memo), diagnostics + unreadBodies(site.map))
        }
        guard let result, !report.diagnostics.hasErrors else { return nil }
        let rendered = result.0
        report.pages = rendered.pages
        report.files = rendered.files + 1
        report.searchIndex = rendered.searchIndex
        report.rendered = rendered.rendered
        report.templateSeconds = rendered.templateSeconds
        return result
    }

    /// The pages whose body was to be read from its file when rendered and was not there as
    /// parsed (`BodyText`): the file changed while the site was built.
    static func unreadBodies(_ map: SiteMap) -> [Diagnostic] {
        (map.pages + map.sections.values.compactMap(\.index)).filter(\.bodyText.failed).map { page in
            .error(
                "the file changed while the site was being built, so this page was not rendered from it", file: page.displayPath,
                hint: "build again once the file is saved")
        }
    }

    /// `staybook check`: everything a build does except writing.
    public static func check(_ project: Project) -> BuildReport {
        var report = BuildReport()
        if let site = load(project, report: &report) {
            _ = render(site, report: &report)
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        return report
    }

    /// `staybook build`: check, then publish atomically to `output`. On any error the output stays
    /// as it was. Files are written while the site renders, into a staging folder that is swapped
    /// in at the end (`SiteBuilder`, which a live preview keeps to rebuild what changes). Only what
    /// changed since the last build into `output` is rendered (`EngineState`).
    public static func build(_ project: Project, output: URL? = nil) -> BuildReport {
        builder(project, output: output).build()
    }

    /// The builder `build` uses: one that keeps its state beside the output for the next one.
    public static func builder(_ project: Project, output: URL? = nil) -> SiteBuilder {
        SiteBuilder(project: project, output: output ?? project.defaultOutput, keepsState: true)
    }

    /// Runs one step, timing it and collecting its diagnostics.
    static func step<T>(_ name: String, _ report: inout BuildReport, _ body: () -> (T?, [Diagnostic])) -> T? {
        let start = ContinuousClock.now
        let (value, diagnostics) = body()
        report.steps.append((name, (ContinuousClock.now - start).seconds))
        report.diagnostics += diagnostics
        return value
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

/// What one load read that the next load of the same project may take unchanged: the parsed
/// Markdown files and the theme, each under the hashes of the files it came from.
/// What loading the theme gave (`Pipeline.load`).
struct ThemeLoad: Sendable {
    var theme: Theme?
    var diagnostics: [Diagnostic]
}

final class LoadCache: @unchecked Sendable {
    let documents = ContentLoader.Cache()
    let vocabulary = HandbookConsistency.Cache()
    var theme: (key: UInt64, theme: Theme?, diagnostics: [Diagnostic])?

    /// Sets the hashes of this load's input files (`InputFingerprint`, by path in the project).
    func prepare(hashes: [String: UInt64]) {
        documents.hashes = hashes
    }

    /// Everything the theme is read from: the files under `themes/`, the running Staybook (the
    /// built-in theme) and the theme and language `site.yml` names, with their lines.
    func themeKey(_ config: SiteConfig, themes: URL) -> UInt64? {
        guard !documents.hashes.isEmpty else { return nil }
        var hash = ContentHash()
        hash.combine(InputFingerprint.programIdentity)
        hash.combine(config.theme)
        hash.combine(config.language)
        hash.combine(config.keyLines["theme"] ?? -1)
        hash.combine(config.keyLines["language"] ?? -1)
        // A theme's folder counts before it holds a file.
        hash.combine(((try? FileManager.default.contentsOfDirectory(atPath: themes.path)) ?? []).sorted().joined(separator: "/"))
        for (path, file) in documents.hashes.filter({ $0.key.hasPrefix("themes/") }).sorted(by: { $0.key < $1.key }) {
            hash.combine(path)
            hash.combine(Int(truncatingIfNeeded: file))
        }
        return hash.value
    }
}
