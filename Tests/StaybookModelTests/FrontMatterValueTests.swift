import StaybookModel
import Testing

/// `FrontMatter` keeps its fields in one shared box: it must still behave as a value.
@Suite struct FrontMatterValueTests {
    @Test func aCopyChangedLeavesTheOriginalAsItWas() {
        var original = FrontMatter()
        original.title = Located("离职面谈", line: 2)
        original.tags = ["离职"]
        var copy = original
        copy.title = Located("挽留面谈", line: 2)
        copy.tags.append("挽留")
        #expect(original.title?.value == "离职面谈")
        #expect(original.tags == ["离职"])
        #expect(copy.title?.value == "挽留面谈")
        #expect(copy.tags == ["离职", "挽留"])
        #expect(original != copy)
        // The empty front matter every parse starts from is shared too, and stays empty.
        var fresh = FrontMatter()
        fresh.weight = 3
        #expect(FrontMatter().weight == nil)
        #expect(FrontMatter() == FrontMatter())
    }

    /// Equal fields, built apart, are equal and hash alike (pages are compared and kept in sets).
    @Test func equalFieldsAreEqualWhereverTheyAre() {
        func make() -> FrontMatter {
            var frontMatter = FrontMatter()
            frontMatter.kind = .talkScript
            frontMatter.talkScript = TalkScriptFields(trigger: "提出离职", cadence: "当天")
            frontMatter.keyLines = ["kind": 2]
            return frontMatter
        }
        let a = make()
        let b = make()
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        var c = b
        c.keyLines["kind"] = 3
        #expect(a != c)
        #expect(a.fields == b.fields)
    }
}
