// Erlang A (M/M/N+M: exponential patience) for one interval, solved exactly from its birth–death chain.
import Foundation

/// Erlang A, after Palm (1943) and Garnett, Mandelbaum and Reiman (2002), "Designing a call center with
/// impatient customers", *Manufacturing & Service Operations Management* 4(3); closed forms as in Mandelbaum and
/// Zeltyn (2007), "Service engineering in action: the Palm/Erlang-A queue, with applications to call centers".
///
/// The chain. Arrivals λ = calls ÷ interval, service rate μ = 1/AHT, abandonment rate θ = 1/mean patience.
/// Birth rate λ in every state; death rate k·μ in state k ≤ N and N·μ + j·θ in state N + j. Write
/// x = Nμ/θ, y = λ/θ and t_j = y^j / ((x+1)(x+2)…(x+j)) so that π(N+j) = π(N)·t_j and, summing the states below
/// N with the Erlang B recursion, Σ_{k≤N} π(k) = π(N)/B(N, A). Hence π(N) = 1 / (1/B − 1 + Σ_j t_j).
///
/// What a caller experiences (arrivals see the stationary chain: PASTA). A caller who finds j others waiting
/// reaches an agent after an "offered wait" V that is a sum of exponential stages of rates Nμ + iθ, i = j…0 (an
/// agent frees up, or someone ahead abandons); the caller abandons if its own patience τ ~ Exp(θ) runs out first.
/// - P(served | j) = Π_{i=0..j} (Nμ+iθ)/(Nμ+(i+1)θ) = x/(x+j+1) (the product telescopes).
/// - E[V·1{served} | j] = P(served | j)·Σ_{i=1..j+1} 1/(θ(x+i)) (exponential tilting: conditioning on V < τ
///   turns each stage of rate r into one of rate r + θ).
/// - Summed over j, P(V > t, the caller waits) = π(N)·e^{y(1−v)}·v^x·S(x, y·v), v = e^{−θt}, S(x, z) = Σ_j
///   z^j/((x+1)…(x+j)) (Mandelbaum–Zeltyn; it is the series form of their incomplete-gamma expression), and
///   P(served, 0 < V ≤ t) = π(N)·x/(x+1)·[S(x+1, y) − e^{y(1−v)}·v^{x+1}·S(x+1, y·v)], because the served
///   callers' waits have density f(s)·e^{−θs}.
/// Every series has positive terms only (no cancellation) and is accumulated with a running power-of-ten
/// scale, so loads of thousands of Erlangs neither overflow nor underflow.
enum ErlangA {
    /// Beyond this many AHTs of mean patience (over a year at AHT 5 minutes) nobody abandons in practice, and
    /// an overloaded chain would need more series terms than is sensible; patience is capped here.
    static let maximumPatienceInAHTs = 100_000.0

    static func performance(servers: Int, erlangB b: Double, load: IntervalLoad, patienceSeconds: Double,
                            withinSeconds: Double, definition: ServiceLevelDefinition) -> QueuePerformance {
        let a = load.erlangs
        let n = Double(servers)
        if a <= 0 { return .idle(agents: n) }
        // Everyone served at once (B underflowed: N ≫ A): nothing waits.
        if b <= 0 { return QueuePerformance(agents: n, serviceLevel: 1, asaSeconds: 0, abandonFraction: 0,
                                            occupancy: a / n, probabilityWait: 0, isUnstable: false) }
        let patience = min(max(patienceSeconds, 1e-9), maximumPatienceInAHTs * load.ahtSeconds)
        let theta = 1 / patience
        let x = n * patience / load.ahtSeconds
        let y = a * patience / load.ahtSeconds
        let full = Series(x: x, z: y, weighted: true)
        // log π(N) = −log(1/B − 1 + S): add the two in log space.
        let logBelow = b >= 1 ? -Double.infinity : log1p(-b) - log(b)   // log(1/B − 1) = log Σ_{k<N} π(k)/π(N)
        let logS = full.logSum
        let logPi = -logAdd(logBelow, logS)
        let unit = exp(full.logScale + logPi)             // converts a scaled sum into a probability
        let pNoWait = exp(logBelow + logPi)
        let pWait = full.sum * unit
        let pServedAfterWait = full.served * unit
        let pAbandon = full.abandoned * unit
        let waitOfServed = full.servedWait * unit / theta   // E[W·1{served}] in seconds

        let t = max(0, withinSeconds)
        let v = exp(-theta * t)
        let logV = log(v)
        var pServedLater = 0.0                              // P(served, wait > T)
        if v > 0 && x > 0 {
            let tail = Series(x: x + 1, z: y * v, weighted: false)
            pServedLater = exp(logPi + log(x / (x + 1)) + y * (1 - v) + (x + 1) * logV + tail.logSum)
        }
        let pAnsweredWithin = min(1, max(0, pNoWait + pServedAfterWait - pServedLater))
        let pServed = pNoWait + pServedAfterWait

        let sl: Double
        switch definition {
        case .ofOffered:
            sl = pAnsweredWithin
        case .ofAnswered:
            sl = pServed > 0 ? pAnsweredWithin / pServed : 0
        case .ofOfferedLessShortAbandons:
            // Abandoned within T = waited − still waiting at T (e^{−θT}·P(V > T)) − served within T.
            var pStillWaiting = 0.0
            if v > 0 {
                let offered = Series(x: x, z: y * v, weighted: false)
                let xLogV = x > 0 ? x * logV : 0
                pStillWaiting = v * exp(logPi + y * (1 - v) + xLogV + offered.logSum)
            }
            let pShortAbandon = max(0, pWait - pStillWaiting - (pServedAfterWait - pServedLater))
            let denominator = 1 - pShortAbandon
            sl = denominator > 0 ? min(1, pAnsweredWithin / denominator) : 0
        }
        return QueuePerformance(agents: n, serviceLevel: sl,
                                asaSeconds: pServed > 0 ? waitOfServed / pServed : 0,
                                abandonFraction: min(1, max(0, pAbandon)),
                                occupancy: n > 0 ? min(1, a * (1 - pAbandon) / n) : 0,
                                probabilityWait: min(1, max(0, pWait)), isUnstable: false)
    }

    /// log(e^p + e^q) without overflow.
    @inline(__always)
    static func logAdd(_ p: Double, _ q: Double) -> Double {
        if p == -.infinity { return q }
        if q == -.infinity { return p }
        let m = max(p, q)
        return m + log(exp(p - m) + exp(q - m))
    }

    /// Σ_j t_j with t_j = z^j / ((x+1)…(x+j)), and (when `weighted`) the weighted sums the chain needs:
    /// Σ t_j·x/(x+j+1) (served after waiting), Σ t_j·(j+1)/(x+j+1) (abandoned),
    /// Σ t_j·x/(x+j+1)·Σ_{i=1..j+1} 1/(x+i) (θ × wait of those served). All sums share `logScale`.
    struct Series {
        var sum = 0.0, served = 0.0, abandoned = 0.0, servedWait = 0.0
        var logScale = 0.0

        var logSum: Double { log(sum) + logScale }

        init(x: Double, z: Double, weighted: Bool) {
            let rescaleAbove = 1e280
            let rescaleLog = log(rescaleAbove)
            var term = 1.0
            var harmonic = 0.0
            var j = 0.0
            while true {
                let next = x + j + 1
                sum += term
                if weighted {
                    harmonic += 1 / next
                    let pServed = x / next
                    served += term * pServed
                    abandoned += term * (j + 1) / next
                    servedWait += term * pServed * harmonic
                }
                let ratio = z / next                 // t_{j+1} / t_j, decreasing in j
                term *= ratio
                // Once terms shrink geometrically the rest is at most term·r/(1 − r).
                if ratio < 1 && term <= 1e-17 * sum * (1 - ratio) { break }
                if term == 0 { break }
                if sum > rescaleAbove {
                    sum /= rescaleAbove; served /= rescaleAbove; abandoned /= rescaleAbove
                    servedWait /= rescaleAbove; term /= rescaleAbove
                    logScale += rescaleLog
                }
                j += 1
            }
        }
    }
}
