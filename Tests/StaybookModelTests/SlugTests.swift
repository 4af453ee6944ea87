import StaybookModel
import Testing

@Suite struct SlugTests {
    @Test func keepsHanCharactersAndDropsPunctuationBetweenThem() {
        #expect(Slug.make("第一步：开场破冰") == "第一步开场破冰")
        #expect(Slug.make("谈话前准备") == "谈话前准备")
        #expect(Slug.make("《离职面谈》要点") == "离职面谈要点")
    }

    @Test func separatesLatinWordsAndLowercasesThem() {
        #expect(Slug.make("New Hire 第一周") == "new-hire-第一周")
        #expect(Slug.make("Top 20% 员工") == "top-20-员工")
        #expect(Slug.make("  --Hello__World--  ") == "hello-world")
        #expect(Slug.make("new-hire-first-week") == "new-hire-first-week")
    }

    @Test func givesEmptyForTextWithoutLettersOrDigits() {
        #expect(Slug.make("？！——") == "")
    }

    @Test func deduplicatesInOrder() {
        var ids = SlugDeduplicator()
        #expect(ids.unique("谈话步骤") == "谈话步骤")
        #expect(ids.unique("谈话步骤") == "谈话步骤-2")
        #expect(ids.unique("谈话步骤") == "谈话步骤-3")
        #expect(ids.unique("") == "section")
        #expect(ids.unique("") == "section-2")
    }

    @Test func deduplicationDoesNotCollideWithALiteralSuffix() {
        var ids = SlugDeduplicator()
        #expect(ids.unique("a-2") == "a-2")
        #expect(ids.unique("a") == "a")
        #expect(ids.unique("a") == "a-3")
    }
}
