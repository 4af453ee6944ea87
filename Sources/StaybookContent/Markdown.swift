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
    /// The level-2 sections of the body with their parts, when the renderer was asked for an outline.
    public var outline: [OutlineSection] = []
    /// The readable text as written (before any hook), when the renderer was asked for it.
    public var text: MarkdownText?
}

/// One level-2 section of a page, taken apart for a condensed view (a talk script's prep card).
public struct OutlineSection: Sendable, Hashable {
    /// One level-3 heading of the section and the block quotes under it (a step and its sample lines).
    public struct Subsection: Sendable, Hashable {
        public var title: String
        /// The first paragraph under the heading, as inline HTML.
        public var leadHTML: String?
        /// Each block quote's inner HTML.
        public var quotesHTML: [String]
    }

    public var title: String
    public var line: Int
    /// The items of the section's lists, each as the HTML of a whole `<li>`.
    public var itemsHTML: [String]
    /// Paragraphs directly in the section, as inline HTML.
    public var paragraphsHTML: [String]
    public var subsections: [Subsection]
}

/// A fenced code block handed to a directive (```` ```chart ````).
public struct FencedBlock: Sendable, Hashable {
    /// The info string's first word.
    public var name: String
    public var body: String
    /// The file line of the opening fence.
    public var line: Int
}

/// What a directive turns its source into: HTML, or diagnostics (then the source stays as written).
public struct Expansion: Sendable {
    public var html: String?
    public var diagnostics: [Diagnostic]

    public init(html: String?, diagnostics: [Diagnostic] = []) {
        self.html = html
        self.diagnostics = diagnostics
    }

    public static func failure(_ diagnostic: Diagnostic) -> Expansion { Expansion(html: nil, diagnostics: [diagnostic]) }
}

/// The data-aware parts of Markdown, supplied by the site: the renderer finds them in the tree,
/// the site decides what they mean.
public struct MarkdownHooks {
    /// Info-string word → expansion of the fenced block (`chart`).
    public var blocks: [String: (FencedBlock) -> Expansion] = [:]
    /// A code span that starts with `=` (`` `=churn team:hz-1` ``): the expression after `=` and its line.
    /// A span starting with `==` is kept as code, one `=` dropped, so the syntax can be shown.
    public var figure: ((_ expression: String, _ line: Int) -> Expansion)?
    /// Text outside code, with its line: a replacement (nil keeps it) and diagnostics (title renaming).
    public var text: ((_ text: String, _ line: Int) -> (String?, [Diagnostic]))?
    /// Collect `RenderedMarkdown.outline`.
    public var wantsOutline = false
    /// Collect `RenderedMarkdown.text` (for the search index) from the same parse.
    public var wantsText = false

    public init() {}
}

/// Markdown to HTML through cmark-gfm with the GFM extensions and footnotes.
///
/// The document is rewritten as an AST before rendering, never by editing HTML: headings get ids
/// (Han characters kept, duplicates numbered -2, -3 …) and an anchor link, tables get a scrolling
/// wrapper, and every link and image destination goes through a resolver.
public struct MarkdownRenderer: Sendable {
    public var allowRawHTML: Bool
    public var brokenLinkSeverity: Diagnostic.Severity
    /// The screen-reader label of a heading's `#` link, before the heading's text, in the site's
    /// language (the theme's `page.heading_link`).
    public var headingLinkLabel: String

    public init(allowRawHTML: Bool = false, brokenLinkSeverity: Diagnostic.Severity = .error, headingLinkLabel: String = "本节链接：") {
        self.allowRawHTML = allowRawHTML
        self.brokenLinkSeverity = brokenLinkSeverity
        self.headingLinkLabel = headingLinkLabel
    }

    /// The GFM extensions every parser gets.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// cmark-gfm keeps its extension registry in a global and `ensure_registered` is not
    /// thread-safe (an unlocked flag), so every parser of the package goes through this one lazy
    /// (and therefore once-only, thread-safe) initialiser: two of them raced in parallel tests and
    /// left a parser without its extensions.
    static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Held while cmark-gfm parses inlines. It keeps which characters start an inline in one
    /// global table, and every parse adds its extensions' characters (`~` of strikethrough, `:`
    /// and `w` of autolinks) when its inline pass starts and removes them when it ends: a page
    /// parsed on one thread while another finished lost its strikethrough and bare links, at
    /// random (about 1 page in 300 of a 10,000-page build, seen comparing two builds; cmark-gfm
    /// pull request #176 moves the table into the parser). Block parsing and rendering stay
    /// parallel; only `cmark_parser_finish`, where the inline pass runs, takes turns.
    static let inlinePass = NSLock()

    /// `cmark_parser_finish`, one thread at a time (`inlinePass`).
    static func finish(_ parser: OpaquePointer) -> OpaquePointer? {
        precondition(registered)
        inlinePass.lock()
        defer { inlinePass.unlock() }
        return cmark_parser_finish(parser)
    }

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
    ///   - hooks: chart blocks, inline figures and text rewriting
    public func render(
        _ markdown: String, file: String, firstLine: Int = 1, boxes: [String: String] = [:], hooks: MarkdownHooks = MarkdownHooks(),
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
        Self.feed(parser, markdown)
        guard let document = Self.finish(parser) else { fatalError("cmark_parser_finish failed: out of memory") }
        defer { cmark_node_free(document) }

        let text = hooks.wantsText ? MarkdownText.extract(document: document) : nil
        let extensions = cmark_parser_get_syntax_extensions(parser)
        var pass = TreePass(file: file, lineOffset: firstLine - 1, severity: brokenLinkSeverity, headingLinkLabel: headingLinkLabel)
        if hooks.text != nil { pass.sourceLines = markdown.split(separator: "\n", omittingEmptySubsequences: false) }
        pass.run(document, boxes: boxes, hooks: hooks, resolve: resolve) { node in
            guard let cString = cmark_render_html(node, options, extensions) else { return "" }
            defer { free(cString) }
            return Self.polish(String(cString: cString))
        }

        guard let cString = cmark_render_html(document, options, extensions) else {
            fatalError("cmark_render_html failed: out of memory")
        }
        defer { free(cString) }
        var html = Self.polish(String(cString: cString))
        for (index, figure) in pass.deferredHTML.enumerated() {
            html = html.replacingAll("<code>\(TreePass.placeholder(index))</code>", with: figure)
        }
        return RenderedMarkdown(
            html: html, headings: pass.headings, links: pass.links, diagnostics: pass.diagnostics, outline: pass.outline, text: text)
    }

    /// Hands all of `text` to the parser, by its length: a C string would end at a NUL, which
    /// CommonMark reads as U+FFFD.
    static func feed(_ parser: OpaquePointer, _ text: String) {
        var text = text
        text.withUTF8 { $0.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) } }
    }

    /// The few things cmark-gfm writes that HTML5 or accessibility checkers reject: `align`
    /// attributes on table cells, unlabeled task-list checkboxes, an English footnote label.
    static func polish(_ html: String) -> String {
        // One pass per kind of fix the page needs, and the bytes made text once.
        var fixes: [(target: String, replacement: String)] = []
        if html.containsBytes(" align=\"") {
            for side in ["left", "center", "right"] { fixes.append((" align=\"\(side)\"", " class=\"align-\(side)\"")) }
        }
        if html.containsBytes("type=\"checkbox\"") {
            fixes += [
                ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked disabled aria-label=\"已完成\">"),
                ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled aria-label=\"待办\">"),
                ("<li><input type=\"checkbox\"", "<li class=\"task-list-item\"><input type=\"checkbox\""),
            ]
        }
        if html.containsBytes("data-footnote-backref") {
            fixes.append(("aria-label=\"Back to content\"", "aria-label=\"返回正文\""))
        }
        return fixes.isEmpty ? html : html.replacingAll(fixes)
    }
}

/// Addresses a link or image may not have, whatever the site allows: they run script in the reader's
/// browser (`javascript:`, `vbscript:`) or carry a document of their own (`data:`), or point into
/// the reader's own disk (`file:`). cmark-gfm empties them too, but silently and only while raw HTML
/// is off.
enum URLSafety {
    static let schemes = ["javascript", "vbscript", "data", "file"]

    static func reason(_ scheme: String) -> String {
        switch scheme {
        case "data": "carries a document of its own"
        case "file": "points into the reader's own disk"
        default: "runs code in the reader's browser"
        }
    }

    /// The scheme of `destination` if it is one of `schemes`, read as a browser reads it: leading
    /// spaces and control characters dropped, tabs and line breaks ignored, any case.
    static func scriptingScheme(_ destination: String) -> String? {
        var scheme = ""
        for scalar in destination.unicodeScalars {
            if scalar.value <= 0x20 && scheme.isEmpty { continue }
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scalar == ":" { return schemes.contains(scheme) ? scheme : nil }
            guard scalar.isASCII, scalar.properties.isAlphabetic, scheme.count < 10 else { return nil }
            scheme.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value | 0x20)))
        }
        return nil
    }
}

/// One walk over the AST: collect, then rewrite (cmark iterators must not see the tree change).
struct TreePass {
    let file: String
    let lineOffset: Int
    let severity: Diagnostic.Severity
    let headingLinkLabel: String
    var headings: [Heading] = []
    var links: [MarkdownLink] = []
    var diagnostics: [Diagnostic] = []
    var outline: [OutlineSection] = []
    var ids = SlugDeduplicator()
    /// The body's lines, to place text that cmark puts on too early a line (after a code span
    /// that runs over a line break, cmark's inline positions fall one line behind).
    var sourceLines: [Substring] = []
    /// Figures where cmark-gfm accepts no custom node (a table cell): the code span is kept with a
    /// placeholder that the rendered HTML swaps for the figure.
    var deferredHTML: [String] = []

    /// Private-use characters around a number: text no author writes, kept as is by cmark.
    static func placeholder(_ index: Int) -> String { "\u{F8FF}staybook-figure-\(index)\u{F8FF}" }

    init(file: String, lineOffset: Int, severity: Diagnostic.Severity, headingLinkLabel: String) {
        self.file = file
        self.lineOffset = lineOffset
        self.severity = severity
        self.headingLinkLabel = headingLinkLabel
    }

    mutating func run(
        _ document: OpaquePointer, boxes: [String: String], hooks: MarkdownHooks, resolve: (String, Bool) -> LinkResolution,
        html: (OpaquePointer) -> String
    ) {
        if hooks.text != nil { cmark_consolidate_text_nodes(document) }
        var headingNodes: [OpaquePointer] = []
        var tableNodes: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        var fencedNodes: [OpaquePointer] = []
        var codeNodes: [OpaquePointer] = []
        var textNodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: linkNodes.append(node)
            case CMARK_NODE_CODE_BLOCK: if !hooks.blocks.isEmpty { fencedNodes.append(node) }
            case CMARK_NODE_CODE: codeNodes.append(node)
            case CMARK_NODE_TEXT: if hooks.text != nil { textNodes.append(node) }
            default:
                if let typeName = cmark_node_get_type_string(node), String(cString: typeName) == "table" {
                    tableNodes.append(node)
                }
            }
        }
        cmark_iter_free(iterator)

        for node in linkNodes { rewriteLink(node, resolve: resolve) }
        if let rewrite = hooks.text {
            for node in textNodes { rewriteText(node, rewrite) }
        }
        for node in codeNodes { expandFigure(node, hooks.figure) }
        for node in fencedNodes { expandBlock(node, hooks.blocks) }
        if hooks.wantsOutline { outline = Self.outline(of: document, line: line(of:), html: html, plainText: plainText) }
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
        if let scheme = URLSafety.scriptingScheme(destination) {
            let what = isImage ? "image" : "link"
            diagnostics.append(
                .warning(
                    "the \(what) `\(destination.prefix(60))` was removed, its text kept: a \(scheme): address \(URLSafety.reason(scheme))",
                    file: file, line: line, hint: "link to a page of the handbook or to an http(s) address"))
            unwrap(node)
            return
        }
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

    /// Replaces `node` by its children: a link by its text, an image by its description.
    func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
        cmark_node_free(node)
    }

    mutating func rewriteText(_ node: OpaquePointer, _ rewrite: (String, Int) -> (String?, [Diagnostic])) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        let (replacement, problems) = rewrite(text, sourceLine(of: text, reported: line(of: node)))
        diagnostics += problems
        if let replacement { cmark_node_set_literal(node, replacement) }
    }

    /// The first line from `reported` on (within a few) whose source holds `text`; `reported` when
    /// none does (escapes and entities make the text differ from its source).
    func sourceLine(of text: String, reported: Int) -> Int {
        let start = reported - lineOffset - 1
        guard !text.isEmpty, start >= 0, start < sourceLines.count else { return reported }
        for index in start..<min(start + 8, sourceLines.count) where sourceLines[index].contains(text) {
            return index + lineOffset + 1
        }
        return reported
    }

    /// `` `=churn` `` becomes the figure's HTML; `` `==churn` `` stays code, reading `=churn`.
    mutating func expandFigure(_ node: OpaquePointer, _ figure: ((String, Int) -> Expansion)?) {
        guard let figure, let literal = cmark_node_get_literal(node) else { return }
        let code = String(cString: literal)
        guard code.hasPrefix("=") else { return }
        if code.hasPrefix("==") {
            cmark_node_set_literal(node, String(code.dropFirst()))
            return
        }
        let expansion = figure(String(code.dropFirst()).trimmingCharacters(in: .whitespaces), line(of: node))
        diagnostics += expansion.diagnostics
        guard let html = expansion.html else { return }
        if !replace(node, by: CMARK_NODE_CUSTOM_INLINE, html: html) {
            cmark_node_set_literal(node, Self.placeholder(deferredHTML.count))
            deferredHTML.append(html)
        }
    }

    /// Puts a custom node that writes `html` (whatever the raw-HTML option says) in place of
    /// `node`; `false`, with the tree unchanged, where the parent takes no custom node.
    @discardableResult
    func replace(_ node: OpaquePointer, by type: cmark_node_type, html: String) -> Bool {
        guard let custom = cmark_node_new(type) else { return false }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        guard cmark_node_insert_before(node, custom) != 0 else {
            cmark_node_free(custom)
            return false
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
        return true
    }

    /// A fenced block whose info string names a directive becomes the directive's HTML.
    mutating func expandBlock(_ node: OpaquePointer, _ blocks: [String: (FencedBlock) -> Expansion]) {
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let name = info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        guard let expand = blocks[name] else { return }
        let body = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let expansion = expand(FencedBlock(name: name, body: body, line: line(of: node)))
        diagnostics += expansion.diagnostics
        if let html = expansion.html { replace(node, by: CMARK_NODE_CUSTOM_BLOCK, html: html) }
    }

    /// The level-2 sections of the document, their list items, paragraphs and level-3 subsections.
    static func outline(
        of document: OpaquePointer, line: (OpaquePointer) -> Int, html: (OpaquePointer) -> String, plainText: (OpaquePointer) -> String
    ) -> [OutlineSection] {
        func inner(_ node: OpaquePointer, tag: String) -> String {
            var text = html(node).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasPrefix("<\(tag)>") && text.hasSuffix("</\(tag)>") {
                text = String(text.dropFirst(tag.count + 2).dropLast(tag.count + 3)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return text
        }
        var sections: [OutlineSection] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                let level = cmark_node_get_heading_level(node)
                if level == 2 {
                    sections.append(
                        OutlineSection(
                            title: plainText(node).trimmingCharacters(in: .whitespaces), line: line(node), itemsHTML: [], paragraphsHTML: [],
                            subsections: []))
                } else if level == 3, !sections.isEmpty {
                    sections[sections.count - 1].subsections.append(
                        .init(title: plainText(node).trimmingCharacters(in: .whitespaces), leadHTML: nil, quotesHTML: []))
                }
                continue
            }
            guard !sections.isEmpty else { continue }
            let last = sections.count - 1
            let hasSubsection = !sections[last].subsections.isEmpty
            switch type {
            case CMARK_NODE_LIST:
                var item = cmark_node_first_child(node)
                while let current = item {
                    sections[last].itemsHTML.append(html(current).trimmingCharacters(in: .whitespacesAndNewlines))
                    item = cmark_node_next(current)
                }
            case CMARK_NODE_PARAGRAPH:
                if hasSubsection {
                    let sub = sections[last].subsections.count - 1
                    if sections[last].subsections[sub].leadHTML == nil { sections[last].subsections[sub].leadHTML = inner(node, tag: "p") }
                } else {
                    sections[last].paragraphsHTML.append(inner(node, tag: "p"))
                }
            case CMARK_NODE_BLOCK_QUOTE where hasSubsection:
                let sub = sections[last].subsections.count - 1
                var quote = ""
                var part = cmark_node_first_child(node)
                while let current = part {
                    quote += (quote.isEmpty ? "" : " ") + (cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH ? inner(current, tag: "p") : html(current))
                    part = cmark_node_next(current)
                }
                sections[last].subsections[sub].quotesHTML.append(quote)
            default:
                break
            }
        }
        return sections
    }

    /// The text of a small piece of HTML whose text holds no entities (an inline figure).
    static func textContent(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            default: if !inTag { text.append(character) }
            }
        }
        return text
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
            close: " <a class=\"anchor\" href=\"\(href)\" aria-label=\"\(HTML.escape(headingLinkLabel + text))\">#</a></h\(level)>")
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

    func plainText(_ node: OpaquePointer) -> String { MarkdownText.inlineText(node) }
}
