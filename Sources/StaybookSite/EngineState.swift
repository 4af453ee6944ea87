import Dispatch
import Foundation
import StaybookContent
import StaybookModel
import StaybookSearch

/// What `SiteBuilder` learnt in one build that the next needs to redo only what changed, kept on
/// disk beside the output, next to its previous generation, so that one `staybook build` after
/// another is as incremental as a live preview's rebuilds:
/// - `.<output>.inputs`: every input file's hash under its `stat` fields (`InputFingerprint.Cache`),
///   so unchanged files are not read again to tell whether anything changed;
/// - `.<output>.state`: what every render job made and from what (`RenderMemo`), so jobs whose
///   inputs are unchanged are not rendered; the parsed front matter of plain pages, so unchanged
///   files are not parsed again (nor read, until rendered); each page's content review; and
///   where the memo ends, so it is read beside the rest;
/// - `.<output>.search`: the search index's writer, so only the shards and fragments a change
///   touches are written; its pages and shards are read only when a change needs them.
///
/// All belong to one generation of the output: they name the hash of the manifest that build
/// wrote, the Staybook that wrote them and the project, and are used only when all three are the
/// ones at hand. They are a cache: a missing, foreign, damaged or outdated file means a fresh
/// build, never an error, and the output is what a fresh build writes either way (the publisher
/// checks every kept file's bytes in the output).
enum EngineState {
    /// The hash of `output`'s manifest as it is now; nil without one.
    static func generation(of output: URL) -> UInt64? {
        SourceText.bytes(atPath: output.appending(path: Publisher.markerName).path).map { ContentHash.of($0) }
    }

    static func inputsURL(for output: URL) -> URL { beside(output, "inputs") }
    static func stateURL(for output: URL) -> URL { beside(output, "state") }
    static func searchURL(for output: URL) -> URL { beside(output, "search") }

    private static func beside(_ output: URL, _ suffix: String) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).\(suffix)")
    }

    /// The input files' hashes kept for `output` as it is now.
    static func readInputs(for output: URL, project: Project, generation: UInt64) -> [String: (stamp: InputFingerprint.Stamp, hash: UInt64)]? {
        guard var reader = StateFile.read(inputsURL(for: output), kind: "inputs", project: project, generation: generation) else { return nil }
        var files: [String: (stamp: InputFingerprint.Stamp, hash: UInt64)] = [:]
        do {
            let count = try reader.count()
            files.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                let stamp = InputFingerprint.Stamp(
                    size: try reader.int(), modified: try reader.int(), modifiedNanoseconds: try reader.int(), changed: try reader.int(),
                    changedNanoseconds: try reader.int(), inode: try reader.int())
                files[path] = (stamp, try reader.word())
            }
            return reader.isAtEnd ? files : nil
        } catch {
            return nil
        }
    }

    /// What the last build kept to render: its memo, its search writer and the content review's
    /// findings per page.
    struct Render {
        var memo: RenderMemo
        var search: SearchIndexWriter
        var vocabulary: [String: (key: UInt64, problems: [Diagnostic])]
        /// `site.yml`'s bytes and the parsed Markdown files whose front matter is plain: read from
        /// the state, or, to write it, taken one by one from the cache of the last load.
        var documents: Documents

        enum Documents {
            case read(config: [UInt8], documents: [String: ContentLoader.Cache.Kept])
            case cache(ContentLoader.Cache)
        }
    }

    /// What the last build kept to render, read in two parts: what loading needs (the parsed
    /// documents and the content review's findings) at once, and the memo and the search writer
    /// on other cores while the site loads (`later`: nil when either cannot be used).
    struct Kept {
        var vocabulary: [String: (key: UInt64, problems: [Diagnostic])]
        var documents: Render.Documents
        var later: Background<Later?>

        /// A memo and the writer whose pages its entries' search entries are.
        struct Later: Sendable {
            var memo: RenderMemo
            var search: SearchIndexWriter
        }
    }

    /// The render state kept for `output` as it is now. The state file ends with where its memo
    /// ends (`writeRest`): the documents after it are read here, the memo beside the search file.
    static func readRender(for output: URL, project: Project, generation: UInt64) -> Kept? {
        guard let reader = StateFile.read(stateURL(for: output), kind: "state", project: project, generation: generation) else { return nil }
        let bytes = reader.bytes
        let memoStart = reader.offset
        guard bytes.count - memoStart >= 8 else { return nil }
        var trailer = StateReader(bytes, at: bytes.count - 8)
        guard let end = try? trailer.word(), end >= UInt64(memoStart), end <= UInt64(bytes.count - 8) else { return nil }
        let memoEnd = Int(end)
        var documentsReader = StateReader(bytes, at: memoEnd)
        guard let (vocabulary, documents) = try? readDocuments(&documentsReader), documentsReader.offset == bytes.count - 8 else { return nil }
        let later = Background { () -> Kept.Later? in
            let search = Locked<SearchIndexWriter?>(nil)
            let memo = Locked<(RenderMemo, [String: String])?>(nil)
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 {
                    guard var reader = StateFile.read(searchURL(for: output), kind: "search", project: project, generation: generation),
                        let writer = try? SearchIndexWriter.restore(from: &reader), reader.isAtEnd
                    else { return }
                    search.value = writer
                } else {
                    var reader = StateReader(bytes, at: memoStart)
                    guard let read = try? RenderMemo.restore(from: &reader), reader.offset == memoEnd else { return }
                    memo.value = read
                }
            }
            guard let search = search.value, case (var memo, let pending)? = memo.value else { return nil }
            // The pages' search entries saved by address are the writer's.
            for (identity, url) in pending {
                guard let page = search.indexedPage(at: url) else { return nil }
                memo.entries[identity]?.search = page
            }
            return Kept.Later(memo: memo, search: search)
        }
        return Kept(vocabulary: vocabulary, documents: documents, later: later)
    }

    private static func readDocuments(
        _ reader: inout StateReader
    ) throws(StateReader.Damaged) -> ([String: (key: UInt64, problems: [Diagnostic])], Render.Documents) {
        var vocabulary: [String: (key: UInt64, problems: [Diagnostic])] = [:]
        for _ in 0..<(try reader.count()) {
            let source = try reader.string()
            let key = try reader.word()
            var problems: [Diagnostic] = []
            for _ in 0..<(try reader.count()) { problems.append(try Diagnostic.restore(from: &reader)) }
            vocabulary[source] = (key, problems)
        }
        let config = try reader.raw()
        var documents: [String: ContentLoader.Cache.Kept] = [:]
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            let hash = try reader.word()
            let frontMatter = try FrontMatter.restore(from: &reader)
            let hasFrontMatter = try reader.bool()
            let bodyLine = try reader.int()
            let bodyBytes = try reader.int()
            let frontMatterKey = try reader.word()
            var problems: [Diagnostic] = []
            for _ in 0..<(try reader.count()) { problems.append(try Diagnostic.restore(from: &reader)) }
            documents[path] = ContentLoader.Cache.Kept(
                hash: hash, frontMatter: frontMatter, hasFrontMatter: hasFrontMatter, bodyLine: bodyLine, bodyBytes: bodyBytes,
                frontMatterKey: frontMatterKey, problems: problems)
        }
        return (vocabulary, .read(config: config, documents: documents))
    }

    /// Keeps the three files for the output whose manifest hashes to `generation`, on two cores. A
    /// failure only costs the next build its speed, so it is not reported.
    static func write(
        for output: URL, project: Project, generation: UInt64, fileHashes: [String: (stamp: InputFingerprint.Stamp, hash: UInt64)], render: Render
    ) {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                StateFile.write(searchURL(for: output), kind: "search", project: project, generation: generation) { out in
                    render.search.save(into: &out)
                }
            } else {
                writeInputs(for: output, project: project, generation: generation, fileHashes: fileHashes)
                writeRest(for: output, project: project, generation: generation, render: render)
            }
        }
    }

    private static func writeInputs(for output: URL, project: Project, generation: UInt64, fileHashes: [String: (stamp: InputFingerprint.Stamp, hash: UInt64)]) {
        StateFile.write(inputsURL(for: output), kind: "inputs", project: project, generation: generation) { out in
            out.int(fileHashes.count)
            for (path, file) in fileHashes {
                out.string(path)
                let stamp = file.stamp
                for field in [stamp.size, stamp.modified, stamp.modifiedNanoseconds, stamp.changed, stamp.changedNanoseconds, stamp.inode] { out.int(field) }
                out.word(file.hash)
            }
        }
    }

    private static func writeRest(for output: URL, project: Project, generation: UInt64, render: Render) {
        StateFile.write(stateURL(for: output), kind: "state", project: project, generation: generation) { out in
            render.memo.save(into: &out, indexed: render.search.indexedPages)
            let memoEnd = out.position
            out.int(render.vocabulary.count)
            for (source, held) in render.vocabulary {
                out.spill()
                out.string(source)
                out.word(held.key)
                out.int(held.problems.count)
                for problem in held.problems { problem.save(into: &out) }
            }
            let (config, count, each): ([UInt8], Int, ((String, ContentLoader.Cache.Kept) -> Void) -> Void) =
                switch render.documents {
                case .read(let config, let documents): (config, documents.count, { body in documents.forEach(body) })
                case .cache(let cache): (cache.configBytes, cache.keptCount(where: \.isPlain), { body in cache.eachKept(where: \.isPlain, body) })
                }
            out.raw(config)
            out.int(count)
            each { path, kept in
                out.spill()
                out.string(path)
                out.word(kept.hash)
                kept.frontMatter.save(into: &out)
                out.bool(kept.hasFrontMatter)
                out.int(kept.bodyLine)
                out.int(kept.bodyBytes)
                out.word(kept.frontMatterKey)
                out.int(kept.problems.count)
                for problem in kept.problems { problem.save(into: &out) }
            }
            // Where the memo ends, last: the reader reads what follows it and the memo at once.
            out.word(UInt64(memoEnd))
        }
    }
}

/// A value set from one thread and read after they all joined.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var held: Value

    init(_ value: Value) { held = value }

    var value: Value {
        get { lock.withLock { held } }
        set { lock.withLock { held = newValue } }
    }
}

/// One state file: `staybook-state 3 <kind>\n`, then frames, each its payload's length and
/// checksum (`ContentHash.checksum`, 8 bytes each) and the payload. The payloads together are
/// `StateWriter` data that starts with the Staybook that wrote it, the project and the generation.
enum StateFile {
    static func header(_ kind: String) -> [UInt8] { Array("staybook-state 3 \(kind)\n".utf8) }

    /// Writes through a temporary file and a rename, so a reader sees the old file or the new one,
    /// in frames of about 1 MB, so the state is never whole in memory.
    static func write(_ url: URL, kind: String, project: Project, generation: UInt64, body: (inout StateWriter) -> Void) {
        let temporary = url.deletingLastPathComponent().appending(path: url.lastPathComponent + ".\(getpid()).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var failed = !writeAll(descriptor, header(kind))
        var out = StateWriter(spillSize: 1 << 20) { bytes in
            var frame = StateWriter()
            frame.word(UInt64(bytes.count))
            frame.word(ContentHash.checksum(bytes))
            if !failed { failed = !writeAll(descriptor, frame.bytes) || !writeAll(descriptor, bytes) }
            bytes.removeAll(keepingCapacity: true)
        }
        out.string(InputFingerprint.programIdentity)
        out.string(project.root.path)
        out.word(generation)
        body(&out)
        out.finish()
        if close(descriptor) != 0 { failed = true }
        if failed || rename(temporary.path, url.path) != 0 { unlink(temporary.path) }
    }

    /// The payload of the file at `url` after its identity, when the file is whole and names this
    /// Staybook, `project` and `generation`.
    static func read(_ url: URL, kind: String, project: Project, generation: UInt64) -> StateReader? {
        let header = header(kind)
        guard var bytes = SourceText.bytes(atPath: url.path), bytes.count >= header.count, bytes[0..<header.count].elementsEqual(header) else { return nil }
        // The frames' payloads are moved together in place, over the header and the frames' heads:
        // one array for the file and its payload.
        var from = header.count
        var to = 0
        while from < bytes.count {
            guard bytes.count - from >= 16 else { return nil }
            var frame = StateReader(Array(bytes[from..<(from + 16)]))
            guard let length = try? frame.word(), let hash = try? frame.word(), length <= UInt64(bytes.count - from - 16) else { return nil }
            let part = (from + 16)..<(from + 16 + Int(length))
            guard ContentHash.checksum(bytes[part]) == hash else { return nil }
            bytes.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                memmove(base + to, base + part.lowerBound, part.count)
            }
            to += part.count
            from = part.upperBound
        }
        bytes.removeSubrange(to...)
        var reader = StateReader(bytes)
        guard (try? reader.string()) == InputFingerprint.programIdentity, (try? reader.string()) == project.root.path,
            (try? reader.word()) == generation
        else { return nil }
        return reader
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

extension RenderMemo {
    /// Every entry; a page's search entry by its address when it is the one the writer indexed.
    func save(into out: inout StateWriter, indexed: [SearchIndex.Analysed]) {
        let byURL = Dictionary(indexed.map { ($0.entry.url, $0) }, uniquingKeysWith: { first, _ in first })
        out.int(entries.count)
        for (identity, entry) in entries {
            out.spill()
            if let range = entry.saved {
                out.verbatim(saved[range])
                continue
            }
            out.string(identity)
            out.word(entry.structure)
            out.bool(entry.data != nil)
            if let data = entry.data { out.word(data) }
            out.words(entry.templates)
            out.bool(entry.allTemplates)
            out.words(entry.bodies)
            out.int(entry.files.count)
            for file in entry.files {
                out.string(file.path.value)
                out.word(file.hash)
                out.int(file.size)
                out.bool(file.ids != nil)
                if let ids = file.ids { out.strings(ids.sorted) }
            }
            out.int(entry.diagnostics.count)
            for diagnostic in entry.diagnostics { diagnostic.save(into: &out) }
            out.int(entry.anchors.count)
            for anchor in entry.anchors {
                out.string(anchor.file)
                out.int(anchor.line)
                out.string(anchor.destination)
                out.string(anchor.target.value)
                out.string(anchor.fragment)
            }
            out.int(entry.downloads.count)
            for download in entry.downloads {
                out.string(download.path.value)
                out.strings(download.table.columns)
                out.int(download.table.rows.count)
                for row in download.table.rows {
                    out.string(row.head)
                    out.bool(row.cells != nil)
                    if let cells = row.cells {
                        out.int(cells.count)
                        for cell in cells {
                            out.string(cell.shown)
                            out.string(cell.value)
                        }
                    }
                }
            }
            if let search = entry.search {
                if let held = byURL[search.entry.url], held.isSame(as: search) {
                    out.int(1)
                    out.string(search.entry.url)
                } else {
                    out.int(2)
                    search.save(into: &out)
                }
            } else {
                out.int(0)
            }
        }
    }

    /// The memo, and the entries whose search entry was saved by address (identity → address):
    /// the caller takes those from the writer.
    static func restore(from reader: inout StateReader) throws(StateReader.Damaged) -> (RenderMemo, [String: String]) {
        var memo = RenderMemo()
        var pending: [String: String] = [:]
        let count = try reader.count()
        memo.entries.reserveCapacity(count)
        memo.saved = reader.bytes
        for _ in 0..<count {
            let start = reader.offset
            let identity = try reader.string()
            let structure = try reader.word()
            let data = try reader.bool() ? try reader.word() : nil
            let templates = try reader.words()
            let allTemplates = try reader.bool()
            let bodies = try reader.words()
            var files: [Made] = []
            for _ in 0..<(try reader.count()) {
                var made = Made(path: SitePath(try reader.string()), hash: try reader.word(), size: try reader.int())
                if try reader.bool() { made.ids = PageIDs(sorted: try reader.strings()) }
                files.append(made)
            }
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(try reader.count()) { diagnostics.append(try Diagnostic.restore(from: &reader)) }
            var anchors: [AnchorReference] = []
            for _ in 0..<(try reader.count()) {
                anchors.append(
                    AnchorReference(
                        file: try reader.string(), line: try reader.int(), destination: try reader.string(), target: SitePath(try reader.string()),
                        fragment: try reader.string()))
            }
            var downloads: [Download] = []
            for _ in 0..<(try reader.count()) {
                let path = SitePath(try reader.string())
                let columns = try reader.strings()
                var rows: [ChartTable.Row] = []
                for _ in 0..<(try reader.count()) {
                    let head = try reader.string()
                    rows.append(ChartTable.Row(head: head, cells: try reader.bool() ? try Self.cells(&reader) : nil))
                }
                downloads.append(Download(table: ChartTable(columns: columns, rows: rows), path: path))
            }
            let search: SearchIndex.Analysed?
            switch try reader.int() {
            case 0: search = nil
            case 1:
                pending[identity] = try reader.string()
                search = nil
            case 2: search = try SearchIndex.Analysed.restore(from: &reader)
            default: throw StateReader.Damaged(offset: reader.offset)
            }
            memo.entries[identity] = Entry(
                structure: structure, data: data, templates: templates, allTemplates: allTemplates, bodies: bodies, files: files,
                diagnostics: diagnostics, anchors: anchors, search: search, downloads: downloads, saved: start..<reader.offset)
        }
        return (memo, pending)
    }

    private static func cells(_ reader: inout StateReader) throws(StateReader.Damaged) -> [ChartTable.Cell] {
        let count = try reader.count(unit: 2)
        var cells: [ChartTable.Cell] = []
        for _ in 0..<count { cells.append(ChartTable.Cell(shown: try reader.string(), value: try reader.string())) }
        return cells
    }
}

extension SearchIndex.Analysed {
    /// The same entry and keys (`Analysed` is not `Equatable`: comparing keys is for this only).
    func isSame(as other: Self) -> Bool {
        entry == other.entry && titleKeys.han == other.titleKeys.han && titleKeys.words == other.titleKeys.words
            && bodyKeys.han == other.bodyKeys.han && bodyKeys.words == other.bodyKeys.words
    }
}

extension Diagnostic {
    func save(into out: inout StateWriter) {
        out.string(severity.rawValue)
        out.string(message)
        out.optional(file)
        out.optional(line)
        out.optional(column)
        out.optional(hint)
    }

    static func restore(from reader: inout StateReader) throws(StateReader.Damaged) -> Diagnostic {
        guard let severity = Severity(rawValue: try reader.string()) else { throw StateReader.Damaged(offset: reader.offset) }
        let message = try reader.string()
        return Diagnostic(severity, message, file: try reader.optionalString(), line: try reader.optionalInt(), column: try reader.optionalInt(), hint: try reader.optionalString())
    }
}

extension FrontMatter {
    /// Whether `save` holds all of it: the fields every page may have and none of a kind's own
    /// (a talk script's, a quiz's…): a file with those is parsed again. `EngineStateTests` fails
    /// when a field is added here and not to this list or `save`.
    var isPlain: Bool {
        let fields = fields
        return fields.talkScript == nil && fields.careMeasure == nil && fields.doDontGroups.isEmpty && fields.questions.isEmpty
            && fields.titleMappings.isEmpty && fields.formGroups.isEmpty && fields.course == nil
    }

    /// The fields `save` writes.
    static let savedFields = ["title", "id", "kind", "weight", "tags", "stage", "roles", "summary", "aliases", "updated", "allowOldTitles", "keyLines"]

    func save(into out: inout StateWriter) {
        let fields = fields
        for located in [fields.title, fields.id, fields.stage] {
            out.optional(located?.value)
            if let located { out.int(located.line) }
        }
        out.string(fields.kind.rawValue)
        out.optional(fields.weight)
        out.strings(fields.tags)
        out.strings(fields.roles)
        out.optional(fields.summary)
        out.int(fields.aliases.count)
        for alias in fields.aliases {
            out.string(alias.value)
            out.int(alias.line)
        }
        out.optional(fields.updated)
        out.bool(fields.allowOldTitles)
        out.int(fields.keyLines.count)
        for (key, line) in fields.keyLines.sorted(by: { $0.key < $1.key }) {
            out.string(key)
            out.int(line)
        }
    }

    static func restore(from reader: inout StateReader) throws(StateReader.Damaged) -> FrontMatter {
        var located: [Located<String>?] = []
        for _ in 0..<3 {
            if let value = try reader.optionalString() { located.append(Located(value, line: try reader.int())) } else { located.append(nil) }
        }
        var frontMatter = FrontMatter()
        (frontMatter.title, frontMatter.id, frontMatter.stage) = (located[0], located[1], located[2])
        guard let kind = PageKind(rawValue: try reader.string()) else { throw StateReader.Damaged(offset: reader.offset) }
        frontMatter.kind = kind
        frontMatter.weight = try reader.optionalInt()
        frontMatter.tags = try reader.strings()
        frontMatter.roles = try reader.strings()
        frontMatter.summary = try reader.optionalString()
        for _ in 0..<(try reader.count()) { frontMatter.aliases.append(Located(try reader.string(), line: try reader.int())) }
        frontMatter.updated = try reader.optionalString()
        frontMatter.allowOldTitles = try reader.bool()
        for _ in 0..<(try reader.count()) {
            let key = try reader.string()
            frontMatter.keyLines[key] = try reader.int()
        }
        return frontMatter
    }
}
