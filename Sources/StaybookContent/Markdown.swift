import Foundation
import CCmarkGFM
import StaybookModel

/// What a link in Markdown turns into.
public enum LinkResolution: Sendable, Equatable {
    /// Leave it as written (external links, in-page anchors).
    case keep
    /// Write this URL instead (a `.md` path becomes the page's relative URL).
    case rewrite(String)
    /// The target does not exist; the message says what was looked for.
    case broken(message: String, hint: String?)
}

/// A heading of a rendered page.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
    public var line: Int
}

/// A link found in a page, with where it points after resolution.
public struct MarkdownLink: Sendable, Hashable {
    public var destination: String
    public var line: Int
    public var isImage: Bool
}

/// The HTML of a Markdown body and what was learned while rendering it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    public var links: [MarkdownLink]
    public var diagnostics: [Diagnostic]
}

/// Markdown to HTML through cmark-gfm with the GFM extensions and footnotes.
///
/// The document is rewritten as an AST before rendering, never by editing HTML: headings get ids
/// (Han characters kept, duplicates numbered -2, -3 …) and an anchor link, tables get a scrolling
/// wrapper, and every link and image destination goes through a resolver.
public struct MarkdownRenderer: Sendable {
    public var allowRawHTML: Bool
    public var brokenLinkSeverity: Diagnostic.Severity

    public init(allowRawHTML: Bool = false, brokenLinkSeverity: Diagnostic.Severity = .error) {
        self.allowRawHTML = allowRawHTML
        self.brokenLinkSeverity = brokenLinkSeverity
    }

    /// The GFM extensions every parser gets.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// cmark-gfm keeps its extension registry in a global; fill it exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private var options: Int32 {
        CMARK_OPT_FOOTNOTES | (allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
    }

    /// - Parameters:
    ///   - markdown: the body text
    ///   - file: the path to name in diagnostics
    ///   - firstLine: the line of the file the body starts on (after front matter)
    ///   - boxes: level-2 heading text → CSS classes; that heading and everything up to the next
    ///     level-1 or level-2 heading is wrapped in `<section class="…">` (the 禁忌 box of a talk script)
    ///   - resolve: maps a link or image destination to what the output should say
    public func render(
        _ markdown: String, file: String, firstLine: Int = 1, boxes: [String: String] = [:],
        resolve: (_ destination: String, _ isImage: Bool) -> LinkResolution = { _, _ in .keep }
    ) -> RenderedMarkdown {
        precondition(Self.registered)
        guard let parser = cmark_parser_new(options) else { fatalError("cmark_parser_new failed: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark_parser_finish failed: out of memory") }
        defer { cmark_node_free(document) }

        var pass = TreePass(file: file, lineOffset: firstLine - 1, severity: brokenLinkSeverity)
        pass.run(document, boxes: boxes, resolve: resolve)

        guard let cString = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html failed: out of memory")
        }
        defer { free(cString) }
        let html = Self.polish(String(cString: cString))
        return RenderedMarkdown(html: html, headings: pass.headings, links: pass.links, diagnostics: pass.diagnostics)
    }

    /// The few things cmark-gfm writes that HTML5 or accessibility checkers reject: `align`
    /// attributes on table cells, unlabeled task-list checkboxes, an English footnote label.
    static func polish(_ html: String) -> String {
        var html = html
        if html.contains(" align=\"") {
            for side in ["left", "center", "right"] {
                html = html.replacingAll(" align=\"\(side)\"", with: " class=\"align-\(side)\"")
            }
        }
        if html.contains("type=\"checkbox\"") {
            html = html.replacingAll(
                "<input type=\"checkbox\" checked=\"\" disabled=\"\" />", with: "<input type=\"checkbox\" checked disabled aria-label=\"已完成\">")
            html = html.replacingAll("<input type=\"checkbox\" disabled=\"\" />", with: "<input type=\"checkbox\" disabled aria-label=\"待办\">")
            html = html.replacingAll("<li><input type=\"checkbox\"", with: "<li class=\"task-list-item\"><input type=\"checkbox\"")
        }
        if html.contains("data-footnote-backref") {
            html = html.replacingAll("aria-label=\"Back to content\"", with: "aria-label=\"返回正文\"")
        }
        return html
    }
}

/// One walk over the AST: collect, then rewrite (cmark iterators must not see the tree change).
private struct TreePass {
    let file: String
    let lineOffset: Int
    let severity: Diagnostic.Severity
    var headings: [Heading] = []
    var links: [MarkdownLink] = []
    var diagnostics: [Diagnostic] = []
    var ids = SlugDeduplicator()

    init(file: String, lineOffset: Int, severity: Diagnostic.Severity) {
        self.file = file
        self.lineOffset = lineOffset
        self.severity = severity
    }

    mutating func run(_ document: OpaquePointer, boxes: [String: String], resolve: (String, Bool) -> LinkResolution) {
        var headingNodes: [OpaquePointer] = []
        var tableNodes: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: linkNodes.append(node)
            default:
                if let typeName = cmark_node_get_type_string(node), String(cString: typeName) == "table" {
                    tableNodes.append(node)
                }
            }
        }
        cmark_iter_free(iterator)

        for node in linkNodes { rewriteLink(node, resolve: resolve) }
        if !boxes.isEmpty {
            for node in headingNodes where cmark_node_get_heading_level(node) == 2 && cmark_node_parent(node) == document {
                if let classes = boxes[plainText(node).trimmingCharacters(in: .whitespaces)] { box(node, classes: classes) }
            }
        }
        for node in headingNodes { anchorHeading(node) }
        for node in tableNodes {
            wrap(node, open: "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"表格\">", close: "</div>")
        }
    }

    func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line + lineOffset }
            current = cmark_node_parent(candidate)
        }
        return lineOffset + 1
    }

    mutating func rewriteLink(_ node: OpaquePointer, resolve: (String, Bool) -> LinkResolution) {
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        let line = line(of: node)
        links.append(MarkdownLink(destination: destination, line: line, isImage: isImage))
        switch resolve(destination, isImage) {
        case .keep:
            break
        case .rewrite(let url):
            cmark_node_set_url(node, url)
        case .broken(let message, let hint):
            diagnostics.append(Diagnostic(severity, message, file: file, line: line, hint: hint))
        }
    }

    /// `<h2 id="…">text <a class="anchor" href="#…">#</a></h2>` through a custom block that takes
    /// over the heading's inline children.
    mutating func anchorHeading(_ node: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(node))
        let text = plainText(node)
        let id = ids.unique(Slug.make(text), fallback: "section")
        headings.append(Heading(level: level, text: text, id: id, line: line(of: node)))
        let href = "#" + URLEncoding.fragment(id)
        wrapInline(
            node,
            open: "<h\(level) id=\"\(id)\">",
            close: " <a class=\"anchor\" href=\"\(href)\" aria-label=\"本节链接：\(HTML.escape(text))\">#</a></h\(level)>")
    }

    /// Moves a level-2 heading and the blocks after it, up to the next level-1 or level-2 heading,
    /// into `<section class="…">`.
    func box(_ heading: OpaquePointer, classes: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, "<section class=\"\(HTML.escape(classes))\">")
        cmark_node_set_on_exit(block, "</section>")
        cmark_node_insert_before(heading, block)
        var current: OpaquePointer? = heading
        while let node = current {
            let next = cmark_node_next(node)
            cmark_node_unlink(node)
            cmark_node_append_child(block, node)
            if let next, cmark_node_get_type(next) == CMARK_NODE_HEADING, cmark_node_get_heading_level(next) <= 2 { break }
            current = next
        }
    }

    /// Replaces `node` by a custom block holding its children.
    func wrapInline(_ node: OpaquePointer, open: String, close: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, open)
        cmark_node_set_on_exit(block, close)
        cmark_node_insert_before(node, block)
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(block, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Puts `node` inside a custom block.
    func wrap(_ node: OpaquePointer, open: String, close: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, open)
        cmark_node_set_on_exit(block, close)
        cmark_node_insert_before(node, block)
        cmark_node_unlink(node)
        cmark_node_append_child(block, node)
    }

    func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                text += plainText(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }
}
