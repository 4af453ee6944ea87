import StaybookMetrics
import StaybookModel
import StaybookRender

/// Where the numbers point to playbooks: the rules of `site.yml` evaluated once on every team,
/// area and the center, read from both sides — a dashboard lists the playbooks to use now, a
/// playbook lists the teams it is needed in.
struct PlaybookAdvice: Sendable {
    /// One rule that holds for one team, area or the center.
    struct Finding: Sendable {
        var subject: String
        /// 班组, 片区 or 全中心.
        var subjectKind: String
        var dashboard: SitePath
        var match: RuleMatch
    }

    /// `team:<id>`, `area:<name>` or `center` → the rules that hold there, in rule order.
    let bySeries: [String: [RuleMatch]]
    /// Playbook id → where a rule points to it, teams first.
    let byPlaybook: [String: [Finding]]
    /// Playbook id → its page.
    let pages: [String: Page]
    /// The playbooks some rule names: their pages show findings whenever the numbers hold any.
    let ruled: Set<String>
    /// The theme's words (kinds of playbook and of subject).
    let strings: ThemeStrings

    init(site: SiteMap, dashboard: Dashboard?, rules: [PlaybookRule], strings: ThemeStrings) {
        self.strings = strings
        ruled = Set(rules.flatMap { $0.playbooks.map(\.value) })
        var pages: [String: Page] = [:]
        for page in site.pages {
            if let id = page.frontMatter.id?.value { pages[id] = page }
        }
        self.pages = pages
        guard let dashboard, !dashboard.isEmpty, !rules.isEmpty else {
            bySeries = [:]
            byPlaybook = [:]
            return
        }
        let teamPages = DashboardRenderer.teamPages(dashboard)
        let areaPages = DashboardRenderer.areaPages(dashboard)
        var subjects: [(key: String, kind: String, series: ChurnSeries, page: SitePath)] = []
        subjects += dashboard.teams.map { ("team:" + $0.key, strings["advice.team"], $0, teamPages[$0.key]!) }
        subjects += dashboard.areas.map { ("area:" + $0.key, strings["advice.area"], $0, areaPages[$0.key]!) }
        subjects.append(("center", strings["advice.center"], dashboard.center, DashboardRenderer.home))
        var bySeries: [String: [RuleMatch]] = [:]
        var byPlaybook: [String: [Finding]] = [:]
        for subject in subjects {
            let matches = RuleEngine.evaluate(rules, on: subject.series, periods: dashboard.periods, words: strings.ruleWords)
            bySeries[subject.key] = matches
            for match in matches {
                for id in match.playbooks {
                    byPlaybook[id, default: []].append(
                        Finding(subject: subject.series.name, subjectKind: subject.kind, dashboard: subject.page, match: match))
                }
            }
        }
        self.bySeries = bySeries
        self.byPlaybook = byPlaybook
    }

    static func key(team id: String) -> String { "team:" + id }
    static func key(area name: String) -> String { "area:" + name }

    /// "Playbooks to use now" for a dashboard page at `output`.
    func recommendations(for key: String, from output: SitePath) -> [[String: Any]] {
        (bySeries[key] ?? []).map { match in
            [
                "rule": match.name, "evidence": match.evidence,
                "playbooks": match.playbooks.compactMap { id in
                    pages[id].map { ["title": $0.title, "kind": strings.kind($0.kind), "url": output.relativeURL(to: $0.output)] }
                },
            ]
        }
    }

    /// The teams, areas and center a rule currently points to the playbook `id` for.
    func findings(for id: String, from output: SitePath) -> [[String: Any]] {
        if ruled.contains(id) { JobUsage.current?.usesData = true }
        return (byPlaybook[id] ?? []).map { finding in
            [
                "subject": finding.subject, "subjectKind": finding.subjectKind, "url": output.relativeURL(to: finding.dashboard),
                "rule": finding.match.name, "evidence": finding.match.evidence,
            ]
        }
    }
}

extension ThemeStrings {
    /// The words of a rule's evidence (`advice_evidence.*`, metric names `rule_metric.*`).
    var ruleWords: RuleWords {
        let strings = self
        return RuleWords(
            metricName: { strings["rule_metric.\($0.rawValue)"] }, month: { strings.month($0) }, range: self["advice_evidence.range"],
            rate: self["advice_evidence.rate"], countOverWindow: self["advice_evidence.count_over_window"],
            countInMonth: self["advice_evidence.count_in_month"], earlyShareOverWindow: self["advice_evidence.early_share_over_window"],
            earlyShareInMonth: self["advice_evidence.early_share_in_month"], target: self["advice_evidence.target"],
            threshold: self["advice_evidence.threshold"], thresholdCount: self["advice_evidence.threshold_count"],
            readingSeparator: self["advice_evidence.reading_separator"], sentenceSeparator: self["advice_evidence.sentence_separator"],
            limitSeparator: self["advice_evidence.limit_separator"])
    }
}
