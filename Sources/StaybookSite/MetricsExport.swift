import StaybookContent
import StaybookMetrics
import StaybookModel

/// `api/metrics.json`: the dashboards' numbers for other intranet tools, rates as fractions in full
/// double precision, keys sorted so the same snapshots always give the same bytes.
enum MetricsExport {
    static func json(_ dashboard: Dashboard) -> [UInt8] {
        func periods(_ series: ChurnSeries) -> JSONValue {
            var out: [String: JSONValue] = [:]
            for (period, figures) in series.months {
                out[period.description] = .sortedObject([
                    "average_headcount": .double(figures.averageHeadcount),
                    "leavers": .int(figures.leavers),
                    "churn": .double(figures.churn),
                    "voluntary_churn": .double(figures.voluntaryChurn),
                    "voluntary_leavers": .int(figures.voluntaryLeavers),
                    "headcount_end": .int(figures.headcountEnd),
                    "reasons": .sortedObject(
                        Dictionary(uniqueKeysWithValues: LeaveReason.allCases.map { ($0.rawValue, JSONValue.int(figures.reasons[$0] ?? 0)) })),
                    "tenure_at_exit": .sortedObject(
                        Dictionary(uniqueKeysWithValues: TenureBucket.allCases.map { bucket in
                            (bucket.key, JSONValue.int(figures.tenures.count { TenureBucket(days: $0) == bucket }))
                        })),
                    "early_leavers_30": .int(figures.earlyLeavers30),
                    "early_leavers_90": .int(figures.earlyLeavers90),
                    "hires": .int(figures.hires),
                ])
            }
            return .sortedObject(out)
        }
        func survival(_ curve: SurvivalCurve) -> JSONValue {
            .sortedObject([
                "d30": .double(curve.survival(at: 30)), "d90": .double(curve.survival(at: 90)), "d180": .double(curve.survival(at: 180)),
            ])
        }
        var areas: [String: JSONValue] = [:]
        for area in dashboard.areas {
            areas[area.key] = .sortedObject([
                "periods": periods(area), "trailing12_churn": .double(area.trailing12Churn), "target": .double(area.target),
                "survival": survival(area.survival), "teams": .list(dashboard.teams.filter { $0.area == area.key }.map { .string($0.key) }),
            ])
        }
        var teams: [String: JSONValue] = [:]
        for team in dashboard.teams {
            teams[team.key] = .sortedObject([
                "name": .string(team.name), "area": .string(team.area ?? ""), "periods": periods(team),
                "trailing12_churn": .double(team.trailing12Churn), "survival": survival(team.survival),
                "target": .double(team.target), "months_above_target": .int(team.monthsAboveTarget),
            ])
        }
        let root = JSONValue.sortedObject([
            "center": .sortedObject([
                "periods": periods(dashboard.center), "trailing12_churn": .double(dashboard.center.trailing12Churn),
                "survival": survival(dashboard.center.survival), "target": .double(dashboard.center.target),
            ]),
            "periods": .list(dashboard.periods.map { .string($0.description) }),
            "areas": .sortedObject(areas),
            "teams": .sortedObject(teams),
        ])
        var bytes = root.utf8()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
