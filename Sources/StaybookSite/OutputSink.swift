import Foundation
import StaybookModel
import StaybookSearch

/// What a render produced, for the build summary.
public struct RenderedSite: Sendable {
    /// HTML pages.
    public var pages = 0
    /// Files of every kind.
    public var files = 0
    /// The search index against the HTML, when the site has one.
    public var searchIndex: SearchIndexSize?
    /// Files made anew (the rest were taken from the last build).
    public var rendered = 0
    /// A file to keep was no longer in the output as the last build wrote it (`StaleOutput`).
    public var stale = false
    /// Processor seconds in the template engine over every job, and the part of them in templates
    /// rendered inside others (`TemplateUsage`).
    public var templateSeconds = (all: 0.0, nested: 0.0)
}

/// Where rendered files go, from many threads at once: each is passed on to the consumer (the
/// publisher writes it), counted, and its element ids noted for the heading-link check; then it
/// is dropped, so memory does not grow with the site.
final class OutputSink: @unchecked Sendable {
    private let emit: @Sendable (OutputFile) throws -> Void
    private let lock = NSLock()
    private var pages = 0
    private var files = 0
    private var htmlBytes = 0
    private var indexBytes: Int?
    private var pageIDs: [SitePath: PageIDs] = [:]
    private var firstFailure: (any Error)?

    /// - Parameter hashing: hash every file's bytes, for `RenderMemo` (a copied file is not hashed).
    init(_ emit: @escaping @Sendable (OutputFile) throws -> Void, hashing: Bool = false) {
        self.emit = emit
        self.hashing = hashing
    }

    private let hashing: Bool

    /// Passes `file` on and counts it; returns what the memo keeps of it.
    @discardableResult
    func put(_ file: OutputFile) -> RenderMemo.Made {
        var ids: PageIDs?
        var made = RenderMemo.Made(path: file.path, hash: 0, size: 0)
        if case .bytes(let bytes) = file.contents {
            if file.path.value.hasSuffix(".html") {
                ids = PageIDs(AnchorCheck.ids(in: bytes))
            }
            made.size = bytes.count
            if hashing { made.hash = ContentHash.of(bytes) }
        }
        made.ids = ids
        var failure: (any Error)?
        do { try emit(file) } catch { failure = error }
        count(made, failure: failure)
        return made
    }

    /// Counts a file a reused job made, and hands it to `keep` (which publishes the bytes the
    /// output already holds).
    func keep(_ made: RenderMemo.Made, _ keep: (SitePath, UInt64, Int) throws -> Void) {
        var failure: (any Error)?
        do { try keep(made.path, made.hash, made.size) } catch { failure = error }
        count(made, failure: failure)
    }

    private func count(_ made: RenderMemo.Made, failure: (any Error)?) {
        lock.withLock {
            files += 1
            if let ids = made.ids {
                pages += 1
                htmlBytes += made.size
                pageIDs[made.path] = ids
            }
            if made.path.value.hasPrefix(SearchIndexWriter.folder + "/") { indexBytes = (indexBytes ?? 0) + made.size }
            if firstFailure == nil { firstFailure = failure }
        }
    }

    var ids: [SitePath: PageIDs] { lock.withLock { pageIDs } }
    var failure: (any Error)? { lock.withLock { firstFailure } }

    var summary: RenderedSite {
        lock.withLock {
            RenderedSite(pages: pages, files: files, searchIndex: indexBytes.map { SearchIndexSize(indexBytes: $0, htmlBytes: htmlBytes) })
        }
    }
}
