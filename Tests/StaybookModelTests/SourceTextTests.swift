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
}
