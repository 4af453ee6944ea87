import StaybookModel
import Yams

/// Reads typed fields out of a composed YAML node and reports wrong types with the line they are on.
///
/// Yams counts lines from the start of the YAML text; `lineOffset` maps them back to the file
/// (front matter starts after the opening `---`).
struct YAMLFields {
    let file: String
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func line(of node: Node) -> Int? {
        node.mark.map { $0.line + lineOffset }
    }

    func column(of node: Node) -> Int? {
        node.mark?.column
    }

    mutating func error(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.append(.error(message, file: file, line: line(of: node), column: column(of: node), hint: hint))
    }

    mutating func warning(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.append(.warning(message, file: file, line: line(of: node), column: column(of: node), hint: hint))
    }

    /// The pairs of a mapping with string keys; anything else is reported.
    mutating func mapping(_ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping of `key: value` lines, found \(describe(node))", at: node, hint: "write one `key: value` per line, e.g. `title: 新员工入职第一周谈话`")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error("a key in \(what) must be plain text", at: key, hint: "write keys as plain words, e.g. `title:`")
                continue
            }
            pairs.append((scalar.string, key, value))
        }
        return pairs
    }

    /// Text. Numbers and dates are text too; lists, mappings and `null` are not.
    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error("`\(key)` must be text, found \(describe(node))", at: node, hint: "write `\(key): some text`")
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty {
            error("`\(key)` is empty", at: node, hint: "give it a value or remove the line")
            return nil
        }
        return text
    }

    mutating func int(_ node: Node, key: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingWhitespace()) else {
            error("`\(key)` must be a whole number, found \(describe(node))", at: node, hint: "e.g. `\(key): 10`")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            error("`\(key)` must be true or false, found \(describe(node))", at: node, hint: "write `\(key): true` or `\(key): false`")
            return nil
        }
        return value
    }

    /// A list of texts. A single text where a list belongs is an error, not silently wrapped: it
    /// usually means a forgotten `[ ]` and `tags: 新员工, 一对一` would become one tag.
    mutating func stringList(_ node: Node, key: String) -> [Located<String>]? {
        guard case .sequence(let sequence) = node else {
            error(
                "`\(key)` must be a list, found \(describe(node))", at: node,
                hint: "write `\(key): [一, 二]` or one `- item` per line")
            return nil
        }
        var items: [Located<String>] = []
        for item in sequence {
            if let text = string(item, key: "\(key)[]") {
                items.append(Located(text, line: line(of: item) ?? lineOffset))
            }
        }
        return items
    }

    mutating func list(_ node: Node, key: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("`\(key)` must be a list, found \(describe(node))", at: node, hint: "write `\(key): [一, 二]` or one `- item` per line")
            return nil
        }
        return Array(sequence)
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(node) ? "nothing" : "the text `\(scalar.string.prefix(40))`"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

/// Turns a Yams error into a diagnostic at the right line of the file.
/// - Parameter source: the YAML text, to point a duplicate key at its second occurrence.
func diagnostic(forYAMLError error: Error, file: String, lineOffset: Int, what: String, source: String? = nil) -> Diagnostic {
    switch error {
    case YamlError.scanner(let context, let problem, let mark, _),
        YamlError.parser(let context, let problem, let mark, _),
        YamlError.composer(let context, let problem, let mark, _):
        let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        // "End of stream" is marked on the line after the last one; point at the last line instead.
        var (line, column) = (mark.line, mark.column)
        if let source {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let last = lines.last == "" ? lines.count - 1 : lines.count
            if line > last, last >= 1 { (line, column) = (last, lines[last - 1].unicodeScalars.count + 1) }
        }
        return .error(
            "\(what) is not valid YAML: \(detail)", file: file, line: line + lineOffset, column: column,
            hint: "check indentation, and quote text that contains `: ` or starts with [ { * & ! | > ' \" % @")
    case YamlError.duplicatedKeysInMapping(let duplicates, let context):
        if duplicates.count == 1, let source, let lines = repeatedKeyLines(duplicates[0], in: source) {
            return .error(
                "\(what) has the key `\(duplicates[0])` more than once (first on line \(lines.first + lineOffset + 1))", file: file,
                line: lines.second + lineOffset + 1, column: lines.column, hint: "keep one of them")
        }
        return .error(
            "\(what) has the key `\(duplicates.joined(separator: "`, `"))` more than once", file: file,
            line: context.mark.line + lineOffset, column: context.mark.column, hint: "keep one of them")
    case YamlError.reader(let problem, _, _, _):
        return .error("\(what) cannot be read: \(problem)", file: file, line: lineOffset + 1, hint: "save the file as UTF-8 text")
    default:
        return .error("\(what) is not valid YAML: \(error)", file: file, line: lineOffset + 1, hint: "check indentation and quoting")
    }
}

/// The 0-based lines of the first two `key:` lines at the same indentation, if there are two, and
/// the key's column.
func repeatedKeyLines(_ key: String, in source: String) -> (first: Int, second: Int, column: Int)? {
    var seen: [Substring: Int] = [:]
    for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.drop { $0 == " " }
        let indent = line.prefix(line.count - trimmed.count)
        guard trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" else { continue }
        if let first = seen[indent] { return (first, index, indent.count + 1) }
        seen[indent] = index
    }
    return nil
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var scalars = String(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// Yams's `compose`, with the encoding named: its default reads the whole process environment
/// (looking for `YAMS_DEFAULT_ENCODING`) on every call, a few percent of a 10,000-page build.
func composeYAML(_ text: String) throws -> Node? {
    try Yams.compose(yaml: text, .default, .default, .utf8)
}
