import StaybookModel
import Testing

@Suite struct PlaceholdersTests {
    @Test func placeholdersAreFilledInOnePass() {
        let arguments = ["m": "3", "mm": "03", "count": "{m}", "year": "2026"]
        #expect(Placeholders.fill("{year}年{m}月", arguments) == "2026年3月")
        #expect(Placeholders.fill("{mm}/{m} {unknown} {", arguments) == "03/3 {unknown} {")
        // A value is written as it is, never filled in again.
        #expect(Placeholders.fill("共 {count} 项", arguments) == "共 {m} 项")
        #expect(Placeholders.fill("{{m}} {a{m}}", arguments) == "{3} {a3}")
        #expect(Placeholders.fill("no braces", arguments) == "no braces")
        #expect(Placeholders.fill("{m}", [:]) == "{m}")
    }
}
