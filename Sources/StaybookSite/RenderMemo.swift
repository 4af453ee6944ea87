import Foundation
import StaybookMetrics
import StaybookModel
import StaybookSearch
import StaybookRender

/// What one render job read besides the site's structure, noted while it renders (bound with
/// `JobUsage.$current.withValue(…)`; a job runs on one thread, so no lock).
final class JobUsage: @unchecked Sendable {
    @TaskLocal static var current: JobUsage?

    /// Source paths of the pages whose Markdown the job rendered.
    var bodies: Set<String> = []
    /// Whether the job showed numbers: a chart, a figure, findings, a leaderboard, the plan.
    var usesData = false
    /// The chart tables the job offered as CSV.
    var downloads: [Download] = []
}

/// The inputs a render job can depend on, each reduced to a hash (`ContentHash`, stable across
/// runs), so that a later build can tell which jobs would render the same bytes again.
public struct RenderInputs: Sendable, Equatable {
    /// Everything every page sees: the site's configuration, the theme's shared files (strings),
    /// every page's and section's place, title and front matter, the static files, and the shape of
    /// the numbers (which dashboards and plan exist). Not the pages' bodies, not the numbers.
    public var structure: UInt64
    /// The snapshots, contest results and talk log (everything under `content/data/`) and the
    /// plan's day.
    public var data: UInt64
    /// Template name → `Theme.templateKeys`.
    public var templates: [String: UInt64]
    /// Source path → the page's `bodyKey`: a hash of its file, or of its Markdown body (section
    /// indexes included).
    public var bodies: [String: UInt64]

    /// The inputs of `site`; `configBytes` are `site.yml`'s, `data` the hash of `content/data/`.
    public static func of(_ site: LoadedSite, configBytes: [UInt8], data: UInt64) -> RenderInputs {
        let map = site.map
        let indexes = map.sections.values.compactMap(\.index)
        let pages = map.pages + indexes
        let bodyKeys = pages.parallelMap { page in (page.source, page.bodyKey) }
        var hash = ContentHash()
        hash.combine(configBytes.count)
        hash.combine(configBytes)
        hash.combine(Int(truncatingIfNeeded: site.theme.sharedKey))
        hash.combine(site.project.asOf?.description ?? "latest")
        func add(_ page: Page) {
            hash.combine(page.source)
            hash.combine(Int(truncatingIfNeeded: site.frontMatterKeys[page.source] ?? 0))
            hash.combine(page.title)
            hash.combine(page.output.value)
            hash.combine(page.section)
            hash.combine(page.bodyLine)
        }
        hash.combine(map.pages.count)
        map.pages.forEach(add)
        for (path, section) in map.sections.sorted(by: { $0.key < $1.key }) {
            hash.combine(path)
            hash.combine(section.title)
            hash.combine(section.output.value)
            hash.combine(section.weight ?? Int.min)
            hash.combine(section.summary ?? "\u{0}")
            if let index = section.index { add(index) } else { hash.combine("\u{0}no index") }
        }
        for (path, source) in map.staticFiles.sorted(by: { $0.key < $1.key }) {
            hash.combine(path.value)
            hash.combine(source)
        }
        for (from, to) in map.redirects.sorted(by: { $0.key < $1.key }) {
            hash.combine(from.value)
            hash.combine(to.value)
        }
        // The shape of the numbers: the dashboards' navigation and links, and whether there is a plan.
        let dashboard = site.dashboard.isEmpty ? nil : site.dashboard
        hash.combine(dashboard == nil ? 0 : 1)
        for area in dashboard?.areas ?? [] {
            hash.combine(area.key)
            hash.combine(area.name)
        }
        hash.combine("teams")
        for team in dashboard?.teams ?? [] {
            hash.combine(team.key)
            hash.combine(team.name)
        }
        hash.combine(site.plan == nil ? 0 : 1)
        return RenderInputs(
            structure: hash.value, data: data, templates: site.theme.templateKeys,
            bodies: Dictionary(bodyKeys, uniquingKeysWith: { first, _ in first }))
    }
}

/// What every render job of the last build made, and from what: a job whose inputs are unchanged
/// is not rendered again; its files, problems, heading links and search entry are taken from here.
///
/// Kept in memory by `SiteBuilder` between builds; the output folder holds the files themselves.
public struct RenderMemo: Sendable {
    /// One output file a job made.
    struct Made: Sendable {
        var path: SitePath
        var hash: UInt64
        var size: Int
        /// Element ids, for HTML (the heading-link check).
        var ids: PageIDs?
    }

    struct Entry: Sendable {
        var structure: UInt64
        /// `nil`: the job showed no numbers.
        var data: UInt64?
        var templates: [String: UInt64]
        /// `nil`: every template (a render that ran on other threads, whose use was not noted).
        var allTemplates: Bool
        var bodies: [String: UInt64]
        var files: [Made]
        var diagnostics: [Diagnostic]
        var anchors: [AnchorReference]
        var search: SearchIndex.Analysed?
        var downloads: [Download]
        /// Where `save` wrote this entry in the memo's `saved` bytes, when it was read from them
        /// (`restore`) and taken as it was since: it is written again as those bytes.
        var saved: Range<Int>? = nil

        /// Whether the job would render the same bytes from `inputs`.
        func isCurrent(_ inputs: RenderInputs) -> Bool {
            guard structure == inputs.structure else { return false }
            if let data, data != inputs.data { return false }
            if allTemplates {
                guard templates == inputs.templates else { return false }
            } else {
                for (name, key) in templates where inputs.templates[name] != key { return false }
            }
            for (source, key) in bodies where inputs.bodies[source] != key { return false }
            return true
        }
    }

    var entries: [String: Entry] = [:]
    /// The inputs the entries were made from.
    var inputs: RenderInputs?
    /// The state the entries with a `saved` range were read from (`EngineState`).
    var saved: [UInt8] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
}

/// How a render that may reuse jobs is told what was rendered before and where kept files go.
public struct RenderReuse: Sendable {
    public var memo: RenderMemo
    public var inputs: RenderInputs
    /// A file a reused job made, whose bytes are already in the output: publish it unchanged.
    public var keep: @Sendable (_ path: SitePath, _ hash: UInt64, _ size: Int) throws -> Void
    /// Writes the search index from what it wrote last time (`SiteBuilder` keeps one).
    var search: SearchIndexWriter?

    public init(memo: RenderMemo, inputs: RenderInputs, keep: @escaping @Sendable (SitePath, UInt64, Int) throws -> Void) {
        self.memo = memo
        self.inputs = inputs
        self.keep = keep
    }
}
