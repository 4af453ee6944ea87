import StaybookModel
import Yams

/// A Markdown file split into its decoded front matter and its body.
public struct ParsedDocument: Sendable {
    public var frontMatter: FrontMatter
    /// `true` when the file starts with a `---` block.
    public var hasFrontMatter: Bool
    /// The Markdown after the front matter, maybe still in its file (`BodyText`).
    public var bodyText: BodyText
    /// The line of the file on which `body` starts.
    public var bodyLine: Int

    public var body: String { bodyText.value }

    public init(frontMatter: FrontMatter, hasFrontMatter: Bool, body: BodyText, bodyLine: Int) {
        self.frontMatter = frontMatter
        self.hasFrontMatter = hasFrontMatter
        self.bodyText = body
        self.bodyLine = bodyLine
    }

    public init(frontMatter: FrontMatter, hasFrontMatter: Bool, body: String, bodyLine: Int) {
        self.init(frontMatter: frontMatter, hasFrontMatter: hasFrontMatter, body: BodyText(body), bodyLine: bodyLine)
    }
}

/// Splits `---` front matter from Markdown and decodes it with line-accurate diagnostics.
public struct FrontMatterParser: Sendable {
    public let stages: [String]

    public init(stages: [String] = SiteConfig.defaultStages) {
        self.stages = stages
    }

    /// - Parameters:
    ///   - text: the file's text (already decoded, `\n` line endings)
    ///   - file: the path to name in diagnostics
    public func parse(_ text: String, file: String) -> (ParsedDocument?, [Diagnostic]) {
        if text.allSatisfy(\.isWhitespace) {
            return (nil, [.error("the file is empty", file: file, line: 1, hint: "write the page, or delete the file")])
        }
        guard let (yaml, body, bodyLine) = split(text) else {
            if text.hasPrefix("---") && isFence(text.prefix { $0 != "\n" }) {
                return (
                    nil,
                    [
                        .error(
                            "front matter opened on line 1 is never closed", file: file, line: 1,
                            hint: "end the YAML block with a line containing only `---`")
                    ]
                )
            }
            return (ParsedDocument(frontMatter: FrontMatter(), hasFrontMatter: false, body: text, bodyLine: 1), [])
        }
        var fields = YAMLFields(file: file, lineOffset: 1)
        var frontMatter = FrontMatter()
        do {
            if let node = try composeYAML(yaml) {
                frontMatter = decode(node, &fields)
            }
        } catch {
            return (nil, [diagnostic(forYAMLError: error, file: file, lineOffset: 1, what: "the front matter", source: yaml)])
        }
        let document = ParsedDocument(frontMatter: frontMatter, hasFrontMatter: true, body: body, bodyLine: bodyLine)
        return (fields.diagnostics.hasErrors ? nil : document, fields.diagnostics)
    }

    private func isFence<S: StringProtocol>(_ line: S) -> Bool {
        line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Returns the YAML between the fences, the body after them and the body's first line.
    /// Works on line boundaries found in the UTF-8 bytes: the body is sliced, never re-joined.
    private func split(_ text: String) -> (yaml: String, body: String, bodyLine: Int)? {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while true {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = text[lineStart..<lineEnd]
            if yamlStart == nil {
                guard isFence(line) else { return nil }
                yamlStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
            } else if isFence(line) || line.trimmingWhitespace() == "..." {
                let yamlEnd = lineStart == yamlStart! ? lineStart : utf8.index(before: lineStart)
                let bodyStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
                return (String(text[yamlStart!..<yamlEnd]), String(text[bodyStart...]), lineNumber + 1)
            }
            if lineEnd == utf8.endIndex { return nil }
            lineStart = utf8.index(after: lineEnd)
            lineNumber += 1
        }
    }

    static let knownKeys: Set<String> = [
        "allow_old_titles",
        "title", "id", "kind", "weight", "tags", "stage", "roles", "summary", "aliases", "updated",
        "trigger", "goal", "lead", "cadence", "duration", "category", "owner", "cost", "groups", "questions",
        "titles", "fields", "audience", "objectives", "modules",
    ]

    private func decode(_ node: Node, _ fields: inout YAMLFields) -> FrontMatter {
        var fm = FrontMatter()
        guard let pairs = fields.mapping(node, what: "the front matter") else { return fm }
        var talk = TalkScriptFields()
        var care = CareMeasureFields()
        var course = CourseFields()
        var kindSpecific: [(key: String, node: Node)] = []
        for (key, keyNode, value) in pairs {
            let line = fields.line(of: value) ?? 1
            fm.keyLines[key] = line
            switch key {
            case "title": fm.title = fields.string(value, key: key).map { Located($0, line: line) }
            case "id":
                guard let id = fields.string(value, key: key) else { break }
                if ModuleID.isValid(id) {
                    fm.id = Located(id, line: line)
                } else {
                    fields.error(
                        "`id: \(id)` is not a valid module id", at: value,
                        hint: "use lowercase letters a–z, digits and hyphens, e.g. `talk-new-hire-first-week`")
                }
            case "kind":
                guard let name = fields.string(value, key: key) else { break }
                if let kind = PageKind(rawValue: name) {
                    fm.kind = kind
                } else {
                    fields.error("unknown kind `\(name)`", at: value, hint: "use one of: \(PageKind.allNames)")
                }
            case "weight": fm.weight = fields.int(value, key: key)
            case "tags": fm.tags = fields.stringList(value, key: key)?.map(\.value) ?? []
            case "roles": fm.roles = fields.stringList(value, key: key)?.map(\.value) ?? []
            case "aliases": fm.aliases = fields.stringList(value, key: key) ?? []
            case "summary": fm.summary = fields.string(value, key: key)
            case "allow_old_titles": fm.allowOldTitles = fields.bool(value, key: key) ?? false
            case "stage":
                guard let stage = fields.string(value, key: key) else { break }
                if stages.contains(stage) {
                    fm.stage = Located(stage, line: line)
                } else {
                    fields.error(
                        "unknown stage `\(stage)`", at: value,
                        hint: "use one of: \(stages.joined(separator: " / ")) (the list is `stages:` in site.yml)")
                }
            case "updated":
                guard let date = fields.string(value, key: key) else { break }
                if ISODate.isValid(date) {
                    fm.updated = date
                } else {
                    fields.error("`updated: \(date)` is not a real date", at: value, hint: "write it as YYYY-MM-DD")
                }
            case "trigger": talk.trigger = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "goal": talk.goal = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "lead": talk.lead = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "cadence": talk.cadence = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "duration": talk.duration = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "category": care.category = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "owner": care.owner = fields.string(value, key: key); kindSpecific.append((key, keyNode))
            case "cost":
                kindSpecific.append((key, keyNode))
                guard let cost = fields.string(value, key: key) else { break }
                // 低 / 中 / 高, or in an English handbook low / medium / high.
                if let level = CareMeasureFields.Cost(rawValue: cost) ?? CareMeasureFields.Cost.allCases.first(where: { $0.cssName == cost.lowercased() }) {
                    care.cost = level
                } else {
                    fields.error("unknown cost level `\(cost)`", at: value, hint: "use 低, 中 or 高 (low, medium, high)")
                }
            case "groups":
                kindSpecific.append((key, keyNode))
                fm.doDontGroups = decodeGroups(value, &fields)
            case "questions":
                kindSpecific.append((key, keyNode))
                fm.questions = decodeQuestions(value, &fields)
            case "titles":
                kindSpecific.append((key, keyNode))
                fm.titleMappings = decodeTitles(value, &fields)
            case "fields":
                kindSpecific.append((key, keyNode))
                fm.formGroups = decodeFormGroups(value, &fields)
            case "audience":
                kindSpecific.append((key, keyNode))
                course.audience = fields.stringList(value, key: key)?.map(\.value) ?? []
            case "objectives":
                kindSpecific.append((key, keyNode))
                course.objectives = fields.stringList(value, key: key)?.map(\.value) ?? []
            case "modules":
                kindSpecific.append((key, keyNode))
                course.modules = decodeCourseModules(value, &fields)
            default:
                fields.warning(
                    "unknown front matter key `\(key)` is ignored", at: keyNode,
                    hint: "known keys: \(Self.knownKeys.sorted().joined(separator: ", "))")
            }
        }
        if talk != TalkScriptFields() { fm.talkScript = talk }
        if care != CareMeasureFields() { fm.careMeasure = care }
        if fm.kind == .course {
            // `duration` is a talk script's key too: a course keeps it as its planned length.
            course.duration = talk.duration
            fm.talkScript = nil
            fm.course = course
        }
        for (key, keyNode) in kindSpecific where !Self.keys(for: fm.kind).contains(key) {
            let owners = PageKind.allCases.filter { Self.keys(for: $0).contains(key) }.map(\.rawValue)
            fields.warning(
                "`\(key)` belongs to kind \(owners.joined(separator: "/")), not `\(fm.kind.rawValue)`, and is ignored",
                at: keyNode, hint: "set `kind: \(owners.first ?? "page")` or remove the line")
        }
        return fm
    }

    static func keys(for kind: PageKind) -> Set<String> {
        switch kind {
        case .talkScript: ["trigger", "goal", "lead", "cadence", "duration"]
        case .course: ["audience", "objectives", "modules", "duration"]
        case .careMeasure: ["category", "owner", "cost"]
        case .dosAndDonts: ["groups"]
        case .contest: ["questions"]
        case .titleMap: ["titles"]
        case .form: ["fields"]
        case .page: []
        }
    }

    private func decodeGroups(_ node: Node, _ fields: inout YAMLFields) -> [DoDontGroup] {
        var groups: [DoDontGroup] = []
        for item in fields.list(node, key: "groups") ?? [] {
            guard let pairs = fields.mapping(item, what: "a group") else { continue }
            var name: String?
            var dos: [String] = []
            var donts: [String] = []
            for (key, keyNode, value) in pairs {
                switch key {
                case "name": name = fields.string(value, key: "groups[].name")
                case "dos": dos = fields.stringList(value, key: "groups[].dos")?.map(\.value) ?? []
                case "donts": donts = fields.stringList(value, key: "groups[].donts")?.map(\.value) ?? []
                default: fields.warning("unknown key `\(key)` in a group is ignored", at: keyNode, hint: "use name, dos, donts")
                }
            }
            guard let name else {
                fields.error("a group has no `name`", at: item, hint: "e.g. `- name: 谈话前准备`")
                continue
            }
            if dos.isEmpty && donts.isEmpty {
                fields.error("the group `\(name)` lists neither `dos` nor `donts`", at: item, hint: "add `dos: [...]` or `donts: [...]` under it, or remove the group")
            }
            groups.append(DoDontGroup(name: name, dos: dos, donts: donts, line: fields.line(of: item) ?? 1))
        }
        return groups
    }

    private func decodeQuestions(_ node: Node, _ fields: inout YAMLFields) -> [QuizQuestion] {
        var questions: [QuizQuestion] = []
        for (number, item) in (fields.list(node, key: "questions") ?? []).enumerated() {
            let what = "question \(number + 1)"
            guard let pairs = fields.mapping(item, what: what) else { continue }
            var stem: String?
            var options: [String] = []
            var answerNode: Node?
            var explanation: String?
            for (key, keyNode, value) in pairs {
                switch key {
                case "q": stem = fields.string(value, key: "questions[].q")
                case "options": options = fields.stringList(value, key: "questions[].options")?.map(\.value) ?? []
                case "answer": answerNode = value
                case "explanation": explanation = fields.string(value, key: "questions[].explanation")
                default:
                    fields.warning(
                        "unknown key `\(key)` in \(what) is ignored", at: keyNode, hint: "use q, options, answer, explanation")
                }
            }
            guard let stem else {
                fields.error("\(what) has no `q` (the question)", at: item, hint: "write the question as `q: …`")
                continue
            }
            guard (2...6).contains(options.count) else {
                fields.error("\(what) needs 2 to 6 `options`, found \(options.count)", at: item, hint: "write `options: [甲, 乙, 丙]`")
                continue
            }
            guard let answerNode, let letter = fields.string(answerNode, key: "questions[].answer") else {
                fields.error("\(what) has no `answer`", at: item, hint: "name the right option by its letter, e.g. `answer: B`")
                continue
            }
            let letters = options.indices.map(QuizQuestion.letter)
            guard let answer = letters.firstIndex(of: letter.uppercased()) else {
                fields.error(
                    "\(what): `answer: \(letter)` is not one of its options", at: answerNode,
                    hint: "use one of \(letters.joined(separator: ", "))")
                continue
            }
            questions.append(
                QuizQuestion(
                    question: stem, options: options, answer: answer, explanation: explanation,
                    line: fields.line(of: item) ?? 1))
        }
        return questions
    }

    private func decodeTitles(_ node: Node, _ fields: inout YAMLFields) -> [TitleMapping] {
        var mappings: [TitleMapping] = []
        for item in fields.list(node, key: "titles") ?? [] {
            guard let pairs = fields.mapping(item, what: "a title mapping") else { continue }
            var type: TitleMapping.MappingType?
            var old: String?
            var new: String?
            var reason: String?
            for (key, keyNode, value) in pairs {
                switch key {
                case "type":
                    guard let name = fields.string(value, key: "titles[].type") else { break }
                    type = TitleMapping.MappingType(rawValue: name)
                    if type == nil { fields.error("unknown title type `\(name)`", at: value, hint: "use 部门 or 岗位") }
                case "old": old = fields.string(value, key: "titles[].old")
                case "new": new = fields.string(value, key: "titles[].new")
                case "reason": reason = fields.string(value, key: "titles[].reason")
                default: fields.warning("unknown key `\(key)` in a title mapping is ignored", at: keyNode)
                }
            }
            guard let type, let old, let new else {
                fields.error("a title mapping needs `type`, `old` and `new`", at: item, hint: "write e.g. `- {type: job, old: 客服专员, new: 客户体验顾问}`")
                continue
            }
            mappings.append(TitleMapping(type: type, old: old, new: new, reason: reason, line: fields.line(of: item) ?? 1))
        }
        return mappings
    }
}

extension FrontMatterParser {
    static let exampleFormGroup = "`- name: 基本信息` then `fields: [员工, 班组, {label: 谈话要点, lines: 5}]`"

    /// `fields:` of a form: groups, each a name and its fields. A field is its label (one line to
    /// write on) or `{label, lines, choices}`; `choices` is a list or `exit-reasons` / `tenure-bands`.
    fileprivate func decodeFormGroups(_ node: Node, _ fields: inout YAMLFields) -> [FormGroup] {
        var groups: [FormGroup] = []
        for item in fields.list(node, key: "fields") ?? [] {
            guard let pairs = fields.mapping(item, what: "a group of form fields") else { continue }
            var name: String?
            var formFields: [FormField] = []
            for (key, keyNode, value) in pairs {
                switch key {
                case "name": name = fields.string(value, key: "fields[].name")
                case "fields": formFields = (fields.list(value, key: "fields[].fields") ?? []).compactMap { decodeFormField($0, &fields) }
                default: fields.warning("unknown key `\(key)` in a group of form fields is ignored", at: keyNode, hint: "use name and fields")
                }
            }
            guard let name else {
                fields.error("a group of form fields has no `name`", at: item, hint: "e.g. \(Self.exampleFormGroup)")
                continue
            }
            if formFields.isEmpty {
                fields.error("the group `\(name)` has no `fields`", at: item, hint: "e.g. \(Self.exampleFormGroup)")
            }
            groups.append(FormGroup(name: name, fields: formFields, line: fields.line(of: item) ?? 1))
        }
        return groups
    }

    private func decodeFormField(_ node: Node, _ fields: inout YAMLFields) -> FormField? {
        let line = fields.line(of: node) ?? 1
        if case .scalar = node {
            return fields.string(node, key: "fields[].fields[]").map { FormField(label: $0, line: line) }
        }
        guard let pairs = fields.mapping(node, what: "a form field") else { return nil }
        var field = FormField(label: "", line: line)
        for (key, keyNode, value) in pairs {
            switch key {
            case "label": field.label = fields.string(value, key: "label") ?? ""
            case "lines":
                guard let lines = fields.int(value, key: "lines") else { break }
                if (1...20).contains(lines) {
                    field.lines = lines
                } else {
                    fields.error("`lines: \(lines)` must be between 1 and 20", at: value, hint: "the blank lines to write on; a form prints on one A4 sheet")
                }
            case "choices":
                if case .scalar = value, let keyword = fields.string(value, key: "choices") {
                    if let choices = FormField.Choices.keywords[keyword] {
                        field.choices = choices
                    } else {
                        fields.error(
                            "`choices: \(keyword)` is neither a list nor a known list", at: value,
                            hint: "write `choices: [甲, 乙]`, or `exit-reasons` / `tenure-bands` for the lists of the snapshot format")
                    }
                } else if let list = fields.stringList(value, key: "choices") {
                    field.choices = .list(list.map(\.value))
                }
            default: fields.warning("unknown key `\(key)` in a form field is ignored", at: keyNode, hint: "use label, lines, choices")
            }
        }
        guard !field.label.isEmpty else {
            fields.error("a form field has no `label`", at: node, hint: "write `- 员工` or `- {label: 谈话要点, lines: 5}`")
            return nil
        }
        return field
    }
}

/// Module ids: what trainers paste into their courses, so kept to a small, URL-safe alphabet.
public enum ModuleID {
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, let last = id.unicodeScalars.last,
            first != "-", last != "-", id.unicodeScalars.count <= 80
        else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Calendar dates written `YYYY-MM-DD`.
public enum ISODate {
    public static func parse(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return (year, month, day)
    }

    public static func isValid(_ text: String) -> Bool { parse(text) != nil }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
