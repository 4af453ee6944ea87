import Foundation
import StaybookModel
import Testing

@testable import StaybookSite

/// The search index written again after edits (`SearchIndexWriter`) is byte for byte the index
/// written from scratch, whatever the edits did to the keys.
@Suite struct SearchIndexWriterTests {
    static let words = ["离职面谈", "新人", "第一周", "班组长", "一对一", "关怀", "排班", "wrap-up", "KPI", "情绪", "晋升", "谈话", "骨干"]

    static func page(_ number: Int, _ text: String, title: String? = nil, stage: String? = nil) -> SearchIndex.Analysed {
        let title = title ?? "第\(number)页"
        let entry = SearchIndex.Entry(
            title: title, url: "p\(number)/index.html", section: number % 2 == 0 ? "基础" : "关怀", kind: .page, stage: stage, roles: [],
            excerpt: String(text.prefix(20)), headings: [])
        return SearchIndex.Analysed(entry: entry, titleKeys: SearchKeys(title), bodyKeys: SearchKeys(text))
    }

    @Test func editsGiveTheBytesOfAFreshIndex() {
        var generator = SystemRandomNumberGenerator()
        var texts = (0..<30).map { number in (0..<8).map { _ in Self.words.randomElement(using: &generator)! }.joined(separator: "，") + "\(number)" }
        let writer = SearchIndexWriter()
        func check() {
            let pages = texts.enumerated().map { Self.page($0.offset, $0.element) }
            #expect(writer.script(pages, kindLabel: \.label) == SearchIndex(pages).script())
        }
        check()
        for round in 0..<40 {
            let number = Int.random(in: 0..<texts.count, using: &generator)
            switch round % 4 {
            case 0: texts[number] += "，" + Self.words.randomElement(using: &generator)!  // keys added
            case 1: texts[number] = Self.words.randomElement(using: &generator)!  // most keys gone
            case 2: texts[number] = "全新的词：晨会\(round)"  // keys no page had
            default: texts[number] = texts[number]  // nothing
            }
            check()
        }
        // A page added shifts no number but adds one; then one removed in the middle.
        texts.append("最后一页，新人")
        check()
        texts.remove(at: 3)
        check()
    }

    @Test func aChangedTitleOrStageRewritesTheEntries() {
        let writer = SearchIndexWriter()
        var pages = (0..<5).map { Self.page($0, "新人第一周的谈话") }
        #expect(writer.script(pages, kindLabel: \.label) == SearchIndex(pages).script())
        pages[2] = Self.page(2, "新人第一周的谈话", title: "改过的标题")
        #expect(writer.script(pages, kindLabel: \.label) == SearchIndex(pages).script())
        pages[4] = Self.page(4, "新人第一周的谈话", stage: "入职期")
        #expect(writer.script(pages, kindLabel: \.label) == SearchIndex(pages).script())
    }
}
