import StaybookMetrics
import StaybookCharts
import StaybookContent
import StaybookModel
import StaybookRender

/// The fixed parts of a talk script: each level-2 heading gets its own box on the page, and the
/// prep card is made from them.
enum TalkScriptLayout {
    static let when = "什么时候用"
    static let prep = "谈话前准备"
    static let steps = "谈话步骤"
    static let taboos = "禁忌"
    static let followUp = "谈后跟进"
    static let sections = [when, prep, steps, taboos, followUp]

    /// Heading → the classes of its box.
    static let boxes = [
        when: "script-part script-when",
        prep: "script-part script-prep",
        steps: "script-part script-steps",
        taboos: "script-part script-taboos callout callout-warn",
        followUp: "script-part script-followup",
    ]

    /// The sections a talk script lacks, as warnings on its first body line.
    static func problems(_ outline: [OutlineSection], page: Page) -> [Diagnostic] {
        let present = Set(outline.map(\.title))
        let missing = sections.filter { !present.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [
            .warning(
                "the talk script lacks the section\(missing.count > 1 ? "s" : "") \(missing.map { "`## \($0)`" }.joined(separator: ", "))", file: page.displayPath, line: page.bodyLine,
                hint: "a talk script has five level-2 sections: \(sections.joined(separator: "、")); the page and its prep card are laid out from them")
        ]
    }
}

extension SiteRenderer {
    /// Where the printable view of a page goes: beside its `index.html`, so the page's relative
    /// links work unchanged.
    static func printPath(of page: Page, name: String) -> SitePath {
        SitePath((page.output.directory.map(String.init) + [name]).joined(separator: "/"))
    }

    static let cardFile = "card.html"
    static let paperFile = "paper.html"

    /// What every print view needs.
    func printFrame(output: SitePath, title: String, back: SitePath, backLabel: String, bodyClass: String) -> [String: Any] {
        [
            "lang": site.config.language,
            "siteTitle": site.config.title,
            "headTitle": "\(title) · \(site.config.title)",
            "title": title,
            "bodyClass": bodyClass,
            "stylesheetURL": output.relativeURL(to: SitePath("assets/style.css")),
            "faviconURL": output.relativeURL(to: SitePath("assets/favicon.svg")),
            "scriptURL": output.relativeURL(to: SitePath("assets/staybook.js")),
            "backURL": output.relativeURL(to: back),
            "backLabel": backLabel,
        ]
    }

    /// A talk script condensed to one A4 page: facts, checklist, each step with its first sample
    /// line, taboos and follow-up.
    func renderCard(_ index: Int) -> (OutputFile?, [Diagnostic]) {
        let page = site.pages[index]
        let output = Self.printPath(of: page, name: Self.cardFile)
        var context = printFrame(output: output, title: page.title, back: page.output, backLabel: strings["print.back_talk_script"], bodyClass: "kind-talk-script-card")
        context.merge(cardValues(page, output: output)) { _, new in new }
        context["idPrefix"] = ""
        return finish(output, template: "talk-script-card", context: context, diagnostics: [])
    }

    /// What the prep card of a talk script shows, its links resolved from `output`.
    func cardValues(_ page: Page, output: SitePath) -> [String: Any] {
        // The page itself reports the body's problems; the card renders the same Markdown again.
        var hooks = hooks(for: page, output: output)
        hooks.wantsOutline = true
        // The card shows lists, steps and quotes, never a chart: skip drawing them a second time.
        hooks.blocks = [:]
        let outline = markdown.render(page.body, file: page.displayPath, firstLine: page.bodyLine, hooks: hooks) { destination, _ in
            links.resolve(destination, from: page.source, publishedAt: output)
        }.outline
        func section(_ title: String) -> OutlineSection? { outline.first { $0.title == title } }
        func items(_ title: String) -> [[String: String]] { (section(title)?.itemsHTML ?? []).map { ["html": $0] } }
        var context: [String: Any] = ["title": page.title]
        let facts = Self.talkScriptFacts(page.frontMatter.talkScript ?? TalkScriptFields(), strings: strings)
        context["facts"] = facts
        context["hasFacts"] = !facts.isEmpty
        let prep = items(TalkScriptLayout.prep)
        context["prep"] = prep
        context["hasPrep"] = !prep.isEmpty
        let steps = (section(TalkScriptLayout.steps)?.subsections ?? []).map { step -> [String: Any] in
            [
                "title": step.title, "lead": step.leadHTML ?? "", "hasLead": step.leadHTML != nil,
                "quote": step.quotesHTML.first ?? "", "hasQuote": !step.quotesHTML.isEmpty,
            ]
        }
        context["steps"] = steps
        context["hasSteps"] = !steps.isEmpty
        let taboos = items(TalkScriptLayout.taboos)
        context["taboos"] = taboos
        context["hasTaboos"] = !taboos.isEmpty
        let followUp = items(TalkScriptLayout.followUp)
        context["followUp"] = followUp
        context["hasFollowUp"] = !followUp.isEmpty
        context["permalink"] = site.config.basePath + page.output.directory.joined(separator: "/") + "/"
        return context
    }

    /// The label–value facts of a talk script's front matter.
    static func talkScriptFacts(_ talk: TalkScriptFields, strings: ThemeStrings) -> [[String: String]] {
        [("trigger", talk.trigger), ("goal", talk.goal), ("lead", talk.lead), ("cadence_fact", talk.cadence), ("duration", talk.duration)]
            .map { (strings["talk.\($0.0)"], $0.1) }
            .compactMap { label, value in value.map { ["label": label, "value": $0] } }
    }

    /// The question bank as a paper to fill in, with the answer key on its own sheet.
    func renderPaper(_ index: Int) -> (OutputFile?, [Diagnostic]) {
        let page = site.pages[index]
        let output = Self.printPath(of: page, name: Self.paperFile)
        var context = printFrame(output: output, title: page.title, back: page.output, backLabel: strings["print.back_contest"], bodyClass: "kind-contest-paper")
        context["questionCount"] = page.frontMatter.questions.count
        // Same folder as the page: the inline HTML's relative links hold.
        context["questions"] = quizQuestions(page).questions
        return finish(output, template: "contest-paper", context: context, diagnostics: [])
    }

    /// The questions of a contest page, each part rendered as inline Markdown.
    func quizQuestions(_ page: Page, publishedAt output: SitePath? = nil) -> (questions: [[String: Any]], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let questions = page.frontMatter.questions.enumerated().map { number, question -> [String: Any] in
            func html(_ text: String) -> String {
                let (html, problems) = inline(text, in: page, line: question.line, publishedAt: output)
                diagnostics += problems
                return html
            }
            return [
                "number": number + 1,
                "stemHTML": html(question.question),
                "options": question.options.enumerated().map { ["letter": QuizQuestion.letter($0), "html": html($1)] },
                "answer": QuizQuestion.letter(question.answer),
                "explanationHTML": question.explanation.map(html) ?? "",
            ]
        }
        return (questions, diagnostics)
    }
}

extension SiteRenderer {
    /// Contest results as a ranked bar chart of total scores, with every round in the table, which
    /// is also written as `scores.csv` beside the contest's page.
    func leaderboard(_ results: ContestResults, output: SitePath) -> [String: Any] {
        let names = Dictionary(uniqueKeysWithValues: (dashboard?.teams ?? []).map { ($0.key, $0.name) })
        let totals = results.totals()
        let title = results.title ?? strings["contest.results"]
        let svg = Charts.responsive(wide: 560) { width in
            Charts.horizontalBars(
                ChartText(
                    title: strings.text("contest.chart_title", ["title": title]),
                    description: strings.text("contest.chart_description", ["rounds": "\(results.rounds.count)", "maxScore": Format.number(results.maxScore)]),
                    words: strings.chartWords),
                labels: totals.map { names[$0.team] ?? $0.team }, values: totals.map(\.total), format: .score(decimals: 1), width: width)
        }
        let table = ChartTable(
            columns: [strings["table.rank"], strings["table.team"]]
                + results.rounds.map { [$0.name, $0.date.map { Day($0).map(strings.day) ?? $0 }].compactMap { $0 }.joined(separator: " ") }
                + [strings["contest.total"]],
            rows: totals.enumerated().map { rank, entry in
                let team = names[entry.team] ?? entry.team
                let scores = results.rounds.map { round -> ChartTable.Cell in
                    round.scores.first { $0.team == entry.team }.map { ChartTable.Cell.number($0.score) } ?? ChartTable.Cell(shown: "—", value: "")
                }
                return ChartTable.Row(head: String(rank + 1), cells: [ChartTable.Cell(shown: team, value: team)] + scores + [.number(entry.total)])
            })
        let csv = ChartDownloads.path(dashboardPage: output, kind: "scores")
        embeds.downloads.add(table, at: csv)
        return [
            "title": title,
            "svg": svg,
            "csvURL": output.relativeURL(to: csv),
            "rounds": results.rounds.map { ["name": $0.name, "date": $0.date.map { Day($0).map(strings.day) ?? $0 } ?? "", "hasDate": $0.date != nil] },
            "maxScore": Format.number(results.maxScore),
            "rows": totals.enumerated().map { rank, entry -> [String: Any] in
                [
                    "rank": rank + 1, "team": names[entry.team] ?? entry.team, "total": Format.number(entry.total),
                    "scores": results.rounds.map { round in
                        round.scores.first { $0.team == entry.team }.map { Format.number($0.score) } ?? "—"
                    },
                ]
            },
        ]
    }
}

// MARK: - Overviews

extension SiteRenderer {
    /// The generated "before your one-on-one" page.
    static let oneOnOnePath = SitePath("one-on-one/index.html")

    /// The page is made when there are talk scripts and no content of the same path.
    static func hasOneOnOne(_ site: SiteMap) -> Bool {
        // By index: iterating the pages would copy each one.
        site.pages.indices.contains { site.pages[$0].kind == .talkScript } && !site.outputsBySource.values.contains(oneOnOnePath)
    }

    /// Talk scripts in life-cycle order: by stage (as listed in site.yml), then as their sections order them.
    var talkScripts: [Int] {
        let stages = site.config.stages
        return site.pages.indices.filter { site.pages[$0].kind == .talkScript }.sorted { a, b in
            let pa = site.pages[a], pb = site.pages[b]
            let sa = pa.frontMatter.stage.flatMap { stages.firstIndex(of: $0.value) } ?? stages.count
            let sb = pb.frontMatter.stage.flatMap { stages.firstIndex(of: $0.value) } ?? stages.count
            return (sa, pa.frontMatter.weight ?? Int.max, pa.title) < (sb, pb.frontMatter.weight ?? Int.max, pb.title)
        }
    }

    /// Every situation that calls for a one-on-one, its cadence and lead, with its script and prep
    /// card, and the teams where the data currently points to it.
    func renderOneOnOne() -> (OutputFile?, [Diagnostic]) {
        let output = Self.oneOnOnePath
        var context = views.frame(output: output, title: strings["nav.one_on_one"], bodyClass: "kind-one-on-one", section: nil, breadcrumbs: [site.root])
        context["hasPager"] = false
        context["scripts"] = talkScripts.map { index -> [String: Any] in
            let page = site.pages[index]
            let talk = page.frontMatter.talkScript ?? TalkScriptFields()
            // One line per rule, naming every team or area it holds for.
            var rules: [String] = []
            var subjects: [String: [[String: String]]] = [:]
            for finding in page.frontMatter.id.flatMap({ advice.byPlaybook[$0.value] }) ?? [] {
                let rule = finding.match.name
                if subjects[rule] == nil { rules.append(rule) }
                subjects[rule, default: []].append(["name": finding.subject, "url": output.relativeURL(to: finding.dashboard)])
            }
            let findings = rules.map { ["rule": $0, "subjects": subjects[$0]!] as [String: Any] }
            return [
                "title": page.title, "url": output.relativeURL(to: page.output),
                "cardURL": output.relativeURL(to: Self.printPath(of: page, name: Self.cardFile)),
                "trigger": talk.trigger ?? page.frontMatter.summary ?? "—", "cadence": talk.cadence ?? "—",
                "lead": talk.lead ?? "—", "duration": talk.duration ?? "—", "stage": page.frontMatter.stage?.value ?? "",
                "hasStage": page.frontMatter.stage != nil,
                "findings": findings, "hasFindings": !findings.isEmpty,
            ]
        }
        context["hasRules"] = !site.config.playbookRules.isEmpty && dashboard != nil
        if plan != nil { context["planURL"] = output.relativeURL(to: Self.planPath) }
        return finish(output, template: "one-on-one", context: context, diagnostics: [])
    }

    /// Care measures of a section grouped by category, with owner and cost, and filters.
    func careOverview(_ section: Section, from output: SitePath) -> [String: Any]? {
        let measures = section.pages.filter { site.pages[$0].kind == .careMeasure }
        guard !measures.isEmpty else { return nil }
        var order: [String] = []
        var groups: [String: [[String: Any]]] = [:]
        var owners: [String] = []
        for index in measures {
            let page = site.pages[index]
            let care = page.frontMatter.careMeasure ?? CareMeasureFields()
            let category = care.category ?? strings["care.other_category"]
            if groups[category] == nil { order.append(category) }
            if let owner = care.owner, !owners.contains(owner) { owners.append(owner) }
            groups[category, default: []].append([
                "title": page.title, "url": output.relativeURL(to: page.output), "summary": page.frontMatter.summary ?? "",
                "hasSummary": !(page.frontMatter.summary ?? "").isEmpty,
                "category": category, "owner": care.owner ?? "—", "cost": care.cost.map(strings.cost) ?? "—",
                "costClass": care.cost?.cssName ?? "none", "hasCost": care.cost != nil,
            ])
        }
        var ids = SlugDeduplicator()
        return [
            "count": measures.count,
            "categories": order.map { ["name": $0] },
            "owners": owners.map { ["name": $0] },
            "costs": CareMeasureFields.Cost.allCases.map { ["name": strings.cost($0)] },
            "groups": order.map { category in
                ["name": category, "id": ids.unique("care-" + Slug.make(category), fallback: "care-group"), "count": groups[category]!.count, "items": groups[category]!]
            },
        ]
    }
}

/// Forms (`kind: form`): the page shows the form with how to use it; `form.html` beside it is the
/// blank form on one A4 sheet. The lists of the snapshot format (leave reasons, tenure bands) come
/// from the format itself, so a printed form never has a list of its own.
extension SiteRenderer {
    static let formFile = "form.html"

    /// The groups of a form as the templates read them: each field with its blank lines or its
    /// boxes to tick.
    func formGroups(_ page: Page) -> [[String: Any]] {
        var ids = SlugDeduplicator()
        return page.frontMatter.formGroups.map { group -> [String: Any] in
            let fields = group.fields.map { field -> [String: Any] in
                let choices: [String]
                switch field.choices {
                case .list(let list)?: choices = list
                case .exitReasons?: choices = LeaveReason.allCases.map { strings["reason.\($0.rawValue)"] }
                case .tenureBands?: choices = TenureBucket.allCases.map { strings["tenure.\($0.key)"] }
                case nil: choices = []
                }
                return [
                    "label": field.label, "hasChoices": !choices.isEmpty, "choices": choices,
                    "isLong": choices.isEmpty && field.lines > 1, "isShort": choices.isEmpty && field.lines == 1,
                    "lines": Array(repeating: true, count: choices.isEmpty ? field.lines : 0),
                ]
            }
            return ["name": group.name, "id": ids.unique("form-" + Slug.make(group.name)), "fields": fields]
        }
    }

    /// The blank form on one A4 sheet.
    func renderForm(_ index: Int) -> (OutputFile?, [Diagnostic]) {
        let page = site.pages[index]
        let output = Self.printPath(of: page, name: Self.formFile)
        var context = printFrame(output: output, title: page.title, back: page.output, backLabel: page.title, bodyClass: "kind-form-sheet")
        context["groups"] = formGroups(page)
        if let summary = page.frontMatter.summary { context["summary"] = summary }
        context["permalink"] = site.config.basePath + page.output.directory.joined(separator: "/") + "/"
        return finish(output, template: "form-sheet", context: context, diagnostics: [])
    }
}
