import Foundation
import StaybookContent
import StaybookModel

/// The offline search index: every page's searchable text cut into keys (`SearchTokenizer`), with
/// what a result needs to be shown and filtered. `SearchIndexWriter` writes it as scripts under
/// `assets/search/` (an index, key shards and result fragments), which `staybook.js` loads as a
/// query needs them.
///
/// Postings are the ascending page numbers having a key, gap-encoded (`PostingsCoding`); pages are
/// numbered in the site's order.
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
    /// The pages as analysed, in order (what the files are written from).
    let analysed: [Analysed]
    /// Key → ascending page numbers (indexes into `entries`).
    public var titlePostings: [String: [Int]]
    public var bodyPostings: [String: [Int]]

    /// Characters of text kept per page for snippets: enough that most matches show in context
    /// (the pages of the example hold about 1,000), few enough to keep the index small.
    public static let excerptLength = 400

    /// One page, analysed: its entry and its keys (done where the page is rendered, in parallel).
    public struct Analysed: Sendable {
        public var entry: Entry
        public var titleKeys: SearchKeys
        public var bodyKeys: SearchKeys
    }

    /// Indexes every page of `site` (sections' own text and generated pages are not searched).
    /// A build does not call this: it analyses each page from its own render (`analyse`).
    public static func build(_ site: SiteMap) -> SearchIndex {
        SearchIndex(site.pages.parallelMap { analyse($0, body: MarkdownText.extract($0.body), in: site) })
    }

    /// The entry and keys of `page`, whose Markdown body reads `body`.
    public static func analyse(_ page: Page, body: MarkdownText, in site: SiteMap) -> Analysed {
        let extra = frontMatterText(page.frontMatter)
        let text = ([page.frontMatter.summary ?? ""] + extra + [body.text]).filter { !$0.isEmpty }.joined(separator: " ")
        let entry = Entry(
            title: page.title, url: site.root.output.relativeURL(to: page.output),
            section: page.section.isEmpty ? "" : site.sections[page.section]?.title ?? "",
            kind: page.kind, stage: page.frontMatter.stage?.value, roles: page.frontMatter.roles,
            excerpt: excerpt(text), headings: body.headings)
        return Analysed(entry: entry, titleKeys: SearchKeys(page.title), bodyKeys: SearchKeys(text))
    }

    /// Entries only, no postings (the writer keeps its own).
    /// The index of the analysed pages, numbered in their order.
    public init(_ pages: [Analysed]) {
        analysed = pages
        entries = pages.map(\.entry)
        titlePostings = Self.postings(pages.map(\.titleKeys))
        bodyPostings = Self.postings(pages.map(\.bodyKeys))
    }

    /// Key → ascending numbers of the pages having it.
    static func postings(_ pages: [SearchKeys]) -> [String: [Int]] {
        var han: [UInt32: [Int]] = [:]
        var words: [String: [Int]] = [:]
        for (number, keys) in pages.enumerated() {
            for key in keys.han { han[key, default: []].append(number) }
            for key in keys.words { words[key, default: []].append(number) }
        }
        // Han keys and words never collide: words hold no Han characters.
        for (key, numbers) in han { words[SearchKeys.string(han: key)] = numbers }
        return words
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

    /// The text with runs of white space as one space, cut after `excerptLength` characters
    /// (Unicode scalars: a Han character is one).
    static func excerpt(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var space = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // Unicode properties only beyond ASCII and the Han block (a lookup per character is slow).
            let isSpace = value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : value >= 0x4E00 && value <= 0x9FFF ? false : scalar.properties.isWhitespace
            if isSpace {
                space = !out.isEmpty
                continue
            }
            if count == excerptLength { return String(out) + "…" }
            if space {
                out.append(" ")
                count += 1
                space = false
                if count == excerptLength { return String(out) + "…" }
            }
            out.append(scalar)
            count += 1
        }
        return String(out)
    }

    // MARK: - The files

    /// The index's files (`SearchIndexWriter`, written from scratch).
    /// - Parameter kindLabel: the name of a kind of playbook in the site's language (the search filter).
    public func files(kindLabel: (PageKind) -> String = \.label) -> [SearchIndexFile] {
        SearchIndexWriter().write(analysed, kindLabel: kindLabel)
    }

    /// The lists the pages index (kinds, stages, roles, sections), the start of `index.js` before
    /// the shard layout, and how one page's row (in `index.js`) and item (in its fragment) read.
    static func parts(_ entries: [Entry], kindLabel: (PageKind) -> String) -> (header: String, row: (Entry) -> String, item: (Entry) -> String) {
        func list<T>(_ values: [T], _ item: (T) -> String) -> String { "[" + values.map(item).joined(separator: ",") + "]" }
        let kinds = PageKind.allCases
        let stages = Set(entries.compactMap(\.stage)).sorted()
        let roles = Set(entries.flatMap(\.roles)).sorted()
        let sections = Set(entries.map(\.section)).sorted()
        let kindNumber = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let stageNumber = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1, $0) })
        let roleNumber = Dictionary(uniqueKeysWithValues: roles.enumerated().map { ($1, $0) })
        let sectionNumber = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1, $0) })
        // What a result needs before it is shown: the filters' fields and the title's length in
        // UTF-16 code units (JavaScript's `length`), which orders results of equal score.
        let row = { (entry: Entry) -> String in
            "[" + String(kindNumber[entry.kind]!) + "," + String(entry.stage.map { stageNumber[$0]! } ?? -1) + ","
                + list(entry.roles) { String(roleNumber[$0]!) } + "," + String(entry.title.utf16.count) + "]"
        }
        let item = { (entry: Entry) -> String in
            let fields = [
                JSONText.string(entry.title), JSONText.string(entry.url), String(sectionNumber[entry.section]!), JSONText.string(entry.excerpt),
                // A heading whose id is its text (most Chinese ones) is its text alone.
                list(entry.headings) { $0.id == $0.text ? JSONText.string($0.text) : "[" + JSONText.string($0.id) + "," + JSONText.string($0.text) + "]" },
            ]
            return "[" + fields.joined(separator: ",") + "]"
        }
        var header = "{\"version\":2,\"t2s\":" + JSONText.string(ChineseVariants.pairs)
        header += ",\"kinds\":" + list(kinds) { "[" + JSONText.string($0.rawValue) + "," + JSONText.string(kindLabel($0)) + "]" }
        header += ",\"stages\":" + list(stages, JSONText.string)
        header += ",\"roles\":" + list(roles, JSONText.string)
        header += ",\"sections\":" + list(sections, JSONText.string)
        return (header, row, item)
    }
}

/// Ascending numbers as the gaps between them, each gap in base 32 with its last digit from
/// `final` and earlier digits from `more`: no separators, and a gap under 32 is one character.
/// `[0, 1, 5, 40]` → `0`, gap 1, gap 4, gap 35 (`B3`) → `014B3`.
public enum PostingsCoding {
    static let final = Array("0123456789abcdefghijklmnopqrstuv".unicodeScalars)
    static let more = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-.".unicodeScalars)

    public static func encode(_ numbers: [Int]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(numbers.count + 4)
        appendEncoded(numbers, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encode`, appended to UTF-8 bytes (every digit is ASCII).
    static func appendEncoded(_ numbers: [Int], to out: inout [UInt8]) {
        var previous = -1
        for number in numbers {
            appendGap(number - previous - 1, to: &out)  // 0 for consecutive pages
            previous = number
        }
    }

    /// One gap's digits: most significant first, the `more` digits, then the `final` one.
    static func appendGap(_ gap: Int, to out: inout [UInt8]) {
        var high = gap / 32
        var digits = 0
        while high > 0 {
            digits += 1
            high /= 32
        }
        for position in stride(from: digits, to: 0, by: -1) {
            var power = 1
            for _ in 0..<position { power *= 32 }
            out.append(moreBytes[(gap / power) % 32])
        }
        out.append(finalBytes[gap % 32])
    }

    static let finalBytes = final.map { UInt8($0.value) }
    static let moreBytes = more.map { UInt8($0.value) }

    /// `decode` of UTF-8 digits.
    static func decode(bytes: some Collection<UInt8>) -> [Int] {
        var numbers: [Int] = []
        var previous = -1
        var value = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                previous += value * 32 + Int(byte - UInt8(ascii: "0")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "v"):
                previous += value * 32 + Int(byte - UInt8(ascii: "a")) + 11
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                value = value * 32 + Int(byte - UInt8(ascii: "A"))
                continue
            default:
                value = value * 32 + (moreBytes.firstIndex(of: byte) ?? 0)
                continue
            }
            numbers.append(previous)
            value = 0
        }
        return numbers
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

/// JSON string literals for a script: the index keeps a stable order and no needless escapes.
enum JSONText {
    static func string(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        JSONValue.quote(text, into: &out)
        // U+2028 and U+2029 end a line in older JavaScript: escaped (rare, so done on the string;
        // `replacingAll` returns the string itself when there is none).
        return String(decoding: out, as: UTF8.self).replacingAll("\u{2028}", with: "\\u2028").replacingAll("\u{2029}", with: "\\u2029")
    }
}

/// The index's size against the site's HTML, for the build summary.
public struct SearchIndexSize: Sendable, Hashable {
    public var indexBytes: Int
    public var htmlBytes: Int

    public init(indexBytes: Int, htmlBytes: Int) {
        self.indexBytes = indexBytes
        self.htmlBytes = htmlBytes
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
