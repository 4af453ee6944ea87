/// The whole site placed: every page and section with its output path, in reading order, with the
/// generated taxonomy pages. Built once per build from the content tree; everything after it reads
/// it and nothing changes it.
public struct SiteMap: Sendable {
    public var config: SiteConfig
    /// Every Markdown page that is not a section's `_index.md`, in reading order.
    public var pages: [Page]
    /// Sections by folder path; `""` is the root (the home page).
    public var sections: [String: Section]
    /// Stages, roles and tags.
    public var taxonomies: [Taxonomy]
    /// Module id → index into `pages`.
    public var pagesByID: [String: Int]
    /// Source path relative to the content folder (`care/career.md`, `care/_index.md`) → its page.
    public var outputsBySource: [String: SitePath]
    /// Static files to publish: output path → source path relative to the content folder.
    public var staticFiles: [SitePath: String]
    /// Module ids of pages and sections → their output.
    public var modules: [String: SitePath]
    /// Sections and pages in the order a reader goes through the handbook (home excluded).
    public var readingOrder: [ReadingItem]
    /// Old paths kept alive (`aliases:`): the redirect page → the page it leads to.
    public var redirects: [SitePath: SitePath] = [:]

    public init(
        config: SiteConfig, pages: [Page], sections: [String: Section], taxonomies: [Taxonomy],
        pagesByID: [String: Int], outputsBySource: [String: SitePath], staticFiles: [SitePath: String],
        modules: [String: SitePath], readingOrder: [ReadingItem]
    ) {
        self.modules = modules
        self.readingOrder = readingOrder
        self.config = config
        self.pages = pages
        self.sections = sections
        self.taxonomies = taxonomies
        self.pagesByID = pagesByID
        self.outputsBySource = outputsBySource
        self.staticFiles = staticFiles
    }

    public var root: Section { sections[""]! }

    /// The chain of sections from the root down to `path` (root first).
    public func ancestry(of path: String) -> [Section] {
        var chain: [Section] = []
        var current: String? = path
        while let key = current, let section = sections[key] {
            chain.append(section)
            current = section.parent
        }
        return chain.reversed()
    }

    /// The top-level section a folder belongs to (`talk-scripts/advanced` → `talk-scripts`).
    public func topSection(of path: String) -> String? {
        path.split(separator: "/").first.map(String.init)
    }
}

/// One stop in the reading order.
public enum ReadingItem: Sendable, Hashable {
    case section(String)
    case page(Int)
}

/// A way of grouping pages: stages, roles, tags.
public struct Taxonomy: Sendable, Hashable {
    /// `stages`, `roles`, `tags`: also the output folder.
    public var key: String
    /// Page heading, e.g. `按员工阶段`.
    public var title: String
    /// Short label for one term, e.g. `阶段`.
    public var termLabel: String
    public var terms: [Term]
    public var output: SitePath

    public init(key: String, title: String, termLabel: String, terms: [Term], output: SitePath) {
        self.key = key
        self.title = title
        self.termLabel = termLabel
        self.terms = terms
        self.output = output
    }
}

/// One stage, role or tag and the pages that carry it.
public struct Term: Sendable, Hashable {
    public var name: String
    public var slug: String
    public var pages: [Int]
    public var output: SitePath

    public init(name: String, slug: String, pages: [Int], output: SitePath) {
        self.name = name
        self.slug = slug
        self.pages = pages
        self.output = output
    }
}
