import StaybookCharts
import StaybookMetrics
import StaybookModel
import StaybookRender

/// The charts of one team, area or the center over a run of months: what the dashboards show and
/// what a ```` ```chart ```` block in a playbook embeds, from the same code.
struct SeriesCharts: Sendable {
    /// The months on the x axis, gaps included.
    let periods: [Period]
    /// Replaces the generated title of the next chart.
    var title: String?
    /// The words and month names of the charts.
    let strings: ThemeStrings

    init(periods: [Period], title: String? = nil, strings: ThemeStrings) {
        self.periods = periods
        self.title = title
        self.strings = strings
    }

    private var categories: [String] { periods.map(strings.month) }

    private func text(_ title: String, _ description: String) -> ChartText {
        ChartText(title: self.title ?? title, description: description, words: strings.chartWords)
    }

    func churn(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.line(
            text(
                strings.text("chart.churn_title", ["name": series.name]),
                strings.text("chart.churn_description", ["target": Format.percent(series.target)])),
            categories: categories,
            series: [
                Series(name: strings["chart.churn"], values: periods.map { series.figures(in: $0)?.churn }, dashed: false),
                Series(name: strings["chart.voluntary"], values: periods.map { series.figures(in: $0)?.voluntaryChurn }, dashed: true),
            ], target: series.target, format: .percent(decimals: 1), width: width) }
    }

    func headcount(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.line(
            text(strings.text("chart.headcount_title", ["name": series.name]), strings["chart.headcount_description"]),
            categories: categories,
            series: [Series(name: strings["chart.headcount"], values: periods.map { series.figures(in: $0).map { Double($0.headcountEnd) } }, dashed: false)],
            format: .integer, width: width) }
    }

    func flow(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.bars(
            text(strings.text("chart.flow_title", ["name": series.name]), strings["chart.flow_description"]),
            categories: categories,
            series: [
                Series(name: strings["chart.hires"], values: periods.map { series.figures(in: $0).map { Double($0.hires) } }, dashed: false),
                Series(name: strings["chart.leavers"], values: periods.map { series.figures(in: $0).map { Double($0.leavers) } }, dashed: false),
            ], format: .integer, width: width) }
    }

    /// The figures of the latest `window` snapshots of the series, summed.
    func recent(_ series: ChurnSeries, window: Int) -> MonthFigures {
        let first = periods.first
        return series.months.filter { first == nil || $0.period >= first! }.suffix(window).reduce(MonthFigures()) { $0 + $1.figures }
    }

    /// The reasons given by the leavers of the latest `window` snapshots, most given first, and
    /// how many left then.
    private func reasonCounts(_ series: ChurnSeries, window: Int) -> (counts: [(String, Int)], leavers: Int) {
        let recent = recent(series, window: window)
        let counts = LeaveReason.allCases.map { (strings["reason.\($0.rawValue)"], recent.reasons[$0] ?? 0) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        return (counts, recent.leavers)
    }

    /// How many of the leavers of the latest `window` snapshots left in each tenure bucket.
    private func tenureCounts(_ series: ChurnSeries, window: Int) -> [(label: String, count: Int)] {
        let recent = recent(series, window: window)
        return TenureBucket.allCases.map { bucket in (label: strings["tenure.\(bucket.key)"], count: recent.tenures.count { TenureBucket(days: $0) == bucket }) }
    }

    func reasons(_ series: ChurnSeries, window: Int = 12) -> (svg: String, rows: [(label: String, count: Int, share: String)]) {
        let (counts, leavers) = reasonCounts(series, window: window)
        let svg = Charts.responsive(wide: 400) { width in
            Charts.horizontalBars(
                text(strings.text("chart.reasons_title", ["name": series.name, "months": "\(window)"]), strings["chart.reasons_description"]),
                labels: counts.map(\.0), values: counts.map { Double($0.1) }, format: .integer, width: width)
        }
        let rows = counts.map { (label: $0.0, count: $0.1, share: Format.percent(leavers > 0 ? Double($0.1) / Double(leavers) : nil)) }
        return (svg, rows)
    }

    func tenure(_ series: ChurnSeries, window: Int = 12) -> (svg: String, rows: [(label: String, count: Int)]) {
        let buckets = tenureCounts(series, window: window)
        let svg = Charts.responsive(wide: 400) { width in
            Charts.horizontalBars(
                text(strings.text("chart.tenure_title", ["name": series.name, "months": "\(window)"]), strings["chart.tenure_description"]),
                labels: buckets.map(\.label), values: buckets.map { Double($0.count) }, format: .integer, width: width)
        }
        return (svg, buckets)
    }

    func survival(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.step(
            text(
                strings.text("chart.survival_title", ["name": series.name]),
                strings.text("chart.survival_description", ["cohort": "\(series.survival.cohort)"])),
            points: series.survival.steps.map { (x: Double($0.day), y: $0.survival) }
                + [(x: Double(series.survival.horizon), y: series.survival.steps.last?.survival ?? 1)],
            markers: [30, 90, 180].filter { $0 <= Double(series.survival.horizon) }, width: width) }
    }

    /// The month table under a churn chart, newest first.
    func monthTable(_ series: ChurnSeries) -> [[String: Any]] {
        periods.reversed().map { period -> [String: Any] in
            guard let figures = series.figures(in: period) else {
                return ["period": strings.month(period), "missing": true]
            }
            return [
                "period": strings.month(period), "missing": false,
                "average": Format.number(figures.averageHeadcount), "hires": figures.hires, "leavers": figures.leavers,
                "churn": Format.percent(figures.churn), "voluntary": Format.percent(figures.voluntaryChurn),
                "early30": figures.earlyLeavers30, "early90": figures.earlyLeavers90, "headcount": figures.headcountEnd,
            ]
        }
    }

    // MARK: - Data tables (shown under a chart and downloaded as CSV)

    /// Month rows, newest first; a month without a snapshot is a missing row.
    private func months(_ series: ChurnSeries, _ cells: (MonthFigures) -> [ChartTable.Cell]) -> [ChartTable.Row] {
        periods.reversed().map { period in ChartTable.Row(head: strings.month(period), cells: series.figures(in: period).map(cells)) }
    }

    /// The table of the churn chart (and of the dashboards' month table).
    func churnTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(
            columns: ["table.month", "table.average_headcount", "table.hires", "table.leavers", "table.churn", "table.voluntary_churn", "table.early_30", "table.early_90"].map { strings[$0] },
            rows: months(series) { f in
                [.number(f.averageHeadcount), .count(f.hires), .count(f.leavers), .rate(f.churn), .rate(f.voluntaryChurn), .count(f.earlyLeavers30), .count(f.earlyLeavers90)]
            })
    }

    func headcountTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(columns: ["table.month", "table.headcount_end_short", "table.hires", "table.leavers"].map { strings[$0] }, rows: months(series) { f in [.count(f.headcountEnd), .count(f.hires), .count(f.leavers)] })
    }

    func flowTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(columns: ["table.month", "table.hires", "table.leavers"].map { strings[$0] }, rows: months(series) { f in [.count(f.hires), .count(f.leavers)] })
    }

    func reasonsTable(_ series: ChurnSeries, window: Int = 12) -> ChartTable {
        let (counts, leavers) = reasonCounts(series, window: window)
        return ChartTable(
            columns: ["table.reason", "table.people", "table.share"].map { strings[$0] },
            rows: counts.map { label, count in
                ChartTable.Row(head: label, cells: [.count(count), .rate(leavers > 0 ? Double(count) / Double(leavers) : nil)])
            })
    }

    func tenureTable(_ series: ChurnSeries, window: Int = 12) -> ChartTable {
        ChartTable(columns: ["table.tenure_at_leaving", "table.people"].map { strings[$0] }, rows: tenureCounts(series, window: window).map { ChartTable.Row(head: $0.label, cells: [.count($0.count)]) })
    }

    func survivalTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(
            columns: ["table.after_joining", "table.still_employed"].map { strings[$0] },
            rows: [30, 90, 180].map { ChartTable.Row(head: strings.text("table.days", ["days": "\($0)"]), cells: [.rate(series.survival.survival(at: $0))]) })
    }
}

extension ThemeStrings {
    /// The words charts write themselves (`chart.target` …).
    var chartWords: ChartWords {
        ChartWords(
            target: self["chart.target"], latestAndHighest: self["chart.latest_and_highest"], latest: self["chart.latest"],
            days: self["chart.days"], daysAxis: self["chart.days_axis"], noData: self["chart.no_data"],
            sentenceEnd: self["chart.sentence_end"], listIntro: self["chart.list_intro"], clauseSeparator: self["chart.clause_separator"],
            listSeparator: self["chart.list_separator"])
    }
}
