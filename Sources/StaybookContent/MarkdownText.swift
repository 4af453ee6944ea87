import CCmarkGFM
import Foundation
import StaybookModel

/// The readable text of a Markdown body, for the search index: what a reader sees, without markup,
/// code blocks (chart definitions) or inline figure expressions.
public struct MarkdownText: Sendable, Hashable {
    /// A level-2 or level-3 heading with the id the page gives it.
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String

        public init(level: Int, text: String, id: String) {
            self.level = level
            self.text = text
            self.id = id
        }
    }

    /// Every block's text, blocks separated by a space.
    public var text: String
    public var headings: [Heading]

    /// Parses `markdown` with the same extensions as `MarkdownRenderer` and walks its text nodes.
    /// Heading ids follow the renderer's rule (every heading, in order, slugged and deduplicated), so
    /// `page#id` reaches the heading.
    public static func extract(_ markdown: String) -> MarkdownText {
        precondition(MarkdownRenderer.registered)
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { fatalError("cmark_parser_new failed: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in MarkdownRenderer.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = MarkdownRenderer.finish(parser) else { fatalError("cmark_parser_finish failed: out of memory") }
        defer { cmark_node_free(document) }
        return extract(document: document)
    }

    /// The text of a parsed document, before any rewriting: `MarkdownRenderer` calls this on its
    /// own parse (`MarkdownHooks.wantsText`), so a build parses each page once.
    static func extract(document: OpaquePointer) -> MarkdownText {
        // UTF-8 bytes straight from cmark's literals; one String at the end.
        var text: [UInt8] = []
        var headings: [Heading] = []
        var ids = SlugDeduplicator()
        func append(_ literal: UnsafePointer<CChar>) {
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) { text.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal))) }
        }
        func space() {
            if let last = text.last, last != UInt8(ascii: " ") { text.append(UInt8(ascii: " ")) }
        }
        guard let iterator = cmark_iter_new(document) else { return MarkdownText(text: "", headings: []) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                // Block ends and table cells separate words.
                if Int32(type.rawValue) & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_BLOCK
                    || cmark_node_get_type_string(node).map({ strcmp($0, "table_cell") == 0 }) == true
                {
                    space()
                }
                continue
            }
            switch type {
            case CMARK_NODE_HEADING:
                let heading = inlineText(node)
                let id = ids.unique(Slug.make(heading), fallback: "section")
                let level = Int(cmark_node_get_heading_level(node))
                if level == 2 || level == 3 { headings.append(Heading(level: level, text: heading, id: id)) }
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(node) { append(literal) }
            case CMARK_NODE_CODE:
                // `=churn …` is a figure expression, not prose.
                if let literal = cmark_node_get_literal(node), literal.pointee != UInt8(ascii: "=") { append(literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(UInt8(ascii: " "))
            default:
                break
            }
        }
        // Trim spaces and tabs at both ends (what `.whitespaces` trimmed before, in ASCII).
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let start = text.firstIndex { !isBlank($0) } ?? text.endIndex
        let end = (text.lastIndex { !isBlank($0) }).map { $0 + 1 } ?? start
        return MarkdownText(text: String(decoding: text[start..<max(start, end)], as: UTF8.self), headings: headings)
    }

    /// A heading's text as the renderer sees it (text and code spans, breaks as spaces, an
    /// expanded figure as its text); the renderer's heading ids come from it too.
    static func inlineText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_CUSTOM_INLINE:
                if let html = cmark_node_get_on_enter(current) { text += TreePass.textContent(String(cString: html)) }
            default:
                text += inlineText(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }
}
