import Foundation
import StaybookContent
import StaybookModel
import Testing

@testable import StaybookSearch

/// The index's files: where each key and page goes, what a file holds, and that the files written
/// again after edits are byte for byte those written from scratch, whatever the edits did.
@Suite struct SearchIndexWriterTests {
    static let words = ["离职面谈", "新人", "第一周", "班组长", "一对一", "关怀", "排班", "wrap-up", "KPI", "情绪", "晋升", "谈话", "骨干"]

    static func page(_ number: Int, _ text: String, title: String? = nil, stage: String? = nil) -> SearchIndex.Analysed {
        let title = title ?? "第\(number)页"
        let entry = SearchIndex.Entry(
            title: title, url: "p\(number)/index.html", section: number % 2 == 0 ? "基础" : "关怀", kind: .page, stage: stage, roles: [],
            excerpt: String(text.prefix(20)), headings: [])
        return SearchIndex.Analysed(entry: entry, titleKeys: SearchKeys(title), bodyKeys: SearchKeys(text))
    }

    /// A writer with small targets, so a few dozen pages take several shards and fragments.
    static func writer() -> SearchIndexWriter { SearchIndexWriter(shardTarget: 512, fragmentTarget: 256) }

    static func fresh(_ pages: [SearchIndex.Analysed]) -> [SearchIndexFile] { writer().write(pages, kindLabel: \.label) }

    @Test func editsGiveTheBytesOfAFreshIndex() {
        var generator = SystemRandomNumberGenerator()
        var texts = (0..<30).map { number in (0..<8).map { _ in Self.words.randomElement(using: &generator)! }.joined(separator: "，") + "\(number)" }
        let writer = Self.writer()
        var layouts = Set<[String]>()
        func check() {
            let pages = texts.enumerated().map { Self.page($0.offset, $0.element) }
            let written = writer.write(pages, kindLabel: \.label)
            #expect(written == Self.fresh(pages))
            layouts.insert(written.map(\.path.value))
        }
        check()
        for round in 0..<60 {
            let number = Int.random(in: 0..<texts.count, using: &generator)
            switch round % 5 {
            case 0: texts[number] += "，" + Self.words.randomElement(using: &generator)!  // keys added
            case 1: texts[number] = Self.words.randomElement(using: &generator)!  // most keys gone
            case 2: texts[number] = "全新的词：晨会\(round)"  // keys no page had
            case 3: texts[number] = String(repeating: "新的长段落，绩效与晋升\(round)。", count: 30)  // the index grows
            default: texts[number] = texts[number]  // nothing
            }
            check()
        }
        // A page added shifts no number but adds one; then one removed in the middle.
        texts.append("最后一页，新人")
        check()
        texts.remove(at: 3)
        check()
        #expect(layouts.count > 1, "the edits changed the number of shards or fragments at least once")
    }

    /// A writer restored from what it saved, as the next `staybook build` restores it, goes on as
    /// the one that saved it. Given back its unread pages for the pages that did not change (as
    /// the render gives back the entries of the jobs it reused) and fresh ones for the rest, it
    /// writes the files that changed, with a fresh index's bytes, and names the rest with a fresh
    /// index's hash and size; pages added make it start over from what it has not read.
    @Test func aRestoredWriterGoesOnAsTheOneThatSavedIt() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = (0..<30).map { number in (0..<8).map { _ in Self.words.randomElement(using: &generator)! }.joined(separator: "，") + "\(number)" }
        func real() -> [SearchIndex.Analysed] { texts.enumerated().map { Self.page($0.offset, $0.element) } }
        var writer = Self.writer()
        var given = real()
        for round in 0..<40 {
            let changes = writer.writeChanges(given, kindLabel: \.label)
            let fresh = Dictionary(uniqueKeysWithValues: Self.fresh(real()).map { ($0.path, $0) })
            #expect(changes.changed.count + changes.kept.count == fresh.count)
            for file in changes.changed { #expect(fresh[file.path] == file, "round \(round): \(file.path)") }
            for kept in changes.kept {
                let file = try #require(fresh[kept.path])
                #expect(kept.hash == ContentHash.of(file.bytes) && kept.size == file.bytes.count, "round \(round): \(kept.path)")
            }
            if round > 0, round % 10 != 0 { #expect(changes.changed.count < fresh.count / 2, "round \(round): an edit of one page keeps most files") }
            var out = StateWriter()
            writer.save(into: &out)
            var reader = StateReader(out.bytes)
            writer = try SearchIndexWriter.restore(from: &reader)
            #expect(reader.isAtEnd)
            #expect(writer.indexedPages.allSatisfy(SearchIndexWriter.isUnread), "nothing is read until it is needed")
            given = writer.indexedPages
            if round % 10 == 9 {
                texts.append("新加的一页，班组长\(round)")
                given.append(Self.page(texts.count - 1, texts.last!))
            } else {
                let number = Int.random(in: 0..<texts.count, using: &generator)
                texts[number] += "，" + Self.words.randomElement(using: &generator)! + "\(round)"
                given[number] = Self.page(number, texts[number])
            }
        }
    }

    /// Any cut of a saved writer is refused, never taken for a shorter index.
    @Test func aCutStateIsRefused() throws {
        let writer = Self.writer()
        _ = writer.write((0..<12).map { Self.page($0, "新人第一周的谈话\($0)，wrap-up") }, kindLabel: \.label)
        var out = StateWriter()
        writer.save(into: &out)
        let bytes = out.bytes
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            var reader = StateReader(Array(bytes[0..<cut]))
            #expect(throws: StateReader.Damaged.self, "cut at \(cut) of \(bytes.count)") { _ = try SearchIndexWriter.restore(from: &reader) }
        }
        // A writer that never wrote saves as one.
        var empty = StateWriter()
        SearchIndexWriter().save(into: &empty)
        var reader = StateReader(empty.bytes)
        #expect(try SearchIndexWriter.restore(from: &reader).indexedPages.isEmpty)
    }

    @Test func aChangedTitleOrStageRewritesOnlyTheFilesHoldingIt() {
        let writer = Self.writer()
        var pages = (0..<40).map { Self.page($0, "新人第一周的谈话\($0)") }
        let before = writer.write(pages, kindLabel: \.label)
        pages[2] = Self.page(2, "新人第一周的谈话2", title: "改过的标题")
        let retitled = writer.write(pages, kindLabel: \.label)
        #expect(retitled == Self.fresh(pages))
        let changed = Set(zip(before, retitled).filter { $0.0 != $0.1 }.map(\.1.path.value))
        let group = writer.groupSize
        #expect(changed.contains("assets/search/index.js"), "the title's length is in the page's row")
        #expect(changed.contains("assets/search/p\(2 / group).js"))
        #expect(!changed.contains("assets/search/p\((39) / group).js"), "a fragment of other pages stays")
        #expect(changed.count < before.count / 2, "\(changed.sorted())")
        pages[4] = Self.page(4, "新人第一周的谈话4", stage: "入职期")
        #expect(writer.write(pages, kindLabel: \.label) == Self.fresh(pages))
    }

    @Test func everyKeyIsInTheShardOfItsFirstCodeUnit() throws {
        let pages = (0..<40).map { Self.page($0, Self.words.shuffled().joined(separator: " ") + " extra\($0)") }
        let files = Self.fresh(pages)
        let index = try LoadedSearchIndex(files)
        #expect(index.shards > 1)
        #expect(files.count == 1 + index.shards + (pages.count + index.group - 1) / index.group)
        var keys = 0
        for shard in 0..<index.shards {
            for field in ["title", "body"] {
                for key in index.keys(shard: shard, field: field) {
                    #expect(Int(key.utf16.first!) % index.shards == shard, "\(key) in k\(shard)")
                    keys += 1
                }
            }
        }
        let all = SearchIndex(pages)
        #expect(keys == all.titlePostings.count + all.bodyPostings.count)
        // Read back, every key has the pages the index in memory has.
        for (key, pages) in all.bodyPostings { #expect(index.postings("body", key) == pages, "\(key)") }
        for (key, pages) in all.titlePostings { #expect(index.postings("title", key) == pages, "\(key)") }
        // And every page its entry, in its fragment.
        for (number, page) in pages.enumerated() {
            let item = index.item(number)
            #expect(item[0] as? String == page.entry.title)
            #expect(item[1] as? String == page.entry.url)
            #expect(item[3] as? String == page.entry.excerpt)
            #expect(index.row(number)[3] as? Int == page.entry.title.utf16.count)
        }
    }

    @Test func theLayoutGrowsWithTheIndexInPowersOfTwo() {
        #expect(SearchIndexWriter.shardCount(postingsBytes: 0, target: 64) == 1)
        #expect(SearchIndexWriter.shardCount(postingsBytes: 64, target: 64) == 1)
        #expect(SearchIndexWriter.shardCount(postingsBytes: 65, target: 64) == 2)
        #expect(SearchIndexWriter.shardCount(postingsBytes: 64 * 100, target: 64) == 128)
        #expect(SearchIndexWriter.groupSize(itemBytes: 10_000, pages: 10, target: 8192) == 8, "1,000 bytes a page: 8 to 8 KB")
        #expect(SearchIndexWriter.groupSize(itemBytes: 100_000, pages: 10, target: 8192) == 1, "a page over the target is alone")
        #expect(SearchIndexWriter.groupSize(itemBytes: 0, pages: 0, target: 8192) == 256)
    }

    @Test func postingsDecodeFromBytesAsFromText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var number = -1
            let pages = (0..<Int.random(in: 0..<50, using: &generator)).map { _ in
                number += 1 + (Bool.random(using: &generator) ? 0 : Int.random(in: 0..<70_000, using: &generator))
                return number
            }
            let text = PostingsCoding.encode(pages)
            #expect(PostingsCoding.decode(bytes: Array(text.utf8)) == pages)
            #expect(PostingsCoding.decode(text) == pages)
            let encoded = SearchIndexWriter.Postings.encode("离职", pages)
            #expect(SearchIndexWriter.Postings.pages(encoded, key: "离职") == pages)
        }
    }

    @Test func anEmptySiteHasAnIndexAndOneEmptyShard() throws {
        let files = SearchIndexWriter().write([], kindLabel: \.label)
        #expect(files.map(\.path.value) == ["assets/search/index.js", "assets/search/k0.js"])
        let index = try LoadedSearchIndex(files)
        #expect(index.keys(shard: 0, field: "body").isEmpty)
    }

    @Test func textThatEndsALineInScriptsOrClosesATagStaysInsideItsString() throws {
        let hostile = "</script><script>alert(1)</script>\u{2028}\u{2029}\"\\ 离职"
        var page = Self.page(0, hostile, title: hostile)
        page.entry.headings = MarkdownText.extract("## \(hostile)\n").headings
        let files = Self.fresh([page])
        // The files are scripts loaded by address, never inline, so a closing tag in a string is
        // only text; what could end a string's line in older JavaScript is escaped.
        for file in files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains("\u{2028}") && !text.contains("\u{2029}"), "\(file.path)")
        }
        let index = try LoadedSearchIndex(files)
        #expect(index.item(0)[0] as? String == hostile, "decodes back to what was written")
    }
}

/// The files read back as the browser reads them: each a script assigning JSON.
struct LoadedSearchIndex {
    let json: [String: Any]
    let parts: [String: Any]

    init(_ files: [SearchIndexFile]) throws {
        var json: [String: Any]?
        var parts: [String: Any] = [:]
        for file in files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(text.hasSuffix(";\n"), "\(file.path)")
            if file.path.value == "assets/search/index.js" {
                let prefix = "window.\(SearchIndexWriter.globalName) = "
                #expect(text.hasPrefix(prefix))
                json = try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(2).utf8)) as? [String: Any]
            } else {
                let name = String(file.path.value.dropFirst("assets/search/".count).dropLast(3))
                let prefix = "(window.\(SearchIndexWriter.partsName) = window.\(SearchIndexWriter.partsName) || {}).\(name) = "
                #expect(text.hasPrefix(prefix), "\(file.path)")
                parts[name] = try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(2).utf8))
            }
        }
        self.json = try #require(json)
        self.parts = parts
    }

    var shards: Int { json["shards"] as! Int }
    var group: Int { json["group"] as! Int }
    func row(_ page: Int) -> [Any] { (json["pages"] as! [[Any]])[page] }
    func item(_ page: Int) -> [Any] { (parts["p\(page / group)"] as! [[Any]])[page % group] }
    func keys(shard: Int, field: String) -> [String] { ((parts["k\(shard)"] as! [String: Any])[field] as! [String: String]).keys.sorted() }
    func postings(_ field: String, _ key: String) -> [Int] {
        let shard = parts["k\(SearchIndexWriter.shard(of: key, count: shards))"] as! [String: Any]
        return ((shard[field] as! [String: String])[key]).map(PostingsCoding.decode) ?? []
    }
}
