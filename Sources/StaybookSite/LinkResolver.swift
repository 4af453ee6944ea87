import StaybookContent
import StaybookModel

/// Resolves links written in Markdown against the site map at build time.
///
/// Authors link to the Markdown file (`../care/career.md`), to a folder (`../care/`), to a file
/// they put beside the page (`chart.png`) or to a page's URL path (`../care/career/`); relative to
/// the file they write in, or from the content root with a leading `/`. Each becomes the relative
/// URL of the published file. A link to nothing is reported with the file and line.
public struct LinkResolver: Sendable {
    public let site: SiteMap
    /// Output folder (`care/career`) → the page published there.
    private let pagesByFolder: [String: SitePath]

    /// - Parameter generated: pages the build makes without a Markdown source (`one-on-one/`),
    ///   which authors may link to by their folder.
    public init(site: SiteMap, generated: [SitePath] = []) {
        self.site = site
        var folders: [String: SitePath] = [:]
        for output in generated { folders[output.directory.joined(separator: "/")] = output }
        for output in site.outputsBySource.values where output.value.hasSuffix("/index.html") || output.value == "index.html" {
            folders[output.directory.joined(separator: "/")] = output
        }
        self.pagesByFolder = folders
    }

    /// Where a link written in Markdown leads.
    public enum Target: Sendable, Equatable {
        /// Outside the site, or not a path (`mailto:`): left as written.
        case external
        /// A heading of the page the link is on (`#第一步`), fragment decoded.
        case sameDocument(fragment: String)
        /// A file of the site, with the heading asked for (decoded), if any.
        case file(SitePath, fragment: String?)
        case broken(message: String, hint: String?)
    }

    /// - Parameters:
    ///   - destination: the link as written
    ///   - source: the Markdown file's path relative to the content folder
    ///   - output: where that file is published
    public func resolve(_ destination: String, from source: String, publishedAt output: SitePath) -> LinkResolution {
        switch target(destination, from: source) {
        case .external, .sameDocument: .keep
        case .file(let target, let fragment): .rewrite(output.relativeURL(to: target, fragment: fragment))
        case .broken(let message, let hint): .broken(message: message, hint: hint)
        }
    }

    /// The file and heading a link leads to. Module links (`/m/talk-exit/`, `../m/talk-exit/#第一步`)
    /// lead straight to the module's page.
    public func target(_ destination: String, from source: String) -> Target {
        if destination.hasPrefix("#") {
            return .sameDocument(fragment: URLEncoding.decode(String(destination.dropFirst())) ?? String(destination.dropFirst()))
        }
        if destination.isEmpty || destination.hasPrefix("//") || Self.hasScheme(destination) {
            return .external
        }
        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            let raw = String(path[path.index(after: hash)...])
            fragment = URLEncoding.decode(raw) ?? raw
            path = String(path[..<hash])
        }
        if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        guard let decoded = URLEncoding.decode(path) else {
            return .broken(message: "the link `\(destination)` has a malformed %-escape", hint: "write the path as plain text")
        }
        let baseFolder = decoded.hasPrefix("/") ? [] : source.split(separator: "/").dropLast().map(String.init)
        var parts = baseFolder
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else {
                    return .broken(
                        message: "the link `\(destination)` points outside the content folder",
                        hint: "link only to files inside content/")
                }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        if parts.first == Self.modulePrefix, parts.count == 2 || (parts.count == 3 && parts[2] == "index.html") {
            guard let module = site.modules[parts[1]] else {
                return .broken(
                    message: "the link `\(destination)` names the module id `\(parts[1])`, which no page has",
                    hint: "use the `id:` of a page's front matter (see the modules catalogue)")
            }
            return .file(module, fragment: fragment)
        }
        let resolved = parts.joined(separator: "/")
        let target =
            site.outputsBySource[resolved]
            ?? (resolved.hasSuffix("/index.html") || resolved == "index.html"
                ? pagesByFolder[String(resolved.dropLast("index.html".count)).trimmingSuffix("/")] : nil)
            ?? pagesByFolder[resolved]
            ?? (resolved.isEmpty ? site.root.output : nil)
        guard let target else {
            return .broken(
                message: "the link `\(destination)` points to content/\(resolved), which does not exist",
                hint: "link to a Markdown file relative to this one, e.g. `../care/career.md`")
        }
        return .file(target, fragment: fragment)
    }

    /// The folder of permanent module links: `m/<id>/`.
    public static let modulePrefix = "m"

    /// `http:`, `mailto:`, `javascript:` … (the Markdown renderer neutralises the dangerous ones).
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == ".")
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
