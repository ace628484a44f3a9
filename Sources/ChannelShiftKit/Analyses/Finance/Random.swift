// Seeded randomness for Monte Carlo ranges: SplitMix64 (Steele, Lea and Flood 2014), same seed, same draws.

/// SplitMix64 as in Vigna's reference C (prng.di.unimi.it/splitmix64.c). Small, fast, and portable, so a report's
/// Monte Carlo percentiles are the same bytes on every machine.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

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
