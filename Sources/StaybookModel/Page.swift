/// One Markdown file of the handbook, read and placed.
public struct Page: Sendable, Hashable {
    /// The source path relative to the content folder (`talk-scripts/new-hire.md`).
    public var source: String
    /// The path shown in diagnostics (`content/talk-scripts/new-hire.md`).
    public var displayPath: String
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter, maybe still in its file until first read.
    public var bodyText: BodyText
    /// The line of the source file on which `body` starts.
    public var bodyLine: Int
    /// The page's title: front matter, else the first heading, else the file name.
    public var title: String
    public var output: SitePath
    /// The section folder path relative to the content folder (`""` for the root).
    public var section: String

    /// The Markdown after the front matter (read from its file the first time: `BodyText`).
    public var body: String {
        get { bodyText.value }
        set { bodyText = BodyText(newValue) }
    }

    /// Stands for the body without reading it: equal keys, equal bodies (`BodyText.key`).
    public var bodyKey: UInt64 { bodyText.key }

    public init(
        source: String, displayPath: String, frontMatter: FrontMatter, body: BodyText, bodyLine: Int, title: String,
        output: SitePath, section: String
    ) {
        self.source = source
        self.displayPath = displayPath
        self.frontMatter = frontMatter
        self.bodyText = body
        self.bodyLine = bodyLine
        self.title = title
        self.output = output
        self.section = section
    }

    public var kind: PageKind { frontMatter.kind }
}

/// A folder of the content tree. Its own text comes from `_index.md`.
public struct Section: Sendable, Hashable {
    /// Folder path relative to the content folder, `/`-separated; `""` for the root.
    public var path: String
    public var title: String
    public var weight: Int?
    public var summary: String?
    /// `_index.md`, when the folder has one.
    public var index: Page?
    public var output: SitePath
    /// Pages of this folder, in order (weight, then title).
    public var pages: [Int] = []
    /// Direct child sections, in order.
    public var children: [String] = []
    public var parent: String?

    public init(path: String, title: String, weight: Int?, summary: String?, index: Page?, output: SitePath, parent: String?) {
        self.path = path
        self.title = title
        self.weight = weight
        self.summary = summary
        self.index = index
        self.output = output
        self.parent = parent
    }

    /// Depth below the root: 0 for the root, 1 for `talk-scripts`.
    public var depth: Int { path.isEmpty ? 0 : path.split(separator: "/").count }
}
