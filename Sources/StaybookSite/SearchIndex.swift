import Foundation
import StaybookContent
import StaybookModel

/// The offline search index: every page's searchable text cut into keys (`SearchTokenizer`), with
/// what a result needs to be shown and filtered. Written as `assets/search-index.js`, a script that
/// assigns `window.StaybookSearchIndex`, because a page opened from `file://` can load a script but
/// not `fetch` a JSON file; `staybook.js` adds the script the first time the search box is used.
///
/// File layout (JSON after `window.StaybookSearchIndex = `):
/// ```
/// { "version": 1, "t2s": "與与…",
///   "kinds": [["talk-script", "谈话话术"], …], "stages": […], "roles": […], "sections": […],
///   "pages": [[title, url, section, kind, stage, [roles], excerpt, [[headingID, heading], …]], …],
///   "title": {key: postings}, "body": {key: postings} }
/// ```
/// `url` is relative to the site root; `section`, `kind`, `stage` (-1: none) and `roles` index the
/// lists above. Postings are the ascending page numbers having the key, gap-encoded (`PostingsCoding`).
public struct SearchIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var title: String
        /// The page's URL relative to the site root (`talk-scripts/exit-conversation/index.html`).
        public var url: String
        public var section: String
        public var kind: PageKind
        public var stage: String?
        public var roles: [String]
        /// The start of the page's text, for the result's snippet.
        public var excerpt: String
        /// Level-2 and level-3 headings: a match in one links to `page#id`.
        public var headings: [MarkdownText.Heading]
    }

    public var entries: [Entry]
    /// Key → ascending page numbers (indexes into `entries`).
    public var titlePostings: [String: [Int]]
    public var bodyPostings: [String: [Int]]

    public static let path = SitePath("assets/search-index.js")
    public static let globalName = "StaybookSearchIndex"
    /// Characters of text kept per page for snippets: enough that most matches show in context
    /// (the pages of the example hold about 1,000), few enough to keep the index small.
    public static let excerptLength = 600

    /// Indexes every page of `site` (sections' own text and generated pages are not searched).
    public static func build(_ site: SiteMap) -> SearchIndex {
        let home = site.root.output
        let analysed = site.pages.parallelMap { page -> (Entry, Set<String>, Set<String>) in
            let body = MarkdownText.extract(page.body)
            let extra = frontMatterText(page.frontMatter)
            let text = ([page.frontMatter.summary ?? ""] + extra + [body.text]).filter { !$0.isEmpty }.joined(separator: " ")
            let entry = Entry(
                title: page.title, url: home.relativeURL(to: page.output),
                section: page.section.isEmpty ? "" : site.sections[page.section]?.title ?? "",
                kind: page.kind, stage: page.frontMatter.stage?.value, roles: page.frontMatter.roles,
                excerpt: excerpt(text), headings: body.headings)
            return (entry, SearchTokenizer.keys(page.title), SearchTokenizer.keys(text))
        }
        var index = SearchIndex(entries: [], titlePostings: [:], bodyPostings: [:])
        for (number, (entry, titleKeys, bodyKeys)) in analysed.enumerated() {
            index.entries.append(entry)
            for key in titleKeys { index.titlePostings[key, default: []].append(number) }
            for key in bodyKeys { index.bodyPostings[key, default: []].append(number) }
        }
        return index
    }

    /// The text of a playbook's structured front matter (sides of a do/don't, quiz questions …),
    /// which its layout shows but its Markdown body does not hold.
    static func frontMatterText(_ fm: FrontMatter) -> [String] {
        var parts: [String] = []
        if let script = fm.talkScript {
            parts += [script.trigger, script.goal, script.lead, script.cadence].compactMap { $0 }
        }
        if let care = fm.careMeasure { parts += [care.category, care.owner].compactMap { $0 } }
        for group in fm.doDontGroups { parts += [group.name] + group.dos + group.donts }
        for question in fm.questions { parts += [question.question] + question.options + [question.explanation].compactMap { $0 } }
        for mapping in fm.titleMappings { parts += [mapping.old, mapping.new, mapping.reason].compactMap { $0 } }
        // Items are inline Markdown: keep their text only.
        return parts.map { MarkdownText.extract($0).text }
    }

    static func excerpt(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count <= excerptLength ? words : String(words.prefix(excerptLength)) + "…"
    }

    // MARK: - The script file

    /// `window.StaybookSearchIndex = {…};`
    public func script() -> String {
        func list<T>(_ values: [T], _ item: (T) -> String) -> String { "[" + values.map(item).joined(separator: ",") + "]" }
        let kinds = PageKind.allCases
        let stages = Set(entries.compactMap(\.stage)).sorted()
        let roles = Set(entries.flatMap(\.roles)).sorted()
        let sections = Set(entries.map(\.section)).sorted()
        let kindNumber = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let stageNumber = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1, $0) })
        let roleNumber = Dictionary(uniqueKeysWithValues: roles.enumerated().map { ($1, $0) })
        let sectionNumber = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1, $0) })
        let pages = list(entries) { entry in
            let fields = [
                JSONText.string(entry.title), JSONText.string(entry.url), String(sectionNumber[entry.section]!),
                String(kindNumber[entry.kind]!), String(entry.stage.map { stageNumber[$0]! } ?? -1),
                list(entry.roles) { String(roleNumber[$0]!) }, JSONText.string(entry.excerpt),
                list(entry.headings) { "[" + JSONText.string($0.id) + "," + JSONText.string($0.text) + "]" },
            ]
            return "[" + fields.joined(separator: ",") + "]"
        }
        func postings(_ map: [String: [Int]]) -> String {
            "{" + map.keys.sorted().map { JSONText.string($0) + ":\"" + PostingsCoding.encode(map[$0]!) + "\"" }.joined(separator: ",") + "}"
        }
        var json = "{\"version\":1,\"t2s\":" + JSONText.string(ChineseVariants.pairs)
        json += ",\"kinds\":" + list(kinds) { "[" + JSONText.string($0.rawValue) + "," + JSONText.string($0.label) + "]" }
        json += ",\"stages\":" + list(stages, JSONText.string)
        json += ",\"roles\":" + list(roles, JSONText.string)
        json += ",\"sections\":" + list(sections, JSONText.string)
        json += ",\n\"pages\":" + pages
        json += ",\n\"title\":" + postings(titlePostings)
        json += ",\n\"body\":" + postings(bodyPostings)
        return "window.\(Self.globalName) = " + json + "};\n"
    }
}

/// Ascending numbers as the gaps between them, each gap in base 32 with its last digit from
/// `final` and earlier digits from `more`: no separators, and a gap under 32 is one character.
/// `[0, 1, 5, 40]` → `0`, gap 1, gap 4, gap 35 (`B3`) → `014B3`.
public enum PostingsCoding {
    static let final = Array("0123456789abcdefghijklmnopqrstuv".unicodeScalars)
    static let more = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-.".unicodeScalars)

    public static func encode(_ numbers: [Int]) -> String {
        var out = String.UnicodeScalarView()
        var previous = -1
        for number in numbers {
            var gap = number - previous - 1  // 0 for consecutive pages
            previous = number
            var digits = [final[gap % 32]]
            gap /= 32
            while gap > 0 {
                digits.append(more[gap % 32])
                gap /= 32
            }
            out.append(contentsOf: digits.reversed())
        }
        return String(out)
    }

    public static func decode(_ text: String) -> [Int] {
        var numbers: [Int] = []
        var previous = -1
        var value = 0
        for scalar in text.unicodeScalars {
            if let digit = more.firstIndex(of: scalar) {
                value = value * 32 + digit
            } else if let digit = final.firstIndex(of: scalar) {
                previous += value * 32 + digit + 1
                numbers.append(previous)
                value = 0
            }
        }
        return numbers
    }
}

/// JSON string literals, written by hand so the index keeps a stable order and no needless escapes.
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// The index's size against the site's HTML, for the build summary.
public struct SearchIndexSize: Sendable, Hashable {
    public var indexBytes: Int
    public var htmlBytes: Int

    /// `nil` when `files` hold no search index.
    public init?(files: [OutputFile]) {
        var index: Int?
        var html = 0
        for file in files {
            guard case .bytes(let bytes) = file.contents else { continue }
            if file.path == SearchIndex.path { index = bytes.count }
            if file.path.value.hasSuffix(".html") { html += bytes.count }
        }
        guard let index else { return nil }
        indexBytes = index
        htmlBytes = html
    }

    /// The index as a share of the HTML, in percent.
    public var percentOfHTML: Double { htmlBytes == 0 ? 0 : Double(indexBytes) * 100 / Double(htmlBytes) }

    /// `search index 123 KB = 9% of HTML`
    public var summary: String {
        "search index \(Self.kilobytes(indexBytes)) = \(Int(percentOfHTML.rounded()))% of HTML"
    }

    static func kilobytes(_ bytes: Int) -> String {
        bytes >= 10_000_000 ? "\((bytes + 500_000) / 1_000_000) MB" : "\((bytes + 500) / 1000) KB"
    }
}
