import StaybookCharts
import StaybookMetrics
import StaybookModel

/// The charts of one team, area or the center over a run of months: what the dashboards show and
/// what a ```` ```chart ```` block in a playbook embeds, from the same code.
struct SeriesCharts: Sendable {
    /// The months on the x axis, gaps included.
    let periods: [Period]
    /// Replaces the generated title of the next chart.
    var title: String?

    init(periods: [Period], title: String? = nil) {
        self.periods = periods
        self.title = title
    }

    private func text(_ title: String, _ description: String) -> ChartText {
        ChartText(title: self.title ?? title, description: description)
    }

    func churn(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.line(
            text("\(series.name) 月流失率", "每月离职人数除以月平均人数；虚线为目标 \(Format.percent(series.target))，空缺表示该月没有数据"),
            categories: periods.map(\.description),
            series: [
                Series(name: "流失率", values: periods.map { series.figures(in: $0)?.churn }, dashed: false),
                Series(name: "主动流失", values: periods.map { series.figures(in: $0)?.voluntaryChurn }, dashed: true),
            ], target: series.target, format: .percent(decimals: 1), width: width) }
    }

    func headcount(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.line(
            text("\(series.name) 月末人数", "每月月末在职人数，空缺表示该月没有数据"),
            categories: periods.map(\.description),
            series: [Series(name: "月末人数", values: periods.map { series.figures(in: $0).map { Double($0.headcountEnd) } }, dashed: false)],
            format: .integer, width: width) }
    }

    func flow(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.bars(
            text("\(series.name) 每月入职与离职", "每月新入职人数与离职人数"),
            categories: periods.map(\.description),
            series: [
                Series(name: "入职", values: periods.map { series.figures(in: $0).map { Double($0.hires) } }, dashed: false),
                Series(name: "离职", values: periods.map { series.figures(in: $0).map { Double($0.leavers) } }, dashed: false),
            ], format: .integer, width: width) }
    }

    /// The figures of the latest `window` snapshots of the series, summed.
    func recent(_ series: ChurnSeries, window: Int) -> MonthFigures {
        let first = periods.first
        return series.months.filter { first == nil || $0.period >= first! }.suffix(window).reduce(MonthFigures()) { $0 + $1.figures }
    }

    func reasons(_ series: ChurnSeries, window: Int = 12) -> (svg: String, rows: [(label: String, count: Int, share: String)]) {
        let recent = recent(series, window: window)
        let counts = LeaveReason.allCases.map { ($0.label, recent.reasons[$0] ?? 0) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        let svg = Charts.responsive(wide: 400) { width in
            Charts.horizontalBars(
                text("\(series.name) 近 \(window) 个月离职原因", "按离职原因统计的人数"),
                labels: counts.map(\.0), values: counts.map { Double($0.1) }, format: .integer, width: width)
        }
        let rows = counts.map { (label: $0.0, count: $0.1, share: Format.percent(recent.leavers > 0 ? Double($0.1) / Double(recent.leavers) : nil)) }
        return (svg, rows)
    }

    func tenure(_ series: ChurnSeries, window: Int = 12) -> (svg: String, rows: [(label: String, count: Int)]) {
        let recent = recent(series, window: window)
        let buckets = TenureBucket.allCases.map { bucket in (label: bucket.label, count: recent.tenures.count { TenureBucket(days: $0) == bucket }) }
        let svg = Charts.responsive(wide: 400) { width in
            Charts.horizontalBars(
                text("\(series.name) 近 \(window) 个月离职时的司龄", "离职人员入职到离职的天数分布"),
                labels: buckets.map(\.label), values: buckets.map { Double($0.count) }, format: .integer, width: width)
        }
        return (svg, buckets)
    }

    func survival(_ series: ChurnSeries) -> String {
        Charts.responsive { width in Charts.step(
            text("\(series.name) 新员工留存曲线", "Kaplan–Meier 估计：入职后第 N 天仍在职的比例，共 \(series.survival.cohort) 名新员工"),
            points: series.survival.steps.map { (x: Double($0.day), y: $0.survival) }
                + [(x: Double(series.survival.horizon), y: series.survival.steps.last?.survival ?? 1)],
            markers: [30, 90, 180].filter { $0 <= Double(series.survival.horizon) }, width: width) }
    }

    /// The month table under a churn chart, newest first.
    func monthTable(_ series: ChurnSeries) -> [[String: Any]] {
        periods.reversed().map { period -> [String: Any] in
            guard let figures = series.figures(in: period) else {
                return ["period": period.description, "missing": true]
            }
            return [
                "period": period.description, "missing": false,
                "average": Format.number(figures.averageHeadcount), "hires": figures.hires, "leavers": figures.leavers,
                "churn": Format.percent(figures.churn), "voluntary": Format.percent(figures.voluntaryChurn),
                "early30": figures.earlyLeavers30, "early90": figures.earlyLeavers90, "headcount": figures.headcountEnd,
            ]
        }
    }

    // MARK: - Data tables (shown under a chart and downloaded as CSV)

    /// Month rows, newest first; a month without a snapshot is a missing row.
    private func months(_ series: ChurnSeries, _ cells: (MonthFigures) -> [ChartTable.Cell]) -> [ChartTable.Row] {
        periods.reversed().map { period in ChartTable.Row(head: period.description, cells: series.figures(in: period).map(cells)) }
    }

    /// The table of the churn chart (and of the dashboards' month table).
    func churnTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(
            columns: ["月份", "平均人数", "入职", "离职", "流失率", "主动流失率", "30 天内离职", "90 天内离职"],
            rows: months(series) { f in
                [.number(f.averageHeadcount), .count(f.hires), .count(f.leavers), .rate(f.churn), .rate(f.voluntaryChurn), .count(f.earlyLeavers30), .count(f.earlyLeavers90)]
            })
    }

    func headcountTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(columns: ["月份", "月末人数", "入职", "离职"], rows: months(series) { f in [.count(f.headcountEnd), .count(f.hires), .count(f.leavers)] })
    }

    func flowTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(columns: ["月份", "入职", "离职"], rows: months(series) { f in [.count(f.hires), .count(f.leavers)] })
    }

    func reasonsTable(_ series: ChurnSeries, window: Int = 12) -> ChartTable {
        let recent = recent(series, window: window)
        return ChartTable(
            columns: ["原因", "人数", "占比"],
            rows: reasons(series, window: window).rows.map { row in
                ChartTable.Row(
                    head: row.label,
                    cells: [.count(row.count), .rate(recent.leavers > 0 ? Double(row.count) / Double(recent.leavers) : nil)])
            })
    }

    func tenureTable(_ series: ChurnSeries, window: Int = 12) -> ChartTable {
        ChartTable(columns: ["离职时司龄", "人数"], rows: tenure(series, window: window).rows.map { ChartTable.Row(head: $0.label, cells: [.count($0.count)]) })
    }

    func survivalTable(_ series: ChurnSeries) -> ChartTable {
        ChartTable(
            columns: ["入职后", "仍在职比例"],
            rows: [30, 90, 180].map { ChartTable.Row(head: "\($0) 天", cells: [.rate(series.survival.survival(at: $0))]) })
    }
}
