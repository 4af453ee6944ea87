import StaybookContent
import StaybookModel

/// Snapshots as files: two-space indented JSON with each hire, leaver and agent on one line, so a
/// diff shows people (the layout of `scripts/gen-example-data.py`), keys in the format's order.
/// Fields the roster does not hold (`target_churn`, `agents`, any other) are kept from the file the
/// import replaces, value for value.
public enum SnapshotWriter {
    public static func text(period: Period, teams: [TeamMonth], kept: [String: [(key: String, value: Plain)]] = [:]) -> String {
        var lines = ["{", "  \"period\": \(inline(.string(period.description))),", "  \"teams\": ["]
        for (index, team) in teams.enumerated() {
            lines.append("    {")
            var members: [(String, Member)] = [
                ("id", .value(.string(team.id))), ("name", .value(.string(team.name))), ("area", .value(.string(team.area))),
                ("headcount_start", .value(.number(String(team.headcountStart)))), ("headcount_end", .value(.number(String(team.headcountEnd)))),
                ("hires", .list(team.hires.map { .object([("id", .string($0.id)), ("hired", .string($0.hired.description))]) })),
                ("transfers_in", .value(.number(String(team.transfersIn)))), ("transfers_out", .value(.number(String(team.transfersOut)))),
                ("leavers", .list(team.leavers.map { leaver in
                    .object([
                        ("id", .string(leaver.id)), ("hired", .string(leaver.hired.description)), ("left", .string(leaver.left.description)),
                        ("voluntary", .bool(leaver.voluntary)), ("reason", .string(leaver.reason.rawValue)),
                    ])
                })),
            ]
            let own = Set(members.map(\.0))
            for (key, value) in kept[team.id] ?? [] where !own.contains(key) {
                if case .array(let items) = value {
                    members.append((key, .list(items)))
                } else {
                    members.append((key, .value(value)))
                }
            }
            for (number, (key, member)) in members.enumerated() {
                let comma = number < members.count - 1 ? "," : ""
                switch member {
                case .value(let value): lines.append("      \(inline(.string(key))): \(inline(value))\(comma)")
                case .list(let items) where items.isEmpty: lines.append("      \(inline(.string(key))): []\(comma)")
                case .list(let items):
                    lines.append("      \(inline(.string(key))): [")
                    for (position, item) in items.enumerated() { lines.append("        " + inline(item) + (position < items.count - 1 ? "," : "")) }
                    lines.append("      ]\(comma)")
                }
            }
            lines.append("    }" + (index < teams.count - 1 ? "," : ""))
        }
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    enum Member {
        case value(Plain)
        case list([Plain])
    }

    /// A JSON value without positions, for writing.
    public indirect enum Plain: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([Plain])
        case object([(String, Plain)])

        public init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool(let flag): self = .bool(flag)
            case .number(let literal): self = .number(literal)
            case .string(let text): self = .string(text)
            case .array(let items): self = .array(items.map { Plain($0.value) })
            case .object(let members): self = .object(members.map { ($0.key, Plain($0.value.value)) })
            }
        }
    }

    /// One line, as Python's `json.dumps(value, ensure_ascii=False, separators=(", ", ": "))`.
    static func inline(_ value: Plain) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return quoted(text)
        case .array(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { quoted($0.0) + ": " + inline($0.1) }.joined(separator: ", ") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        // Most texts need no escape: a scan of the bytes decides.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
