import StaybookModel
import Testing

@Suite struct TitleMatcherTests {
    func matcher(_ pairs: [(String, String)]) -> TitleMatcher {
        TitleMatcher(pairs.enumerated().map { TitleMapping(type: .job, old: $0.element.0, new: $0.element.1, reason: nil, line: $0.offset + 1) })
    }

    @Test func replacesOldTitles() {
        let titles = matcher([("客服专员", "客户顾问"), ("呼叫中心", "客户联络中心")])
        #expect(titles.replacingOldTitles(in: "呼叫中心的客服专员每月谈话一次。") == "客户联络中心的客户顾问每月谈话一次。")
        #expect(titles.replacingOldTitles(in: "没有旧称呼。") == "没有旧称呼。")
    }

    @Test func theLongestMatchWins() {
        let titles = matcher([("客服", "顾问"), ("客服专员", "客户顾问")])
        #expect(titles.replacingOldTitles(in: "客服专员和客服") == "客户顾问和顾问")
        #expect(titles.oldTitles(in: "客服专员和客服").map(\.old) == ["客服专员", "客服"])
    }

    @Test func anOldTitleInsideANewTitleIsLeftAlone() {
        let titles = matcher([("客服", "客服顾问")])
        #expect(titles.replacingOldTitles(in: "客服顾问是新叫法，客服是旧叫法。") == "客服顾问是新叫法，客服顾问是旧叫法。")
        #expect(titles.oldTitles(in: "客服顾问").isEmpty)
        // Replaced text is not scanned again: 客服 → 客服顾问 does not become 客服顾问顾问.
        #expect(titles.replacingOldTitles(in: "客服客服") == "客服顾问客服顾问")
    }

    @Test func adjacentOccurrencesAreAllReplaced() {
        let titles = matcher([("组长", "班组长"), ("主管", "经理")])
        #expect(titles.replacingOldTitles(in: "组长组长主管组长") == "班组长班组长经理班组长")
        #expect(titles.oldTitles(in: "组长组长主管").map(\.utf8Offset) == [0, 6, 12])
    }

    @Test func severalOldTitlesMayShareANewOne() {
        let titles = matcher([("话务员", "客户顾问"), ("坐席", "客户顾问"), ("客服代表", "客户顾问")])
        #expect(titles.replacingOldTitles(in: "话务员、坐席和客服代表") == "客户顾问、客户顾问和客户顾问")
        #expect(titles.oldTitles(in: "坐席").first == TitleOccurrence(old: "坐席", new: "客户顾问", utf8Offset: 0))
    }

    @Test func offsetsAndLinesAreReported() {
        let titles = matcher([("质检员", "质量专员")])
        let text = "第一行\n第二行有质检员\n\n质检员在第四行"
        let found = titles.oldTitles(in: text)
        #expect(found.count == 2)
        let offsets = found.map(\.utf8Offset)
        #expect(offsets == [Array("第一行\n第二行有".utf8).count, Array("第一行\n第二行有质检员\n\n".utf8).count])
        #expect(offsets.map { TitleMatcher.line(ofUTF8Offset: $0, in: text) } == [2, 4])
        for offset in offsets {
            #expect(String(decoding: Array(text.utf8)[offset..<offset + 9], as: UTF8.self) == "质检员")
        }
        #expect(TitleMatcher.line(ofUTF8Offset: 0, in: text) == 1)
    }

    @Test func anEmptyMatcherChangesNothing() {
        let titles = TitleMatcher([])
        #expect(titles.isEmpty)
        #expect(titles.replacingOldTitles(in: "客服专员") == "客服专员")
        #expect(titles.oldTitles(in: "客服专员").isEmpty)
        #expect(!matcher([("a", "b")]).isEmpty)
        #expect(matcher([("", "b")]).replacingOldTitles(in: "abc") == "abc")
    }

    @Test func asciiAndMixedTextAreCaseSensitive() {
        let titles = matcher([("CSR", "Advisor"), ("QA", "质量专员"), ("Team Lead", "组长")])
        #expect(titles.replacingOldTitles(in: "CSR and csr, QA团队的Team Lead") == "Advisor and csr, 质量专员团队的组长")
        #expect(titles.replacingOldTitles(in: "😀CSR😀") == "😀Advisor😀")
        #expect(titles.oldTitles(in: "é QA").first?.utf8Offset == 3)
    }

    @Test func chainsAndSwapsTreatEveryOldTitleAsOld() {
        let swap = matcher([("一组", "二组"), ("二组", "一组")])
        #expect(swap.replacingOldTitles(in: "一组和二组") == "二组和一组")
        let chain = matcher([("A", "B"), ("B", "C")])
        #expect(chain.replacingOldTitles(in: "AB") == "BC")
    }

    @Test func longTextsAreScannedOnce() {
        let titles = matcher([("客服", "客服顾问"), ("客服专员", "客户顾问"), ("组长", "班组长")])
        let paragraph = "每位客服专员和客服顾问都向组长汇报。客服在试用期内每周一对一。\n"
        let text = String(repeating: paragraph, count: 5_000)
        let replaced = titles.replacingOldTitles(in: text)
        #expect(replaced == String(repeating: "每位客户顾问和客服顾问都向班组长汇报。客服顾问在试用期内每周一对一。\n", count: 5_000))
        #expect(titles.oldTitles(in: text).count == 15_000)
    }
}
