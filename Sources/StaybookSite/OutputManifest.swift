import Foundation
import StaybookModel
import StaybookSearch

/// What a published folder holds, kept in its `.staybook` marker file: every file's size,
/// modification time and content hash, and the fingerprint of the inputs it was built from.
///
/// The next build uses it twice: when the inputs are unchanged and every file is still as written,
/// there is nothing to do; otherwise it rewrites the older output generation in place and skips
/// every file whose bytes it already holds (creating a file costs far more than leaving one).
///
/// Format, one record per line (the path last, so it may hold spaces):
/// ```
/// staybook-manifest 1
/// inputs 9f3c…|-
/// pages 10082
/// search 22140919 101839201
/// file <hash hex> <size> <modified ns> <path>
/// ```
struct OutputManifest: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var hash: UInt64
        var size: Int
        /// Modification time in nanoseconds since 1970, as `stat` reported it after writing.
        var modified: Int
    }

    static let header = "staybook-manifest 1"

    /// The input fingerprint of the build that wrote the folder; nil when it could not be taken.
    var inputs: UInt64?
    var pages = 0
    var searchIndex: SearchIndexSize?
    var files: [String: Entry] = [:]

    /// Reads `folder/.staybook`; nil when it is missing, empty (an older Staybook) or damaged.
    static func read(from folder: URL) -> OutputManifest? {
        guard let data = FileManager.default.contents(atPath: folder.path + "/" + Publisher.markerName),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        // Cut on bytes: a manifest has a line per file, and `Character` splitting is slow.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), Substring(first) == Substring(header) else { return nil }
        var manifest = OutputManifest()
        manifest.files.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 4, omittingEmptySubsequences: false).map(Substring.init)
            switch fields.first {
            case "inputs" where fields.count == 2:
                manifest.inputs = UInt64(fields[1], radix: 16)
            case "pages" where fields.count == 2:
                guard let pages = Int(fields[1]) else { return nil }
                manifest.pages = pages
            case "search" where fields.count == 3:
                guard let index = Int(fields[1]), let html = Int(fields[2]) else { return nil }
                manifest.searchIndex = SearchIndexSize(indexBytes: index, htmlBytes: html)
            case "file" where fields.count == 5:
                guard let hash = UInt64(fields[1], radix: 16), let size = Int(fields[2]), let modified = Int(fields[3]) else { return nil }
                manifest.files[String(fields[4])] = Entry(hash: hash, size: size, modified: modified)
            default:
                return nil
            }
        }
        return manifest
    }

    var text: String {
        var lines = [Self.header, "inputs " + (inputs.map { String($0, radix: 16) } ?? "-"), "pages \(pages)"]
        if let searchIndex { lines.append("search \(searchIndex.indexBytes) \(searchIndex.htmlBytes)") }
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) {
            lines.append("file \(String(entry.hash, radix: 16)) \(entry.size) \(entry.modified) \(path)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether every file of the manifest is in `folder` with the size and time it was written with.
    func isIntact(in folder: URL) -> Bool {
        let paths = Array(files)
        return !paths.parallelMap { path, entry in FileStatus(folder.appending(path: path).path) == FileStatus(entry) }.contains(false)
    }
}

/// Size and modification time of a file, from `stat`.
struct FileStatus: Equatable {
    var size: Int
    var modified: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(descriptorInfo: info)
    }

    /// The file at `path` relative to the open folder `folder`.
    init?(in folder: Int32, _ path: String) {
        var info = stat()
        guard fstatat(folder, path, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(descriptorInfo: info)
    }

    init(_ entry: OutputManifest.Entry) {
        size = entry.size
        modified = entry.modified
    }

    init(descriptorInfo info: stat) {
        size = Int(info.st_size)
        #if os(Linux)
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        #else
        modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        #endif
    }
}
