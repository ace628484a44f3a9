// The Wilson score interval for a share: the interval every exclusion proxy is reported with.

/// A share with its 95% interval. `low`/`high` are clamped to [0, 1].
public struct WilsonInterval: Sendable, Equatable {
    public var successes: Int
    public var trials: Int
    public var low: Double
    public var high: Double
    /// The sample size the interval was computed on: `trials` ÷ the design effect (≥ 1) when contacts are
    /// clustered by caller, else `trials`.
    public var effectiveTrials: Double

    /// The observed share p̂ = successes ÷ trials (the interval is not centred on it).
    public var estimate: Double { Double(successes) / Double(trials) }

    /// True when the interval lies wholly above (or below) `rate`: the share differs from it at 95%.
    public func isAbove(_ rate: Double) -> Bool { low > rate }
    public func isBelow(_ rate: Double) -> Bool { high < rate }
}

public enum Wilson {
    /// Two-sided 95% normal quantile, Φ⁻¹(0.975), as given in the project's domain primer (DOMAIN.md).
    public static let z95 = 1.959963984540054

    /// Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical inference",
    /// JASA 22(158): 209–212. With p̂ = x/n:
    ///   centre = (p̂ + z²/2n) / (1 + z²/n)
    ///   half-width = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)
    /// Unlike the normal (Wald) interval it stays inside [0, 1] and is honest for small n and for p̂ at 0 or 1,
    /// which is why DOMAIN.md asks for it. n = 0 has no interval (nil). At p̂ = 0 the lower bound is exactly 0
    /// and at p̂ = 1 the upper bound is exactly 1 (the formula gives these up to rounding; we pin them).
    ///
    /// With `designEffect` d (contacts clustered by caller, see `ClusterMoments`), the interval is computed on the
    /// effective sample size n ÷ max(d, 1) at the same p̂ (Kish, L. (1965), Survey Sampling, Wiley, §8.2; the
    /// effective-n substitution in Korn, E. L. and Graubard, B. I. (1998), "Confidence intervals for proportions
    /// with small expected number of positive counts estimated from survey data", Survey Methodology 24: 193–201).
    /// d below 1 is not used to narrow the interval: with few callers it is noise, and the caller-level proxy
    /// should never look more certain than the contacts taken one by one.
    public static func interval(successes x: Int, trials n: Int, designEffect: Double = 1, z: Double = z95) -> WilsonInterval? {
        guard n > 0, x >= 0, x <= n else { return nil }
        let d = designEffect.isFinite ? max(designEffect, 1) : 1
        let nn = Double(n) / d, p = Double(x) / Double(n), z2 = z * z
        let denominator = 1 + z2 / nn
        let centre = (p + z2 / (2 * nn)) / denominator
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / denominator
        let low = x == 0 ? 0 : min(max(centre - half, 0), 1)
        let high = x == n ? 1 : min(max(centre + half, 0), 1)
        return WilsonInterval(successes: x, trials: n, low: low, high: high, effectiveTrials: nn)
    }
}
