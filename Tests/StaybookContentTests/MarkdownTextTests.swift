import StaybookContent
import Testing

@Suite struct MarkdownTextTests {
    @Test func keepsProseDropsCodeBlocksAndFigureExpressions() {
        let markdown = """
            # 离职面谈

            先**倾听**，再`确认`。见[流程](other.md)。
            本月流失率 `=churn team:hz-1` 偏高。

            ```chart
            type: line
            ```

            | 指标 | 目标 |
            | --- | --- |
            | 满意度 | 90% |
            """
        let text = MarkdownText.extract(markdown).text
        #expect(text.contains("离职面谈"))
        #expect(text.contains("先倾听，再确认。见流程。"))
        #expect(!text.contains("churn"), "a figure expression is not prose: \(text)")
        #expect(!text.contains("type: line"), "a chart block is not prose: \(text)")
        #expect(text.contains("满意度 90%"), "table cells are separate words: \(text)")
    }

    @Test func headingIdsAreTheRenderersIds() {
        let markdown = "## 第一步：开场\n\n文字\n\n### 注意 `KPI`\n\n## 第一步：开场\n\n#### 细节\n"
        let extracted = MarkdownText.extract(markdown)
        let rendered = MarkdownRenderer().render(markdown, file: "a.md").headings.filter { $0.level == 2 || $0.level == 3 }
        #expect(extracted.headings.map(\.id) == rendered.map(\.id))
        #expect(extracted.headings.map(\.text) == ["第一步：开场", "注意 KPI", "第一步：开场"])
        #expect(extracted.headings.map(\.level) == [2, 3, 2])
    }
}
