// SplitMix64: the small, fast, seedable PRNG behind every random draw (sample data, Monte Carlo ranges).
import Foundation

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// constants from Vigna's public-domain C reference splitmix64.c). Same seed, same stream on every
/// platform: the state is one UInt64 and the output uses only wrapping integer arithmetic.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits as a double (Vigna's recommended conversion).
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0..<n (n > 0), by Lemire's multiply-shift; the bias is below 2^-64 × n.
    @inline(__always)
    public mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// True with probability p.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Exponential with the given mean, by inversion: -mean·ln(1 − U), U in [0, 1) so the log is finite.
    @inline(__always)
    public mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform()) }

    /// Standard normal by the Box–Muller transform (Box & Muller 1958), one variate per call:
    /// √(−2 ln U₁)·cos(2πU₂) with U₁ in (0, 1].
    @inline(__always)
    public mutating func normal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Lognormal: exp(mu + sigma·Z), so the median is e^mu and the mean e^(mu + sigma²/2).
    @inline(__always)
    public mutating func lognormal(mu: Double, sigma: Double) -> Double { exp(mu + sigma * normal()) }
}

/// Categorical choice by cumulative weights: index i with probability weights[i] / Σ weights.
public struct CumulativeWeights: Sendable {
    public private(set) var cumulative: [Double]

    /// Weights must be non-negative with a positive total (callers build them from fixed tables).
    public init(_ weights: [Double]) {
        var sum = 0.0
        cumulative = weights.map { sum += max(0, $0); return sum }
    }

    public var total: Double { cumulative.last ?? 0 }

    /// The first index whose cumulative weight exceeds u·total (binary search; zero weights never chosen).
    @inline(__always)
    public func pick(_ u: Double) -> Int {
        let target = u * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    @inline(__always)
    public func pick(_ rng: inout SplitMix64) -> Int { pick(rng.uniform()) }
}
