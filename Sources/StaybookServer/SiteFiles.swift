import Foundation

/// The built site's files as the server hands them out: a request path under the site's
/// `base_path` → a file of the output folder, a redirect, or nothing. Never a file outside the
/// output folder, nor one of its hidden files (the build's manifest).
struct SiteFiles: Sendable {
    /// The output folder.
    let root: URL

    enum Resolution: Equatable {
        case file(URL)
        /// To the same path with a `/`, or from `/` to the base path.
        case redirect(String)
        case notFound
    }

    init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// - Parameters:
    ///   - rawPath: the request target's path, percent-encoded as sent
    ///   - basePath: the site's `base_path`, starting and ending with `/`
    func resolve(_ rawPath: String, basePath: String) -> Resolution {
        guard let path = rawPath.removingPercentEncoding, path.hasPrefix("/"), !path.contains("\0") else {
            return .notFound
        }
        if path == "/" && basePath != "/" { return .redirect(basePath) }
        if path + "/" == basePath { return .redirect(basePath) }
        guard path.hasPrefix(basePath) else { return .notFound }
        let components = path.dropFirst(basePath.count).split(separator: "/")
        // `..` would climb out of the folder; `.` and hidden names are nothing the site links to.
        guard components.allSatisfy({ !$0.hasPrefix(".") && !$0.contains("\\") }) else { return .notFound }
        var url = root
        for component in components { url.append(path: String(component)) }
        url = url.standardizedFileURL
        let realRoot = root.resolvingSymlinksInPath().path
        let realPath = url.resolvingSymlinksInPath().path
        guard realPath == realRoot || realPath.hasPrefix(realRoot + "/") else { return .notFound }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard path.hasSuffix("/") else { return .redirect(rawPath + "/") }
            let index = url.appending(path: "index.html")
            return FileManager.default.fileExists(atPath: index.path) ? .file(index) : .notFound
        }
        return .file(url)
    }

    /// The `Content-Type` of a file by its extension.
    static func contentType(of url: URL) -> String {
        contentTypes[url.pathExtension.lowercased()] ?? "application/octet-stream"
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json", "map": "application/json", "webmanifest": "application/manifest+json",
        "csv": "text/csv; charset=utf-8", "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
        "xml": "application/xml", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "zip": "application/zip",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg",
    ]

    /// `html` with the reload script's tag before `</head>` (else at the end): the only change
    /// the server makes to a page.
    static func injectingReloadScript(into html: Data) -> Data {
        let tag = Data(LiveReloadFiles.scriptTag.utf8)
        guard let end = closingHead(in: html) else { return html + tag }
        var result = Data(capacity: html.count + tag.count)
        result.append(html[html.startIndex..<end])
        result.append(tag)
        result.append(html[end...])
        return result
    }

    /// Where the first `</head>` (any case) starts.
    static func closingHead(in html: Data) -> Data.Index? {
        let needle = Array("</head>".utf8)
        return html.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data.Index? in
            guard bytes.count >= needle.count else { return nil }
            for start in 0...(bytes.count - needle.count) where bytes[start] == UInt8(ascii: "<") {
                var matches = true
                for offset in 1..<needle.count where bytes[start + offset] | 0x20 != needle[offset] | 0x20 {
                    matches = false
                    break
                }
                if matches { return html.startIndex + start }
            }
            return nil
        }
    }
}
