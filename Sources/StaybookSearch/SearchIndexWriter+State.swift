import StaybookContent
import StaybookModel

/// The writer and the pages it indexed, in the engine's state between builds (`EngineState`), so
/// that a `staybook build` after a one-page edit rewrites the shards that page touches, as a live
/// preview does, instead of the whole index.
///
/// A restored writer reads almost nothing: each page comes back as a stand-in holding what every
/// build needs of it (address, section, kind, stage, roles) and keys that mark it unread; each
/// shard's postings stay bytes. A page's entry and keys are read when it changed or shares a
/// fragment with one that did, a shard when a changed page's keys are in it. A page given back
/// unread (its render job was reused) is unchanged.
extension SearchIndexWriter {
    /// The keys of a page not read yet: no tokenizer makes a key of U+FFFF U+FFFF.
    static let unreadKeys = SearchKeys(han: [.max], words: [])

    static func isUnread(_ page: SearchIndex.Analysed) -> Bool {
        page.titleKeys.han.count == 1 && page.titleKeys.han[0] == .max
    }

    /// `page`, read from the saved bytes when it is unread.
    func resolved(_ page: SearchIndex.Analysed) -> SearchIndex.Analysed {
        guard Self.isUnread(page) else { return page }
        // Only `restore` makes unread pages, each with its bytes, which `StateFile` checked against
        // their hashes: they read back as `save` wrote them.
        let range = lazyPages[page.entry.url]!.range
        var reader = StateReader(Array(saved[range]))
        return try! SearchIndex.Analysed.restore(from: &reader)
    }

    /// The page the writer indexed at `url`, as `restore` left it (a stand-in until it is read).
    public func indexedPage(at url: String) -> SearchIndex.Analysed? {
        guard let index = lazyPages[url]?.index, index < pages.count, pages[index].entry.url == url else { return nil }
        return pages[index]
    }

    /// Reads shard `shard`'s postings if they are still bytes.
    func read(shard: Int) {
        guard shard < lazyShards.count, let ranges = lazyShards[shard] else { return }
        lazyShards[shard] = nil
        title[shard] = try! Self.postings(Array(saved[ranges.title]))
        body[shard] = try! Self.postings(Array(saved[ranges.body]))
    }

    /// Everything `writeChanges` needs from the last write; not the files (the output holds them).
    public func save(into out: inout StateWriter) {
        out.bool(started)
        guard started else { return }
        out.int(shardTarget)
        out.int(fragmentTarget)
        out.string(header)
        out.strings(rows)
        out.int(itemBytes)
        out.int(shards)
        out.int(group)
        for shard in 0..<shards {
            out.spill()
            out.int(title[shard].bytes)
            out.int(body[shard].bytes)
            if let ranges = lazyShards[shard] {
                out.raw(saved[ranges.title])
                out.raw(saved[ranges.body])
            } else {
                out.raw(Self.bytes(of: title[shard]))
                out.raw(Self.bytes(of: body[shard]))
            }
        }
        out.int(written.count)
        for file in written {
            out.string(file.path.value)
            out.word(file.hash)
            out.int(file.size)
        }
        out.int(pages.count)
        for page in pages {
            out.spill()
            out.string(page.entry.url)
            out.string(page.entry.section)
            out.string(page.entry.kind.rawValue)
            out.optional(page.entry.stage)
            out.strings(page.entry.roles)
            if Self.isUnread(page), let range = lazyPages[page.entry.url]?.range {
                out.raw(saved[range])
            } else {
                var full = StateWriter()
                page.save(into: &full)
                out.raw(full.bytes)
            }
        }
    }

    /// A writer as `save` left it; throws on bytes it did not write. It keeps `reader`'s bytes to
    /// read its pages and shards from when they are needed.
    public static func restore(from reader: inout StateReader) throws(StateReader.Damaged) -> SearchIndexWriter {
        guard try reader.bool() else { return SearchIndexWriter() }
        let writer = SearchIndexWriter(shardTarget: try reader.int(), fragmentTarget: try reader.int())
        writer.header = try reader.string()
        writer.rows = try reader.strings()
        writer.itemBytes = try reader.int()
        writer.shards = try reader.count()
        writer.group = try reader.int()
        writer.saved = reader.bytes
        for _ in 0..<writer.shards {
            var titlePostings = Postings()
            var bodyPostings = Postings()
            titlePostings.bytes = try reader.int()
            bodyPostings.bytes = try reader.int()
            let titleRange = try reader.rawRange()
            let bodyRange = try reader.rawRange()
            writer.title.append(titlePostings)
            writer.body.append(bodyPostings)
            writer.lazyShards.append((titleRange, bodyRange))
        }
        let files = try reader.count()
        for _ in 0..<files {
            writer.written.append(.init(path: SitePath(try reader.string()), hash: try reader.word(), size: try reader.int()))
        }
        let pages = try reader.count()
        writer.pages.reserveCapacity(pages)
        writer.lazyPages.reserveCapacity(pages)
        for _ in 0..<pages {
            let url = try reader.string()
            let section = try reader.string()
            guard let kind = PageKind(rawValue: try reader.string()) else { throw StateReader.Damaged(offset: reader.offset) }
            let entry = SearchIndex.Entry(
                title: "", url: url, section: section, kind: kind, stage: try reader.optionalString(), roles: try reader.strings(), excerpt: "",
                headings: [])
            guard writer.lazyPages.updateValue((try reader.rawRange(), writer.pages.count), forKey: url) == nil else {
                throw StateReader.Damaged(offset: reader.offset)
            }
            writer.pages.append(SearchIndex.Analysed(entry: entry, titleKeys: unreadKeys, bodyKeys: unreadKeys))
        }
        guard writer.group > 0, writer.rows.count == pages, files == 1 + writer.shards + writer.fragmentCount else {
            throw StateReader.Damaged(offset: reader.offset)
        }
        writer.started = true
        return writer
    }

    /// One field's postings of one shard, as `postings` reads them.
    static func bytes(of postings: Postings) -> [UInt8] {
        var out = StateWriter()
        out.int(postings.order.count)
        for (key, encoded) in postings.order {
            out.string(key)
            out.raw(encoded)
        }
        return out.bytes
    }

    static func postings(_ bytes: [UInt8]) throws(StateReader.Damaged) -> Postings {
        var reader = StateReader(bytes)
        let keys = try reader.count()
        var postings = Postings()
        postings.order.reserveCapacity(keys)
        for _ in 0..<keys {
            let key = try reader.string()
            let encoded = try reader.raw()
            postings.order.append((key, encoded))
            postings.bytes += encoded.count
        }
        guard reader.isAtEnd else { throw StateReader.Damaged(offset: reader.offset) }
        return postings
    }
}

extension SearchIndex.Analysed {
    public func save(into out: inout StateWriter) {
        out.string(entry.title)
        out.string(entry.url)
        out.string(entry.section)
        out.string(entry.kind.rawValue)
        out.optional(entry.stage)
        out.strings(entry.roles)
        out.string(entry.excerpt)
        out.int(entry.headings.count)
        for heading in entry.headings {
            out.int(heading.level)
            out.string(heading.text)
            out.string(heading.id)
        }
        for keys in [titleKeys, bodyKeys] {
            out.keys(keys.han)
            out.strings(keys.words)
        }
    }

    public static func restore(from reader: inout StateReader) throws(StateReader.Damaged) -> Self {
        let title = try reader.string()
        let url = try reader.string()
        let section = try reader.string()
        guard let kind = PageKind(rawValue: try reader.string()) else { throw StateReader.Damaged(offset: reader.offset) }
        let stage = try reader.optionalString()
        let roles = try reader.strings()
        let excerpt = try reader.string()
        var headings: [MarkdownText.Heading] = []
        for _ in 0..<(try reader.count()) {
            headings.append(MarkdownText.Heading(level: try reader.int(), text: try reader.string(), id: try reader.string()))
        }
        let entry = SearchIndex.Entry(title: title, url: url, section: section, kind: kind, stage: stage, roles: roles, excerpt: excerpt, headings: headings)
        let titleKeys = SearchKeys(han: try reader.keys(), words: try reader.strings())
        let bodyKeys = SearchKeys(han: try reader.keys(), words: try reader.strings())
        return Self(entry: entry, titleKeys: titleKeys, bodyKeys: bodyKeys)
    }
}

extension SearchKeys {
    init(han: [UInt32], words: [String]) {
        self.han = han
        self.words = words
    }
}
