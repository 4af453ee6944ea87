import Foundation
import StaybookModel
import Testing

@testable import StaybookRender
@testable import StaybookSearch
@testable import StaybookSite

/// The shortcuts taken for speed give exactly what the general code gives.
@Suite struct FastPathTests {
    /// The general normalisation: NFKC, lowercase, simplified.
    func slowlyNormalized(_ text: String) -> [Unicode.Scalar] {
        text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map { ChineseVariants.simplified[$0] ?? $0 }
    }

    /// Keys through whichever normalisation `keys` picks, and keys of the generally normalised
    /// text (normalising twice changes nothing).
    func keysBothWays(_ text: String) -> (fast: Set<String>, slow: Set<String>) {
        (SearchTokenizer.keys(text), SearchTokenizer.keys(String(String.UnicodeScalarView(slowlyNormalized(text)))))
    }

    @Test func theQuickNormalisationEqualsNFKCOnEveryCharacterItAccepts() {
        var accepted = 0
        for value in Array(0...0x7F) + Array(0x2000...0x206F) + Array(0x3000...0x303F) + Array(0x3400...0x4DBF) + Array(0x4E00...0x9FFF)
            + Array(0xFF00...0xFFEF)
        {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "前" + String(scalar) + "后"
            guard let quick = SearchTokenizer.quicklyNormalized(text) else { continue }
            accepted += 1
            let slow = slowlyNormalized(text)
            if quick != slow {
                // Punctuation becomes a space: the general form must hold no letter or digit either.
                #expect(quick.count == 3 && quick[1] == " ", "U+\(String(value, radix: 16))")
                #expect(!slow.dropFirst().dropLast().contains(where: SearchTokenizer.isWordCharacter), "U+\(String(value, radix: 16))")
                #expect(SearchTokenizer.keys(text) == SearchTokenizer.keys(String(String.UnicodeScalarView(slow))), "U+\(String(value, radix: 16))")
            }
        }
        #expect(accepted > 27_000)
    }

    @Test func theExampleHandbookGetsTheSameKeysEitherWay() throws {
        let content = TestProject.repository.appending(path: "content")
        let enumerator = FileManager.default.enumerator(atPath: content.path)!
        var files = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".md") else { continue }
            let text = try String(contentsOf: content.appending(path: path), encoding: .utf8)
            let (fast, slow) = keysBothWays(text)
            #expect(fast == slow, "\(path)")
            files += 1
        }
        #expect(files > 40)
        // Text the shortcut declines (accents, compatibility ideographs, circled digits) takes the general way.
        for text in ["Café 離職 ①②", "ﬁle 豈 ㈱", "Ｅｘｉｔ　面談"] {
            #expect(SearchTokenizer.normalized(text) == slowlyNormalized(text), "\(text)")
        }
    }

    @Test func byteEscapingEscapesTheSameFiveCharactersAsMustache() {
        let escaping = ByteEscaping()
        #expect(escaping.escapeText("离职<面谈> & \"一对一\" '谈'") == "离职&lt;面谈&gt; &amp; &quot;一对一&quot; &#39;谈&#39;")
        #expect(escaping.escapeText("没有特殊字符") == "没有特殊字符")
        #expect(escaping.escapeText("") == "")
    }

    @Test func byteReplacementAndSearch() {
        #expect("aaa".replacingAll("aa", with: "b") == "ba")
        #expect("离职面谈，离职原因".replacingAll("离职", with: "离岗") == "离岗面谈，离岗原因")
        #expect("abc".replacingAll("", with: "x") == "abc")
        #expect("abc".replacingAll("abcd", with: "x") == "abc")
        #expect("<td align=\"left\">".replacingAll(" align=\"left\"", with: " class=\"align-left\"") == "<td class=\"align-left\">")
        #expect("一对一谈话".containsBytes("对一谈"))
        #expect(!"一对一谈话".containsBytes("谈话前"))
        #expect(!"".containsBytes("a"))
    }

    @Test func byteSearchFindsWhatANaiveSearchFindsWhateverTheAnchor() {
        // The search anchors on a needle's rarest byte: first, middle or last, it must find the
        // same first match as trying every offset, at the start, the end and overlapping.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("a =\"<>gZ离".utf8)
        for _ in 0..<2_000 {
            let hay = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let from = Int.random(in: 0...max(0, hay.count), using: &generator)
            var naive: Int?
            if needle.count <= hay.count {
                naive = (from...max(from, hay.count - needle.count)).first { $0 + needle.count <= hay.count && Array(hay[$0..<($0 + needle.count)]) == needle }
            }
            let found = hay.withUnsafeBufferPointer { hay in needle.withUnsafeBufferPointer { ByteSearch.find($0, in: hay, from: from) } }
            #expect(found == naive, "\(hay) \(needle) from \(from)")
        }
        #expect("<th align=\"left\">a</th><td align=\"left\">".replacingAll(" align=\"left\"", with: "") == "<th>a</th><td>")
        #expect("x=1 y=2".replacingAll("=", with: ":") == "x:1 y:2")
        // Pairs apply one after another, each to what the one before made, as single calls do.
        let text = "<li><input type=\"checkbox\" disabled=\"\" /> 离职 a=b"
        let pairs = [("disabled=\"\"", "disabled"), ("disabled /", "x"), ("离职", "离岗"), ("none", "never")]
        #expect(text.replacingAll(pairs.map { (target: $0.0, replacement: $0.1) }) == pairs.reduce(text) { $0.replacingAll($1.0, with: $1.1) })
        #expect(text.replacingAll([(target: "absent", replacement: "x")]) == text)
    }

    @Test func anchorIdsAreEveryIdAttributeOfThePage() {
        let html = #"<h2 id="第一步">一</h2><p data-id="no">x=1</p><a id="">e</a><div class="a" id="x-1"><span id="第一步"> id= "no" <i id="end"#
        #expect(AnchorCheck.ids(in: Array(html.utf8)) == ["第一步", "", "x-1", "end"])
        #expect(AnchorCheck.ids(in: []).isEmpty)
        #expect(AnchorCheck.ids(in: Array(#"<b id=""#.utf8)) == [""])
    }

    @Test func oneDecimalIsWhatPrintfWrites() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, -0.25, 2.25, 2.35, 0.04999, -0.01, 99.95, 1e9, -3e12, 12.5, 1 / 3]
        values += (0..<5_000).map { _ in Double.random(in: -200...200, using: &generator) }
        values += (0..<2_000).map { _ in Double(Int.random(in: -20_000...20_000, using: &generator)) / 100 }
        values += (0..<2_000).map { _ in Double(Int.random(in: 0...1_000, using: &generator)) / Double(Int.random(in: 1...1_000, using: &generator)) }
        for value in values {
            #expect(Format.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
            #expect(Format.percent(value / 100) == String(format: "%.1f%%", value / 100 * 100), "\(value)")
        }
        #expect(Format.percent(nil) == "—")
        #expect(Format.number(3) == "3")
    }

    @Test func jsonStringsEscapeQuotesControlsAndLineSeparators() {
        #expect(JSONText.string("离职\"面谈\"\\\n\t\u{1}") == "\"离职\\\"面谈\\\"\\\\\\n\\t\\u0001\"")
        #expect(JSONText.string("一\u{2028}二\u{2029}三") == "\"一\\u2028二\\u2029三\"")
        #expect(JSONText.string("平常的文字") == "\"平常的文字\"")
    }

    @Test func excerptsCollapseWhiteSpaceAndStopAtTheLimit() {
        #expect(SearchIndex.excerpt("  离职\n\n面谈\t要点  ") == "离职 面谈 要点")
        let long = String(repeating: "谈", count: SearchIndex.excerptLength + 5)
        #expect(SearchIndex.excerpt(long) == String(repeating: "谈", count: SearchIndex.excerptLength) + "…")
        let exact = String(repeating: "谈", count: SearchIndex.excerptLength)
        #expect(SearchIndex.excerpt(exact) == exact)
    }
}
