import CCmarkGFM
import StaybookModel

/// The first heading of a Markdown body, found by cmark-gfm (ATX `#` or setext `===`/`---`
/// underlines, inline markup reduced to its text), for pages without a title in front matter.
public struct FirstHeading: Sendable, Hashable {
    public var text: String
    public var level: Int
    /// 0-based lines of the body the heading covers (two for a setext heading).
    public var lines: ClosedRange<Int>
    /// `true` when nothing but blank lines comes before it.
    public var opensTheBody: Bool

    public init(text: String, level: Int, lines: ClosedRange<Int>, opensTheBody: Bool) {
        self.text = text
        self.level = level
        self.lines = lines
        self.opensTheBody = opensTheBody
    }

    /// - Returns: nil when the body has no heading with text.
    public static func find(in markdown: String) -> FirstHeading? {
        precondition(MarkdownRenderer.registered)
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        MarkdownRenderer.feed(parser, markdown)
        guard let document = MarkdownRenderer.finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        var opensTheBody = true
        var node = cmark_node_first_child(document)
        while let block = node {
            if cmark_node_get_type(block) == CMARK_NODE_HEADING {
                let text = MarkdownText.inlineText(block).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    let first = Int(cmark_node_get_start_line(block)) - 1
                    let last = max(first, Int(cmark_node_get_end_line(block)) - 1)
                    return FirstHeading(
                        text: text, level: Int(cmark_node_get_heading_level(block)), lines: first...last, opensTheBody: opensTheBody)
                }
            }
            opensTheBody = false
            node = cmark_node_next(block)
        }
        return nil
    }
}
