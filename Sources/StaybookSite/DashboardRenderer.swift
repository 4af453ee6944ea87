import Foundation
import StaybookCharts
import StaybookMetrics
import StaybookModel
import StaybookRender

/// Dashboards: the center's home, a page per area and per team, the formulas page and
/// `api/metrics.json`. Only aggregates are written; no employee id ever reaches the output.
struct DashboardRenderer: Sendable {
    static let home = SitePath("dashboards/index.html")
    static let formulas = SitePath("dashboards/formulas/index.html")
    static let metricsJSON = SitePath("api/metrics.json")

    let dashboard: Dashboard
    let views: PageViews
    let theme: Theme
    let advice: PlaybookAdvice
    /// The one-on-one plan's counts per team, when there is a plan.
    let plan: PlanSummary?
    /// Where each chart's data table goes as CSV.
    let downloads: ChartDownloads

    /// Area name → its page; team id → its page.
    let areaPages: [String: SitePath]
    let teamPages: [String: SitePath]

    init(
        dashboard: Dashboard, views: PageViews, theme: Theme, advice: PlaybookAdvice, plan: PlanSummary? = nil,
        downloads: ChartDownloads = ChartDownloads()
    ) {
        self.plan = plan
        self.downloads = downloads
        self.dashboard = dashboard
        self.views = views
        self.theme = theme
        self.advice = advice
        areaPages = Self.areaPages(dashboard)
        teamPages = Self.teamPages(dashboard)
    }

    /// Team id → its page (ids are already URL-safe).
    static func teamPages(_ dashboard: Dashboard) -> [String: SitePath] {
        Dictionary(
            uniqueKeysWithValues: dashboard.teams.map { ($0.key, SitePath.page(folder: ["dashboards", "teams", Slug.make($0.key).isEmpty ? "team" : Slug.make($0.key)])) })
    }

    /// Area name → its page, slugs de-duplicated in the order of `dashboard.areas`.
    static func areaPages(_ dashboard: Dashboard) -> [String: SitePath] {
        var slugs = SlugDeduplicator()
        return Dictionary(
            uniqueKeysWithValues: dashboard.areas.map { ($0.key, SitePath.page(folder: ["dashboards", "areas", slugs.unique(Slug.make($0.key), fallback: "area")])) })
    }

    /// The sidebar entry: the dashboards' home, with the area pages and the formulas page under it.
    static func navigation(_ dashboard: Dashboard, strings: ThemeStrings) -> PageViews.DashboardNavigation {
        let areas = areaPages(dashboard)
        return PageViews.DashboardNavigation(
            home: home, pages: dashboard.areas.map { (title: $0.name, output: areas[$0.key]!) } + [(title: strings["dashboard.formulas"], output: formulas)])
    }

    /// Every dashboard file, rendered across cores; the export, the longest single job, goes first.
    /// - Parameter templateTime: where each job's time in the template engine is added.
    func render(templateTime: TemplateTime = TemplateTime()) -> [OutputFile] {
        let jobs: [Job] = [.metrics, .home, .formulas] + MetricsCSV.Level.allCases.map(Job.csv) + dashboard.areas.indices.map(Job.area) + dashboard.teams.indices.map(Job.team)
        return jobs.parallelMap { job -> OutputFile? in
            let templates = TemplateUsage()
            defer { templateTime.add(templates) }
            return TemplateUsage.$current.withValue(templates) { render(job) }
        }.compactMap { $0 }
    }

    private enum Job: Sendable {
        case metrics, home, formulas
        case csv(MetricsCSV.Level)
        case area(Int), team(Int)
    }

    private func render(_ job: Job) -> OutputFile? {
        switch job {
        case .metrics: OutputFile(path: Self.metricsJSON, contents: .bytes(MetricsExport.json(dashboard)))
        case .csv(let level): OutputFile(path: level.path, contents: .bytes(MetricsCSV.text(dashboard, level: level, strings: strings)))
        case .home: renderHome()
        case .formulas: renderFormulas()
        case .area(let index): renderSeriesPage(dashboard.areas[index], output: areaPages[dashboard.areas[index].key]!, isArea: true)
        case .team(let index): renderSeriesPage(dashboard.teams[index], output: teamPages[dashboard.teams[index].key]!, isArea: false)
        }
    }

    // MARK: - Pages

    private func frame(_ output: SitePath, title: String, crumbs: [(String, SitePath)]) -> [String: Any] {
        var context = views.frame(output: output, title: title, bodyClass: "kind-dashboard", section: nil)
        context["breadcrumbs"] = crumbs.map { ["title": $0.0, "url": output.relativeURL(to: $0.1)] }
        context["hasBreadcrumbs"] = true
        context["hasPager"] = false
        return context
    }

    func renderHome() -> OutputFile? {
        let output = Self.home
        let center = dashboard.center
        var context = frame(output, title: strings["nav.dashboards"], crumbs: [(strings["nav.home"], views.site.root.output)])
        context["headline"] = headline(center)
        context["latestPeriod"] = center.latest.map { strings.month($0.period) } ?? ""
        context["churnChart"] = churnChart(center)
        context["churnTable"] = monthTable(center)
        context["churnCSV"] = download(charts.churnTable(center), kind: "churn", page: output)
        let yMax = max(0.05, dashboard.teams.flatMap { $0.months.compactMap(\.figures.churn) }.max() ?? 0)
        context["teams"] = dashboard.teams.map { team -> [String: Any] in
            [
                "name": team.name, "area": team.area ?? "", "url": output.relativeURL(to: teamPages[team.key]!),
                "sparkline": Charts.sparkline(
                    ChartText(
                        title: strings.text("chart.churn_title", ["name": team.name]),
                        description: strings.text("chart.sparkline_description", ["name": team.name]), words: strings.chartWords),
                    values: dashboard.periods.map { team.figures(in: $0)?.churn }, yMax: yMax, target: team.target),
                "latestChurn": Format.percent(team.latest?.figures.churn),
                "trailing": Format.percent(team.trailing12Churn),
                "target": Format.percent(team.target),
                "aboveTarget": (team.latest?.figures.churn ?? 0) > (team.target ?? .infinity),
                "monthsAbove": team.monthsAboveTarget,
            ]
        }
        let ranked = dashboard.teams.sorted { ($0.trailing12Churn ?? -1, $1.key) > ($1.trailing12Churn ?? -1, $0.key) }
        context["ranking"] = ranked.enumerated().map { rank, team -> [String: Any] in
            [
                "rank": rank + 1, "name": team.name, "area": team.area ?? "", "url": output.relativeURL(to: teamPages[team.key]!),
                "trailing": Format.percent(team.trailing12Churn), "latest": Format.percent(team.latest?.figures.churn),
                "target": Format.percent(team.target), "monthsAbove": team.monthsAboveTarget,
                // The target is monthly: a row is flagged while its latest months run above it.
                "aboveTarget": team.monthsAboveTarget > 0,
            ]
        }
        context["areas"] = dashboard.areas.map { area -> [String: Any] in
            [
                "name": area.name, "url": output.relativeURL(to: areaPages[area.key]!),
                "latest": Format.percent(area.latest?.figures.churn), "trailing": Format.percent(area.trailing12Churn),
                "headcount": area.latest?.figures.headcountEnd ?? 0,
                "teamCount": dashboard.teams.count { $0.area == area.key },
            ]
        }
        context["survival"] = survivalValues(center)
        context["downloads"] = MetricsCSV.Level.allCases.map {
            ["url": output.relativeURL(to: $0.path), "isCenter": $0 == .center, "isAreas": $0 == .areas, "isTeams": $0 == .teams] as [String: Any]
        }
        context["survivalChart"] = survivalChart(center)
        context["survivalTable"] = table(charts.survivalTable(center), kind: "survival", label: strings.text("chart.survival_table_label", ["name": center.name]), page: output)
        addAdvice(&context, key: "center", output: output)
        context["formulasURL"] = output.relativeURL(to: Self.formulas)
        context["metricsURL"] = output.relativeURL(to: Self.metricsJSON)
        let gaps = gapText()
        context["gaps"] = gaps
        context["hasGaps"] = !gaps.isEmpty
        return finish(output, "dashboard", context)
    }

    func renderSeriesPage(_ series: ChurnSeries, output: SitePath, isArea: Bool) -> OutputFile? {
        var crumbs: [(String, SitePath)] = [(strings["nav.home"], views.site.root.output), (strings["nav.dashboards"], Self.home)]
        if !isArea, let area = series.area, let areaPage = areaPages[area] { crumbs.append((area, areaPage)) }
        var context = frame(output, title: series.name, crumbs: crumbs)
        context["isArea"] = isArea
        context["area"] = series.area ?? ""
        context["headline"] = headline(series)
        context["latestPeriod"] = series.latest.map { strings.month($0.period) } ?? ""
        context["churnChart"] = churnChart(series)
        context["churnTable"] = monthTable(series)
        context["churnCSV"] = download(charts.churnTable(series), kind: "churn", page: output)
        context["flowChart"] = charts.flow(series)
        context["flowTable"] = table(charts.flowTable(series), kind: "flow", label: strings.text("chart.flow_title", ["name": series.name]), page: output)
        let reasons = charts.reasons(series)
        context["reasonsChart"] = reasons.svg
        context["reasons"] = reasons.rows.map { ["label": $0.label, "count": $0.count, "share": $0.share] }
        context["reasonsCSV"] = download(charts.reasonsTable(series), kind: "reasons", page: output)
        let tenures = charts.tenure(series)
        context["tenureChart"] = tenures.svg
        context["tenures"] = tenures.rows.map { ["label": $0.label, "count": $0.count] }
        context["tenureCSV"] = download(charts.tenureTable(series), kind: "tenure", page: output)
        context["survival"] = survivalValues(series)
        context["survivalChart"] = survivalChart(series)
        context["survivalTable"] = table(
            charts.survivalTable(series), kind: "survival", label: strings.text("chart.survival_table_label", ["name": series.name]), page: output)
        context["renames"] = series.renames.map { ["period": strings.month($0.period), "from": $0.from, "to": $0.to] }
        context["hasRenames"] = !series.renames.isEmpty
        if isArea {
            context["teams"] = dashboard.teams.filter { $0.area == series.key }.map { team in
                ["name": team.name, "url": output.relativeURL(to: teamPages[team.key]!), "latest": Format.percent(team.latest?.figures.churn),
                 "trailing": Format.percent(team.trailing12Churn)]
            }
        }
        addAdvice(&context, key: isArea ? PlaybookAdvice.key(area: series.key) : PlaybookAdvice.key(team: series.key), output: output)
        if !isArea, let plan, let team = plan.teams[series.key] {
            var values: [String: Any] = [
                "due": team.due, "overdue": team.overdue, "hasOverdue": team.overdue > 0, "today": strings.day(plan.today),
                "reasons": team.reasons.map { ["label": $0.label, "count": $0.count] }, "hasReasons": !team.reasons.isEmpty,
                "planURL": output.relativeURL(to: SiteRenderer.planPath),
            ]
            if plan.showAgents { values["listURL"] = output.relativeURL(to: SiteRenderer.planTeamPath(series.key)) }
            context["plan"] = values
        }
        context["formulasURL"] = output.relativeURL(to: Self.formulas)
        return finish(output, "dashboard-detail", context)
    }

    func renderFormulas() -> OutputFile? {
        var context = frame(Self.formulas, title: strings["dashboard.formulas"], crumbs: [(strings["nav.home"], views.site.root.output), (strings["nav.dashboards"], Self.home)])
        context["metricsURL"] = Self.formulas.relativeURL(to: Self.metricsJSON)
        return finish(Self.formulas, "dashboard-formulas", context)
    }

    // MARK: - Pieces

    /// "Playbooks to use now", from the rules of site.yml.
    func addAdvice(_ context: inout [String: Any], key: String, output: SitePath) {
        let recommendations = advice.recommendations(for: key, from: output)
        context["advice"] = recommendations
        context["hasAdvice"] = !recommendations.isEmpty
        context["hasRules"] = !views.site.config.playbookRules.isEmpty
    }

    func headline(_ series: ChurnSeries) -> [String: Any] {
        let latest = series.latest?.figures
        return [
            "churn": Format.percent(latest?.churn), "target": Format.percent(series.target),
            "aboveTarget": (latest?.churn ?? 0) > (series.target ?? .infinity),
            // Only a figure compared with a target wears a status colour.
            "hasTarget": series.target != nil && latest?.churn != nil,
            "trailing": Format.percent(series.trailing12Churn),
            "voluntary": Format.percent(latest?.voluntaryChurn),
            "leavers": latest?.leavers ?? 0, "hires": latest?.hires ?? 0,
            "early30": latest?.earlyLeavers30 ?? 0, "headcount": latest?.headcountEnd ?? 0,
            "monthsAbove": series.monthsAboveTarget, "hasMonthsAbove": series.monthsAboveTarget > 0,
        ]
    }

    var charts: SeriesCharts { SeriesCharts(periods: dashboard.periods, strings: strings) }

    /// The theme's words in the site's language.
    var strings: ThemeStrings { theme.strings }

    /// A chart's table for the `chart-table` partial, its CSV registered beside `page`.
    func table(_ table: ChartTable, kind: String, label: String, page: SitePath) -> [String: Any] {
        table.context(label: label, csvURL: download(table, kind: kind, page: page))
    }

    /// Registers a chart's table as a CSV beside `page` and returns the link to it from there.
    func download(_ table: ChartTable, kind: String, page: SitePath) -> String {
        let path = ChartDownloads.path(dashboardPage: page, kind: kind)
        downloads.add(table, at: path)
        return page.relativeURL(to: path)
    }

    func churnChart(_ series: ChurnSeries) -> String { charts.churn(series) }

    func monthTable(_ series: ChurnSeries) -> [[String: Any]] { charts.monthTable(series) }

    func survivalValues(_ series: ChurnSeries) -> [String: Any] {
        [
            "d30": Format.percent(series.survival.survival(at: 30)), "d90": Format.percent(series.survival.survival(at: 90)),
            "d180": Format.percent(series.survival.survival(at: 180)), "cohort": series.survival.cohort,
        ]
    }

    func survivalChart(_ series: ChurnSeries) -> String { charts.survival(series) }

    func gapText() -> String {
        let present = Set(dashboard.center.months.map(\.period))
        let missing = dashboard.periods.filter { !present.contains($0) }.map(strings.month)
        return missing.isEmpty ? "" : missing.joined(separator: strings["format.list_separator"])
    }

    private func finish(_ output: SitePath, _ template: String, _ context: [String: Any]) -> OutputFile? {
        theme.render(template, context).map { .text(output, $0) }
    }
}

/// Number formatting for tables and headlines.
enum Format {
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return oneDecimal(value * 100) + "%"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : oneDecimal(value)
    }

    /// `String(format: "%.1f", value)`, which rounds the value's exact binary expansion, half to
    /// even. Away from a half, rounding `value × 10` gives the same tenth, so Foundation's
    /// formatter (a dashboard of 1,000 teams writes hundreds of thousands of figures) is asked
    /// only near a half or for huge values.
    static func oneDecimal(_ value: Double) -> String {
        let scaled = value * 10
        guard value.isFinite, abs(scaled) < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-4 else {
            return String(format: "%.1f", value)
        }
        let tenths = Int(abs(scaled).rounded())
        return (value.sign == .minus ? "-" : "") + String(tenths / 10) + "." + String(tenths % 10)
    }
}
