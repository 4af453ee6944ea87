@testable import StaybookSearch
import Testing

@Suite struct SearchTokenizerTests {
    @Test func keysAreSortedAndUniqueAtEverySize() {
        // Radix-sorted above 64 keys, compared with the standard sort; keys sharing bytes skip passes.
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 64, 65, 300, 5_000] {
            for range: ClosedRange<UInt32> in [0...UInt32.max, 0x4E00...0x4E40, 0x4E00_4E00...0x4E00_4EFF, 7...7] {
                let values = (0..<count).map { _ in UInt32.random(in: range, using: &generator) }
                #expect(SearchKeys.unique(values) == Array(Set(values)).sorted(), "\(count) keys in \(range)")
            }
        }
    }

    @Test func hanTextBecomesBigramsAndTheRunsLastCharacter() {
        #expect(SearchTokenizer.keys("离职面谈") == ["离职", "职面", "面谈", "谈"])
        #expect(SearchTokenizer.keys("谈") == ["谈"])
    }

    @Test func mixedHanLatinAndDigitsSplitAtScriptChanges() {
        let keys = SearchTokenizer.keys("新员工入职3天内，跟进CSAT调查 1:1")
        #expect(keys == ["新员", "员工", "工入", "入职", "职", "3", "天内", "内", "跟进", "进", "csat", "调查", "查", "1"])
    }

    @Test func latinWordsAreLowercasedAndFullWidthFolded() {
        #expect(SearchTokenizer.keys("Exit Interview, exit-interview") == ["exit", "interview"])
        #expect(SearchTokenizer.keys("ＫＰＩ") == ["kpi"])
    }

    @Test func traditionalCharactersIndexAsSimplified() {
        #expect(SearchTokenizer.keys("離職面談") == SearchTokenizer.keys("离职面谈"))
        #expect(ChineseVariants.simplified.count >= 500)
    }

    @Test func postingsRoundTrip() {
        let numbers = [0, 1, 2, 5, 37, 38, 1_000, 40_000, 40_001]
        let encoded = PostingsCoding.encode(numbers)
        #expect(PostingsCoding.decode(encoded) == numbers)
        #expect(PostingsCoding.encode([0, 1, 2]) == "000", "consecutive pages take one character each")
        #expect(!encoded.contains("\"") && !encoded.contains("\\"))
    }

    @Test func theFlatTableSimplifiesAsThePairsDo() {
        for (traditional, simple) in ChineseVariants.simplified {
            #expect(ChineseVariants.simplify(traditional) == simple, "\(traditional)")
        }
        #expect(ChineseVariants.simplify("离") == "离")
        #expect(ChineseVariants.simplify("a") == "a")
        #expect(ChineseVariants.simplify("😀") == "😀")
    }

    @Test func asciiWordCharactersAreLettersAndDigitsOnly() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            let expected = [.uppercaseLetter, .lowercaseLetter, .decimalNumber].contains(scalar.properties.generalCategory)
            #expect(SearchTokenizer.isWordCharacter(scalar) == expected, "\(value)")
        }
    }

    @Test func keysAreSortedAndUnique() {
        let keys = SearchKeys("离职面谈，离职面谈 KPI kpi 面谈 exit EXIT")
        #expect(keys.han == Array(Set(keys.han)).sorted())
        #expect(keys.words == ["exit", "kpi"])
    }
}
