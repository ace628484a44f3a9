// Erlang A checked against a small seeded discrete-event simulation of the M/M/N+M queue.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, seeded generator so the simulation is reproducible.
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform on (0, 1].
    mutating func unit() -> Double { (Double(next() >> 11) + 1) / 9_007_199_254_740_992 }
    mutating func exponential(rate: Double) -> Double { -log(unit()) / rate }
}

/// Batch means of one simulated statistic: mean and standard error over equal batches.
struct BatchMeans {
    var values: [Double] = []
    var mean: Double { values.reduce(0, +) / Double(values.count) }
    var standardError: Double {
        let m = mean
        let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
        return (v / Double(values.count)).squareRoot()
    }
}

/// M/M/N+M by events. With b agents busy the next event is an arrival (rate λ) or a completion (rate b·μ),
/// memoryless. A caller who finds all agents busy joins a FCFS queue with a patience deadline; when an agent
/// frees, callers at the head whose deadline has passed have abandoned (lazily removed: nothing else depends
/// on them), and the first still waiting is served.
func simulateErlangA(agents n: Int, load: IntervalLoad, patience: Double, within: Double, seed: UInt64,
                     batches: Int, callsPerBatch: Int) -> (sl: BatchMeans, abandon: BatchMeans, asa: BatchMeans) {
    var random = TestRandom(state: seed)
    let lambda = load.calls / load.intervalSeconds, mu = 1 / load.ahtSeconds, theta = 1 / patience
    var t = 0.0, busy = 0
    var queue: [(arrival: Double, deadline: Double, index: Int)] = []
    var head = 0
    var arrivals = 0
    let warmUp = callsPerBatch
    var within_ = [Int](repeating: 0, count: batches), abandoned = within_, served = within_
    var waitOfServed = [Double](repeating: 0, count: batches)
    func batch(_ i: Int) -> Int? { i < warmUp ? nil : min((i - warmUp) / callsPerBatch, batches - 1) }
    func serve(wait: Double, index: Int) {
        guard let b = batch(index) else { return }
        served[b] += 1; waitOfServed[b] += wait
        if wait <= within { within_[b] += 1 }
    }
    while arrivals < warmUp + batches * callsPerBatch {
        let rate = lambda + Double(busy) * mu
        t += random.exponential(rate: rate)
        if random.unit() * rate <= lambda {
            let index = arrivals
            arrivals += 1
            if busy < n { busy += 1; serve(wait: 0, index: index) } else {
                queue.append((t, t + random.exponential(rate: theta), index))
            }
        } else {
            busy -= 1
            while head < queue.count {
                let c = queue[head]
                head += 1
                if c.deadline <= t { if let b = batch(c.index) { abandoned[b] += 1 }; continue }
                busy += 1
                serve(wait: t - c.arrival, index: c.index)
                break
            }
            if head > 4096 { queue.removeFirst(head); head = 0 }
        }
    }
    var sl = BatchMeans(), ab = BatchMeans(), asa = BatchMeans()
    for b in 0..<batches {
        // Callers still queued at the end belong to the last batch's tail; counting per batch by arrivals.
        sl.values.append(Double(within_[b]) / Double(callsPerBatch))
        ab.values.append(Double(abandoned[b]) / Double(callsPerBatch))
        asa.values.append(served[b] > 0 ? waitOfServed[b] / Double(served[b]) : 0)
    }
    return (sl, ab, asa)
}

@Suite struct ErlangASimulationTests {
    struct Case: Sendable, CustomStringConvertible {
        let erlangs: Double, agents: Int, within: Double, aht: Double, patience: Double
        var description: String { "A=\(erlangs) N=\(agents) patience=\(patience)" }
    }

    /// One lightly and one over-loaded centre (N < A is stable under Erlang A).
    @Test(arguments: [Case(erlangs: 8, agents: 10, within: 20, aht: 180, patience: 120),
                      Case(erlangs: 6, agents: 5, within: 30, aht: 180, patience: 300)])
    func exactChainAgreesWithSimulation(_ c: Case) {
        let load = IntervalLoad(calls: c.erlangs * 1800 / c.aht, ahtSeconds: c.aht, intervalSeconds: 1800)
        let exact = Staffing.performance(agents: Double(c.agents), load: load,
                                         model: .erlangA(patienceSeconds: c.patience), withinSeconds: c.within)
        let sim = simulateErlangA(agents: c.agents, load: load, patience: c.patience, within: c.within,
                                  seed: 20_260_123, batches: 20, callsPerBatch: 10_000)
        // Within 4 standard errors of the batch means (a false alarm about once in 16,000 runs; the seed is fixed).
        #expect(abs(sim.sl.mean - exact.serviceLevel) <= 4 * sim.sl.standardError, "SL \(sim.sl.mean) vs \(exact.serviceLevel)")
        #expect(abs(sim.abandon.mean - exact.abandonFraction) <= 4 * sim.abandon.standardError,
                "abandon \(sim.abandon.mean) vs \(exact.abandonFraction)")
        #expect(abs(sim.asa.mean - exact.asaSeconds) <= 4 * sim.asa.standardError, "ASA \(sim.asa.mean) vs \(exact.asaSeconds)")
        // And the simulation is precise enough for the check to mean something.
        #expect(sim.sl.standardError < 0.01)
    }
}
