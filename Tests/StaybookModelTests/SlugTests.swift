@testable import StaybookModel
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

/// ASCII letters and digits take a shortcut past Unicode's tables: it must give what the tables give.
@Suite struct SlugASCIITests {
    /// `Slug.make` as it was before the shortcut.
    static func reference(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                if pendingDash, !out.isEmpty, !(Slug.isHan(scalar) && out.unicodeScalars.last.map(Slug.isHan) == true) { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(contentsOf: scalar.isASCII ? String(scalar).lowercased().unicodeScalars : String(scalar).unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    @Test func everyASCIICharacterSlugsAsUnicodeSays() {
        for value in UInt32(0)..<128 {
            let character = String(Unicode.Scalar(value)!)
            for text in ["a\(character)b", "\(character)", "第\(character)步", "Q\(character)1"] {
                #expect(Slug.make(text) == Self.reference(text), "\(value)")
            }
        }
        for text in ["Énergie Ⅻ 第二步", "ÀÉ ǅ ﬁ ½ ٣ ⑦", "New Hire：第一周 Q3"] {
            #expect(Slug.make(text) == Self.reference(text), "\(text)")
        }
    }
}
