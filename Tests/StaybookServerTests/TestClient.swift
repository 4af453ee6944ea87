import Foundation
import StaybookBuiltIn
import StaybookModel
import StaybookSite
import Testing

@testable import StaybookServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The starter handbook in a temporary folder (one page of every kind, two months of snapshots),
/// served under `/handbook/`. The folder is removed when the last reference goes.
final class ServedProject: Sendable {
    let root: URL
    var project: Project { Project(root: root) }

    static let starter: [String: String] = StarterHandbook.files.reduce(into: [:]) {
        $0[$1.key] = String(decoding: $1.value, as: UTF8.self)
    }

    init(basePath: String = "/handbook/") throws {
        root = FileManager.default.temporaryDirectory.appending(path: "staybook-serve-test-\(UUID().uuidString)")
        for (path, text) in Self.starter where path.hasPrefix("content/") {
            try write(
                path,
                path == "content/site.yml"
                    ? text.replacingOccurrences(of: "base_path: /\n", with: "base_path: \(basePath)\n") : text)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appending(path: path), encoding: .utf8)
    }

    /// Runs `body` with a server on a free port, and stops it however `body` ends.
    func serving(polling: Bool = false, _ body: (PreviewServer) async throws -> Void) async throws {
        let server = try await serve(polling: polling)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Starts a server on a free port; fails the test when it cannot.
    func serve(polling: Bool = false) async throws -> PreviewServer {
        let server = PreviewServer(project: project, port: 0, polling: polling)
        try await server.start()
        return server
    }
}

/// A response as the tests read it.
struct TestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A small blocking HTTP/1.1 client over a socket, run on a thread of its own so the server's tasks
/// keep the concurrency pool. Every read has a timeout: a hung server fails the test in seconds.
enum TestClient {
    /// `GET target` (sent as written, so `..` reaches the server), `Connection: close`, read to the end.
    /// The timeout is long because the server answers on the test runner's concurrency pool, which
    /// the suite's other tests may keep busy for a while; a hung server still fails the test.
    static func get(_ port: UInt16, _ target: String, method: String = "GET", timeout: Double = 30) async throws
        -> TestResponse
    {
        try await onThread {
            let socket = try openSocket(port, timeout: timeout)
            defer { close(socket) }
            try sendText(socket, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count == 0 { break }
                guard count > 0 else {
                    throw TestClientError("no complete response to GET \(target) within \(timeout) s")
                }
                data.append(contentsOf: buffer[0..<count])
            }
            return try parse(data, target: target)
        }
    }

    static func parse(_ data: Data, target: String) throws -> TestResponse {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw TestClientError("no header in the response to \(target)")
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return TestResponse(status: status, headers: headers, body: Data(data[end.upperBound...]))
    }

    static func openSocket(_ port: UInt16, timeout: Double) throws -> Int32 {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestClientError("socket: \(errno)") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestClientError("cannot connect to 127.0.0.1:\(port) (errno \(errno))")
        }
        return fd
    }

    static func sendText(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard send(socket, bytes, bytes.count, 0) == bytes.count else {
            throw TestClientError("cannot send the request")
        }
    }
}

struct TestClientError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking work on a thread of its own.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A browser's `EventSource` on `/__staybook/events`: reads the stream on a thread of its own and
/// keeps every event.
final class EventListener: @unchecked Sendable {
    struct Event: Sendable {
        var name: String
        var data: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:] }
    }

    private let lock = NSLock()
    private var received: [Event] = []
    private var stopped = false
    private let socket: Int32
    /// Events taken by `next` so far.
    private var position = 0

    init(port: UInt16) throws {
        socket = try TestClient.openSocket(port, timeout: 0.1)
        try TestClient.sendText(
            socket, "GET /__staybook/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        Thread { [self] in read() }.start()
    }

    deinit { close(socket) }

    func stop() { lock.withLock { stopped = true } }

    var events: [Event] { lock.withLock { received } }

    private func read() {
        var raw = Data()
        var bodyStart: Int?
        var buffer = [UInt8](repeating: 0, count: 16384)
        while !lock.withLock({ stopped }) {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count < 0 { continue }  // the 0.1 s timeout: look at `stopped` again
            raw.append(contentsOf: buffer[0..<count])
            if bodyStart == nil, let end = raw.firstRange(of: Data("\r\n\r\n".utf8)) { bodyStart = end.upperBound }
            guard let bodyStart else { continue }
            let events = Self.events(inChunked: Data(raw[bodyStart...]))
            lock.withLock { received = events }
        }
    }

    /// The complete events in a chunked body received so far.
    static func events(inChunked body: Data) -> [Event] {
        var text = Data()
        var index = body.startIndex
        while let lineEnd = body[index...].firstRange(of: Data("\r\n".utf8)) {
            guard let size = Int(String(decoding: body[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0
            else { break }
            let start = lineEnd.upperBound
            guard body.endIndex >= start + size + 2 else { break }
            text.append(body[start..<(start + size)])
            index = start + size + 2
        }
        var events: [Event] = []
        let blocks = String(decoding: text, as: UTF8.self).components(separatedBy: "\n\n").dropLast()
        for block in blocks {
            var name = "message", data: [String] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            if !data.isEmpty { events.append(Event(name: name, data: data.joined(separator: "\n"))) }
        }
        return events
    }

    /// The next event named `name` after those taken before; fails after `timeout` seconds.
    func next(_ name: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> Event
    {
        let deadline = Date().addingTimeInterval(timeout)
        func take() -> Event? {
            lock.withLock {
                guard let index = received[position...].firstIndex(where: { $0.name == name }) else { return nil }
                position = index + 1
                return received[index]
            }
        }
        while Date() < deadline {
            if let found = take() { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        // This task may not have run for a while (a busy test runner): one last look.
        if let found = take() { return found }
        let seen = events.map(\.name)
        Issue.record("no `\(name)` event within \(timeout) s (events so far: \(seen))", sourceLocation: sourceLocation)
        throw TestClientError("no `\(name)` event")
    }

    /// The names of the events received after those taken by `next`.
    var untaken: [String] { lock.withLock { received[position...].map(\.name) } }
}

extension PreviewServer {
    var servedPort: UInt16 { UInt16(url.port ?? 0) }
}
