// Seeded randomness for Monte Carlo ranges on the shared SplitMix64 (Support/): same seed, same draws.

extension SplitMix64 {
    /// Uniform in [0, 1): the name the finance code uses for `uniform()`.
    public mutating func nextUnit() -> Double { uniform() }

    /// A draw from the triangular distribution on [low, high] with mode `mode`, by inverting its CDF.
    public mutating func triangular(low: Double, mode: Double, high: Double) -> Double {
        guard high > low else { return mode }
        let u = nextUnit()
        let f = (mode - low) / (high - low)
        if u < f { return low + ((high - low) * (mode - low) * u).squareRoot() }
        return high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
    }
}

public enum Percentile {
    /// Nearest-rank percentile of `sorted` (ascending): the value at rank ⌈p·n⌉ (1-based). Unambiguous and
    /// reproducible; with a few hundred draws it differs from interpolated definitions by less than the noise.
    public static func nearestRank(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
