import Foundation
import StaybookContent
import StaybookModel

/// `staybook new`: a playbook file with the front matter and outline its kind needs.
public enum Scaffold {
    /// Creates the file and returns its path relative to the project.
    /// - Parameters:
    ///   - slug: the file name without `.md`; from the title when `nil` (Han characters are kept)
    ///   - id: the module id; when `nil`, the slug if it is a valid id, else `KIND-N`, never one in use
    ///   - section: the folder under `content/`; the kind's usual folder when `nil`
    public static func create(
        in project: Project, kind: PageKind, title: String, slug: String? = nil, id: String? = nil, section: String? = nil
    ) throws(BuildFailure) -> String {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw BuildFailure([.error("the title is empty", hint: "staybook new talk-script \"新员工入职第一周谈话\"")]) }
        let (tree, _) = ContentLoader(root: project.root).load()
        guard let tree else {
            throw BuildFailure([
                .error("no content folder with a valid site.yml at \(project.contentDirectory.path)", hint: "run staybook in the project folder, or pass --root DIR")
            ])
        }
        let fileSlug = slug.map(Slug.make) ?? Slug.make(title)
        guard !fileSlug.isEmpty else { throw BuildFailure([.error("the title gives an empty file name", hint: "pass --slug NAME")]) }
        let folder = (section ?? kind.defaultSection).split(separator: "/")
            .filter { $0 != "." && $0 != ".." && !$0.isEmpty }.joined(separator: "/")
        let relative = folder.isEmpty ? "\(fileSlug).md" : "\(folder)/\(fileSlug).md"
        let url = project.contentDirectory.appending(path: relative)
        if FileManager.default.fileExists(atPath: url.path) {
            throw BuildFailure([.error("content/\(relative) already exists", hint: "pick another title or pass --slug NAME")])
        }

        let used = Set(tree.documents.compactMap { $0.parsed.frontMatter.id?.value })
        let moduleID: String
        if let id {
            guard ModuleID.isValid(id) else {
                throw BuildFailure([.error("`\(id)` is not a valid module id", hint: "use lowercase letters a–z, digits and hyphens")])
            }
            guard !used.contains(id) else { throw BuildFailure([.error("the id `\(id)` is already in use", hint: "pass another --id")]) }
            moduleID = id
        } else if ModuleID.isValid(fileSlug), !used.contains(fileSlug) {
            moduleID = fileSlug
        } else {
            var number = 1
            while used.contains("\(kind.rawValue)-\(number)") { number += 1 }
            moduleID = "\(kind.rawValue)-\(number)"
        }

        let siblings = tree.documents.filter { $0.folder == folder && !$0.isSectionIndex }
        let weight = (siblings.compactMap { $0.parsed.frontMatter.weight }.max() ?? 0) + 10
        // A course starts from a module the handbook has, so the scaffold builds as it is.
        let exampleModule = tree.documents.filter { $0.parsed.frontMatter.kind != .course }.compactMap { $0.parsed.frontMatter.id?.value }.sorted().first ?? "module-id"
        let text = frontMatter(kind: kind, title: title, id: moduleID, weight: weight, exampleModule: exampleModule) + outline(kind)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw BuildFailure([.error("cannot write content/\(relative): \(error.localizedDescription)")])
        }
        return "content/\(relative)"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func frontMatter(kind: PageKind, title: String, id: String, weight: Int, exampleModule: String = "module-id") -> String {
        var lines = [
            "---",
            "title: \(quoted(title))",
            "id: \(id)",
            "kind: \(kind.rawValue)",
            "weight: \(weight)",
            "# stage: 入职期      # 入职期 / 成长期 / 异动期 / 离职",
            "roles: []            # 例如 [班组长, 片区主管]",
            "tags: []",
            "summary: \"一句话说明这页解决什么问题\"",
        ]
        switch kind {
        case .talkScript:
            lines += [
                "trigger: \"什么情况下用这份话术\"", "goal: \"谈完要达到什么目的\"", "lead: \"谁来谈\"",
                "cadence: \"多久谈一次、最晚什么时候谈\"", "duration: \"30–60 分钟\"",
            ]
        case .careMeasure:
            lines += [
                "category: 职业关怀   # 职业关怀 / 需求关怀 / 综合素质关怀 / 心理关怀 / 培训成长 / 晋升通道 / 其他留人措施",
                "owner: 项目经理", "cost: 低             # 低 / 中 / 高",
            ]
        case .dosAndDonts:
            lines += ["groups:", "  - name: 谈话前准备", "    dos: [\"要做的事\"]", "    donts: [\"不要做的事\"]"]
        case .contest:
            lines += [
                "questions:", "  - q: \"题干\"", "    options: [\"选项一\", \"选项二\", \"选项三\"]", "    answer: A",
                "    explanation: \"为什么\"",
            ]
        case .titleMap:
            lines += ["titles:", "  - type: 部门", "    old: 原名称", "    new: 新名称", "    reason: \"为什么改\""]
        case .form:
            lines += ["fields:", "  - name: 基本信息", "    fields: [员工, 班组, 日期]", "  - name: 记录", "    fields:", "      - {label: 要点, lines: 5}"]
        case .page:
            break
        case .course:
            // A course has no stage, roles or tags of its own: it is for its audience.
            lines = Array(lines.prefix(5)) + [
                "summary: \"一句话说明这门课解决什么问题\"",
                "audience: [班组长]      # 这门课给谁上",
                "duration: 2 小时        # 计划时长，例如 90 分钟、4 小时",
                "objectives: [\"学完能做到的第一件事\"]",
                "modules:               # 按上课顺序写模块 id（见 m/ 模块目录）",
                "  - id: \(exampleModule)",
                "    minutes: 30",
                "    note: \"带教时怎么用这个模块\"",
            ]
        }
        return (lines + ["---", ""]).joined(separator: "\n")
    }

    static func outline(_ kind: PageKind) -> String {
        switch kind {
        case .talkScript:
            "\n## 什么时候用\n\n## 谈话前准备\n\n- [ ] 查看对方近期的业绩数据\n\n## 谈话步骤\n\n### 第一步：开场\n\n> 「示例话术」\n\n## 禁忌\n\n- 待补充\n\n## 谈后跟进\n\n- 待补充\n"
        case .careMeasure:
            "\n## 为什么要做\n\n## 怎么做\n\n## 怎样算做到位\n\n## 常见误区\n"
        case .dosAndDonts, .contest, .titleMap, .form:
            "\n在这里写一段简短的说明；条目写在上面的 front matter 里。\n"
        case .page:
            "\n正文。\n"
        case .course:
            "\n课程说明：上课前学员要准备什么、怎么分组演练。\n"
        }
    }
}
