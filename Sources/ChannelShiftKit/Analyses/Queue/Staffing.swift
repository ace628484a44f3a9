// Staffing: performance for a number of agents, agents required for a target, and scheduled FTE after shrinkage.
import Foundation

public enum Staffing {
    /// How the interval performs with `agents` in position. Whole numbers are solved exactly; a fractional
    /// number is interpolated between its neighbours (see `interpolate`).
    public static func performance(agents: Double, load: IntervalLoad, model: QueueModel, withinSeconds: Double,
                                   definition: ServiceLevelDefinition = .ofOffered) -> QueuePerformance {
        let x = agents.isFinite ? max(0, agents) : 0
        if load.erlangs <= 0 { return .idle(agents: x) }
        let lower = x.rounded(.down)
        if lower == x {
            return integerPerformance(Int(lower), load: load, model: model, withinSeconds: withinSeconds,
                                      definition: definition)
        }
        let upper = Int(lower) + 1
        let high = integerPerformance(upper, load: load, model: model, withinSeconds: withinSeconds,
                                      definition: definition)
        let low = integerPerformance(Int(lower), load: load, model: model, withinSeconds: withinSeconds,
                                     definition: definition)
        return interpolate(low, high, agents: x, load: load, model: model)
    }

    /// The fewest agents meeting `target` (and, when given, an occupancy no higher than `maxOccupancy`).
    /// Whole agents by search: under Erlang C upwards from the smallest stable number (⌊A⌋ + 1), stepping the
    /// Erlang B recursion; under Erlang A, where abandonment keeps the queue stable below the load, by bisection
    /// below the Erlang C answer (galloping, then bisection). With `fractional`, the whole answer n is refined to the point in (n − 1, n]
    /// where the interpolated performance first meets the target. Zero calls need zero agents.
    public static func requiredAgents(load: IntervalLoad, target: ServiceTarget, model: QueueModel,
                                      maxOccupancy: Double? = nil, fractional: Bool = false,
                                      definition: ServiceLevelDefinition = .ofOffered) -> QueuePerformance {
        let a = load.erlangs
        if a <= 0 { return .idle(agents: 0) }
        let within: Double
        switch target {
        case .serviceLevel(_, let seconds): within = seconds
        case .averageWait(let seconds): within = seconds   // SL reported within the ASA target
        }
        let meets = { (p: QueuePerformance) -> Bool in
            meetsTarget(p, target: target, maxOccupancy: maxOccupancy)
        }
        // Searches stop here: beyond it C(N, A) < e^-50, so a target still unmet is unreachable (e.g. SL of 100%).
        let ceiling = Int(a.rounded(.down)) + 60 + Int((50 * a.squareRoot()).rounded(.up))

        let erlangC = erlangCSearch(load: load, within: within, ceiling: ceiling, meets: meets)
        var found = erlangC
        if case .erlangA(let patience) = model {
            let evaluate = { (n: Int) -> QueuePerformance in
                ErlangA.performance(servers: n, erlangB: ErlangC.erlangB(servers: n, load: a), load: load,
                                    patienceSeconds: patience, withinSeconds: within, definition: definition)
            }
            var high = Int(erlangC.agents)
            var highPerformance = evaluate(high)
            while !meets(highPerformance) && high < ceiling {
                high += 1
                highPerformance = evaluate(high)
            }
            // Gallop down from the Erlang C answer (the Erlang A answer is usually a few agents below it, and
            // far below it the chain's queue is long and slower to sum), then bisect.
            // Invariant: `low` fails (−1 stands for "none"), `high` meets the target or is the ceiling.
            var low = -1
            var step = 1
            while high - step > low {
                let probe = high - step
                let p = evaluate(probe)
                if meets(p) { high = probe; highPerformance = p; step *= 2 } else { low = probe; break }
            }
            while high - low > 1 {
                let mid = (low + high) / 2
                let p = evaluate(mid)
                if meets(p) { high = mid; highPerformance = p } else { low = mid }
            }
            found = highPerformance
        }
        guard fractional, found.agents >= 1, meets(found) else { return found }
        let n = Int(found.agents)
        let below = integerPerformance(n - 1, load: load, model: model, withinSeconds: within, definition: definition)
        // Bisection on the interpolated performance: each metric is monotone in the weight.
        var lo = 0.0, hi = 1.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            let p = interpolate(below, found, agents: Double(n - 1) + mid, load: load, model: model)
            if meets(p) { hi = mid } else { lo = mid }
        }
        if hi >= 1 { return found }
        return interpolate(below, found, agents: Double(n - 1) + hi, load: load, model: model)
    }

    /// Scheduled FTE = agents ÷ (1 − shrinkage). A shrinkage given in whole basis points (e.g. 0.30) is done as
    /// agents × 10,000 ÷ (10,000 − basis points): both are exact in binary, so the one rounding of the
    /// division makes 7 ÷ (1 − 0.30) exactly 10 and `ceil` then gives 10 posts, not 11. Shrinkage ≥ 100%
    /// leaves no productive time at all: infinite FTE.
    public static func scheduledFTE(agents: Double, shrinkage: Double) -> Double {
        guard agents > 0 else { return 0 }
        guard shrinkage < 1 else { return .infinity }
        let s = max(0, shrinkage)
        let basisPoints = (s * 10_000).rounded()
        if abs(s * 10_000 - basisPoints) <= 1e-6 {
            return agents * 10_000 / (10_000 - basisPoints)
        }
        return agents / (1 - s)
    }

    /// Whole posts for `fte`: the next whole number up, except that a value within 1e-9 above a whole number
    /// is that number (so floating noise from a cap or a ratio never costs an extra post).
    public static func wholePosts(_ fte: Double) -> Double {
        guard fte.isFinite else { return fte }
        return (fte - 1e-9 * max(1, fte)).rounded(.up)
    }

    static func meetsTarget(_ p: QueuePerformance, target: ServiceTarget, maxOccupancy: Double?) -> Bool {
        if p.isUnstable { return false }
        if let cap = maxOccupancy, p.occupancy > cap * (1 + 1e-12) { return false }
        switch target {
        case .serviceLevel(let fraction, _): return p.serviceLevel >= fraction * (1 - 1e-12)
        case .averageWait(let seconds): return p.asaSeconds <= seconds * (1 + 1e-12)
        }
    }

    /// Erlang C whole-agent search from the smallest stable staffing, one Erlang B step per agent.
    static func erlangCSearch(load: IntervalLoad, within: Double, ceiling: Int,
                              meets: (QueuePerformance) -> Bool) -> QueuePerformance {
        let a = load.erlangs
        var n = Int(a.rounded(.down)) + 1
        var b = ErlangC.erlangB(servers: n, load: a)
        while true {
            let p = ErlangC.performance(servers: n, erlangB: b, load: load, withinSeconds: within)
            if meets(p) || n >= ceiling { return p }
            n += 1
            b = ErlangC.nextB(b, servers: n, load: a)
        }
    }

    static func integerPerformance(_ n: Int, load: IntervalLoad, model: QueueModel, withinSeconds: Double,
                                   definition: ServiceLevelDefinition) -> QueuePerformance {
        let a = load.erlangs
        switch model {
        case .erlangC:
            if Double(n) <= a { return ErlangC.unstable(agents: Double(n)) }
            return ErlangC.performance(servers: n, erlangB: ErlangC.erlangB(servers: n, load: a), load: load,
                                       withinSeconds: withinSeconds)
        case .erlangA(let patience):
            return ErlangA.performance(servers: n, erlangB: ErlangC.erlangB(servers: n, load: a), load: load,
                                       patienceSeconds: patience, withinSeconds: withinSeconds,
                                       definition: definition)
        }
    }

    /// Fractional agents x between whole neighbours `low` (⌊x⌋) and `high` (⌊x⌋ + 1): service level, abandonment
    /// and probability of waiting are interpolated linearly with weight w = x − ⌊x⌋; ASA linearly too, except
    /// that from an infinite ASA its reciprocal is interpolated (so it falls smoothly from infinity);
    /// occupancy is the served load ÷ x. Under Erlang C, x ≤ A is unstable, and when ⌊x⌋ ≤ A < x the
    /// interpolation runs from the point x = A itself (service level 0, infinite ASA) to ⌊x⌋ + 1.
    static func interpolate(_ low: QueuePerformance, _ high: QueuePerformance, agents x: Double,
                            load: IntervalLoad, model: QueueModel) -> QueuePerformance {
        let a = load.erlangs
        if a <= 0 { return .idle(agents: x) }
        var start = low.agents
        if model == .erlangC {
            if x <= a { return ErlangC.unstable(agents: x) }
            if low.isUnstable { start = a }
        }
        let span = high.agents - start
        let w = span > 0 ? min(1, max(0, (x - start) / span)) : 1
        func mix(_ p: Double, _ q: Double) -> Double { p + (q - p) * w }
        let asa: Double
        if low.asaSeconds.isFinite {
            asa = mix(low.asaSeconds, high.asaSeconds)
        } else {
            asa = w > 0 ? high.asaSeconds / w : .infinity
        }
        let abandon = mix(low.abandonFraction, high.abandonFraction)
        return QueuePerformance(agents: x, serviceLevel: mix(low.serviceLevel, high.serviceLevel),
                                asaSeconds: asa, abandonFraction: abandon,
                                occupancy: x > 0 ? min(1, a * (1 - abandon) / x) : 0,
                                probabilityWait: mix(low.probabilityWait, high.probabilityWait), isUnstable: false)
    }
}
