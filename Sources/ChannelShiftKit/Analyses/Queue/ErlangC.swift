// Erlang B and Erlang C (M/M/N) for one interval, by the Erlang B recursion: no factorials, no overflow.
import Foundation

enum ErlangC {
    /// Erlang B blocking probability B(N, A) by the recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))
    /// (e.g. Cooper, *Introduction to Queueing Theory*, 2nd ed., 1981, §3.6). Every step stays in [0, 1], so it
    /// neither overflows nor loses precision at 1,000+ Erlangs; it underflows gracefully to 0 only when N ≫ A.
    static func erlangB(servers: Int, load: Double) -> Double {
        var b = 1.0
        var k = 1
        while k <= servers {
            b = nextB(b, servers: k, load: load)
            k += 1
        }
        return b
    }

    /// One step of the recursion: B(k) from B(k − 1).
    @inline(__always)
    static func nextB(_ previous: Double, servers k: Int, load: Double) -> Double {
        let ab = load * previous
        return ab / (Double(k) + ab)
    }

    /// Erlang C performance with `servers` agents given B(servers, A) already computed.
    /// C = N·B / (N − A·(1 − B)); SL(T) = 1 − C·e^(−(N−A)·T/AHT); ASA = C·AHT / (N − A)
    /// (Cooper 1981 §5.2; the same formulas as DOMAIN.md). No caller abandons, so every service-level
    /// definition gives the same value. N ≤ A is unstable: reported as such, never as a NaN or a negative.
    @inline(__always)
    static func performance(servers: Int, erlangB b: Double, load: IntervalLoad, withinSeconds: Double) -> QueuePerformance {
        let a = load.erlangs
        let n = Double(servers)
        if a <= 0 { return .idle(agents: n) }
        if n <= a { return unstable(agents: n) }
        let c = n * b / (n - a * (1 - b))
        let excess = n - a
        let sl = 1 - c * exp(-excess * max(0, withinSeconds) / load.ahtSeconds)
        return QueuePerformance(agents: n, serviceLevel: min(1, max(0, sl)),
                                asaSeconds: c * load.ahtSeconds / excess, abandonFraction: 0,
                                occupancy: a / n, probabilityWait: min(1, c), isUnstable: false)
    }

    /// The queue grows without bound: nobody is answered within any target, the wait is infinite.
    static func unstable(agents: Double) -> QueuePerformance {
        QueuePerformance(agents: agents, serviceLevel: 0, asaSeconds: .infinity, abandonFraction: 0,
                         occupancy: 1, probabilityWait: 1, isUnstable: true)
    }
}
