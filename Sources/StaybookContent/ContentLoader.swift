import Foundation
import StaybookModel

/// A Markdown file of the content folder, read and split.
public struct SourceDocument: Sendable {
    /// Relative to the content folder, `/`-separated (`talk-scripts/new-hire.md`).
    public var path: String
    /// As shown in diagnostics (`content/talk-scripts/new-hire.md`).
    public var displayPath: String
    public var parsed: ParsedDocument
    /// A hash of the file without its Markdown body (the front matter, or the whole file when the
    /// body is not its end): what other pages may see of it. Equal keys and equal bodies mean an
    /// equal file.
    public var frontMatterKey: UInt64 = 0

    /// The folder the file is in, relative to the content folder (`""` for the root).
    public var folder: String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// The file name without `.md`.
    public var stem: String {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }

    public var isSectionIndex: Bool { path == "_index.md" || path.hasSuffix("/_index.md") }
}

/// Everything read from `content/`.
public struct ContentTree: Sendable {
    public var config: SiteConfig
    public var documents: [SourceDocument]
    /// Folders holding Markdown, relative to the content folder, `""` for the root.
    public var folders: [String]
    /// Other files (images, PDFs) to publish beside the pages, relative to the content folder.
    public var staticFiles: [String]
}

/// Reads the content folder: `site.yml`, every Markdown file and the files published as they are.
public struct ContentLoader: Sendable {
    /// Folders of `content/` that hold data, not pages.
    public static let dataFolder = "data"

    public let root: URL
    public var contentDirectory: URL { root.appending(path: "content", directoryHint: .isDirectory) }

    public init(root: URL) {
        self.root = root
    }

    public func load() -> (ContentTree?, [Diagnostic]) {
        load(reusing: nil)
    }

    /// Markdown files read and parsed by an earlier load, for a later one to take unchanged.
    public final class Cache: @unchecked Sendable {
        /// `site.yml`'s bytes when the documents were parsed (its stages decide what parses).
        var config: [UInt8] = []
        /// Relative path → the file's hash (`InputFingerprint`) and what parsing it gave.
        var documents: [String: (hash: UInt64, document: SourceDocument?, problems: [Diagnostic])] = [:]
        /// Path relative to the project (`content/a.md`) → hash, for this load.
        public var hashes: [String: UInt64] = [:]
        /// Documents an earlier process parsed (`kept`), without their bodies: the file is read
        /// again for its body, not parsed again.
        var stored: [String: Kept] = [:]

        public init() {}

        /// What parsing a Markdown file gave, but its body: enough to make the document again from
        /// the same bytes without parsing its front matter.
        public struct Kept: Sendable {
            public var hash: UInt64
            public var frontMatter: FrontMatter
            public var hasFrontMatter: Bool
            public var bodyLine: Int
            /// The body's length in UTF-8 bytes: the end of the file's text, whose hash is `hash`.
            public var bodyBytes: Int
            public var frontMatterKey: UInt64
            public var problems: [Diagnostic]

            public init(
                hash: UInt64, frontMatter: FrontMatter, hasFrontMatter: Bool, bodyLine: Int, bodyBytes: Int,
                frontMatterKey: UInt64, problems: [Diagnostic]
            ) {
                self.hash = hash
                self.frontMatter = frontMatter
                self.hasFrontMatter = hasFrontMatter
                self.bodyLine = bodyLine
                self.bodyBytes = bodyBytes
                self.frontMatterKey = frontMatterKey
                self.problems = problems
            }

            /// Whether the document can be made without reading its file: nothing reads a body
            /// before rendering it but a page's title from its first heading (`Assembler`).
            var needsNoText: Bool { frontMatter.title != nil }

            /// The document, from the text of the file whose hash is `hash` (the caller checks it).
            func document(path: String, display: String, text: String) -> SourceDocument? {
                guard bodyBytes <= text.utf8.count else { return nil }
                let body = text.utf8.suffix(bodyBytes)
                return document(path: path, display: display, body: BodyText(String(Substring(body)), key: hash))
            }

            /// The document with its body still in the file at `file` (`BodyText`).
            func document(path: String, display: String, file: String) -> SourceDocument {
                document(path: path, display: display, body: BodyText(reading: .init(path: file, relative: display, length: bodyBytes, hash: hash)))
            }

            private func document(path: String, display: String, body: BodyText) -> SourceDocument {
                var document = SourceDocument(
                    path: path, displayPath: display, parsed: ParsedDocument(frontMatter: frontMatter, hasFrontMatter: hasFrontMatter, body: body, bodyLine: bodyLine))
                document.frontMatterKey = frontMatterKey
                return document
            }
        }

        /// `site.yml`'s bytes when the last load parsed its documents.
        public var configBytes: [UInt8] { config }

        /// Every parsed document of the last load whose front matter `keeps` accepts, by path
        /// relative to the content folder, one at a time (a large site's would take megabytes at once).
        public func eachKept(where keeps: (FrontMatter) -> Bool, _ body: (String, Kept) -> Void) {
            for (path, held) in documents {
                guard let document = held.document, keeps(document.parsed.frontMatter) else { continue }
                let parsed = document.parsed
                body(
                    path,
                    Kept(
                        hash: held.hash, frontMatter: parsed.frontMatter, hasFrontMatter: parsed.hasFrontMatter, bodyLine: parsed.bodyLine,
                        bodyBytes: parsed.bodyText.utf8Count, frontMatterKey: document.frontMatterKey,
                        problems: held.problems))
            }
        }

        /// How many documents `eachKept` gives.
        public func keptCount(where keeps: (FrontMatter) -> Bool) -> Int {
            documents.values.reduce(0) { count, held in count + (held.document.map { keeps($0.parsed.frontMatter) ? 1 : 0 } ?? 0) }
        }

        /// Takes what an earlier process kept (`eachKept`), for `site.yml`'s bytes `config`.
        public func restore(config: [UInt8], documents: [String: Kept]) {
            self.config = config
            self.documents = [:]
            stored = documents
        }
    }

    /// `load`, taking every Markdown file whose hash in `cache.hashes` is the one it was parsed
    /// with (and `site.yml` unchanged) from `cache`, which then holds this load's documents.
    /// - Parameter configRead: called with the site config as soon as it is read, before the
    ///   pages are (what depends on it alone can start then).
    public func load(reusing cache: Cache?, configRead: (SiteConfig) -> Void = { _ in }) -> (ContentTree?, [Diagnostic]) {
        let configPath = "content/\(SiteConfigLoader.fileName)"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            return (nil, [.error("there is no content folder at \(contentDirectory.path)", hint: "run staybook in the project folder, pass --root DIR, or start a handbook here with `staybook init`")])
        }
        var diagnostics: [Diagnostic] = []
        let configURL = contentDirectory.appending(path: SiteConfigLoader.fileName)
        guard let configBytes = SourceText.bytes(atPath: configURL.path) else {
            return (nil, [.error("there is no site config", file: configPath, hint: "create it with at least `title: 手册名称`, or run `staybook init` in an empty folder for a documented one")])
        }
        let config: SiteConfig
        switch SourceText.decode(configBytes, file: configPath) {
        case .failure(let problem):
            return (nil, [problem])
        case .success(let text):
            let (parsed, problems) = SiteConfigLoader.parse(text, file: configPath)
            diagnostics += problems
            guard let parsed else { return (nil, diagnostics) }
            config = parsed
        }
        configRead(config)

        var walk = Walk(contentRoot: contentDirectory.resolvingSymlinksInPath().path)
        walk.visit(relative: "")
        diagnostics += walk.diagnostics

        let parser = FrontMatterParser(stages: config.stages)
        let directory = contentDirectory
        let earlier = cache.flatMap { $0.config == configBytes ? $0.documents : nil } ?? [:]
        let stored = cache.flatMap { $0.config == configBytes ? $0.stored : nil } ?? [:]
        let hashes = cache?.hashes ?? [:]
        // Files are opened relative to the content folder (`SourceText.bytes(in:atPath:)`).
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        let results: [(SourceDocument?, [Diagnostic])] = walk.markdown.parallelMap { path in
            let hash = hashes["content/" + path]
            // Not a document whose body could not be read again (it changed while a build ran).
            if let hash, let held = earlier[path], held.hash == hash, held.document?.parsed.bodyText.failed != true { return (held.document, held.problems) }
            let display = "content/\(path)"
            if let hash, let kept = stored[path], kept.hash == hash, kept.needsNoText {
                // What an earlier process parsed of the same bytes; the body is read if rendered.
                return (kept.document(path: path, display: display, file: directory.path + "/" + path), kept.problems)
            }
            let data = folder >= 0 ? SourceText.bytes(in: folder, atPath: path) : SourceText.bytes(atPath: directory.appending(path: path).path)
            guard let data else {
                return (nil, [.error("the file cannot be read", file: display, hint: "check its permissions")])
            }
            switch SourceText.decode(data, file: display) {
            case .failure(let problem): return (nil, [problem])
            case .success(let text):
                if let hash, let kept = stored[path], kept.hash == hash, let document = kept.document(path: path, display: display, text: text) {
                    // The bytes an earlier process parsed: its front matter, and the text's end as the body.
                    return (document, kept.problems)
                }
                let (parsed, problems) = parser.parse(text, file: display)
                return (
                    parsed.map { parsed in
                        var parsed = parsed
                        // The file's hash stands for its body (`BodyText.key`).
                        if let hash { parsed.bodyText = BodyText(parsed.body, key: hash) }
                        var document = SourceDocument(path: path, displayPath: display, parsed: parsed)
                        let head = text.utf8.count - parsed.body.utf8.count
                        let isSuffix = head >= 0 && Self.endsWith(text, parsed.body)
                        var key = ContentHash()
                        key.combine(isSuffix ? Array(text.utf8.prefix(head)) : Array(text.utf8))
                        document.frontMatterKey = key.value
                        return document
                    }, problems
                )
            }
        }
        if let cache {
            cache.config = configBytes
            cache.documents = [:]
            cache.stored = [:]
            for (path, result) in zip(walk.markdown, results) {
                if let hash = hashes["content/" + path] { cache.documents[path] = (hash, result.0, result.1) }
            }
        }
        var documents: [SourceDocument] = []
        for (document, problems) in results {
            diagnostics += problems
            if let document { documents.append(document) }
        }
        let tree = ContentTree(config: config, documents: documents, folders: walk.folders, staticFiles: walk.staticFiles)
        return (tree, diagnostics)
    }

    /// Whether `text`'s UTF-8 ends with `suffix`'s, compared as contiguous bytes (through
    /// `String.UTF8View` indices, it was a fifth of loading the content).
    static func endsWith(_ text: String, _ suffix: String) -> Bool {
        var text = text
        var suffix = suffix
        return text.withUTF8 { text in suffix.withUTF8 { suffix in suffix.count <= text.count && text.suffix(suffix.count).elementsEqual(suffix) } }
    }
}

/// A depth-first walk of the content folder that refuses to leave it.
private struct Walk {
    let contentRoot: String
    var markdown: [String] = []
    var staticFiles: [String] = []
    var folders: [String] = []
    var diagnostics: [Diagnostic] = []
    var visited: Set<String> = []

    init(contentRoot: String) {
        self.contentRoot = contentRoot
    }

    /// - Parameter ancestors: the real paths of the folders above this one.
    mutating func visit(relative: String, ancestors: [String] = []) {
        let absolute = relative.isEmpty ? contentRoot : contentRoot + "/" + relative
        let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        if ancestors.contains(real) {
            diagnostics.append(
                .error(
                    "the folder links back into itself (a symlink loop)", file: "content/\(relative)",
                    hint: "remove the symlink that points to one of its own parent folders"))
            return
        }
        guard visited.insert(real).inserted else {
            diagnostics.append(
                .error(
                    "the folder is a symlink to a folder that is already part of the content", file: "content/\(relative)",
                    hint: "remove the symlink: each page must have one place"))
            return
        }
        folders.append(relative)
        guard let directory = opendir(absolute) else {
            diagnostics.append(.error("the folder cannot be read", file: "content/\(relative)", hint: "check its permissions"))
            return
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = DirectoryEntry.name(entry)
            if !name.hasPrefix(".") { names.append(name) }
        }
        for name in names.sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            if relative.isEmpty && (name == SiteConfigLoader.fileName || name == ContentLoader.dataFolder) { continue }
            let full = absolute + "/" + name
            var info = stat()
            // Relative to the open folder: the kernel looks up one name, not the whole path.
            guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let isLink = (info.st_mode & S_IFMT) == S_IFLNK
            if isLink {
                let target = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                guard target == contentRoot || target.hasPrefix(contentRoot + "/") else {
                    diagnostics.append(
                        .error(
                            "the symlink points outside the content folder (to \(target))", file: "content/\(path)",
                            hint: "copy the file into content/ instead"))
                    continue
                }
                guard stat(full, &info) == 0 else {
                    diagnostics.append(.error("the symlink points to nothing", file: "content/\(path)", hint: "remove it"))
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                visit(relative: path, ancestors: ancestors + [real])
            case S_IFREG:
                if name.lowercased().hasSuffix(".md") {
                    markdown.append(path)
                } else {
                    staticFiles.append(path)
                }
            default:
                continue
            }
        }
    }
}
