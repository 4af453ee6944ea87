import Foundation
import StaybookModel

/// A JSON value with the line and column it starts at.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number as written, so integers keep every digit and range checks can say what was written.
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in file order (duplicates are rejected by the parser).
    case object([(key: String, value: JSONNode)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        default: false
        }
    }
}

extension JSONValue {
    /// The value as a message shows it: `null`, `true`, `12`, `"text"` (cut at 40), `a list`, `an object`.
    public var summary: String {
        switch self {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let text): text
        case .string(let text): "\"\(text.prefix(40))\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}

public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var line: Int
    public var column: Int
}

/// A strict RFC 8259 parser. Foundation's JSONSerialization accepts trailing commas and duplicate
/// keys and reports only a character offset; an HR export with either must be rejected at its line.
public struct StrictJSON {
    public struct SyntaxError: Error, Sendable, Equatable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// A syntax error as a build problem: where it is and how to find the cause.
    public static func diagnostic(_ error: SyntaxError, file: String) -> Diagnostic {
        .error(
            "not valid JSON: \(error.message)", file: file, line: error.line, column: error.column,
            hint: "fix the file at this line and column; if it was exported, export it again (`python3 -m json.tool FILE` points at the same place)")
    }

    public static func parse(_ text: String) throws(SyntaxError) -> JSONNode {
        var parser = StrictJSON(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the end of the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Byte index and column of the last column computed on the current line.
    private var columnMark = (index: 0, column: 1)

    /// Columns count Unicode scalars, not bytes, so they match what an editor shows. Counted on from
    /// the last position asked for: a minified export is one long line, and every value asks.
    private var column: Int {
        mutating get {
            if columnMark.index < lineStart { columnMark = (lineStart, 1) }
            let end = min(index, bytes.count)
            var count = columnMark.column
            for byte in bytes[columnMark.index..<end] where byte & 0xC0 != 0x80 { count += 1 }
            columnMark = (end, count)
            return count
        }
    }

    private mutating func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, line: line, column: column)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONNode {
        let (startLine, startColumn) = (line, column)
        guard let byte = current else { throw error("the file ends where a value was expected") }
        let value: JSONValue
        switch byte {
        case UInt8(ascii: "{"): value = try parseObject()
        case UInt8(ascii: "["): value = try parseArray()
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw error("NaN and Infinity are not JSON numbers; write a number or null")
        default:
            throw error("unexpected character `\(Self.describe(byte))` where a value was expected")
        }
        return JSONNode(value: value, line: startLine, column: startColumn)
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error("unexpected text where a value was expected (did you mean `\(word)`?)")
        }
        index += expected.count
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > 64 { throw error("values are nested more than 64 levels deep") }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        // Most objects are records of a few fields: their keys are compared one by one, and only
        // a larger object hashes them.
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error(
                    current == UInt8(ascii: "}") ? "a trailing comma before `}` is not allowed in JSON" : "expected a key in double quotes")
            }
            let keyLine = line
            let keyColumn = column
            let key = try parseString()
            let repeated: Bool
            if members.count < 16 {
                repeated = members.contains { $0.key == key }
            } else {
                if seen.isEmpty { seen = Set(members.map(\.key)) }
                repeated = !seen.insert(key).inserted
            }
            guard !repeated else {
                throw SyntaxError(message: "the key \"\(key)\" appears twice in this object", line: keyLine, column: keyColumn)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected `:` after the key \"\(key)\"") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw error("expected `,` or `}` after the value of \"\(key)\"")
            }
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            if current == UInt8(ascii: "]") { throw error("a trailing comma before `]` is not allowed in JSON") }
            items.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            default: throw error("expected `,` or `]` after a list item")
            }
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1
        // Most strings have no escape: take them in one piece.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { index = end + 1 }
            return String(decoding: bytes[index..<end], as: UTF8.self)
        }
        var out: [UInt8] = Array(bytes[index..<end])
        index = end
        while true {
            guard let byte = current else { throw error("a string is not closed with `\"`") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { throw error("a string ends in the middle of an escape") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("an unpaired surrogate in a \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("an unpaired surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("an invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw error("`\\\(Self.describe(escape))` is not a JSON escape")
                }
            case 0x00...0x1F:
                throw error(byte == 0x0A ? "a string runs past the end of the line (missing `\"`?)" : "a control character inside a string")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard bytes.count - index >= 4, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw error("a \\u escape needs four hex digits")
        }
        index += 4
        return value
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        func digits() -> Int {
            var count = 0
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                index += 1
                count += 1
            }
            return count
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
            if let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                throw error("numbers may not have leading zeros")
            }
        } else if digits() == 0 {
            throw error(current == UInt8(ascii: "I") ? "Infinity is not a JSON number" : "a number needs digits")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("a number needs digits after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "0x%02X", byte)
    }
}

extension JSONValue {
    /// A number in Swift's shortest form that reads back to the same `Double` (Foundation's writer
    /// drops digits on Linux).
    public static func double(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number("\(value)")
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// An array of values (positions are for parsed input only).
    public static func list(_ values: [JSONValue]) -> JSONValue {
        .array(values.map { JSONNode(value: $0, line: 0, column: 0) })
    }

    /// An object from pairs, keys sorted, so the same data always gives the same bytes.
    public static func sortedObject(_ pairs: [String: JSONValue]) -> JSONValue {
        .object(pairs.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONNode(value: $0.value, line: 0, column: 0)) })
    }

    /// Two-space indented JSON.
    public func serialized() -> String { String(decoding: utf8(), as: UTF8.self) }

    /// Two-space indented JSON as UTF-8, written into one buffer (a 30 MB export built by string
    /// concatenation spends most of its time copying).
    public func utf8() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, depth: 0)
        return out
    }

    public func write(into out: inout [UInt8], depth: Int) {
        func newline(_ depth: Int) {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONValue.quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                item.value.write(into: &out, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            JSONValue.writeObject(count: members.count, into: &out, depth: depth, key: { members[$0].key }) { index, out in
                members[index].value.value.write(into: &out, depth: depth + 1)
            }
        }
    }

    /// An object in `write(into:depth:)`'s layout (members on lines of their own, two spaces per
    /// level), member `index` named `key(index)` and its value written by `value` at `depth + 1`:
    /// for a caller that makes the values' bytes itself, on other cores (`api/metrics.json`).
    public static func writeObject(
        count: Int, into out: inout [UInt8], depth: Int, key: (Int) -> String, value: (Int, inout [UInt8]) -> Void
    ) {
        guard count > 0 else { return out.append(contentsOf: "{}".utf8) }
        out.append(UInt8(ascii: "{"))
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (depth + 1)))
            JSONValue.quote(key(index), into: &out)
            out.append(contentsOf: ": ".utf8)
            value(index, &out)
        }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string literal. Multi-byte UTF-8 passes through; `<`, `>` and `&` are escaped so no
    /// text can close a script element or open a comment where the JSON is embedded or loaded as
    /// a script (the search index).
    public static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escape: (UInt8, UInt8)? =
                    switch byte {
                    case UInt8(ascii: "\""): (UInt8(ascii: "\\"), UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): (UInt8(ascii: "\\"), UInt8(ascii: "\\"))
                    case UInt8(ascii: "\n"): (UInt8(ascii: "\\"), UInt8(ascii: "n"))
                    case UInt8(ascii: "\r"): (UInt8(ascii: "\\"), UInt8(ascii: "r"))
                    case UInt8(ascii: "\t"): (UInt8(ascii: "\\"), UInt8(ascii: "t"))
                    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20: (0, byte)
                    default: nil
                    }
                guard let escape else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                if escape.0 == 0 {
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                } else {
                    out.append(escape.0)
                    out.append(escape.1)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
