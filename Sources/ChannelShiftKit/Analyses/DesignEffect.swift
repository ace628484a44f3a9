// The design effect of a share whose unit is the caller (email on file, used a digital channel) when it is
// counted over contacts: one caller's contacts share the attribute, so they are not independent observations.

/// Per-caller sums for a share p̂ = Σy_i ÷ Σm_i, where caller i has m_i contacts in the denominator and y_i of
/// them have the attribute. A contact without a caller key cannot be linked, so it is its own cluster (m = 1).
///
/// Why Wilson on an effective sample size rather than a cluster bootstrap: the interval stays closed-form and
/// deterministic (no seed, the same bytes every run), costs one pass, behaves like the plain Wilson interval
/// when every caller appears once (d ≈ 1), and keeps Wilson's good behaviour for small n and shares near 0 or 1,
/// where a bootstrap over a handful of callers gives ragged, unstable tails.
public struct ClusterMoments: Sendable, Equatable {
    public var contacts = 0      // n = Σ m_i
    public var successes = 0     // x = Σ y_i
    public var clusters = 0      // k: callers, plus one per unkeyed contact
    public var sumY2 = 0.0       // Σ y_i²
    public var sumYM = 0.0       // Σ y_i m_i
    public var sumM2 = 0.0       // Σ m_i²

    public init() {}

    /// One caller with `m` contacts in the denominator, `y` of them with the attribute.
    public mutating func addCluster(m: Int, y: Int) {
        guard m > 0 else { return }
        contacts += m; successes += y; clusters += 1
        let dm = Double(m), dy = Double(y)
        sumY2 += dy * dy; sumYM += dy * dm; sumM2 += dm * dm
    }

    /// `n` unlinked contacts, `x` of them with the attribute: each its own cluster of one.
    public mutating func addSingletons(n: Int, x: Int) {
        guard n > 0 else { return }
        contacts += n; successes += x; clusters += n
        sumY2 += Double(x); sumYM += Double(x); sumM2 += Double(n)
    }

    public mutating func merge(_ o: ClusterMoments) {
        contacts += o.contacts; successes += o.successes; clusters += o.clusters
        sumY2 += o.sumY2; sumYM += o.sumYM; sumM2 += o.sumM2
    }

    public var estimate: Double? { contacts > 0 ? Double(successes) / Double(contacts) : nil }

    /// Variance of the ratio estimator by linearisation, clusters drawn with replacement:
    ///   v(p̂) = k ÷ (k − 1) · Σ (y_i − p̂ m_i)² ÷ n²,  with Σ (y_i − p̂ m_i)² = Σy² − 2p̂ Σym + p̂² Σm²
    /// (Kish, L. (1965), Survey Sampling, Wiley, §6.4 "ratio means"; Cochran, W. G. (1977), Sampling Techniques,
    /// 3rd ed., §6.9 and §11.8). nil with fewer than two clusters.
    public var variance: Double? {
        guard clusters >= 2, contacts > 0 else { return nil }
        let p = Double(successes) / Double(contacts), n = Double(contacts), k = Double(clusters)
        let ss = max(sumY2 - 2 * p * sumYM + p * p * sumM2, 0)
        return k / (k - 1) * ss / (n * n)
    }

    /// Design effect d = v(p̂) ÷ (p̂(1 − p̂) ÷ n): how many times the variance of independent contacts the
    /// clustering makes it (Kish 1965, §8.2). 1 when every caller appears once (exactly n ÷ (n − 1) then); above 1
    /// when callers repeat and their contacts agree. nil when p̂ is 0 or 1 (no variance either way) or there are
    /// fewer than two clusters.
    public var designEffect: Double? {
        guard let v = variance, let p = estimate, p > 0, p < 1 else { return nil }
        return v / (p * (1 - p) / Double(contacts))
    }
}
