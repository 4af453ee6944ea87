import Foundation
import StaybookModel
import Testing

/// A body still in its file is read once, when first asked for, and only if the file still holds
/// the bytes it was parsed from.
@Suite struct BodyTextTests {
    let folder = FileManager.default.temporaryDirectory.appending(path: "staybook-body-\(UUID().uuidString)")

    /// A file `content/离职.md` with front matter, and its body as a lazy `BodyText`.
    func keptFile(_ text: String, body: String) throws -> (url: URL, body: BodyText) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: "离职.md")
        try Data(text.utf8).write(to: url)
        let source = BodyText.Source(
            path: url.path, relative: "content/离职.md", length: body.utf8.count, hash: ContentHash.ofInput("content/离职.md", Array(text.utf8)))
        return (url, BodyText(reading: source))
    }

    @Test func aKeptBodyIsReadWhenFirstAskedFor() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = "先听完，再回应。\n\n## 第一步\n"
        let (_, text) = try keptFile("---\ntitle: 离职面谈\n---\n" + body, body: body)
        #expect(text.isUnread)
        #expect(text.utf8Count == body.utf8.count, "its length without reading it")
        #expect(text.key == ContentHash.ofInput("content/离职.md", Array(("---\ntitle: 离职面谈\n---\n" + body).utf8)), "its key is its file's hash")
        #expect(text.value == body)
        #expect(!text.isUnread && !text.failed)
        #expect(text == BodyText(body), "equal to the same text in memory")
    }

    /// A file that changed (or went) after it was fingerprinted gives an empty body marked failed,
    /// which the build reports (`Pipeline.unreadBodies`) rather than publish.
    @Test func aFileThatChangedSinceItWasParsedIsNotTakenForIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = "先听完。\n"
        let (url, text) = try keptFile("---\ntitle: 离职面谈\n---\n" + body, body: body)
        try Data("---\ntitle: 离职面谈\n---\n先听完，改过了。\n".utf8).write(to: url)
        #expect(text.value == "")
        #expect(text.failed)
        #expect(text.value == "", "and stays so")

        let (gone, missing) = try keptFile("---\ntitle: 离职面谈\n---\n" + body, body: body)
        try FileManager.default.removeItem(at: gone)
        #expect(missing.value == "" && missing.failed)
    }

    @Test func aBodyInMemoryHasItsTextsKeyOrTheOneGiven() {
        let text = BodyText("正文")
        #expect(!text.isUnread && !text.failed)
        #expect(text.key == ContentHash.of("正文".utf8))
        #expect(BodyText("正文", key: 42).key == 42)
        #expect(BodyText("正文", key: 42) == BodyText("正文"), "the key is not the text")
        #expect(BodyText("正文") != BodyText("正文。"))
    }
}
