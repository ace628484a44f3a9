// Which assumptions move NPV most (tornado), and the spread of NPV when all move at once (Monte Carlo).

public struct TornadoBar: Sendable, Equatable {
    public var key: String
    public var lowInput: Double
    public var highInput: Double
    public var atLow: Double       // outcome with this assumption at its low value, the rest central
    public var atHigh: Double
    public var swing: Double { abs(atHigh - atLow) }
}

public struct MonteCarloSummary: Sendable, Equatable {
    public var draws: Int
    public var seed: UInt64
    public var p10: Double
    public var p50: Double
    public var p90: Double
    public var shareNegative: Double
}

public enum Sensitivity {
    /// Each ranged assumption at its low then its high value, all others central; sorted by swing (largest
    /// first, then key, so ties are ordered the same on every run). `evaluate` returns the outcome (NPV).
    public static func tornado(_ set: AssumptionSet, keys: [String]? = nil, limit: Int = 10,
                               evaluate: (AssumptionSet) throws(ToolError) -> Double) throws(ToolError) -> [TornadoBar] {
        var bars: [TornadoBar] = []
        for a in set.items where a.hasRange && (keys?.contains(a.key) ?? true) {
            let lo = try evaluate(set.withCentral(a.key, a.low))
            let hi = try evaluate(set.withCentral(a.key, a.high))
            bars.append(TornadoBar(key: a.key, lowInput: a.low, highInput: a.high, atLow: lo, atHigh: hi))
        }
        bars.sort { $0.swing != $1.swing ? $0.swing > $1.swing : $0.key < $1.key }
        return Array(bars.prefix(limit))
    }

    /// Every ranged assumption drawn at once from a triangular distribution (low, central as mode, high), in key
    /// order from one SplitMix64 stream seeded with `seed`: the same seed gives the same percentiles.
    public static func monteCarlo(_ set: AssumptionSet, draws: Int, seed: UInt64,
                                  evaluate: (AssumptionSet) throws(ToolError) -> Double) throws(ToolError) -> MonteCarloSummary {
        var rng = SplitMix64(seed: seed)
        let ranged = set.items.filter(\.hasRange).sorted { $0.key < $1.key }
        var outcomes: [Double] = []
        outcomes.reserveCapacity(draws)
        for _ in 0..<max(draws, 0) {
            var s = set
            for a in ranged { s = s.withCentral(a.key, rng.triangular(low: a.low, mode: a.central, high: a.high)) }
            outcomes.append(try evaluate(s))
        }
        outcomes.sort()
        return MonteCarloSummary(draws: outcomes.count, seed: seed, p10: Percentile.nearestRank(outcomes, 0.1),
                                 p50: Percentile.nearestRank(outcomes, 0.5), p90: Percentile.nearestRank(outcomes, 0.9),
                                 shareNegative: outcomes.isEmpty ? 0 : Double(outcomes.filter { $0 < 0 }.count) / Double(outcomes.count))
    }
}

extension AssumptionSet {
    /// A copy with one assumption's central value replaced (its range kept), for sensitivity runs.
    public func withCentral(_ key: String, _ value: Double) -> AssumptionSet {
        guard var a = self[key] else { return self }
        a.central = value
        var s = self
        s.add(a)
        return s
    }
}
