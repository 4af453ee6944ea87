import StaybookContent
import StaybookModel

/// The writer and the pages it indexed, in the engine's state between builds (`EngineState`), so
/// that a `staybook build` after a one-page edit rewrites the shards that page touches, as a live
/// preview does, instead of the whole index.
extension SearchIndexWriter {
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
        for field in [title, body] {
            out.int(field.count)
            for postings in field {
                out.int(postings.order.count)
                for (key, encoded) in postings.order {
                    out.spill()
                    out.string(key)
                    out.raw(encoded)
                }
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
            page.save(into: &out)
        }
    }

    /// A writer as `save` left it; throws on bytes it did not write.
    public static func restore(from reader: inout StateReader) throws(StateReader.Damaged) -> SearchIndexWriter {
        guard try reader.bool() else { return SearchIndexWriter() }
        let writer = SearchIndexWriter(shardTarget: try reader.int(), fragmentTarget: try reader.int())
        writer.header = try reader.string()
        writer.rows = try reader.strings()
        writer.itemBytes = try reader.int()
        writer.shards = try reader.count()
        writer.group = try reader.int()
        var fields: [[Postings]] = []
        for _ in 0..<2 {
            let count = try reader.count()
            guard count == writer.shards else { throw StateReader.Damaged(offset: reader.offset) }
            var field: [Postings] = []
            for _ in 0..<count {
                let keys = try reader.count()
                var postings = Postings()
                postings.order.reserveCapacity(keys)
                for _ in 0..<keys {
                    let key = try reader.string()
                    let encoded = try reader.raw()
                    postings.order.append((key, encoded))
                    postings.bytes += encoded.count
                }
                field.append(postings)
            }
            fields.append(field)
        }
        writer.title = fields[0]
        writer.body = fields[1]
        let files = try reader.count()
        for _ in 0..<files {
            writer.written.append(.init(path: SitePath(try reader.string()), hash: try reader.word(), size: try reader.int()))
        }
        let pages = try reader.count()
        writer.pages.reserveCapacity(pages)
        for _ in 0..<pages { writer.pages.append(try SearchIndex.Analysed.restore(from: &reader)) }
        guard writer.group > 0, writer.rows.count == pages, files == 1 + writer.shards + writer.fragmentCount else {
            throw StateReader.Damaged(offset: reader.offset)
        }
        writer.started = true
        return writer
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
