import Foundation
import StaybookBuiltIn
import StaybookModel
import StaybookSite
import Testing

@testable import StaybookServer

/// `staybook serve` end to end: a real server on a free port, real files in a temporary folder,
/// requests over a socket. Serialized: each test runs builds, and the machine may have two cores.
@Suite(.serialized) struct ServeTests {
    static let tag = "<script src=\"/__staybook/reload.js\" defer></script>"
    static let page = "content/basics/how-to-use.md"
    static let pageURL = "/handbook/basics/how-to-use/"

    /// The page as served, and the same file in the output folder.
    static func servedAndOnDisk(_ server: PreviewServer, _ target: String, file: String) async throws -> (
        TestResponse, Data
    ) {
        let response = try await TestClient.get(server.servedPort, target)
        let disk = try Data(contentsOf: server.output.appending(path: file))
        return (response, disk)
    }

    @Test func aPageIsServedAsOnDiskWithTheReloadTagOnce() async throws {
        let project = try ServedProject()
        try await project.serving { server in
            #expect(server.url.absoluteString == "http://127.0.0.1:\(server.servedPort)/handbook/")

            let (response, disk) = try await Self.servedAndOnDisk(
                server, Self.pageURL, file: "basics/how-to-use/index.html")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.headers["cache-control"] == "no-store")
            #expect(response.text.components(separatedBy: Self.tag).count == 2, "the tag, once")
            #expect(
                response.text.contains(Self.tag + "</head>") || response.text.contains(Self.tag + "\n</head>")
                    || response.text.range(of: Self.tag + "</head>") != nil)
            let withoutTag = Data(response.text.replacingOccurrences(of: Self.tag, with: "").utf8)
            #expect(withoutTag == disk, "apart from the tag, the bytes on disk")
            #expect(
                !String(decoding: disk, as: UTF8.self).contains("__staybook"), "the build itself has no reload script")

            // `/` goes to the base path, a folder without `/` gets one, assets have their types.
            let root = try await TestClient.get(server.servedPort, "/")
            #expect(root.status == 301 && root.headers["location"] == "/handbook/")
            let folder = try await TestClient.get(server.servedPort, "/handbook/basics/how-to-use")
            #expect(folder.status == 301 && folder.headers["location"] == "/handbook/basics/how-to-use/")
            let css = try await TestClient.get(server.servedPort, "/handbook/assets/style.css")
            #expect(css.status == 200 && css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(
                css.body == (try Data(contentsOf: server.output.appending(path: "assets/style.css"))),
                "only HTML gets the tag")
            let script = try await TestClient.get(server.servedPort, "/__staybook/reload.js")
            #expect(
                script.status == 200 && script.headers["content-type"] == "text/javascript; charset=utf-8"
                    && script.text.contains("EventSource"))
            let style = try await TestClient.get(server.servedPort, "/__staybook/overlay.css")
            #expect(style.status == 200 && style.headers["content-type"] == "text/css; charset=utf-8")
            let missing = try await TestClient.get(server.servedPort, "/handbook/no-such-page/")
            #expect(missing.status == 404 && missing.headers["cache-control"] == "no-store")
            // In the site's language, the theme's words, the address shown as text.
            #expect(missing.text.contains("<html lang=\"zh-CN\">") && missing.text.contains("<title>页面不存在</title>"), "\(missing.text)")
            #expect(missing.text.contains("<code>/handbook/no-such-page/</code> 不在这个站点里。"), "\(missing.text)")
            #expect(missing.text.contains("<a href=\"/handbook/\">/handbook/</a>"))
            let payload = try await TestClient.get(server.servedPort, "/handbook/%3Cscript%3Ealert(1)%3C/script%3E")
            #expect(payload.status == 404 && !payload.text.contains("<script>alert"), "\(payload.text)")
            #expect(payload.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(payload.text)")
            let head = try await TestClient.get(server.servedPort, Self.pageURL, method: "HEAD")
            #expect(
                head.status == 200 && head.body.isEmpty && head.headers["content-length"] == "\(response.body.count)")
            let outside = try await TestClient.get(server.servedPort, "/elsewhere/")
            #expect(outside.status == 404)
        }
    }

    @Test(arguments: [
        "/handbook/../../../../etc/passwd", "/handbook/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/handbook/..%2f..%2f..%2fetc%2fpasswd",
        "/handbook/basics/../../../etc/passwd", "/handbook/.staybook", "/handbook/%2fetc%2fpasswd", "/../etc/passwd",
        "/handbook/assets/..%5c..%5cetc",
    ])
    func noPathLeavesTheOutputFolder(_ target: String) async throws {
        let project = try ServedProject()
        // A secret beside the output folder, where `..` would reach.
        try await project.serving { server in
            try Data("secret".utf8).write(to: server.output.deletingLastPathComponent().appending(path: "secret.txt"))
            let response = try await TestClient.get(server.servedPort, target)
            #expect(response.status == 404, "\(target): \(response.status)")
            #expect(
                !response.text.contains("root:") && !response.text.contains("secret")
                    && !response.text.contains("inputs"), "\(target)")
            let sibling = try await TestClient.get(server.servedPort, "/handbook/%2e%2e/secret.txt")
            #expect(sibling.status == 404)
        }
    }

    @Test func aSymbolicLinkOutOfTheOutputFolderIsNotFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "staybook-serve-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: "site"), withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: folder.appending(path: "secret.txt"))
        try FileManager.default.createSymbolicLink(
            at: folder.appending(path: "site/link.txt"), withDestinationURL: folder.appending(path: "secret.txt"))
        let files = SiteFiles(root: folder.appending(path: "site"))
        #expect(files.resolve("/link.txt", basePath: "/") == .notFound)
        #expect(files.resolve("/", basePath: "/") == .notFound, "no index.html")
    }

    @Test func savingAPageRebuildsAndReloads() async throws {
        let project = try ServedProject()
        try await project.serving { server in
            let listener = try EventListener(port: server.servedPort)
            defer { listener.stop() }
            _ = try await listener.next("hello")

            let text = try project.read(Self.page)
            try project.write(Self.page, text + "\n新加的一段：保存即刷新。\n")
            let reload = try await listener.next("reload")
            #expect(reload.json["build"] as? Int == 1)
            let page = try await TestClient.get(server.servedPort, Self.pageURL)
            #expect(page.text.contains("新加的一段：保存即刷新。"))
            #expect(server.builds == 2)
        }
    }

    @Test func changingATemplateOrASnapshotRebuildsAndReloads() async throws {
        let project = try ServedProject()
        try await project.serving { server in
            let listener = try EventListener(port: server.servedPort)
            defer { listener.stop() }
            _ = try await listener.next("hello")

            // A project's own copy of one template overrides the built-in one.
            let original = String(decoding: try #require(BuiltInTheme.files["templates/page.mustache"]), as: UTF8.self)
            let marker = "<p class=\"override-marker\">本中心自定义</p>"
            try project.write(
                "themes/default/templates/page.mustache",
                original.replacingOccurrences(of: "{{> page-footer}}", with: marker + "\n{{> page-footer}}"))
            _ = try await listener.next("reload")
            #expect(try await TestClient.get(server.servedPort, Self.pageURL).text.contains(marker))

            let snapshot = "content/data/snapshots/2026-02.json"
            try project.write(
                snapshot,
                try project.read(snapshot).replacingOccurrences(of: "\"name\": \"一组\"", with: "\"name\": \"快乐一组\""))
            _ = try await listener.next("reload")
            let dashboard = try await TestClient.get(server.servedPort, "/handbook/dashboards/")
            #expect(dashboard.status == 200)
            #expect(dashboard.text.contains("快乐一组"))
        }
    }

    @Test func aBrokenBuildShowsItsErrorsUntilTheNextGoodSave() async throws {
        let project = try ServedProject()
        try await project.serving { server in
            let listener = try EventListener(port: server.servedPort)
            defer { listener.stop() }
            _ = try await listener.next("hello")
            let good = try project.read(Self.page)
            let before = try await TestClient.get(server.servedPort, Self.pageURL)

            // `title` given twice: an error at the second one, line 3 of the file.
            try project.write(
                Self.page, good.replacingOccurrences(of: "id: basics-how-to-use\n", with: "title: 又一个标题\n"))
            let errors = try await listener.next("errors")
            let diagnostics = try #require(errors.json["diagnostics"] as? [[String: Any]])
            let first = try #require(diagnostics.first)
            #expect(first["file"] as? String == Self.page, "\(diagnostics)")
            #expect(first["line"] as? Int == 3, "\(diagnostics)")
            #expect((first["message"] as? String)?.isEmpty == false)
            #expect(first["severity"] as? String == "error")
            let strings = try #require(errors.json["strings"] as? [String: String])
            #expect(strings["overlay_title"] == "站点构建失败")
            #expect(strings["hint"] != nil && strings["more"]?.contains("{count}") == true)

            // The last good site is still served, and a browser that connects now is told at once.
            let during = try await TestClient.get(server.servedPort, Self.pageURL)
            #expect(during.status == 200 && during.body == before.body)
            let late = try EventListener(port: server.servedPort)
            defer { late.stop() }
            _ = try await late.next("hello")
            let told = try await late.next("errors")
            #expect(told.data == errors.data)

            try project.write(Self.page, good)
            _ = try await listener.next("reload")
            #expect(listener.untaken.allSatisfy { $0 != "errors" })
            let fixed = try EventListener(port: server.servedPort)
            defer { fixed.stop() }
            _ = try await fixed.next("hello")
            try await Task.sleep(for: .milliseconds(300))
            #expect(fixed.events.map(\.name) == ["hello"], "no errors once it builds")
        }
    }

    @Test func aBrokenThemeStillGivesTheOverlayItsWords() async throws {
        let project = try ServedProject()
        try project.write(
            "content/site.yml",
            try project.read("content/site.yml").replacingOccurrences(of: "language: zh-CN", with: "language: en"))
        try await project.serving { server in
            let listener = try EventListener(port: server.servedPort)
            defer { listener.stop() }
            _ = try await listener.next("hello")
            try project.write("themes/default/templates/page.mustache", "{{#broken}}\n<p>never closed</p>\n")
            let errors = try await listener.next("errors")
            let diagnostics = try #require(errors.json["diagnostics"] as? [[String: Any]])
            #expect(
                diagnostics.contains { $0["file"] as? String == "themes/default/templates/page.mustache" },
                "\(diagnostics)")
            let strings = try #require(errors.json["strings"] as? [String: String])
            #expect(strings["overlay_title"] == "The site does not build")
        }
    }

    @Test func beforeAnyGoodBuildEveryAddressSaysTheSiteHasNotBuilt() async throws {
        let project = try ServedProject()
        try project.write(Self.page, "---\ntitle: [未闭合\n---\n正文\n")
        try await project.serving { server in
            let page = try await TestClient.get(server.servedPort, Self.pageURL)
            #expect(page.status == 404)
            #expect(page.text.contains("站点还没有构建成功") && page.text.contains(Self.tag), "\(page.text)")
            #expect(!page.text.contains("不在这个站点里"))
        }
    }

    @Test func aBurstOfFiftyWritesIsOneRebuild() async throws {
        let project = try ServedProject()
        try await project.serving { server in
            let listener = try EventListener(port: server.servedPort)
            defer { listener.stop() }
            _ = try await listener.next("hello")
            #expect(server.builds == 1)
            for index in 1...50 {
                try project.write("content/basics/burst-\(index).md", "---\ntitle: 第 \(index) 篇\n---\n正文 \(index)。\n")
            }
            _ = try await listener.next("reload")
            // Longer than the longest wait of a burst (500 ms) and a rebuild.
            try await Task.sleep(for: .milliseconds(1500))
            #expect(server.builds == 2)
            #expect(listener.untaken.filter { $0 == "reload" }.isEmpty)
            #expect(try await TestClient.get(server.servedPort, "/handbook/basics/burst-50/").status == 200)
        }
    }

    @Test func editorDroppingsRebuildNothing() async throws {
        let project = try ServedProject()
        try await project.serving { server in
            for name in [".#how-to-use.md", "how-to-use.md~", ".how-to-use.md.swp", ".how-to-use.md.swx", "4913"] {
                try project.write("content/basics/\(name)", "x")
            }
            try await Task.sleep(for: .milliseconds(600))
            #expect(server.builds == 1)
        }
    }

    @Test func pollingFindsChangesToo() async throws {
        let project = try ServedProject()
        try await project.serving(polling: true) { server in
            let listener = try EventListener(port: server.servedPort)
            defer { listener.stop() }
            _ = try await listener.next("hello")
            try project.write(Self.page, try project.read(Self.page) + "\n轮询也能发现。\n")
            _ = try await listener.next("reload")
            #expect(try await TestClient.get(server.servedPort, Self.pageURL).text.contains("轮询也能发现。"))
        }
    }

    @Test func aPortInUseIsAClearError() async throws {
        let project = try ServedProject()
        try await project.serving { first in
            let second = PreviewServer(project: project.project, port: first.servedPort)
            #expect(second.output != first.output, "a second server of the project builds into a folder of its own")
            do throws(ServeFailure) {
                try await second.start()
                Issue.record("a second server on port \(first.servedPort) started")
            } catch {
                #expect(
                    error.message.contains("port \(first.servedPort)") && error.message.contains("in use"),
                    "\(error.message)")
                #expect(error.hint?.contains("--port") == true)
            }
            await second.stop()
        }
    }

    @Test func anOutputThatWouldDestroySourcesIsRefusedAtStart() async throws {
        let project = try ServedProject()
        let server = PreviewServer(project: project.project, port: 0, output: project.root.appending(path: "content"))
        do throws(ServeFailure) {
            try await server.start()
            Issue.record("serve started with content/ as its output")
        } catch {
            #expect(error.message.contains("refusing to publish"), "\(error.message)")
        }
        await server.stop()
        #expect(FileManager.default.fileExists(atPath: project.root.appending(path: "content/site.yml").path))
    }

    @Test func stoppingRemovesThePrivateOutputFolder() async throws {
        let project = try ServedProject()
        let server = try await project.serve()
        let folder = server.output.deletingLastPathComponent()
        #expect(FileManager.default.fileExists(atPath: server.output.appending(path: "index.html").path))
        #expect(folder.lastPathComponent.hasPrefix("staybook-serve-"))
        let listener = try EventListener(port: server.servedPort)
        _ = try await listener.next("hello")
        await server.stop()
        listener.stop()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
