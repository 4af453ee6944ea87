import StaybookContent
import StaybookModel
import Testing

@Suite struct FrontMatterTests {
    let parser = FrontMatterParser()

    func parse(_ text: String) -> (ParsedDocument?, [Diagnostic]) {
        parser.parse(text, file: "content/a.md")
    }

    @Test func decodesEveryCommonField() throws {
        let (document, diagnostics) = parse(
            """
            ---
            title: 新员工入职第一周谈话
            id: talk-new-hire
            kind: talk-script
            weight: 10
            stage: 入职期
            roles: [班组长, 片区主管]
            tags:
              - 一对一
              - 新员工
            summary: 第一周了解适应情况
            aliases: [old/new-hire]
            updated: 2026-02-28
            trigger: 入职满一周内
            lead: 片区主管
            ---
            正文
            """)
        #expect(diagnostics.isEmpty)
        let fm = try #require(document?.frontMatter)
        #expect(fm.title?.value == "新员工入职第一周谈话")
        #expect(fm.id == Located("talk-new-hire", line: 3))
        #expect(fm.kind == .talkScript)
        #expect(fm.weight == 10)
        #expect(fm.stage?.value == "入职期")
        #expect(fm.roles == ["班组长", "片区主管"])
        #expect(fm.tags == ["一对一", "新员工"])
        #expect(fm.aliases.map(\.value) == ["old/new-hire"])
        #expect(fm.updated == "2026-02-28")
        #expect(fm.talkScript?.trigger == "入职满一周内")
        #expect(fm.talkScript?.lead == "片区主管")
        #expect(document?.body == "正文")
        #expect(document?.bodyLine == 17)
    }

    @Test func aFileWithoutFrontMatterIsAPlainPage() throws {
        let (document, diagnostics) = parse("# 标题\n\n正文\n")
        #expect(diagnostics.isEmpty)
        #expect(document?.hasFrontMatter == false)
        #expect(document?.frontMatter.kind == .page)
        #expect(document?.bodyLine == 1)
    }

    @Test func aStringWhereAListBelongsIsAnErrorOnItsLine() {
        let (document, diagnostics) = parse("---\ntitle: x\ntags: 新员工, 一对一\n---\n")
        #expect(document == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].line == 3)
        #expect(diagnostics[0].message.contains("`tags` must be a list"))
    }

    @Test func aListAsTitleIsAnError() {
        let (_, diagnostics) = parse("---\ntitle: [a, b]\n---\n")
        #expect(diagnostics.errors.first?.message.contains("`title` must be text, found a list") == true)
        #expect(diagnostics.errors.first?.line == 2)
    }

    @Test func unknownKindNamesTheKindsThatExist() {
        let (_, diagnostics) = parse("---\ntitle: x\n\nkind: script\n---\n")
        let error = diagnostics.errors.first
        #expect(error?.line == 4)
        #expect(error?.message == "unknown kind `script`")
        #expect(error?.hint?.contains("talk-script") == true)
    }

    @Test func unknownStageListsTheConfiguredStages() {
        let (_, diagnostics) = parse("---\nstage: 试用期\n---\n")
        #expect(diagnostics.errors.first?.message == "unknown stage `试用期`")
        #expect(diagnostics.errors.first?.hint?.contains("入职期 / 成长期 / 异动期 / 离职") == true)
    }

    @Test func unclosedFrontMatterIsAnError() {
        let (document, diagnostics) = parse("---\ntitle: x\n\n正文没有结束标记\n")
        #expect(document == nil)
        #expect(diagnostics.errors.first?.message == "front matter opened on line 1 is never closed")
    }

    @Test func invalidYAMLPointsAtTheLineInTheFile() {
        let (_, diagnostics) = parse("---\ntitle: x\nsummary: 有冒号: 的文字\n---\n")
        let error = diagnostics.errors.first
        #expect(error?.line == 3)
        #expect(error?.message.hasPrefix("the front matter is not valid YAML") == true)
    }

    @Test func duplicateKeysAreAnError() {
        let (_, diagnostics) = parse("---\ntitle: a\ntags: [x]\ntitle: b\n---\n")
        let error = diagnostics.errors.first
        #expect(error?.message == "the front matter has the key `title` more than once (first on line 2)")
        #expect(error?.location == "content/a.md:4:1", "the second one is the one to fix")
        // The same key in two nested mappings is no duplicate; a duplicate inside one is found there.
        let nested = parse("---\ntitle: a\ncard:\n  who: x\n  when: y\n  who: z\n---\n").1.errors.first
        #expect(nested?.location == "content/a.md:6:3")
    }

    @Test func anEmptyFileIsAnError() {
        let (_, diagnostics) = parse("  \n\n")
        #expect(diagnostics.errors.first?.message == "the file is empty")
    }

    @Test func invalidIDsAndDatesAreErrors() {
        let (_, diagnostics) = parse("---\nid: Talk_1\nupdated: 2026-02-30\nweight: ten\n---\n")
        let messages = diagnostics.errors.map(\.message)
        #expect(messages.contains("`id: Talk_1` is not a valid module id"))
        #expect(messages.contains("`updated: 2026-02-30` is not a real date"))
        #expect(messages.contains { $0.hasPrefix("`weight` must be a whole number") })
    }

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let (document, diagnostics) = parse("---\ntitle: x\ntitel: y\n---\n")
        #expect(document != nil)
        #expect(diagnostics.warnings.first?.message == "unknown front matter key `titel` is ignored")
        #expect(diagnostics.warnings.first?.line == 3)
    }

    @Test func kindFieldsOnTheWrongKindAreFlagged() {
        let (_, diagnostics) = parse("---\ntitle: x\ncost: 低\n---\n")
        #expect(diagnostics.warnings.first?.message.contains("`cost` belongs to kind care-measure") == true)
    }

    @Test func careMeasureFieldsAreChecked() throws {
        let (ok, _) = parse("---\nkind: care-measure\ncategory: 职业关怀\nowner: 项目经理\ncost: 中\n---\n")
        #expect(ok?.frontMatter.careMeasure == CareMeasureFields(category: "职业关怀", owner: "项目经理", cost: .medium))
        let (_, diagnostics) = parse("---\nkind: care-measure\ncost: 很低\n---\n")
        #expect(diagnostics.errors.first?.message == "unknown cost level `很低`")
    }

    @Test func contestQuestionsDecodeWithTheirAnswerLetter() throws {
        let (document, diagnostics) = parse(
            """
            ---
            kind: contest
            questions:
              - q: 新员工入职后多久内必须谈一次？
                options: [一天, 一周, 一个月]
                answer: b
                explanation: 入职一周内。
            ---
            """)
        #expect(diagnostics.isEmpty)
        let question = try #require(document?.frontMatter.questions.first)
        #expect(question.answer == 1)
        #expect(question.options.count == 3)
        #expect(question.line == 4)
    }

    @Test func anAnswerThatIsNotAnOptionIsAnError() {
        let (_, diagnostics) = parse("---\nkind: contest\nquestions:\n  - q: 题\n    options: [甲, 乙]\n    answer: C\n---\n")
        #expect(diagnostics.errors.first?.message == "question 1: `answer: C` is not one of its options")
        #expect(diagnostics.errors.first?.line == 6)
    }

    @Test func doDontGroupsAndTitleMappingsDecode() throws {
        let (groups, d1) = parse("---\nkind: dos-and-donts\ngroups:\n  - name: 谈话前\n    dos: [看数据]\n    donts: [临时起意]\n---\n")
        #expect(d1.isEmpty)
        #expect(groups?.frontMatter.doDontGroups == [DoDontGroup(name: "谈话前", dos: ["看数据"], donts: ["临时起意"], line: 4)])
        let (titles, d2) = parse("---\nkind: title-map\ntitles:\n  - type: 部门\n    old: 客服部\n    new: 客户体验中心\n---\n")
        #expect(d2.isEmpty)
        #expect(titles?.frontMatter.titleMappings.first?.new == "客户体验中心")
        let (_, d3) = parse("---\nkind: title-map\ntitles:\n  - type: 科室\n    old: a\n    new: b\n---\n")
        #expect(d3.errors.first?.message == "unknown title type `科室`")
    }
}
