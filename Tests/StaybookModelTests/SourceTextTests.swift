import Foundation
import StaybookModel
import Testing

@Suite struct SourceTextTests {
    @Test func dropsTheByteOrderMarkAndNormalisesLineEndings() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8)
        #expect(try SourceText.decode(bytes, file: "x.md").get() == "a\nb\nc\n")
        #expect(try SourceText.decode(Array("第一\r\n\r\n二\r".utf8), file: "x.md").get() == "第一\n\n二\n")
    }

    @Test func invalidUTF8NamesTheLineAndByte() {
        // "第一行\n" then "ab" followed by a GBK byte pair on line 2.
        let bytes: [UInt8] = Array("第一行\nab".utf8) + [0xC4, 0xE3]
        guard case .failure(let diagnostic) = SourceText.decode(bytes, file: "content/gbk.md") else {
            Issue.record("GBK bytes were accepted as UTF-8")
            return
        }
        #expect(diagnostic.file == "content/gbk.md")
        #expect(diagnostic.line == 2)
        #expect(diagnostic.message.contains("byte 3"))
        #expect(diagnostic.hint?.contains("iconv") == true)
    }

    @Test func utf16IsNamedWithOrWithoutAByteOrderMark() {
        for bytes: [UInt8] in [[0xFF, 0xFE, 0x23, 0x00], [0xFE, 0xFF, 0x00, 0x23]] {
            guard case .failure(let diagnostic) = SourceText.decode(bytes, file: "content/a.md") else {
                Issue.record("UTF-16 \(bytes) was accepted")
                continue
            }
            #expect(diagnostic.location == "content/a.md:1")
            #expect(diagnostic.message == "the file is saved as UTF-16, not UTF-8")
            #expect(diagnostic.hint?.contains("iconv -f UTF-16") == true)
        }
        // Without a mark, ASCII in UTF-16 is valid UTF-8 with a NUL after every character.
        guard case .failure(let diagnostic) = SourceText.decode(Array("ok\r\nab".utf8) + [0x00, 0x41], file: "content/a.md") else {
            Issue.record("a NUL byte was accepted")
            return
        }
        #expect(diagnostic.location == "content/a.md:2")
        #expect(diagnostic.message.hasPrefix("the file holds a NUL byte (byte 3 of this line)"))
    }

    /// Inputs are read relative to their open folder; what cannot be read as a file gives nil.
    @Test func aFileIsReadRelativeToAnOpenFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "staybook-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "谈话"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Array("# 离职面谈\n\n先听完。\n".utf8)
        try Data(text).write(to: folder.appending(path: "谈话/离职.md"))
        try Data().write(to: folder.appending(path: "empty.md"))
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(SourceText.bytes(in: descriptor, atPath: "谈话/离职.md") == text)
        #expect(SourceText.bytes(atPath: folder.appending(path: "谈话/离职.md").path) == text)
        #expect(SourceText.bytes(in: descriptor, atPath: "empty.md") == [])
        #expect(SourceText.bytes(in: descriptor, atPath: "missing.md") == nil)
        #expect(SourceText.bytes(in: descriptor, atPath: "谈话") == nil, "a folder is no file")
    }
}
