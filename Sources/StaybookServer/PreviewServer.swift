import FlyingFox
import FlyingSocks
import Foundation
import StaybookModel
import StaybookSite

#if canImport(Glibc)
    import Glibc
#endif

/// `staybook serve`: builds the project into an output folder of its own, serves it over HTTP under
/// the site's `base_path`, watches `content/` and `themes/`, rebuilds after every save and tells the
/// browsers to reload (Server-Sent Events on `/__staybook/events`, listened to by
/// `/__staybook/reload.js`, the one tag added to every page served). While the build is broken the
/// last good site stays served and the browsers show the errors over it.
///
/// Prints nothing: what happens goes to `onRebuild`.
public final class PreviewServer: @unchecked Sendable {
    /// One build: the first when the server starts, then one per burst of saves.
    public struct Rebuild: Sendable {
        /// 0 for the first build.
        public let number: Int
        /// The source files that changed (relative to the project), sorted; empty for the first build.
        public let sources: [String]
        public let report: BuildReport
        public let milliseconds: Int
        /// The build before this one had errors.
        public let followsBrokenBuild: Bool
        /// Browsers were told to reload.
        public let reloaded: Bool
    }

    public let project: Project
    public let output: URL
    public let host: String
    /// The port asked for; 0 for any free one (then `url` has the real one).
    public let port: UInt16

    private let builder: SiteBuilder
    private let ownsOutput: Bool
    /// Held while the server runs: the private output folder is this server's.
    private let outputLock: Int32?
    private let watchMode: SourceWatcher.Mode
    private let onRebuild: @Sendable (Rebuild) -> Void
    private let hub: EventHub
    private let serverID = UUID().uuidString
    private let lock = NSLock()
    private var basePath = "/"
    private var buildNumber = 0
    private var broken = false
    /// Whether a build has succeeded since the server started (else there is no site to show).
    private var built = false
    /// The `serve.*` words of the site's language, as of the last build (the 404 page's).
    private var words: [String: String] = [:]
    /// `site.yml`'s language, as of the last build.
    private var language = "zh-CN"
    /// The language `words` are in.
    private var wordsLanguage: String?

    /// The `serve.*` words in the site's language, loaded when first needed (a good build needs
    /// none) and again when the language or the theme may have changed.
    private func overlayWords(fresh: Bool = true) -> [String: String] {
        let (held, language, heldLanguage) = lock.withLock { (words, self.language, wordsLanguage) }
        if !fresh, !held.isEmpty, heldLanguage == language { return held }
        let loaded = OverlayStrings.load(project)
        lock.withLock {
            words = loaded
            wordsLanguage = language
        }
        return loaded
    }
    private var server: HTTPServer?
    private var runTask: Task<Void, Never>?
    private var keepAliveTask: Task<Void, Never>?
    private var watcher: SourceWatcher?
    private var queue: RebuildQueue?
    private var listeningPort: UInt16?
    private var stopped = false

    /// - Parameters:
    ///   - project: the project to serve
    ///   - host: the address to listen on (loopback by default); `localhost` means 127.0.0.1
    ///   - port: 0 for any free port
    ///   - output: where to build; default a folder of its own under the system's temporary
    ///     folder, named after the project, removed by `stop()`
    ///   - polling: watch by walking the folders even where inotify exists (tests)
    ///   - onRebuild: told about every build, on the rebuild thread
    public init(
        project: Project, host: String = "127.0.0.1", port: UInt16 = 8080, output: URL? = nil, polling: Bool = false,
        onRebuild: @escaping @Sendable (Rebuild) -> Void = { _ in }
    ) {
        self.project = project
        self.host = host == "localhost" ? "127.0.0.1" : host
        self.port = port
        if let output {
            self.output = output.standardizedFileURL
            self.outputLock = nil
        } else {
            (self.output, self.outputLock) = Self.claimPrivateOutput(for: project)
        }
        self.ownsOutput = output == nil
        self.watchMode = polling ? .polling : .automatic
        self.onRebuild = onRebuild
        self.builder = SiteBuilder(project: project, output: self.output)
        self.hub = EventHub(hello: ServerSentEvent(name: "hello", data: #"{"server":"\#(serverID)"}"#))
    }

    /// `<temporary folder>/staybook-serve-<hash of the project path>/site`: the same project
    /// reuses its folder, so a restart finds its last build up to date. A second server of the
    /// same project at the same time (the folder's lock is taken) gets a folder of its own
    /// (`…-<pid>`), so neither removes the other's site.
    static func claimPrivateOutput(for project: Project) -> (URL, Int32?) {
        let hash = String(ContentHash.of(Array(project.root.path.utf8)), radix: 16)
        for name in ["staybook-serve-\(hash)", "staybook-serve-\(hash)-\(getpid())"] {
            let folder = FileManager.default.temporaryDirectory.appending(path: name, directoryHint: .isDirectory)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let lock = open(folder.appending(path: "serve.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            if lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0 {
                return (folder.appending(path: "site", directoryHint: .isDirectory), lock)
            }
            if lock >= 0 { close(lock) }
        }
        let folder = FileManager.default.temporaryDirectory.appending(
            path: "staybook-serve-\(hash)-\(getpid())", directoryHint: .isDirectory)
        return (folder.appending(path: "site", directoryHint: .isDirectory), nil)
    }

    /// The site's address: `http://127.0.0.1:8080/handbook/`. Valid once `start()` returned.
    public var url: URL {
        let (port, base) = lock.withLock { (listeningPort ?? self.port, basePath) }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(shownHost):\(port)\(base)")!
    }

    /// How many builds have run, the first included.
    public var builds: Int { lock.withLock { buildNumber } }

    /// Listens, starts watching, builds the site once and starts rebuilding on changes.
    /// - Throws: `ServeFailure` when the address cannot be listened on (a port in use)
    public func start() async throws(ServeFailure) {
        // A wrong --output is the user's to fix before anything runs, not a build error to show.
        let publisher = Publisher(
            output: output, project: project.root, sources: [project.contentDirectory, project.themesDirectory])
        if let problem = publisher.validate() { throw ServeFailure(problem.message, hint: problem.hint) }
        let server = HTTPServer(config: .init(address: try address(), timeout: 15, logger: .disabled))
        await route(server)
        let failure = StartFailure()
        let runTask = Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        lock.withLock {
            self.server = server
            self.runTask = runTask
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = failure.error { throw describe(error) }
            guard ContinuousClock.now < deadline else {
                // This task may have waited for a thread after the deadline: one last look.
                if await server.isListening { break }
                throw ServeFailure("the server did not start listening on \(host):\(port) within 10 s")
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        if case .ip4(_, let port)? = await server.listeningAddress {
            lock.withLock { listeningPort = port }
        } else if case .ip6(_, let port)? = await server.listeningAddress {
            lock.withLock { listeningPort = port }
        }

        // Watch before the first build: what changes while it runs makes one rebuild after it.
        let queue = RebuildQueue { [weak self] paths in self?.rebuild(paths) }
        let watcher = SourceWatcher(root: project.root, mode: watchMode) { paths in queue.schedule(paths) }
        watcher.start()
        await onThread { self.rebuild([]) }
        queue.start()
        let hub = hub
        let keepAlive = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                hub.send(ServerSentEvent.keepAlive)
            }
        }
        lock.withLock {
            self.watcher = watcher
            self.queue = queue
            self.keepAliveTask = keepAlive
        }
    }

    /// Stops watching, lets a rebuild under way finish, closes the connections and removes the
    /// private output folder.
    public func stop() async {
        let (alreadyStopped, watcher, queue, server, runTask, keepAlive) = lock.withLock {
            defer {
                stopped = true
                self.watcher = nil
                self.queue = nil
                self.server = nil
                self.runTask = nil
                self.keepAliveTask = nil
            }
            return (stopped, self.watcher, self.queue, self.server, self.runTask, self.keepAliveTask)
        }
        guard !alreadyStopped else { return }
        keepAlive?.cancel()
        await onThread {
            watcher?.stop()
            queue?.stop()
        }
        hub.close()
        // The pool runs until cancelled: a longer timeout would only be waited out.
        await server?.stop(timeout: 0.1)
        runTask?.cancel()
        await runTask?.value
        if ownsOutput {
            try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
        }
        if let outputLock { close(outputLock) }
    }

    // MARK: - Building

    /// Builds, then tells the browsers: reload after a good build that changed the site (or ends
    /// a broken spell), the errors after a broken one.
    private func rebuild(_ sources: Set<String>) {
        let start = ContinuousClock.now
        let report = builder.build()
        let milliseconds = Int((ContinuousClock.now - start).milliseconds)
        let (number, wasBroken) = lock.withLock {
            defer {
                buildNumber += 1
                broken = !report.succeeded
            }
            return (buildNumber, broken)
        }
        var reloaded = false
        let config = SiteSettings.read(project)
        lock.withLock {
            if let config { language = config.language }
            if report.succeeded { built = true }
        }
        if report.succeeded {
            if let config { lock.withLock { basePath = config.basePath } }
            hub.setBrokenBuild(nil)
            // The first build has nobody to tell (a page left open from an earlier run reloads when
            // it sees the new server's id).
            if number > 0 && (!report.upToDate || wasBroken) {
                // After a broken build every page reloads: each shows the overlay.
                let changed = wasBroken ? [] : report.changed
                hub.publish(Self.reloadEvent(number: number, changed: changed, basePath: lock.withLock { basePath }))
                reloaded = true
            }
        } else {
            let event = Self.errorsEvent(
                number: number, diagnostics: report.diagnostics, strings: overlayWords())
            hub.setBrokenBuild(event)
            hub.publish(event)
        }
        onRebuild(
            Rebuild(
                number: number, sources: sources.sorted(), report: report, milliseconds: milliseconds,
                followsBrokenBuild: wasBroken,
                reloaded: reloaded))
    }

    struct ReloadMessage: Codable {
        var build: Int
        /// The addresses of the output files whose bytes changed (a page also by its folder,
        /// `/handbook/care/`); empty when not known, then every page reloads.
        var changed: [String]
    }

    struct ErrorsMessage: Codable {
        struct Problem: Codable {
            var severity: String
            var file: String?
            var line: Int?
            var column: Int?
            var message: String
            var hint: String?
        }
        var build: Int
        var diagnostics: [Problem]
        /// The overlay's words in the site's language (`serve.*` of the theme's strings).
        var strings: [String: String]
    }

    /// - Parameter changed: output paths (`care/index.html`), as `BuildReport.changed` has them
    static func reloadEvent(number: Int, changed: [String], basePath: String) -> ServerSentEvent {
        var addresses: [String] = []
        for path in changed {
            addresses.append(basePath + path)
            if path == "index.html" {
                addresses.append(basePath)
            } else if path.hasSuffix("/index.html") {
                addresses.append(basePath + path.dropLast("index.html".count))
            }
        }
        return ServerSentEvent(name: "reload", data: json(ReloadMessage(build: number, changed: addresses)))
    }

    /// Errors first, then warnings, at most 200.
    static func errorsEvent(number: Int, diagnostics: [Diagnostic], strings: [String: String]) -> ServerSentEvent {
        let problems = (diagnostics.errors + diagnostics.warnings).prefix(200).map {
            ErrorsMessage.Problem(
                severity: $0.severity.rawValue, file: $0.file, line: $0.line, column: $0.column, message: $0.message,
                hint: $0.hint)
        }
        return ServerSentEvent(
            name: "errors", data: json(ErrorsMessage(build: number, diagnostics: Array(problems), strings: strings)))
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    // MARK: - Serving

    private func route(_ server: HTTPServer) async {
        let hub = hub
        await server.appendRoute(HTTPRoute("GET \(LiveReloadFiles.eventsPath)")) { _ in
            var headers = HTTPHeaders()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: hub.subscribe()))
        }
        await server.appendRoute(HTTPRoute("*")) { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return self.respond(to: request)
        }
    }

    /// A file of the site (HTML with the reload tag), one of `/__staybook/`, a redirect or a 404.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        let isHead = request.method == .HEAD
        guard request.method == .GET || isHead else {
            return plain(.methodNotAllowed, "method not allowed\n", head: isHead)
        }
        let rawPath = request.target.path()
        if let file = LiveReloadFiles.files[rawPath] {
            return response(.ok, contentType: file.contentType, body: file.data, head: isHead)
        }
        let basePath = lock.withLock { self.basePath }
        switch SiteFiles(root: output).resolve(rawPath, basePath: basePath) {
        case .redirect(let location):
            var headers = HTTPHeaders()
            headers[.location] = location
            headers[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .file(let url):
            guard var data = try? Data(contentsOf: url) else { return notFound(rawPath, head: isHead) }
            let contentType = SiteFiles.contentType(of: url)
            if contentType.hasPrefix("text/html") { data = SiteFiles.injectingReloadScript(into: data) }
            return response(.ok, contentType: contentType, body: data, head: isHead)
        case .notFound:
            return notFound(rawPath, head: isHead)
        }
    }

    /// A plain page that still listens for reloads: when the page appears, or the first build
    /// succeeds, the browser shows it.
    /// Its words are the theme's (`serve.not_found*`, `serve.not_built`) in the site's language.
    private func notFound(_ path: String, head: Bool) -> HTTPResponse {
        let words = overlayWords(fresh: false)
        let (basePath, language, built) = lock.withLock { (self.basePath, self.language, self.built) }
        let escaped = HTML.escape(path.removingPercentEncoding ?? path)
        let home = HTML.escape(basePath)
        func text(_ key: String, _ value: String, _ name: String) -> String {
            HTML.escape(words[key] ?? "{\(name)}").replacingOccurrences(of: "{\(name)}", with: value)
        }
        let title = HTML.escape(words["not_found_title"] ?? "404")
        let body =
            built
            ? "<p>" + text("not_found", "<code>\(escaped)</code>", "path") + "</p>\n<p>" + text("not_found_home", "<a href=\"\(home)\">\(home)</a>", "home") + "</p>"
            : "<p>" + HTML.escape(words["not_built"] ?? "") + "</p>"
        let page = """
            <!doctype html>
            <html lang="\(HTML.escape(language))"><head><meta charset="utf-8"><title>\(title)</title>\(LiveReloadFiles.scriptTag)</head>
            <body><h1>\(title)</h1>
            \(body)</body></html>

            """
        return response(.notFound, contentType: "text/html; charset=utf-8", body: Data(page.utf8), head: head)
    }

    private func plain(_ status: HTTPStatusCode, _ text: String, head: Bool) -> HTTPResponse {
        response(status, contentType: "text/plain; charset=utf-8", body: Data(text.utf8), head: head)
    }

    private func response(_ status: HTTPStatusCode, contentType: String, body: Data, head: Bool) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        if head {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    // MARK: - Listening

    private func address() throws(ServeFailure) -> any SocketAddress {
        do {
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
            return try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw ServeFailure(
                "`\(host)` is not an IP address to listen on",
                hint: "pass --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every network)")
        }
    }

    private func describe(_ error: any Error) -> ServeFailure {
        if case .failed(_, let code, let message) = error as? SocketError {
            #if canImport(Glibc)
                if code == EADDRINUSE {
                    return ServeFailure(
                        "port \(port) on \(host) is in use by another program",
                        hint:
                            "choose another port with --port, e.g. --port \(port == 65535 ? 8081 : port + 1), or --port 0 for any free one"
                    )
                }
                if code == EACCES {
                    return ServeFailure(
                        "not allowed to listen on port \(port)",
                        hint: "ports below 1024 need root; choose one above, e.g. --port 8080")
                }
                if code == EADDRNOTAVAIL {
                    return ServeFailure("\(host) is not an address of this machine", hint: "pass --host 127.0.0.1")
                }
            #endif
            return ServeFailure("cannot listen on \(host):\(port): \(message)", hint: "choose another port with --port")
        }
        return ServeFailure(
            "cannot listen on \(host):\(port): \(error.localizedDescription)", hint: "choose another port with --port")
    }
}

/// Why the server could not start: a sentence and what to do.
public struct ServeFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    /// As a diagnostic, to print like a build's.
    public var diagnostic: Diagnostic { .error(message, hint: hint) }
}

/// The error the server's run ended with, if it did before it listened.
private final class StartFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }
    func set(_ error: any Error) { lock.withLock { stored = error } }
}

/// Runs `body` on a thread of its own, so blocking work (a build, joining a thread) keeps the
/// concurrency pool's few threads free.
func onThread(_ body: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let thread = Thread {
            body()
            continuation.resume()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
