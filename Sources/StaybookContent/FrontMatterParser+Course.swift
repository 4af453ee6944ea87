import StaybookModel
import Yams

extension FrontMatterParser {
    /// `modules:` of a course: each item `- id: …` with optional `minutes` and `note`, or just the id.
    /// A module listed twice is a warning at its second line (the trainer may mean it, e.g. a recap).
    func decodeCourseModules(_ node: Node, _ fields: inout YAMLFields) -> [CourseModule] {
        var modules: [CourseModule] = []
        var firstLines: [String: Int] = [:]
        for (number, item) in (fields.list(node, key: "modules") ?? []).enumerated() {
            let what = "module \(number + 1) of the course"
            let line = fields.line(of: item) ?? 1
            var module = CourseModule(id: "", line: line, column: fields.column(of: item))
            if case .scalar = item {
                guard let id = fields.string(item, key: "modules[]") else { continue }
                module.id = id
            } else {
                guard case .mapping = item, let pairs = fields.mapping(item, what: what) else {
                    fields.error(
                        "\(what) must be a module id or `id:` with `minutes:` and `note:`, found \(fields.describe(item))", at: item,
                        hint: "write `- id: talk-new-hire-first-week` (and `minutes: 45` under it), or just `- talk-new-hire-first-week`")
                    continue
                }
                var id: String?
                for (key, keyNode, value) in pairs {
                    switch key {
                    case "id": id = fields.string(value, key: "modules[].id")
                    case "minutes":
                        guard let minutes = fields.int(value, key: "modules[].minutes") else { break }
                        if minutes > 0 && minutes <= 24 * 60 {
                            module.minutes = minutes
                        } else {
                            fields.error(
                                "\(what): `minutes: \(minutes)` is not a length of class time", at: value,
                                hint: "give the minutes the module takes in class, from 1 to 1440, or remove the line")
                        }
                    case "note": module.note = fields.string(value, key: "modules[].note")
                    default:
                        fields.warning("unknown key `\(key)` in \(what) is ignored", at: keyNode, hint: "use id, minutes, note")
                    }
                }
                guard let id else {
                    fields.error("\(what) has no `id`", at: item, hint: "write the module's id, e.g. `- id: talk-new-hire-first-week`")
                    continue
                }
                module.id = id
            }
            if let first = firstLines[module.id] {
                fields.warning(
                    "the module `\(module.id)` is listed twice in the course (first on line \(first))", at: item,
                    hint: "remove one of them; to recap a module, say so in the `note` of the first")
                continue
            }
            firstLines[module.id] = line
            modules.append(module)
        }
        return modules
    }
}
