import Foundation
import StaybookModel

/// One file of the search index, under `assets/search/`.
public struct SearchIndexFile: Sendable, Hashable {
    public var path: SitePath
    public var bytes: [UInt8]
}

/// What `SearchIndexWriter.writeChanges` made.
public struct SearchIndexChanges: Sendable {
    /// A file the last call wrote whose bytes stay the same.
    public struct Kept: Sendable, Hashable {
        public var path: SitePath
        public var hash: UInt64
        public var size: Int
    }

    /// The files to write, in layout order.
    public var changed: [SearchIndexFile]
    public var kept: [Kept]
}

/// Writes the search index as shards, so that a query loads only the few it needs (as Pagefind
/// splits its own), and writes it again after a few pages changed without redoing the rest.
///
/// Every file is a script, because a page opened from `file://` can load a script but not `fetch`
/// a file, and the Content-Security-Policy already allows the site's own scripts:
/// - `assets/search/index.js` sets `window.StaybookSearchIndex` to what every query needs: the
///   filters' lists, the shard layout, and one short row per page (kind, stage, roles, title length);
/// - `assets/search/k<N>.js` holds the title and body postings of every key whose first UTF-16 code
///   unit `c` has `c % shards == N`, so a Han character's bigrams, and the words starting with a
///   letter, are all in one shard;
/// - `assets/search/p<N>.js` holds what a result shows (title, address, section, excerpt, headings,
///   each `[id, text]`, or its text alone when that is its id) for pages `N × group` to `N × group + group - 1`.
///
/// The shard count and group size follow the index's size (powers of two, about 64 KB of postings
/// per shard and 8 KB per fragment), so a small handbook has one shard and a 10,000-page one some
/// hundred. The bytes are a function of the pages alone: written again after edits they equal
/// those written from scratch (tests compare them), and only the files whose part changed are
/// assembled again. When the pages themselves change (one added, removed or moved, so the numbers
/// shift) or the layout does, it starts over.
///
/// Not thread-safe: one build at a time (`SiteBuilder`).
public final class SearchIndexWriter: @unchecked Sendable {
    public static let folder = "assets/search"
    public static let indexPath = SitePath(folder + "/index.js")
    /// The global `index.js` sets.
    public static let globalName = "StaybookSearchIndex"
    /// The global the shards and fragments add themselves to, by name (`k3`, `p12`).
    public static let partsName = "StaybookSearchParts"
    /// About how many bytes of postings a shard holds, and of results a fragment.
    let shardTarget: Int
    let fragmentTarget: Int

    /// The postings of one field in one shard, kept encoded only (a 10,000-page site has some
    /// 15 million postings: as integers they were most of a build's memory).
    struct Postings {
        /// The keys in UTF-8 byte order, as the script lists them, each with its
        /// `"key":"encoded postings"`.
        var order: [(key: String, encoded: [UInt8])] = []
        /// The encoded bytes of every key.
        var bytes = 0

        init() {}

        /// Postings of keys and their `encode`d bytes.
        init(_ items: [(key: String, encoded: [UInt8])]) {
            order = items.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            bytes = order.reduce(0) { $0 + $1.encoded.count }
        }

        /// `"key":"`, then the postings' digits, then `"`.
        static func encode(_ key: String, digits: [UInt8]) -> [UInt8] {
            var out = Array(JSONText.string(key).utf8)
            out.reserveCapacity(out.count + digits.count + 3)
            out += [UInt8(ascii: ":"), UInt8(ascii: "\"")]
            out += digits
            out.append(UInt8(ascii: "\""))
            return out
        }

        static func encode(_ key: String, _ pages: [Int]) -> [UInt8] {
            var digits: [UInt8] = []
            PostingsCoding.appendEncoded(pages, to: &digits)
            return encode(key, digits: digits)
        }

        /// The page numbers of an `encode`d key.
        static func pages(_ encoded: [UInt8], key: String) -> [Int] {
            let start = JSONText.string(key).utf8.count + 2
            return PostingsCoding.decode(bytes: encoded[start..<(encoded.count - 1)])
        }

        /// Page `number` no longer has `key` (`added` false) or now has it.
        mutating func update(page number: Int, key: String, added: Bool) {
            let at = orderIndex(key)
            let held = at < order.count && order[at].key == key
            var pages = held ? Self.pages(order[at].encoded, key: key) : []
            let index = Self.position(of: number, in: pages)
            let present = index < pages.count && pages[index] == number
            guard present != added else { return }
            if added { pages.insert(number, at: index) } else { pages.remove(at: index) }
            if held { bytes -= order[at].encoded.count }
            if pages.isEmpty {
                order.remove(at: at)
                return
            }
            let encoded = Self.encode(key, pages)
            bytes += encoded.count
            if held { order[at].encoded = encoded } else { order.insert((key, encoded), at: at) }
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

    var pages: [SearchIndex.Analysed] = []
    var header = ""
    /// Per page: its row in `index.js`. Its item in its fragment is made again from its entry
    /// when the fragment is (keeping them all between builds doubled the fragments in memory).
    var rows: [String] = []
    /// The bytes of every page's item.
    var itemBytes = 0
    /// Per shard.
    var title: [Postings] = []
    var body: [Postings] = []
    var shards = 0
    var group = 0
    /// The last files, by path, hash and size, in layout order (`file(at:)`).
    var written: [SearchIndexChanges.Kept] = []
    var started = false
    /// What a restored writer has not read yet (`SearchIndexWriter+State`): the saved bytes, and
    /// where in them each unread page (by address) and each unread shard is. A build after a
    /// one-page edit reads that page and the shards its keys are in, not the whole index.
    var saved: [UInt8] = []
    var lazyPages: [String: (range: Range<Int>, index: Int)] = [:]
    var lazyShards: [(title: Range<Int>, body: Range<Int>)?] = []

    public convenience init() {
        self.init(shardTarget: 64 * 1024, fragmentTarget: 8 * 1024)
    }

    init(shardTarget: Int, fragmentTarget: Int) {
        self.shardTarget = shardTarget
        self.fragmentTarget = fragmentTarget
    }

    /// The pages of the last write, in order.
    public var indexedPages: [SearchIndex.Analysed] { pages }

    /// Pages per fragment in the last files.
    var groupSize: Int { group }

    /// Every file for `analysed` (every page, numbered in order), reusing what the last call made.
    public func write(_ analysed: [SearchIndex.Analysed], kindLabel: (PageKind) -> String) -> [SearchIndexFile] {
        let written = writeChanges(analysed, kindLabel: kindLabel)
        let made = Dictionary(uniqueKeysWithValues: written.changed.map { ($0.path, $0) })
        let item = SearchIndex.parts(analysed.map(\.entry), kindLabel: kindLabel).item
        return self.written.indices.map { made[self.written[$0].path] ?? file(at: $0, item: item) }
    }

    /// The files for `analysed` that differ from the last call's (all of them the first time, or
    /// when the layout changes), and the rest, unchanged, by path, hash and size: what the output
    /// already holds.
    public func writeChanges(_ analysed: [SearchIndex.Analysed], kindLabel: (PageKind) -> String) -> SearchIndexChanges {
        let entries = analysed.map(\.entry)
        let (header, row, item) = SearchIndex.parts(entries, kindLabel: kindLabel)
        var changed: [SearchIndexFile]
        if started, header == self.header, analysed.count == pages.count, zip(analysed, pages).allSatisfy({ $0.entry.url == $1.entry.url }),
            let files = update(analysed, row: row, item: item)
        {
            changed = files
        } else {
            changed = start(analysed, header: header, row: row, item: item)
        }
        pages = analysed
        let positions = Dictionary(uniqueKeysWithValues: written.enumerated().map { ($1.path, $0) })
        var fresh = Set<SitePath>()
        for file in changed {
            fresh.insert(file.path)
            written[positions[file.path]!] = SearchIndexChanges.Kept(path: file.path, hash: ContentHash.of(file.bytes), size: file.bytes.count)
        }
        changed.sort { positions[$0.path]! < positions[$1.path]! }
        return SearchIndexChanges(changed: changed, kept: written.filter { !fresh.contains($0.path) })
    }

    /// Everything from scratch, on every core: the rows and items page by page, the title's and
    /// the body's postings side by side, then the shards and files one by one.
    private func start(_ given: [SearchIndex.Analysed], header: String, row: (SearchIndex.Entry) -> String, item: (SearchIndex.Entry) -> String) -> [SearchIndexFile] {
        // Every page's keys are needed: pages restored but not read yet are read now.
        let analysed = given.map(resolved)
        self.header = header
        let entries = analysed.map(\.entry)
        rows = entries.parallelMap(row)
        // Made once, for the group's size and the fragments, then dropped with the files made.
        let items = entries.parallelMap(item)
        itemBytes = items.reduce(0) { $0 + $1.utf8.count }
        // The title's keys in one part, the body's, many more, in four parts of its keys.
        let parts = [(false, 0, 1)] + (0..<4).map { (true, $0, 4) }
        let encoded = parts.parallelMap { inBody, part, of in
            Self.encodedPostings(analysed.lazy.map { inBody ? $0.bodyKeys : $0.titleKeys }, part: part, of: of)
        }
        let bytes = encoded.joined().reduce(0) { $0 + $1.encoded.count }
        shards = Self.shardCount(postingsBytes: bytes, target: shardTarget)
        group = Self.groupSize(itemBytes: itemBytes, pages: rows.count, target: fragmentTarget)
        title = Self.split(encoded[0], shards: shards)
        body = Self.split(Array(encoded[1...].joined()), shards: shards)
        lazyShards = Array(repeating: nil, count: shards)
        started = true
        // As given: a page still unread stays so, and is read again from the saved bytes when needed.
        pages = given
        // Nothing below writes to the writer (no shard is unread), so the files are made side by side.
        let files = Array(0..<(1 + shards + fragmentCount)).parallelMap { position in
            position <= shards ? file(at: position, item: item) : fragmentFile(position - 1 - shards, items: items[fragmentRange(position - 1 - shards)])
        }
        written = files.map { SearchIndexChanges.Kept(path: $0.path, hash: 0, size: 0) }
        return files
    }

    /// The changed pages' parts written again; nil when the layout changed.
    private func update(_ analysed: [SearchIndex.Analysed], row: (SearchIndex.Entry) -> String, item: (SearchIndex.Entry) -> String) -> [SearchIndexFile]? {
        var indexChanged = false
        var changedShards = Set<Int>()
        var changedFragments = Set<Int>()
        for (number, (given, held)) in zip(analysed, pages).enumerated() {
            // A page restored and not read yet, given back as it was: nothing of it changed.
            if Self.isUnread(given), Self.isUnread(held) { continue }
            let new = resolved(given)
            let old = resolved(held)
            if new.entry != old.entry {
                let newRow = row(new.entry)
                if newRow != rows[number] {
                    rows[number] = newRow
                    indexChanged = true
                }
                // The header is the same, so the old entry's item reads as it was written.
                let newItem = item(new.entry)
                let oldItem = item(old.entry)
                if newItem != oldItem {
                    itemBytes += newItem.utf8.count - oldItem.utf8.count
                    changedFragments.insert(number / group)
                }
            }
            changedShards.formUnion(update(title: true, page: number, old: old.titleKeys, new: new.titleKeys))
            changedShards.formUnion(update(title: false, page: number, old: old.bodyKeys, new: new.bodyKeys))
        }
        let encoded = (title + body).reduce(0) { $0 + $1.bytes }
        guard Self.shardCount(postingsBytes: encoded, target: shardTarget) == shards,
            Self.groupSize(itemBytes: itemBytes, pages: rows.count, target: fragmentTarget) == group
        else {
            return nil
        }
        pages = analysed
        var files: [SearchIndexFile] = []
        if indexChanged { files.append(indexFile()) }
        files += changedShards.sorted().map(shardFile)
        files += changedFragments.sorted().map { file(at: 1 + shards + $0, item: item) }
        return files
    }

    /// File `position` of the layout: `index.js`, the shards, then the fragments.
    private func file(at position: Int, item: (SearchIndex.Entry) -> String) -> SearchIndexFile {
        if position == 0 { return indexFile() }
        if position <= shards { return shardFile(position - 1) }
        let fragment = position - 1 - shards
        return fragmentFile(fragment, items: pages[fragmentRange(fragment)].map { item(resolved($0).entry) }[...])
    }

    /// The shards of the page's keys that changed, in the title's postings or the body's.
    private func update(title inTitle: Bool, page: Int, old: SearchKeys, new: SearchKeys) -> Set<Int> {
        guard old.han != new.han || old.words != new.words else { return [] }
        var changes: [(key: String, added: Bool)] = []
        let oldHan = Set(old.han)
        let newHan = Set(new.han)
        let oldWords = Set(old.words)
        let newWords = Set(new.words)
        for key in oldHan.subtracting(newHan) { changes.append((SearchKeys.string(han: key), false)) }
        for key in oldWords.subtracting(newWords) { changes.append((key, false)) }
        for key in newHan.subtracting(oldHan) { changes.append((SearchKeys.string(han: key), true)) }
        for key in newWords.subtracting(oldWords) { changes.append((key, true)) }
        var touched = Set<Int>()
        for (key, added) in changes {
            let shard = Self.shard(of: key, count: shards)
            if touched.insert(shard).inserted { read(shard: shard) }
            if inTitle { title[shard].update(page: page, key: key, added: added) } else { body[shard].update(page: page, key: key, added: added) }
        }
        return touched
    }

    // MARK: - Layout

    /// The shard of `key`: its first UTF-16 code unit modulo the count (what staybook.js computes).
    public static func shard(of key: String, count: Int) -> Int {
        Int(key.utf16.first ?? 0) % count
    }

    /// A power of two giving at most `target` bytes of postings per shard on average.
    static func shardCount(postingsBytes: Int, target: Int) -> Int {
        var count = 1
        while count * target < postingsBytes, count < 4096 { count *= 2 }
        return count
    }

    /// The largest power of two (at most 256) of pages whose average results fit in `target` bytes.
    static func groupSize(itemBytes: Int, pages: Int, target: Int) -> Int {
        let average = max(1, itemBytes / max(1, pages))
        var group = 1
        while group * 2 * average <= target, group < 256 { group *= 2 }
        return group
    }

    /// One key's postings as the pages come, in order.
    private struct Growing {
        var last = -1
        var digits: [UInt8] = []

        mutating func append(_ page: Int) {
            PostingsCoding.appendGap(page - last - 1, to: &digits)
            last = page
        }
    }

    private static func split(_ items: [(key: String, encoded: [UInt8])], shards: Int) -> [Postings] {
        var parts = [[(key: String, encoded: [UInt8])]](repeating: [], count: shards)
        for item in items { parts[shard(of: item.key, count: shards)].append(item) }
        return parts.parallelMap(Postings.init)
    }

    /// Every key of the pages (numbered in order) with its encoded postings, appended gap by gap
    /// as the pages come (`SearchIndex.postings`, without a list of integers per key).
    ///
    /// With `of` above 1, only the keys of one part of `of` (by the Han key's value, or the word's
    /// length and last byte), so the parts are made side by side and together are all the keys.
    static func encodedPostings(_ pages: some Sequence<SearchKeys>, part: Int = 0, of parts: Int = 1) -> [(key: String, encoded: [UInt8])] {
        var han: [UInt32: Growing] = [:]
        var words: [String: Growing] = [:]
        let parts = UInt32(parts)
        let part = UInt32(part)
        for (number, keys) in pages.enumerated() {
            for key in keys.han where parts == 1 || key % parts == part { han[key, default: Growing()].append(number) }
            for key in keys.words where parts == 1 || (UInt32(key.utf8.count) &+ UInt32(key.utf8.last ?? 0)) % parts == part {
                words[key, default: Growing()].append(number)
            }
        }
        // Han keys and words never collide: words hold no Han characters.
        return han.map { key, postings in
            let text = SearchKeys.string(han: key)
            return (text, Postings.encode(text, digits: postings.digits))
        } + words.map { ($0.key, Postings.encode($0.key, digits: $0.value.digits)) }
    }

    var fragmentCount: Int { (rows.count + group - 1) / group }

    /// The pages of a fragment.
    private func fragmentRange(_ fragment: Int) -> Range<Int> { fragment * group..<min(rows.count, (fragment + 1) * group) }

    // MARK: - Files

    /// `window.StaybookSearchIndex = {…, "shards": S, "group": G, "pages": [rows]};`
    private func indexFile() -> SearchIndexFile {
        var out: [UInt8] = []
        out.reserveCapacity(header.utf8.count + rows.count * 16 + 64)
        out += ("window.\(Self.globalName) = " + header + ",\"shards\":\(shards),\"group\":\(group),\n\"pages\":[").utf8
        for (number, row) in rows.enumerated() {
            if number > 0 { out.append(UInt8(ascii: ",")) }
            out += row.utf8
        }
        out += Array("]};\n".utf8)
        return SearchIndexFile(path: SitePath(Self.folder + "/index.js"), bytes: out)
    }

    /// `(window.StaybookSearchParts = window.StaybookSearchParts || {}).k3 = {"title":{…},"body":{…}};`
    private func shardFile(_ shard: Int) -> SearchIndexFile {
        read(shard: shard)
        var out = Self.partStart("k\(shard)")
        out.reserveCapacity(title[shard].bytes + body[shard].bytes + out.count + 32)
        out += Array("{\"title\":".utf8)
        title[shard].write(into: &out)
        out += Array(",\n\"body\":".utf8)
        body[shard].write(into: &out)
        out += Array("};\n".utf8)
        return SearchIndexFile(path: SitePath(Self.folder + "/k\(shard).js"), bytes: out)
    }

    /// `(…).p12 = [[title, url, section, excerpt, [[headingID, heading] or heading, …]], …];`
    private func fragmentFile(_ fragment: Int, items: ArraySlice<String>) -> SearchIndexFile {
        var out = Self.partStart("p\(fragment)")
        out.reserveCapacity(out.count + items.reduce(4) { $0 + $1.utf8.count + 2 })
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out += Array(",\n".utf8) }
            out += item.utf8
        }
        out += Array("];\n".utf8)
        return SearchIndexFile(path: SitePath(Self.folder + "/p\(fragment).js"), bytes: out)
    }

    private static func partStart(_ name: String) -> [UInt8] {
        Array("(window.\(partsName) = window.\(partsName) || {}).\(name) = ".utf8)
    }
}
