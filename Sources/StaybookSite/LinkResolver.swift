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

    /// - Parameters:
    ///   - destination: the link as written
    ///   - source: the Markdown file's path relative to the content folder
    ///   - output: where that file is published
    public func resolve(_ destination: String, from source: String, publishedAt output: SitePath) -> LinkResolution {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//") || Self.hasScheme(destination) {
            return .keep
        }
        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
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
        return .rewrite(output.relativeURL(to: target, fragment: fragment))
    }

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
