import Foundation
import StaybookModel

/// What a render produced, for the build summary.
public struct RenderedSite: Sendable {
    /// HTML pages.
    public var pages = 0
    /// Files of every kind.
    public var files = 0
    /// The search index against the HTML, when the site has one.
    public var searchIndex: SearchIndexSize?
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
    private var pageIDs: [SitePath: Set<String>] = [:]
    private var firstFailure: (any Error)?

    init(_ emit: @escaping @Sendable (OutputFile) throws -> Void) {
        self.emit = emit
    }

    func put(_ file: OutputFile) {
        var ids: Set<String>?
        var html = 0
        var index: Int?
        if case .bytes(let bytes) = file.contents {
            if file.path.value.hasSuffix(".html") {
                html = bytes.count
                ids = AnchorCheck.ids(in: bytes)
            }
            if file.path == SearchIndex.path { index = bytes.count }
        }
        var failure: (any Error)?
        do { try emit(file) } catch { failure = error }
        lock.withLock {
            files += 1
            if let ids {
                pages += 1
                htmlBytes += html
                pageIDs[file.path] = ids
            }
            if let index { indexBytes = index }
            if firstFailure == nil { firstFailure = failure }
        }
    }

    var ids: [SitePath: Set<String>] { lock.withLock { pageIDs } }
    var failure: (any Error)? { lock.withLock { firstFailure } }

    var summary: RenderedSite {
        lock.withLock {
            RenderedSite(pages: pages, files: files, searchIndex: indexBytes.map { SearchIndexSize(indexBytes: $0, htmlBytes: htmlBytes) })
        }
    }
}
