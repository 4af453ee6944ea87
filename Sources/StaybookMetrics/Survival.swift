import StaybookModel

/// A Kaplan–Meier estimate of how long new hires stay.
///
/// S(t) = ∏_{tᵢ ≤ t} (1 − dᵢ / nᵢ), over the distinct days tᵢ on which someone left, with dᵢ the
/// number who left that day and nᵢ the number still employed and observed at tᵢ (time ≥ tᵢ).
/// People still employed are censored at the end of the latest snapshot; at a tie, leaving counts
/// before censoring.
public struct SurvivalCurve: Sendable, Hashable {
    /// The curve's steps: (day, S just after that day), starting at (0, 1).
    public let steps: [(day: Int, survival: Double)]
    /// The longest time observed (left or censored); the curve says nothing beyond it.
    public let horizon: Int
    /// Hires in the cohort.
    public let cohort: Int
    public let events: Int

    public static func == (a: SurvivalCurve, b: SurvivalCurve) -> Bool {
        a.horizon == b.horizon && a.cohort == b.cohort && a.steps.map(\.day) == b.steps.map(\.day)
            && a.steps.map(\.survival) == b.steps.map(\.survival)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(horizon)
        hasher.combine(cohort)
    }

    /// - Parameter observations: for each hire, the days observed and whether they left (event)
    ///   or were still employed (censored).
    public init(_ observations: [(days: Int, left: Bool)]) {
        cohort = observations.count
        events = observations.count { $0.left }
        horizon = observations.map(\.days).max() ?? 0
        let sorted = observations.sorted { ($0.days, $0.left ? 0 : 1) < ($1.days, $1.left ? 0 : 1) }
        var steps: [(day: Int, survival: Double)] = [(0, 1)]
        var survival = 1.0
        var index = 0
        while index < sorted.count {
            let day = sorted[index].days
            let atRisk = sorted.count - index
            var leaving = 0
            var next = index
            while next < sorted.count, sorted[next].days == day {
                if sorted[next].left { leaving += 1 }
                next += 1
            }
            if leaving > 0 {
                survival *= 1 - Double(leaving) / Double(atRisk)
                if day == 0 { steps[0].survival = survival } else { steps.append((day, survival)) }
            }
            index = next
        }
        self.steps = steps
    }

    /// S(day); `nil` for an empty cohort or a day beyond what was observed.
    public func survival(at day: Int) -> Double? {
        guard cohort > 0, day <= horizon else { return nil }
        return steps.last { $0.day <= day }?.survival ?? 1
    }
}
