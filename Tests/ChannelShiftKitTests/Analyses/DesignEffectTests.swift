// Clustered intervals: the ratio-estimator design effect (Kish 1965) and Wilson on the effective sample size,
// against values worked by hand and in an independent implementation, and through the exclusion pipeline.
import Foundation
import Testing
@testable import ChannelShiftKit

struct DesignEffectTests {
    /// The design effect computed directly from its definition, per caller: a reference for the moment sums.
    static func referenceDesignEffect(_ clusters: [(m: Int, y: Int)]) -> Double {
        let n = Double(clusters.reduce(0) { $0 + $1.m }), x = Double(clusters.reduce(0) { $0 + $1.y })
        let p = x / n, k = Double(clusters.count)
        let ss = clusters.reduce(0.0) { $0 + pow(Double($1.y) - p * Double($1.m), 2) }
        return (k / (k - 1) * ss / (n * n)) / (p * (1 - p) / n)
    }

    @Test func handWorkedExample() throws {
        // Callers: A 3 contacts, all no email; B 3, all with; C 1 without; D 1 with. p̂ = 4/8 = 0.5.
        // Σ(y − p̂m)² = 1.5² + 1.5² + 0.5² + 0.5² = 5; v = 4/3 · 5/64; SRS variance 0.25/8; d = 10/3.
        var m = ClusterMoments()
        m.addCluster(m: 3, y: 3); m.addCluster(m: 3, y: 0); m.addCluster(m: 1, y: 1); m.addCluster(m: 1, y: 0)
        let expectedVariance: Double = 4.0 / 3.0 * 5.0 / 64.0
        let v = try #require(m.variance)
        #expect(abs(v - expectedVariance) < 1e-15)
        #expect(abs(try #require(m.designEffect) - 10.0 / 3) < 1e-12)
        // Wilson on n_eff = 8 ÷ (10/3) = 2.4 at p̂ = 0.5, worked independently: 0.10773908179081859 to 0.8922609182091814.
        let w = try #require(Share(m).interval)
        #expect(abs(w.effectiveTrials - 2.4) < 1e-12)
        #expect(abs(w.low - 0.10773908179081859) < 1e-12 && abs(w.high - 0.8922609182091814) < 1e-12)
    }

    @Test(arguments: [120, 250, 1000, 5000])
    func everyCallerOnceGivesADesignEffectOfOne(n: Int) throws {
        var m = ClusterMoments()
        var rng = SplitMix64(seed: UInt64(n))
        var clusters: [(m: Int, y: Int)] = []
        for _ in 0..<n { let y = rng.next() % 10 < 3 ? 1 : 0; m.addCluster(m: 1, y: y); clusters.append((1, y)) }
        let d = try #require(m.designEffect)
        #expect(abs(d - 1) < 0.01, "\(d)")
        #expect(abs(d - Double(n) / Double(n - 1)) < 1e-9)           // exactly n ÷ (n − 1)
        #expect(abs(d - Self.referenceDesignEffect(clusters)) < 1e-9)
        // Unkeyed contacts added as singletons are the same thing.
        var s = ClusterMoments()
        s.addSingletons(n: n, x: m.successes)
        #expect(abs(try #require(s.designEffect) - d) < 1e-12)
    }

    @Test func repeatCallersWithTheSameStatusRaiseIt() throws {
        // 50 callers × 4 contacts, 15 of them without email on every contact: d = 4 × 50/49 exactly.
        var m = ClusterMoments()
        for k in 0..<50 { m.addCluster(m: 4, y: k < 15 ? 4 : 0) }
        let d = try #require(m.designEffect)
        #expect(abs(d - 4 * 50.0 / 49) < 1e-12)
        let w = try #require(Share(m).interval)
        #expect(abs(w.low - 0.19012919067095557) < 1e-12 && abs(w.high - 0.43894993701724294) < 1e-12)
        // Uneven clusters against the reference implementation.
        var rng = SplitMix64(seed: 9)
        var u = ClusterMoments(), clusters: [(m: Int, y: Int)] = []
        for _ in 0..<300 {
            let size = 1 + Int(rng.next() % 6), no = rng.next() % 4 == 0
            let y = no ? size - Int(rng.next() % 2) : 0
            u.addCluster(m: size, y: y); clusters.append((size, y))
        }
        #expect(abs(try #require(u.designEffect) - Self.referenceDesignEffect(clusters)) < 1e-9)
        #expect(try #require(u.designEffect) > 1)
    }

    @Test func wilsonOnEffectiveNMatchesAnIndependentValue() throws {
        // x = 407 of n = 1,000 with d = 2.2: Wilson at p̂ = 0.407 on n = 454.54…, worked independently.
        let w = try #require(Wilson.interval(successes: 407, trials: 1000, designEffect: 2.2))
        #expect(abs(w.low - 0.36279913869236546) < 1e-12 && abs(w.high - 0.4527596129207687) < 1e-12)
        #expect(w.estimate == 0.407)
        // With d = 2 and whole numbers it is the plain interval of x/2 of n/2.
        let half = try #require(Wilson.interval(successes: 200, trials: 500))
        let clustered = try #require(Wilson.interval(successes: 400, trials: 1000, designEffect: 2))
        #expect(abs(half.low - clustered.low) < 1e-12 && abs(half.high - clustered.high) < 1e-12)
        // A design effect below 1 never narrows the interval.
        #expect(Wilson.interval(successes: 400, trials: 1000, designEffect: 0.7) == Wilson.interval(successes: 400, trials: 1000))
    }

    static func record(_ wrap: Int32, _ channel: Channel = .phone, _ email: EmailOnFile, caller: UInt64, at t: Int64) -> ContactRecord {
        ContactRecord(startedAt: t, wrap: wrap, channel: channel, outcome: .answered, hasEmail: email, waitSeconds: 10,
                      handleSeconds: 100, caller: caller == 0 ? .none : CallerID(hi: caller, lo: 1),
                      order: ContactOrder(hi: UInt64(t), lo: 0), fileOrder: t, area: -1)
    }

    @Test func theExclusionPipelineClustersByCaller() throws {
        let wraps = WrapDictionary()
        let w = wraps.intern(line: "L", reason: "R")
        // Once each: 300 callers, one contact each, 90 without email.
        var once = ContactAnalysisSink()
        for c in 1...300 { once.add(Self.record(w, .phone, c <= 90 ? .no : .yes, caller: UInt64(c), at: Int64(c))) }
        once.cube.finish()
        let r1 = Exclusion.analyse(Exclusion.input(cube: once.cube, wraps: wraps, repeats: once.repeats, taxonomy: nil, areaIndex: nil))
        #expect(abs(try #require(r1.reasons[0].noEmail.designEffect) - 1) < 0.01)
        #expect(abs(try #require(r1.overall.noEmail.designEffect) - 1) < 0.01)
        // Repeating: 60 callers × 5 contacts with the same status, 18 without email, plus 20 unkeyed contacts.
        var rep = ContactAnalysisSink()
        for c in 1...60 { for k in 0..<5 { rep.add(Self.record(w, .phone, c <= 18 ? .no : .yes, caller: UInt64(c), at: Int64(c * 10 + k))) } }
        for k in 0..<20 { rep.add(Self.record(w, .phone, k < 6 ? .no : .yes, caller: 0, at: Int64(5000 + k))) }
        rep.cube.finish()
        let r2 = Exclusion.analyse(Exclusion.input(cube: rep.cube, wraps: wraps, repeats: rep.repeats, taxonomy: nil, areaIndex: nil))
        let expected = Self.referenceDesignEffect((0..<60).map { (5, $0 < 18 ? 5 : 0) } + (0..<20).map { (1, $0 < 6 ? 1 : 0) })
        let d = try #require(r2.reasons[0].noEmail.designEffect)
        #expect(d > 1 && abs(d - expected) < 1e-9)
        #expect(r2.reasons[0].noEmail.count == 96 && r2.reasons[0].noEmail.denominator == 320)
        // The interval is wider than the contacts taken one by one.
        let plain = try #require(Wilson.interval(successes: 96, trials: 320))
        let clustered = try #require(r2.reasons[0].noEmail.interval)
        #expect(clustered.high - clustered.low > plain.high - plain.low)
    }

    @Test func significanceFlagsUseTheClusteredInterval() throws {
        // Reason A: 330 of 1,000 without email; B: 2,610 of 9,000; overall 29.4%. Independent contacts would
        // flag A as above overall; 110 callers of 3 without email and 223 of 3 with make d ≈ 3, and it is not.
        var a = ClusterMoments()
        for _ in 0..<110 { a.addCluster(m: 3, y: 3) }
        for _ in 0..<223 { a.addCluster(m: 3, y: 0) }
        a.addSingletons(n: 1, x: 0)
        var b = ClusterMoments()
        b.addSingletons(n: 9000, x: 2610)
        func counts(_ r: String, _ n: Int, _ x: Int, _ m: ClusterMoments?) -> ExclusionCounts {
            ExclusionCounts(code: WrapCode(line: "L", reason: r), contacts: n, noEmail: x, known: n, assisted: n, noEmailClusters: m)
        }
        let plain = Exclusion.analyse(ExclusionInput(reasons: [counts("A", 1000, 330, nil), counts("B", 9000, 2610, nil)], hasTaxonomy: false))
        #expect(plain.reasons[0].flag == .above)
        let clustered = Exclusion.analyse(ExclusionInput(reasons: [counts("A", 1000, 330, a), counts("B", 9000, 2610, b)], hasTaxonomy: false))
        #expect(try #require(clustered.reasons[0].noEmail.designEffect) > 2.5)
        #expect(clustered.reasons[0].flag == ExclusionFlag.none)
    }

    @Test func theCeilingIsGivenUnderEachProxyAndTheMostConservativeIsCentral() throws {
        let wraps = WrapDictionary()
        let w = wraps.intern(line: "Waste", reason: "Missed")
        let taxonomy = Taxonomy(file: "t", entries: [TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Missed"), demandClass: .failure,
                                                                   failureType: .progressChasing, selfServe: .full, digitalRoute: "/r", line: 2)])
        var sink = ContactAnalysisSink()
        // 40 callers phone once each: 30 with email, of whom 12 also used webchat (in another contact).
        for c in 1...40 {
            sink.add(Self.record(w, .phone, c <= 30 ? .yes : .no, caller: UInt64(c), at: Int64(c * 100)))
            if c <= 12 { sink.add(Self.record(w, .webchat, .yes, caller: UInt64(c), at: Int64(c * 100 + 50))) }
        }
        sink.cube.finish()
        let r = Exclusion.analyse(Exclusion.input(cube: sink.cube, wraps: wraps, repeats: sink.repeats, taxonomy: taxonomy, areaIndex: nil))
        let row = r.reasons[0]
        #expect(row.baseVolume == 40)
        // Email on file: 1 − 10/52 of all contacts with a known status; used digital: 12 of 40 keyed phone
        // contacts; both: 12 of 40 (every digital user has email on file here).
        let email = try #require(row.ceilings[.email]), digital = try #require(row.ceilings[.usedDigital])
        let both = try #require(row.ceilings[.both])
        #expect(abs(email.central - 40 * (42.0 / 52)) < 1e-9)
        #expect(abs(digital.central - 12) < 1e-9 && abs(both.central - 12) < 1e-9)
        let ceiling = try #require(row.ceiling)
        #expect(ceiling.central == min(email.central, digital.central, both.central))
        #expect(ceiling.high == max(email.high, digital.high, both.high))
        #expect(ceiling.low <= ceiling.central && ceiling.central <= ceiling.high)
        // The table passed to project and check carries the same shares.
        let table = ShiftCeiling.fromExclusion(r, source: "exclusion")
        let share = try #require(table.ceiling(for: WrapCode(line: "Waste", reason: "Missed")))
        #expect(abs(share.central - 12.0 / 40) < 1e-12)
        // The summary names each proxy, the cashable and the high case, for the period and a year.
        let sum = try #require(ShiftCeiling.summary(r))
        #expect(sum.periodDays == 1 && sum.base == 40)
        #expect(sum.rows.map(\.proxy) == [.email, .usedDigital, .both])
        #expect(sum.mostConservative == .usedDigital || sum.mostConservative == .both)
        #expect(sum.broadest == .email)
        #expect(abs(sum.combinedAnnual.central - sum.combined.central * 365) < 1e-9)
        #expect(abs(sum.rows[0].annual.high - email.high * 365) < 1e-9)
    }
}

struct ShiftTouchedReasonTests {
    // The reason named for safeguards is one a shift would move (an online route), not the highest overall.
    @Test func safeguardsAreNamedOnlyForReasonsWithAnOnlineRoute() throws {
        let taxonomy = Taxonomy(file: "t", entries: [
            TaxonomyEntry(code: WrapCode(line: "Telecare", reason: "Fault"), demandClass: .failure, failureType: .errorCorrection,
                          selfServe: .none, digitalRoute: "", line: 2),
            TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Missed"), demandClass: .failure, failureType: .progressChasing,
                          selfServe: .full, digitalRoute: "/r", line: 3),
            TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Bins"), demandClass: .value, failureType: .none,
                          selfServe: .full, digitalRoute: "/b", line: 4),
        ])
        let rows = try AggregateExclusionTable.parse(CSVTable.parse(Array("""
            line,reason,calls,no_email
            Telecare,Fault,2000,1200
            Waste,Missed,3000,1200
            Waste,Bins,9000,1800

            """.utf8), file: "agg.csv"))
        let r = Exclusion.analyse(Exclusion.input(aggregate: rows, taxonomy: taxonomy))
        #expect(r.reasons.map { r.isShiftable($0) } == [false, true, false] || r.reasons.map { r.isShiftable($0) } == [false, false, true]
                || r.reasons.filter { r.isShiftable($0) }.count == 2)
        let report = ExclusionReport.build(r, rowLevel: false, threshold: 10)
        #expect(report.values["highest_risk_reason"]?.display == "Waste / Missed")
        #expect(report.values["highest_risk_any_reason"]?.display == "Telecare / Fault")
        let equality = report.blocks.compactMap { b -> String? in if case .paragraph(let p) = b { return p } else { return nil } }.joined()
        #expect(equality.contains("Waste / Missed") && !equality.contains("Telecare / Fault"))
    }
}
