import Foundation
import StaybookContent
import StaybookModel
import StaybookRender

/// Courses for trainers: the course page (modules in order, time against the booking, permanent
/// links), the printable pack beside it, the courses each module page names, and `api/courses.json`.
extension SiteRenderer {
    static let packFile = "pack.html"
    static let coursesJSONPath = SitePath("api/courses.json")

    /// The modules of a course that exist, in the course's order (the check reports the others).
    func resolvedModules(_ page: Page) -> [(module: CourseModule, page: Page)] {
        (page.frontMatter.course?.modules ?? []).compactMap { module in
            self.module(module.id).flatMap { $0.kind == .course ? nil : (module, $0) }
        }
    }

    /// The courses that list module `id`, as links from `output`.
    func courseLinks(using id: String, from output: SitePath) -> [[String: Any]] {
        (courses.usedBy[id] ?? []).map { index in
            let course = site.pages[index]
            var link: [String: Any] = ["title": course.title, "url": output.relativeURL(to: course.output)]
            if let audience = course.frontMatter.course?.audience, !audience.isEmpty { link["audience"] = audience.joined(separator: strings["format.list_separator"]) }
            if let position = course.frontMatter.course?.modules.firstIndex(where: { $0.id == id }) {
                link["position"] = position + 1
                link["moduleCount"] = course.frontMatter.course?.modules.count ?? 0
            }
            return link
        }
    }

    /// The course's facts, its time plan and its modules in order, linked from `output`.
    func courseValues(_ page: Page, output: SitePath) -> [String: Any] {
        let course = page.frontMatter.course ?? CourseFields()
        var values: [String: Any] = [
            "audience": course.audience.map { ["name": $0] },
            "hasAudience": !course.audience.isEmpty,
            "audienceText": course.audience.joined(separator: strings["format.list_separator"]),
            "objectives": course.objectives.map { ["text": $0] },
            "hasObjectives": !course.objectives.isEmpty,
            "packURL": output.relativeURL(to: Self.printPath(of: page, name: Self.packFile)),
        ]
        let modules = resolvedModules(page)
        values["moduleCount"] = modules.count
        values["modules"] = modules.enumerated().map { number, entry -> [String: Any] in
            let (module, target) = entry
            var item: [String: Any] = [
                "number": number + 1, "id": module.id, "title": target.title, "url": output.relativeURL(to: target.output),
                "kind": target.kind.rawValue, "kindLabel": strings.kind(target.kind), "permalink": permalink(module.id),
                "anchor": "module-\(number + 1)",
            ]
            if let summary = target.frontMatter.summary { item["summary"] = summary }
            if let minutes = module.minutes { item["minutes"] = minutes }
            if let note = module.note { item["note"] = note }
            return item
        }
        // For pasting into a learning system in one go: one module a line, in class order.
        values["allLinks"] = modules.enumerated().map { number, entry in "\(number + 1). \(entry.page.title) \(permalink(entry.module.id))" }
            .joined(separator: "\n")
        // Time: what is booked against what the modules add up to.
        let planned = course.plannedMinutes
        let booked = course.duration.flatMap(CourseDuration.minutes)
        if let duration = course.duration { values["duration"] = duration }
        if let planned { values["plannedText"] = strings.duration(planned) }
        values["untimedCount"] = course.modules.filter { $0.minutes == nil }.count
        values["hasUntimed"] = course.modules.contains { $0.minutes == nil } && planned != nil
        if let planned, let booked {
            values["fits"] = planned == booked
            values["spareText"] = planned < booked ? strings.duration(booked - planned) : ""
            values["hasSpare"] = planned < booked
            values["overText"] = planned > booked ? strings.duration(planned - booked) : ""
            values["isOver"] = planned > booked
        }
        return values
    }

    /// `pack.html`: the cover (title, audience, objectives, schedule, contents), every module in full
    /// on pages of its own (a talk script with its prep card, a contest with its paper), then the
    /// answer keys of the contests.
    func renderPack(_ index: Int) -> (OutputFile?, [Diagnostic]) {
        let page = site.pages[index]
        let output = Self.printPath(of: page, name: Self.packFile)
        var context = printFrame(output: output, title: page.title, back: page.output, backLabel: strings["print.back_course"], bodyClass: "kind-course-pack")
        context["course"] = courseValues(page, output: output)
        context["summary"] = page.frontMatter.summary ?? ""
        context["hasSummary"] = page.frontMatter.summary != nil
        let description = packBody(page, output: output, prefix: "course-")
        context["descriptionHTML"] = description
        context["hasDescription"] = !description.allSatisfy(\.isWhitespace)
        var keys: [[String: Any]] = []
        context["modules"] = resolvedModules(page).enumerated().map { number, entry -> [String: Any] in
            let (module, target) = entry
            // The module's text gets `m1-…` ids, what the pack adds `module-1-…`: the two never meet.
            let prefix = "module-\(number + 1)-"
            var item: [String: Any] = [
                "number": number + 1, "anchor": "module-\(number + 1)", "idPrefix": prefix, "title": target.title,
                "kind": target.kind.rawValue, "kindLabel": strings.kind(target.kind), "permalink": permalink(module.id),
                "bodyHTML": packBody(target, output: output, prefix: "m\(number + 1)-"),
            ]
            if let summary = target.frontMatter.summary { item["summary"] = summary }
            if let minutes = module.minutes { item["minutes"] = minutes }
            if let note = module.note { item["note"] = note }
            let fm = target.frontMatter
            switch target.kind {
            case .talkScript:
                item["facts"] = Self.talkScriptFacts(fm.talkScript ?? TalkScriptFields(), strings: strings)
                item["card"] = cardValues(target, output: output)
            case .careMeasure:
                let care = fm.careMeasure ?? CareMeasureFields()
                item["facts"] = [(strings["care.category"], care.category), (strings["care.owner"], care.owner), (strings["care.cost"], care.cost.map(strings.cost))]
                    .compactMap { label, value in value.map { ["label": label, "value": $0] } }
            case .dosAndDonts:
                var ids = SlugDeduplicator()
                item["groups"] = fm.doDontGroups.map { group -> [String: Any] in
                    func items(_ texts: [String]) -> [[String: String]] {
                        texts.map { ["html": inline($0, in: target, line: group.line, publishedAt: output).0] }
                    }
                    return ["name": group.name, "id": prefix + ids.unique("dd-" + Slug.make(group.name)), "dos": items(group.dos), "donts": items(group.donts)]
                }
            case .contest where !fm.questions.isEmpty:
                let questions = quizQuestions(target, publishedAt: output).questions
                item["quiz"] = ["title": target.title, "questionCount": fm.questions.count, "questions": questions]
                keys.append(["number": number + 1, "title": target.title, "anchor": "key-\(number + 1)", "questions": questions])
            case .titleMap:
                item["titles"] = fm.titleMappings.map { mapping -> [String: Any] in
                    [
                        "type": mapping.type.rawValue, "old": mapping.old, "new": mapping.new,
                        "reasonHTML": mapping.reason.map { inline($0, in: target, line: mapping.line, publishedAt: output).0 } ?? "",
                    ]
                }
            case .form:
                // The blank form, to fill in during the class.
                item["form"] = ["groups": formGroups(target).map { group in group.merging(["id": prefix + (group["id"] as? String ?? "form")]) { _, new in new } }]
            case .contest, .page, .course:
                break
            }
            return item
        }
        context["keys"] = keys
        context["hasKeys"] = !keys.isEmpty
        // The problems of each module's text are reported by its own page.
        return finish(output, template: "course-pack", context: context, diagnostics: [])
    }

    /// The Markdown of `page` as it reads in a pack at `output`: links resolved from there, and
    /// every id (headings, footnotes, charts) and link to one prefixed, so two modules with the same
    /// headings keep their ids apart in one document.
    func packBody(_ page: Page, output: SitePath, prefix: String) -> String {
        let boxes = page.kind == .talkScript ? TalkScriptLayout.boxes : [:]
        let rendered = markdown.render(page.body, file: page.displayPath, firstLine: page.bodyLine, boxes: boxes, hooks: hooks(for: page, output: output)) { destination, _ in
            links.resolve(destination, from: page.source, publishedAt: output)
        }
        return Self.prefixingIDs(rendered.html, with: prefix)
    }

    /// `id="x"` → `id="PREFIXx"`, and the references to ids: `href="#x"`, `aria-labelledby="x y"`,
    /// `aria-describedby`. Text of the page is escaped (`&quot;`), so only markup matches.
    static func prefixingIDs(_ html: String, with prefix: String) -> String {
        var result = html.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
            .replacingOccurrences(of: " href=\"#", with: " href=\"#\(prefix)")
        for attribute in [" aria-labelledby=\"", " aria-describedby=\""] {
            var out = ""
            var rest = result[...]
            while let start = rest.range(of: attribute) {
                out += rest[..<start.upperBound]
                let after = rest[start.upperBound...]
                let end = after.firstIndex(of: "\"") ?? after.endIndex
                out += after[..<end].split(separator: " ").map { prefix + $0 }.joined(separator: " ")
                rest = after[end...]
            }
            out += rest
            result = out
        }
        return result
    }

    /// `[{"id", "title", "audience", "duration", "minutes", "summary", "url", "permalink", "pack",
    /// "modules": [{"id", "title", "kind", "minutes", "note", "permalink"}]}]` in reading order, for a
    /// learning system that imports courses. URLs are absolute paths under `base_path`.
    func coursesJSON() -> OutputFile {
        let list = JSONValue.list(
            courses.courses.map { index in
                let page = site.pages[index]
                let course = page.frontMatter.course ?? CourseFields()
                let id = page.frontMatter.id?.value
                return .sortedObject([
                    "id": id.map { .string($0) } ?? .null,
                    "title": .string(page.title),
                    "summary": page.frontMatter.summary.map { .string($0) } ?? .null,
                    "audience": .list(course.audience.map { .string($0) }),
                    "objectives": .list(course.objectives.map { .string($0) }),
                    "duration": course.duration.map { .string($0) } ?? .null,
                    "duration_minutes": course.duration.flatMap(CourseDuration.minutes).map { .int($0) } ?? .null,
                    "planned_minutes": course.plannedMinutes.map { .int($0) } ?? .null,
                    "url": .string(address(of: page.output)),
                    "permalink": id.map { .string(permalink($0)) } ?? .null,
                    "pack": .string(address(of: page.output) + Self.packFile),
                    "modules": .list(
                        resolvedModules(page).map { module, target in
                            .sortedObject([
                                "id": .string(module.id), "title": .string(target.title), "kind": .string(target.kind.rawValue),
                                "minutes": module.minutes.map { .int($0) } ?? .null, "note": module.note.map { .string($0) } ?? .null,
                                "permalink": .string(permalink(module.id)),
                            ])
                        }),
                ])
            })
        var bytes = list.utf8()
        bytes.append(UInt8(ascii: "\n"))
        return OutputFile(path: Self.coursesJSONPath, contents: .bytes(bytes))
    }
}
