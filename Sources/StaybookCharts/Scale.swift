import Foundation

/// A linear map from a value domain to a pixel range.
struct LinearScale: Sendable {
    /// The values at the two ends.
    let domain: (from: Double, to: Double)
    /// The pixels at the two ends; `to` may be smaller than `from` (y grows downwards).
    let range: (from: Double, to: Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.to - domain.from
        guard span > 0 else { return range.from }
        return range.from + (value - domain.from) / span * (range.to - range.from)
    }
}

/// Ticks from zero to a nice maximum that covers `maximum`, at 1, 2 or 5 × 10ⁿ apart.
struct Ticks: Sendable, Equatable {
    let step: Double
    let values: [Double]
    var top: Double { values.last ?? 0 }

    /// - Parameters:
    ///   - maximum: the largest value to show (the axis always starts at zero).
    ///   - count: roughly how many intervals to aim for.
    ///   - integral: ticks must be whole numbers (counts of people).
    init(upTo maximum: Double, count: Int = 5, integral: Bool = false) {
        let top = maximum.isFinite && maximum > 0 ? maximum : (integral ? Double(count) : 1)
        var step = Ticks.niceStep(top / Double(max(count, 1)))
        if integral { step = max(1, step.rounded(.up)) }
        let intervals = Int((top / step - 1e-9).rounded(.up))
        self.step = step
        self.values = (0...max(intervals, 1)).map { Ticks.clean(Double($0) * step) }
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        // As d3 does: the nearest of 1, 2, 5 × 10ⁿ on a log scale, so the tick count stays near the aim.
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let error = raw / magnitude
        let nice: Double = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        return nice * magnitude
    }

    /// Removes binary noise (0.30000000000000004 → 0.3) so labels and output stay stable.
    static func clean(_ value: Double) -> Double {
        (value * 1e9).rounded() / 1e9
    }
}
