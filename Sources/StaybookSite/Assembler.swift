import StaybookContent
import StaybookModel

/// Content tree → site map: places every page and section, orders them, checks that ids and
/// output paths are unique, and builds the stage, role and tag pages.
public enum Assembler {
    /// Top-level names the generator writes itself; content may not use them.
    public static let reservedNames: Set<String> = ["assets", "stages", "roles", "tags", "m", "api", "search", "dashboards"]

    public static func assemble(_ tree: ContentTree) -> (SiteMap?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let config = tree.config

        // Sections: the root and every folder with Markdown in it or below it.
        var markdownFolders: Set<String> = [""]
        for document in tree.documents {
            var folder = document.folder
            while !folder.isEmpty {
                markdownFolders.insert(folder)
                folder = parentPath(folder) ?? ""
            }
        }
        // A folder's landing page: its `_index.md`, else `index.md`, else `README.md` (any case), as
        // MkDocs and mdBook read a folder of Markdown kept in git.
        var indexByFolder = Dictionary(
            tree.documents.filter(\.isSectionIndex).map { ($0.folder, $0) }, uniquingKeysWith: { first, _ in first })
        let landings = tree.documents.filter { ["index", "readme"].contains($0.stem.lowercased()) }.sorted { $0.path < $1.path }
        for landing in ["index", "readme"] {
            for document in landings where document.stem.lowercased() == landing && indexByFolder[document.folder] == nil {
                indexByFolder[document.folder] = document
            }
        }

        var outputOwners: [SitePath: String] = [:]
        func claim(_ output: SitePath, by source: String) {
            if let owner = outputOwners[output] {
                diagnostics.append(
                    .error(
                        "this file and content/\(owner) would both be published as \(output)", file: "content/\(source)",
                        hint: "rename one of them: file and folder names are turned into URLs by lowercasing and dropping punctuation"))
            } else {
                outputOwners[output] = source
            }
        }

        var sections: [String: Section] = [:]
        var outputsBySource: [String: SitePath] = [:]
        for folder in markdownFolders.sorted() {
            let segments = folder.split(separator: "/").map { Slug.make(String($0)) }
            if segments.contains(where: \.isEmpty) {
                diagnostics.append(.error("the folder name gives an empty URL", file: "content/\(folder)", hint: "use letters or digits in folder names"))
                continue
            }
            if let top = segments.first, segments.count == 1, reservedNames.contains(top) {
                diagnostics.append(
                    .error(
                        "the folder name `\(folder)` is reserved for pages Staybook generates", file: "content/\(folder)",
                        hint: "rename it; reserved: \(reservedNames.sorted().joined(separator: ", "))"))
                continue
            }
            let index = indexByFolder[folder]
            let output = SitePath.page(folder: segments)
            claim(output, by: index?.path ?? folder)
            let indexPage = index.map { document in
                makePage(document, title: sectionTitle(folder: folder, index: document, config: config), output: output)
            }
            if let document = index {
                outputsBySource[document.path] = output
                if document.parsed.frontMatter.kind != .page {
                    diagnostics.append(
                        .warning(
                            "`kind` is ignored in a section's _index.md", file: document.displayPath,
                            hint: "a section page lists its pages; move the playbook into its own file"))
                }
            }
            sections[folder] = Section(
                path: folder, title: indexPage?.title ?? sectionTitle(folder: folder, index: nil, config: config),
                weight: index?.parsed.frontMatter.weight, summary: index?.parsed.frontMatter.summary, index: indexPage,
                output: output, parent: folder.isEmpty ? nil : (parentPath(folder) ?? ""))
            if !folder.isEmpty {
                outputsBySource[folder] = output
                outputsBySource[folder + "/"] = output
            }
        }

        // Pages.
        var pages: [Page] = []
        let indexPaths = Set(indexByFolder.values.map(\.path))
        for document in tree.documents where !indexPaths.contains(document.path) && !document.isSectionIndex {
            guard let section = sections[document.folder] else { continue }
            let slug = Slug.make(document.stem)
            guard !slug.isEmpty else {
                diagnostics.append(.error("the file name gives an empty URL", file: document.displayPath, hint: "use letters or digits in the file name"))
                continue
            }
            if section.path.isEmpty, reservedNames.contains(slug) {
                diagnostics.append(
                    .error(
                        "the page name `\(slug)` is reserved for pages Staybook generates", file: document.displayPath,
                        hint: "rename the file"))
                continue
            }
            let folder = section.output.directory.map(String.init)
            let output = SitePath.page(folder: folder + [slug])
            claim(output, by: document.path)
            outputsBySource[document.path] = output
            pages.append(makePage(document, title: nil, output: output))
        }

        // Order: weight, then title, then source path, so output never depends on the file system.
        // Sorted as indexes, then moved once: a page is large to swap.
        let keys = pages.map { ($0.section, $0.frontMatter.weight ?? Int.max, $0.title, $0.source) }
        pages = pages.indices.sorted { keys[$0] < keys[$1] }.map { pages[$0] }
        for (index, page) in pages.enumerated() {
            sections[page.section]?.pages.append(index)
        }
        for path in sections.keys.sorted() where !path.isEmpty {
            if let parent = sections[path]?.parent { sections[parent]?.children.append(path) }
        }
        let unsorted = sections
        for path in unsorted.keys {
            sections[path]?.children.sort { a, b in
                let x = unsorted[a]!
                let y = unsorted[b]!
                return (x.weight ?? Int.max, x.title, x.path) < (y.weight ?? Int.max, y.title, y.path)
            }
        }

        // Module ids.
        var pagesByID: [String: Int] = [:]
        var modules: [String: SitePath] = [:]
        var idOwners: [String: (file: String, line: Int)] = [:]
        let idCarriers: [(Page, Int?)] = pages.enumerated().map { ($1, $0) } + sections.values.compactMap { $0.index }.map { ($0, nil) }
        for (page, index) in idCarriers.sorted(by: { $0.0.source < $1.0.source }) {
            guard let id = page.frontMatter.id else {
                if index != nil, page.kind != .page {
                    diagnostics.append(
                        .warning(
                            "this \(page.kind.rawValue) has no `id`, so trainers cannot link to it permanently", file: page.displayPath,
                            line: 1, hint: "add a stable `id:` such as `\(page.kind.rawValue)-\(Slug.make(page.source.split(separator: "/").last.map(String.init) ?? "x"))`"))
                }
                continue
            }
            if let owner = idOwners[id.value] {
                diagnostics.append(
                    .error(
                        "the id `\(id.value)` is already used by \(owner.file):\(owner.line)", file: page.displayPath, line: id.line,
                        hint: "ids must be unique across the site; give this page another id"))
                continue
            }
            idOwners[id.value] = (page.displayPath, id.line)
            modules[id.value] = page.output
            if let index { pagesByID[id.value] = index }
        }

        // Static files keep their names; their folders follow the section URLs.
        var staticFiles: [SitePath: String] = [:]
        for file in tree.staticFiles {
            let parts = file.split(separator: "/").map(String.init)
            let folderOutput = outputsBySource[parts.dropLast().joined(separator: "/")]
            let folder = folderOutput?.directory.map(String.init) ?? parts.dropLast().map(Slug.make)
            if parts.count == 1, reservedNames.contains(parts[0]) { continue }
            let output = SitePath((folder + [parts.last!]).joined(separator: "/"))
            claim(output, by: file)
            staticFiles[output] = file
            outputsBySource[file] = output
        }

        // Aliases: old paths that lead to the page.
        var redirects: [SitePath: SitePath] = [:]
        for page in pages + sections.values.compactMap(\.index) {
            for alias in page.frontMatter.aliases {
                var parts = alias.value.split(separator: "/").map(String.init)
                if parts.last == "index.html" { parts.removeLast() }
                guard !parts.isEmpty, !parts.contains(where: { $0 == "." || $0 == ".." || $0.hasSuffix(".md") }) else {
                    diagnostics.append(
                        .error(
                            "the alias `\(alias.value)` is not a path of the site", file: page.displayPath, line: alias.line,
                            hint: "write the old page's path from the site root, e.g. `old-section/old-page`"))
                    continue
                }
                let from = SitePath.page(folder: parts)
                if let owner = outputOwners[from] {
                    diagnostics.append(
                        .error(
                            "the alias `\(alias.value)` is the path of content/\(owner)", file: page.displayPath, line: alias.line,
                            hint: "an alias may only name a path no page uses"))
                    continue
                }
                outputOwners[from] = page.source
                redirects[from] = page.output
            }
        }

        let taxonomies = buildTaxonomies(pages: pages, config: config)
        let readingOrder = order(sections: sections, from: "")
        if diagnostics.hasErrors { return (nil, diagnostics) }
        var map = SiteMap(
            config: config, pages: pages, sections: sections, taxonomies: taxonomies, pagesByID: pagesByID,
            outputsBySource: outputsBySource, staticFiles: staticFiles, modules: modules, readingOrder: readingOrder)
        map.redirects = redirects
        return (map, diagnostics)
    }

    private static func parentPath(_ folder: String) -> String? {
        guard !folder.isEmpty else { return nil }
        guard let slash = folder.lastIndex(of: "/") else { return "" }
        return String(folder[..<slash])
    }

    private static func sectionTitle(folder: String, index: SourceDocument?, config: SiteConfig) -> String {
        if let title = index?.parsed.frontMatter.title?.value { return title }
        if let index, let heading = FirstHeading.find(in: index.parsed.body) { return heading.text }
        if folder.isEmpty { return config.title }
        return String(folder.split(separator: "/").last!)
    }

    /// A page, titled from its front matter, else its first heading of any level, else its file
    /// name. A level-1 heading that opens the body is the page's title and is dropped from the body
    /// so it does not show twice; any other stays where it is.
    /// A body with a front matter title is not read here (it may still be in its file).
    private static func makePage(_ document: SourceDocument, title: String?, output: SitePath) -> Page {
        var body = document.parsed.bodyText
        let frontMatterTitle = document.parsed.frontMatter.title?.value
        var resolved = title ?? frontMatterTitle
        if frontMatterTitle == nil, let heading = FirstHeading.find(in: body.value) {
            resolved = resolved ?? heading.text
            if heading.level == 1 && heading.opensTheBody {
                // Blank the heading's lines rather than remove them, so body lines keep their numbers.
                var lines = body.value.split(separator: "\n", omittingEmptySubsequences: false)
                for index in heading.lines where index < lines.count { lines[index] = "" }
                // Still made from the same file: the same key.
                body = BodyText(lines.joined(separator: "\n"), key: body.key)
            }
        }
        return Page(
            source: document.path, displayPath: document.displayPath, frontMatter: document.parsed.frontMatter, body: body,
            bodyLine: document.parsed.bodyLine, title: resolved ?? document.stem, output: output, section: document.folder)
    }

    private static func buildTaxonomies(pages: [Page], config: SiteConfig) -> [Taxonomy] {
        // `values` takes a page's number: reading a field in place, not copying a page per term.
        func taxonomy(key: String, title: String, termLabel: String, order: [String]?, values: (Int) -> [String]) -> Taxonomy {
            var byName: [String: [Int]] = [:]
            for index in pages.indices {
                let found = values(index)
                for value in found.count > 1 ? Array(Set(found)) : found { byName[value, default: []].append(index) }
            }
            let names: [String]
            if let order {
                names = order.filter { byName[$0] != nil }
            } else {
                names = byName.keys.sorted { a, b in (-(byName[a]!.count), a) < (-(byName[b]!.count), b) }
            }
            var slugs = SlugDeduplicator()
            let terms = names.map { name in
                let slug = slugs.unique(Slug.make(name), fallback: "term")
                return Term(name: name, slug: slug, pages: byName[name]!, output: SitePath.page(folder: [key, slug]))
            }
            return Taxonomy(key: key, title: title, termLabel: termLabel, terms: terms, output: SitePath.page(folder: [key]))
        }
        return [
            taxonomy(key: "stages", title: "按员工阶段", termLabel: "阶段", order: config.stages) { pages[$0].frontMatter.stage.map { [$0.value] } ?? [] },
            taxonomy(key: "roles", title: "按角色", termLabel: "角色", order: nil) { pages[$0].frontMatter.roles },
            taxonomy(key: "tags", title: "标签", termLabel: "标签", order: nil) { pages[$0].frontMatter.tags },
        ]
    }

    private static func order(sections: [String: Section], from path: String) -> [ReadingItem] {
        guard let section = sections[path] else { return [] }
        var items: [ReadingItem] = path.isEmpty ? [] : [.section(path)]
        items += section.pages.map(ReadingItem.page)
        for child in section.children { items += order(sections: sections, from: child) }
        return items
    }
}
