// Reference tests for the queueing core: Erlang C and Erlang A against independent high-precision values.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// Relative error, with an absolute floor so values that should be 0 compare sensibly.
func relativeError(_ x: Double, _ reference: Double) -> Double {
    abs(x - reference) / max(abs(reference), 1e-300)
}

struct ErlangCReferenceCase: Sendable, CustomStringConvertible {
    let load: Double, agents: Int, within: Double, aht: Double
    let probabilityWait: Double, serviceLevel: Double, asa: Double
    var description: String { "A=\(load) N=\(agents)" }
}

@Suite struct ErlangCReferenceTests {
    /// Computed by Fixtures/queue/erlang_reference.py with mpmath at 50 digits from the factorial form
    /// C = (A^N/N!·N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N!·N/(N−A)), SL = 1 − C·e^(−(N−A)T/AHT), ASA = C·AHT/(N−A).
    /// Loads 0.5 to 5,000 Erlangs, including N = ⌈A⌉ (9.5→10, 100.4→101, 1234.5→1235) and N = A + 1.
    static let cases: [ErlangCReferenceCase] = [
        (0.5, 1, 20, 180, 0.5, 0.52702026554661727, 180.0),
        (9.5, 10, 20, 180, 0.82558557812569864, 0.21902950497912918, 297.21080812525151),
        (10, 11, 20, 180, 0.68211820468933237, 0.38961381172915338, 122.78127684407983),
        (10, 14, 20, 180, 0.17413193359504984, 0.88835001917946688, 7.8359370117772429),
        (100.4, 101, 180, 300, 0.92883689171071395, 0.35197248987203076, 464.41844585536137),
        (100, 110, 20, 300, 0.23700750028505273, 0.87831629201453199, 7.1102250085515819),
        (1000, 1001, 180, 300, 0.96125820585249106, 0.47245031133728593, 288.37746175574732),
        (1000, 1030, 20, 300, 0.24890878584360198, 0.96631385896777475, 2.4890878584360198),
        (1234.5, 1235, 60, 240, 0.98241248909792328, 0.1330240213106601, 471.55799476700318),
        (5000, 5100, 20, 300, 0.10288141360093403, 0.99986906963552183, 0.3086442408028021),
    ].map { ErlangCReferenceCase(load: $0.0, agents: $0.1, within: $0.2, aht: $0.3,
                                 probabilityWait: $0.4, serviceLevel: $0.5, asa: $0.6) }

    /// A load of A Erlangs as calls in a 30-minute interval.
    static func load(_ erlangs: Double, aht: Double) -> IntervalLoad {
        IntervalLoad(calls: erlangs * 1800 / aht, ahtSeconds: aht, intervalSeconds: 1800)
    }

    @Test(arguments: cases)
    func matchesFiftyDigitReference(_ c: ErlangCReferenceCase) {
        let p = Staffing.performance(agents: Double(c.agents), load: Self.load(c.load, aht: c.aht),
                                     model: .erlangC, withinSeconds: c.within)
        #expect(!p.isUnstable)
        #expect(relativeError(p.probabilityWait, c.probabilityWait) <= 1e-9)
        #expect(relativeError(p.serviceLevel, c.serviceLevel) <= 1e-9)
        #expect(relativeError(p.asaSeconds, c.asa) <= 1e-9)
        #expect(relativeError(p.occupancy, c.load / Double(c.agents)) <= 1e-12)
    }

    /// The well-known worked example (e.g. Call Centre Helper's Erlang C guide): 100 calls in 30 minutes,
    /// AHT 180 s (10 Erlangs), 80% answered in 20 s needs 14 agents; 13 give about 79%.
    @Test func textbookHundredCallsNeedsFourteenAgents() {
        let load = IntervalLoad(calls: 100, ahtSeconds: 180, intervalSeconds: 1800)
        #expect(load.erlangs == 10)
        let p = Staffing.requiredAgents(load: load, target: .serviceLevel(fraction: 0.8, withinSeconds: 20),
                                        model: .erlangC)
        #expect(p.agents == 14)
        let thirteen = Staffing.performance(agents: 13, load: load, model: .erlangC, withinSeconds: 20)
        #expect(thirteen.serviceLevel < 0.8)
    }

    @Test(arguments: [10.0, 10.5, 1000.0])
    func loadAtOrAboveAgentsIsUnstableNotNaN(_ a: Double) {
        let load = Self.load(a, aht: 300)
        for n in [0.0, 5, a.rounded(.down), a] {
            let p = Staffing.performance(agents: n, load: load, model: .erlangC, withinSeconds: 20)
            #expect(p.isUnstable)
            #expect(p.serviceLevel == 0)
            #expect(p.asaSeconds == .infinity)
            #expect(!p.occupancy.isNaN && p.occupancy <= 1)
        }
    }

    @Test func zeroCallsNeedNoAgents() {
        let load = IntervalLoad(calls: 0, ahtSeconds: 300, intervalSeconds: 1800)
        for model in [QueueModel.erlangC, .erlangA(patienceSeconds: 120)] {
            let p = Staffing.requiredAgents(load: load, target: .serviceLevel(fraction: 0.9, withinSeconds: 180),
                                            model: model)
            #expect(p.agents == 0)
            #expect(p.serviceLevel == 1)
            #expect(!p.isUnstable)
        }
    }

    /// Search from ⌊A⌋ + 1 agrees with evaluating every N: the answer meets the target and one fewer does not.
    @Test(arguments: [0.5, 7.3, 66.7, 1500.0])
    func requiredAgentsIsTheSmallestThatMeetsTheTarget(_ a: Double) {
        let load = Self.load(a, aht: 300)
        let target = ServiceTarget.serviceLevel(fraction: 0.8, withinSeconds: 20)
        let p = Staffing.requiredAgents(load: load, target: target, model: .erlangC)
        #expect(p.serviceLevel >= 0.8)
        let fewer = Staffing.performance(agents: p.agents - 1, load: load, model: .erlangC, withinSeconds: 20)
        #expect(fewer.serviceLevel < 0.8 || fewer.isUnstable)
    }

    @Test func averageWaitTargetAndOccupancyCap() {
        let load = IntervalLoad(calls: 100, ahtSeconds: 180, intervalSeconds: 1800)
        let asa = Staffing.requiredAgents(load: load, target: .averageWait(seconds: 20), model: .erlangC)
        #expect(asa.asaSeconds <= 20)
        let fewer = Staffing.performance(agents: asa.agents - 1, load: load, model: .erlangC, withinSeconds: 20)
        #expect(fewer.asaSeconds > 20)
        // A loose target with an 80% occupancy cap needs 10 / 0.8 = 12.5 → 13 agents.
        let capped = Staffing.requiredAgents(load: load, target: .averageWait(seconds: 600), model: .erlangC,
                                             maxOccupancy: 0.8)
        #expect(capped.agents == 13)
    }

    /// Fractional agents land exactly on the target between the whole answers.
    @Test func fractionalAgentsInterpolate() {
        let load = IntervalLoad(calls: 100, ahtSeconds: 180, intervalSeconds: 1800)
        let target = ServiceTarget.serviceLevel(fraction: 0.8, withinSeconds: 20)
        let p = Staffing.requiredAgents(load: load, target: target, model: .erlangC, fractional: true)
        #expect(p.agents > 13 && p.agents < 14)
        #expect(abs(p.serviceLevel - 0.8) < 1e-9)
        let again = Staffing.performance(agents: p.agents, load: load, model: .erlangC, withinSeconds: 20)
        #expect(abs(again.serviceLevel - p.serviceLevel) < 1e-12)
        // Between ⌊A⌋ and ⌈A⌉ the curve starts from the load itself: A = 10.5, 10.75 agents is stable.
        let half = Self.load(10.5, aht: 300)
        let mid = Staffing.performance(agents: 10.75, load: half, model: .erlangC, withinSeconds: 20)
        let eleven = Staffing.performance(agents: 11, load: half, model: .erlangC, withinSeconds: 20)
        #expect(!mid.isUnstable)
        #expect(abs(mid.serviceLevel - eleven.serviceLevel / 2) < 1e-12)
        #expect(mid.asaSeconds.isFinite && mid.asaSeconds > eleven.asaSeconds)
    }
}

@Suite struct ShrinkageTests {
    @Test func sevenAgentsAtThirtyPercentIsExactlyTenPosts() {
        #expect(Staffing.scheduledFTE(agents: 7, shrinkage: 0.30) == 10)
        #expect(Staffing.wholePosts(Staffing.scheduledFTE(agents: 7, shrinkage: 0.30)) == 10)
    }

    /// Every whole agent count and whole-percent shrinkage whose quotient is a whole number gives it exactly.
    @Test func wholeQuotientsAreExact() {
        for percent in 0..<100 {
            let shrinkage = Double(percent) / 100
            for agents in 1...300 where (agents * 100) % (100 - percent) == 0 {
                let fte = Staffing.scheduledFTE(agents: Double(agents), shrinkage: shrinkage)
                #expect(fte == Double(agents * 100 / (100 - percent)), "\(agents) agents, \(percent)%")
            }
        }
    }

    @Test func edges() {
        #expect(Staffing.scheduledFTE(agents: 0, shrinkage: 0.3) == 0)
        #expect(Staffing.scheduledFTE(agents: 5, shrinkage: 1) == .infinity)
        #expect(abs(Staffing.scheduledFTE(agents: 5, shrinkage: 0.123456789) - 5 / (1 - 0.123456789)) < 1e-12)
        #expect(Staffing.wholePosts(10.2) == 11)
    }
}

struct ErlangAReferenceCase: Sendable, CustomStringConvertible {
    let load: Double, agents: Int, within: Double, aht: Double, patience: Double
    let slOffered: Double, slAnswered: Double, slLessShortAbandons: Double, asa: Double
    let abandon: Double, probabilityWait: Double
    var description: String { "A=\(load) N=\(agents) patience=\(patience)" }
}

@Suite struct ErlangAReferenceTests {
    /// Computed by Fixtures/queue/erlang_reference.py at 30 digits, independently of the closed forms in
    /// ErlangA.swift: the chain's stationary distribution state by state; P(abandon) by Little's law on the queue;
    /// SL within T from the matrix exponential of the tagged caller's chain (number ahead → served / abandoned);
    /// ASA by first-step analysis. Includes two overloaded cases (N < A), stable because callers abandon.
    static let cases: [ErlangAReferenceCase] = [
        (8, 10, 20, 180, 120, 0.82966472479941843, 0.88460359686519953, 0.85752078163258485, 6.2570322329354843, 0.062105639475658805, 0.26240717259764682),
        (6, 5, 30, 180, 300, 0.32461841444223881, 0.42334644499656927, 0.34875043914242501, 68.960033004870803, 0.2332085971694661, 0.78031611460798273),
        (3, 3, 60, 300, 200, 0.58631627094395979, 0.77646774337405821, 0.66736162929347098, 37.76741267516836, 0.24489294507433801, 0.53742443708180599),
        (12, 10, 20, 240, 60, 0.57611816669075895, 0.76966172516005359, 0.66809074287437591, 12.149421491444756, 0.25146574416058775, 0.56234789003337643),
    ].map { ErlangAReferenceCase(load: $0.0, agents: $0.1, within: $0.2, aht: $0.3, patience: $0.4, slOffered: $0.5,
                                 slAnswered: $0.6, slLessShortAbandons: $0.7, asa: $0.8, abandon: $0.9,
                                 probabilityWait: $0.10) }

    @Test(arguments: cases)
    func matchesHighPrecisionChain(_ c: ErlangAReferenceCase) {
        let load = ErlangCReferenceTests.load(c.load, aht: c.aht)
        let model = QueueModel.erlangA(patienceSeconds: c.patience)
        let expected: [ServiceLevelDefinition: Double] = [.ofOffered: c.slOffered, .ofAnswered: c.slAnswered,
                                                          .ofOfferedLessShortAbandons: c.slLessShortAbandons]
        for definition in ServiceLevelDefinition.allCases {
            let p = Staffing.performance(agents: Double(c.agents), load: load, model: model, withinSeconds: c.within,
                                         definition: definition)
            #expect(relativeError(p.serviceLevel, expected[definition]!) <= 1e-6, "\(definition)")
            #expect(relativeError(p.asaSeconds, c.asa) <= 1e-6)
            #expect(relativeError(p.abandonFraction, c.abandon) <= 1e-6)
            #expect(relativeError(p.probabilityWait, c.probabilityWait) <= 1e-6)
            #expect(!p.isUnstable)
        }
    }

    /// Large loads: the scaled series neither overflows nor loses precision (chain sums at 40 digits).
    @Test(arguments: [(1000.0, 980, 300.0, 180.0, 0.026653134370944276, 0.6563876403005231),
                      (1000, 1010, 300, 600, 0.0064376381159778968, 0.44197694411737038),
                      (2500, 2400, 240, 120, 0.040628234614521791, 0.91626060355483802)])
    func largeLoads(_ c: (Double, Int, Double, Double, Double, Double)) {
        let p = Staffing.performance(agents: Double(c.1), load: ErlangCReferenceTests.load(c.0, aht: c.2),
                                     model: .erlangA(patienceSeconds: c.3), withinSeconds: 20)
        #expect(relativeError(p.abandonFraction, c.4) <= 1e-6)
        #expect(relativeError(p.probabilityWait, c.5) <= 1e-6)
        #expect(p.serviceLevel.isFinite && p.asaSeconds.isFinite)
    }

    /// Abandoning callers relieve the queue: Erlang A never needs more agents than Erlang C for the same target,
    /// and with very patient callers it needs the same.
    @Test(arguments: [1.5, 10, 66.7, 400, 1500])
    func erlangANeedsNoMoreThanErlangC(_ a: Double) {
        let load = ErlangCReferenceTests.load(a, aht: 300)
        for target in [ServiceTarget.serviceLevel(fraction: 0.9, withinSeconds: 180), .averageWait(seconds: 30)] {
            let c = Staffing.requiredAgents(load: load, target: target, model: .erlangC)
            let impatient = Staffing.requiredAgents(load: load, target: target, model: .erlangA(patienceSeconds: 120))
            let patient = Staffing.requiredAgents(load: load, target: target, model: .erlangA(patienceSeconds: 1e7))
            #expect(impatient.agents <= c.agents)
            #expect(patient.agents == c.agents)
            let fewer = Staffing.performance(agents: impatient.agents - 1, load: load,
                                             model: .erlangA(patienceSeconds: 120), withinSeconds: 180)
            #expect(!Staffing.meetsTarget(fewer, target: target, maxOccupancy: nil))
        }
    }

    @Test func zeroAgentsEveryoneAbandons() {
        let p = Staffing.performance(agents: 0, load: ErlangCReferenceTests.load(5, aht: 300),
                                     model: .erlangA(patienceSeconds: 60), withinSeconds: 20)
        #expect(p.abandonFraction == 1 && p.serviceLevel == 0 && p.occupancy == 0)
    }
}
