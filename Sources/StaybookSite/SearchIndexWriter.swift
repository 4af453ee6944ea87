import Foundation
import StaybookModel

/// Writes the search index script (`SearchIndex.script`) again after a few pages changed, without
/// redoing the rest: it keeps every page's entry as JSON and every key's postings, encoded, and
/// updates only the keys of the pages whose keys changed. The bytes are those `SearchIndex.script`
/// writes from scratch (tests compare them); when the pages themselves change (one added, removed
/// or moved, so the numbers shift) it starts over.
///
/// Not thread-safe: one build at a time (`SiteBuilder`).
final class SearchIndexWriter: @unchecked Sendable {
    struct Postings {
        /// Key → ascending page numbers.
        var lists: [String: [Int]] = [:]
        /// The keys in UTF-8 byte order, as the script lists them, each with its
        /// `"key":"encoded postings"`.
        var order: [(key: String, encoded: [UInt8])] = []

        init() {}

        init(_ lists: [String: [Int]]) {
            self.lists = lists
            order = lists.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, Self.encode($0.key, $0.value)) }
        }

        static func encode(_ key: String, _ pages: [Int]) -> [UInt8] {
            var out = Array(JSONText.string(key).utf8)
            out += [UInt8(ascii: ":"), UInt8(ascii: "\"")]
            PostingsCoding.appendEncoded(pages, to: &out)
            out.append(UInt8(ascii: "\""))
            return out
        }

        /// Page `number` no longer has `removed` and now has `added`.
        mutating func update(page number: Int, removed: [String], added: [String]) {
            var touched: [String] = []
            for key in removed {
                guard var pages = lists[key] else { continue }
                let index = Self.position(of: number, in: pages)
                guard index < pages.count, pages[index] == number else { continue }
                pages.remove(at: index)
                lists[key] = pages
                touched.append(key)
            }
            for key in added {
                var pages = lists[key] ?? []
                let index = Self.position(of: number, in: pages)
                if index < pages.count, pages[index] == number { continue }
                pages.insert(number, at: index)
                lists[key] = pages
                touched.append(key)
            }
            for key in touched {
                let pages = lists[key]!
                let index = orderIndex(key)
                let held = index < order.count && order[index].key == key
                if pages.isEmpty {
                    lists[key] = nil
                    if held { order.remove(at: index) }
                } else if held {
                    order[index].encoded = Self.encode(key, pages)
                } else {
                    order.insert((key, Self.encode(key, pages)), at: index)
                }
            }
        }

        /// The first index of `pages` (ascending) not below `number`.
        static func position(of number: Int, in pages: [Int]) -> Int {
            var low = 0
            var high = pages.count
            while low < high {
                let middle = (low + high) / 2
                if pages[middle] < number { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Where `key` is or would go in `order`.
        func orderIndex(_ key: String) -> Int {
            var low = 0
            var high = order.count
            while low < high {
                let middle = (low + high) / 2
                if order[middle].key.utf8.lexicographicallyPrecedes(key.utf8) { low = middle + 1 } else { high = middle }
            }
            return low
        }

        func write(into out: inout [UInt8]) {
            out.append(UInt8(ascii: "{"))
            for (number, item) in order.enumerated() {
                if number > 0 { out.append(UInt8(ascii: ",")) }
                out += item.encoded
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private var pages: [SearchIndex.Analysed] = []
    private var header = ""
    private var entries: [String] = []
    private var title = Postings()
    private var body = Postings()
    private var started = false

    /// The script for `analysed` (every page, numbered in order), reusing what the last call made.
    func script(_ analysed: [SearchIndex.Analysed], kindLabel: (PageKind) -> String) -> String {
        String(decoding: scriptBytes(analysed, kindLabel: kindLabel), as: UTF8.self)
    }

    /// `script` as the UTF-8 bytes of the file (a large index is not checked as a `String` again).
    func scriptBytes(_ analysed: [SearchIndex.Analysed], kindLabel: (PageKind) -> String) -> [UInt8] {
        let index = SearchIndex(entries: analysed.map(\.entry))
        let (header, entry) = index.scriptParts(kindLabel: kindLabel)
        if started, header == self.header, analysed.count == pages.count,
            zip(analysed, pages).allSatisfy({ $0.entry.url == $1.entry.url })
        {
            for (number, (new, old)) in zip(analysed, pages).enumerated() {
                if new.entry != old.entry { entries[number] = entry(new.entry) }
                Self.update(&title, page: number, old: old.titleKeys, new: new.titleKeys)
                Self.update(&body, page: number, old: old.bodyKeys, new: new.bodyKeys)
            }
        } else {
            self.header = header
            entries = analysed.map { entry($0.entry) }
            title = Postings(SearchIndex.postings(analysed.map(\.titleKeys)))
            body = Postings(SearchIndex.postings(analysed.map(\.bodyKeys)))
            started = true
        }
        pages = analysed
        let bytes = Self.assemble(header: header, entries: entries, title: title, body: body, capacity: size)
        size = bytes.count
        return bytes
    }

    /// The last script's size, to reserve.
    private var size = 0

    /// `window.StaybookSearchIndex = ` the header, the pages, the title and body postings.
    static func assemble(header: String, entries: [String], title: Postings, body: Postings, capacity: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        out += ("window.\(SearchIndex.globalName) = " + header + ",\n\"pages\":[").utf8
        for (number, text) in entries.enumerated() {
            if number > 0 { out.append(UInt8(ascii: ",")) }
            out += text.utf8
        }
        out += Array("],\n\"title\":".utf8)
        title.write(into: &out)
        out += Array(",\n\"body\":".utf8)
        body.write(into: &out)
        out += Array("};\n".utf8)
        return out
    }

    private static func update(_ postings: inout Postings, page: Int, old: SearchKeys, new: SearchKeys) {
        guard old.han != new.han || old.words != new.words else { return }
        let oldHan = Set(old.han)
        let newHan = Set(new.han)
        let oldWords = Set(old.words)
        let newWords = Set(new.words)
        let removed = oldHan.subtracting(newHan).map(SearchKeys.string(han:)) + oldWords.subtracting(newWords)
        let added = newHan.subtracting(oldHan).map(SearchKeys.string(han:)) + newWords.subtracting(oldWords)
        postings.update(page: page, removed: removed, added: added)
    }
}
