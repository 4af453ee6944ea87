import StaybookModel

/// A link in Markdown that names a heading (`other.md#第一步`, `#禁忌`, `/m/talk-exit/#第一步`).
struct AnchorReference: Sendable, Hashable {
    var file: String
    var line: Int
    var destination: String
    var target: SitePath
    /// Decoded.
    var fragment: String
}

/// Links to headings, checked against the ids the finished pages really have: headings, and
/// the ids templates give (quiz questions, dashboard sections), so generated pages count too.
enum AnchorCheck {
    /// - Parameter ids: every HTML file's ids; a file missing here (a PDF beside the pages) has none to check.
    static func check(_ references: [AnchorReference], ids: [SitePath: PageIDs], severity: Diagnostic.Severity) -> [Diagnostic] {
        guard !references.isEmpty else { return [] }
        return references.compactMap { reference in
            // A file that is not a page (a PDF beside it) has no ids to check.
            guard let present = ids[reference.target], !present.contains(reference.fragment) else { return nil }
            let nearby = Self.closest(to: reference.fragment, in: present.sorted)
            return Diagnostic(
                severity,
                "the link `\(reference.destination)` names the heading `#\(reference.fragment)`, which \(reference.target.value) does not have",
                file: reference.file, line: reference.line,
                hint: nearby.isEmpty
                    ? "link to a heading of that page: its id is the heading text without punctuation (`## 第一步：开场` → `#第一步开场`)"
                    : "did you mean \(nearby.map { "`#\($0)`" }.joined(separator: ", "))?")
        }
    }

    /// Up to three ids sharing the longest start with `fragment` (at least two characters, or half of it).
    static func closest(to fragment: String, in ids: [String]) -> [String] {
        let needed = max(2, fragment.count / 2)
        let scored = ids.map { id in (id, zip(id, fragment).prefix { $0 == $1 }.count) }.filter { $0.1 >= needed }
        return scored.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(3).map(\.0)
    }

    /// Every `id="…"` of an HTML document, found with the shared byte search (memchr for the `=`).
    static func ids(in html: [UInt8]) -> Set<String> {
        var ids: Set<String> = []
        var marker = " id=\""
        marker.withUTF8 { marker in
            html.withUnsafeBufferPointer { html in
                var index = 0
                while let found = ByteSearch.find(marker, in: html, from: index) {
                    let start = found + marker.count
                    let stop = html[start...].firstIndex(of: UInt8(ascii: "\"")) ?? html.count
                    ids.insert(String(decoding: UnsafeBufferPointer(rebasing: html[start..<stop]), as: UTF8.self))
                    index = stop
                }
            }
        }
        return ids
    }
}

/// A page's element ids, sorted: kept for every page between builds, where a set would be hashed
/// again, id by id, each time the state is read.
struct PageIDs: Sendable, Equatable {
    let sorted: [String]

    init(_ ids: Set<String>) {
        sorted = ids.sorted()
    }

    /// Ids already sorted and unique (as `sorted` was written).
    init(sorted: [String]) {
        self.sorted = sorted
    }

    func contains(_ id: String) -> Bool {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == id
    }
}
