import Foundation
import StaybookModel
import Testing

@testable import StaybookServer

/// The server's parts without a server: the reload tag, content types, editor droppings, bursts.
@Suite struct ServerPartsTests {
    @Test func theTagGoesBeforeTheFirstClosingHeadInAnyCase() {
        let page = Data("<html><HEAD><title>x</title></Head><body></head></body></html>".utf8)
        let served = String(decoding: SiteFiles.injectingReloadScript(into: page), as: UTF8.self)
        #expect(served == "<html><HEAD><title>x</title>\(LiveReloadFiles.scriptTag)</Head><body></head></body></html>")
        let bare = String(decoding: SiteFiles.injectingReloadScript(into: Data("<p>x</p>".utf8)), as: UTF8.self)
        #expect(bare == "<p>x</p>" + LiveReloadFiles.scriptTag)
    }

    @Test(arguments: [
        ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
        ("a.js", "text/javascript; charset=utf-8"),
        ("a.svg", "image/svg+xml"), ("a.json", "application/json"), ("a.csv", "text/csv; charset=utf-8"),
        ("a.png", "image/png"),
        ("a.woff", "font/woff"), ("a.woff2", "font/woff2"), ("a.PNG", "image/png"),
        ("a.bin", "application/octet-stream"),
    ])
    func contentTypesFollowTheExtension(_ name: String, _ type: String) {
        #expect(SiteFiles.contentType(of: URL(fileURLWithPath: "/x/\(name)")) == type)
    }

    @Test func editorDroppingsAreKnownByName() {
        for name in [".#a.md", "a.md~", ".a.md.swp", ".a.md.swx", "4913"] {
            #expect(SourceWatcher.isEditorDropping(name), "\(name)")
        }
        for name in ["a.md", "site.yml", "2026-01.json", "49130.md"] {
            #expect(!SourceWatcher.isEditorDropping(name), "\(name)")
        }
        #expect(!SourceWatcher.matters("content/basics/.#a.md") && SourceWatcher.matters("content/basics/a.md"))
    }

    @Test func aBurstEndsAfterQuietOrAtTheCap() {
        let start = ContinuousClock.now
        let quiet = Duration.milliseconds(30), cap = Duration.milliseconds(500)
        var burst = SourceWatcher.Burst()
        #expect(burst.wait(quiet: quiet, cap: cap, now: start) == nil)
        burst.add(["content/a.md~"], at: start)
        #expect(burst.wait(quiet: quiet, cap: cap, now: start) == nil, "droppings start nothing")
        burst.add(["content/a.md"], at: start)
        #expect(burst.wait(quiet: quiet, cap: cap, now: start) == quiet)
        // A change every 20 ms keeps it open, but never past the cap.
        var now = start
        for _ in 0..<30 {
            now += .milliseconds(20)
            burst.add(["content/b.md"], at: now)
        }
        #expect(burst.wait(quiet: quiet, cap: cap, now: now) == .zero)
        #expect(burst.take() == ["content/a.md", "content/b.md"])
        #expect(burst.wait(quiet: quiet, cap: cap, now: now) == nil)
    }

    @Test func eventsAreOneDataLineEach() {
        let event = ServerSentEvent(name: "reload", data: #"{"build":1}"#)
        #expect(String(decoding: event.encoded, as: UTF8.self) == "event: reload\ndata: {\"build\":1}\n\n")
    }

    @Test func changesDuringARebuildMakeExactlyOneMore() async throws {
        final class Calls: @unchecked Sendable {
            let lock = NSLock()
            var paths: [Set<String>] = []
            var count: Int { lock.withLock { paths.count } }
        }
        let calls = Calls()
        let gate = DispatchSemaphore(value: 0)
        let queue = RebuildQueue { paths in
            let first = calls.lock.withLock {
                calls.paths.append(paths)
                return calls.paths.count == 1
            }
            if first { gate.wait() }  // a long rebuild, while more changes come in
        }
        queue.start()
        queue.schedule(["content/a.md"])
        while calls.count < 1 { try await Task.sleep(for: .milliseconds(5)) }
        queue.schedule(["content/b.md"])
        queue.schedule(["content/c.md", "content/b.md"])
        gate.signal()
        let deadline = ContinuousClock.now + .seconds(5)
        while calls.count < 2 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        queue.stop()
        #expect(calls.lock.withLock { calls.paths } == [["content/a.md"], ["content/b.md", "content/c.md"]])
    }

    @Test func aReloadNamesThePagesByTheirAddresses() {
        let event = PreviewServer.reloadEvent(
            number: 3, changed: ["assets/style.css", "care/index.html", "index.html"], basePath: "/handbook/")
        #expect(
            event.data
                == #"{"build":3,"changed":["/handbook/assets/style.css","/handbook/care/index.html","/handbook/care/","/handbook/index.html","/handbook/"]}"#
        )
    }
}

/// What an author writes reaches the browser's overlay only as data: a message cannot end the
/// event and forge another (Server-Sent Events end a line at CR or LF), nor become markup.
@Suite struct ServeInjectionTests {
    static let payloads = [
        "a\n\nevent: reload\ndata: {\"build\":9,\"changed\":[]}\n\n",
        "a\r\revent: reload\rdata: {}\r\r",
        "</script><script>alert(1)</script><img src=x onerror=alert(2)>",
        "\u{2028}\u{2029}\u{0}\"'\\",
    ]

    @Test(arguments: payloads)
    func aDiagnosticIsOneEventWhateverItHolds(_ payload: String) throws {
        let problem = Diagnostic.error(payload, file: "content/\(payload).md", line: 3, hint: payload)
        let event = PreviewServer.errorsEvent(number: 2, diagnostics: [problem], strings: ["serve.title": payload])
        let wire = String(decoding: event.encoded, as: UTF8.self)
        // One event, one data line, nothing after the blank line that ends it.
        let lines = wire.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        #expect(lines.filter { $0.hasPrefix("event:") } == ["event: errors"])
        #expect(lines.filter { $0.hasPrefix("data:") }.count == 1)
        #expect(wire.hasSuffix("\n\n") && !wire.dropLast(2).contains("\n\n"))
        // The browser gets back exactly what was written.
        let data = try #require(lines.first { $0.hasPrefix("data: ") }).dropFirst("data: ".count)
        let message = try JSONDecoder().decode(PreviewServer.ErrorsMessage.self, from: Data(data.utf8))
        #expect(message.diagnostics.first?.message == payload)
        #expect(message.diagnostics.first?.hint == payload)
        #expect(message.strings["serve.title"] == payload)
    }

    @Test func theOverlayWritesTextNeverMarkup() {
        let script = LiveReloadFiles.script
        #expect(script.contains("textContent"))
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            #expect(!script.contains(sink), "reload.js uses \(sink)")
        }
    }
}
