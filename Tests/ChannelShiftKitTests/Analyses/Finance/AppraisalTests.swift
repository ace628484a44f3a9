// Business-case arithmetic pinned to values computed independently in python3 (formula and command in each test).
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct AppraisalTests {
    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-6) -> Bool { abs(a - b) <= tol }

    // Full cost = salary + max(0, salary − 5,000) × 15% + salary × 19%.
    // python3: 24000 + (24000-5000)*0.15 + 24000*0.19 = 31410.0;  4000 + 0 + 4000*0.19 = 4760.0
    @Test func onCostsAboveAndBelowTheThreshold() {
        let o = OnCosts(niRate: 0.15, niThresholdPounds: 5_000, pensionRate: 0.19)
        #expect(close(o.fullCost(salary: 24_000), 31_410))
        #expect(close(o.nationalInsurance(salary: 24_000), 2_850))
        #expect(close(o.fullCost(salary: 4_000), 4_760))
    }

    // python3: 1924*(1-0.33)*0.85 = 1095.718
    @Test func productiveHoursFromPaidHoursShrinkageAndOccupancy() {
        #expect(close(ProductiveHours(shrinkage: 0.33, occupancy: 0.85).perFTE, 1_095.718))
        #expect(ProductiveHours(stated: 1_000).perFTE == 1_000)
    }

    // NPV = Σ net_t / 1.035^t, year 0 undiscounted.
    // python3: sum(x/1.035**t for t,x in enumerate([-150000,40000,60000,80000,80000,80000])) = 153886.63303516278
    @Test func npvAtTheGreenBookRate() {
        let net: [Double] = [-150_000, 40_000, 60_000, 80_000, 80_000, 80_000]
        #expect(close(Appraisal.npv(net, rate: Appraisal.greenBookRate), 153_886.63303516278, 1e-6))
        #expect(Appraisal.discountFactor(year: 0, rate: 0.035) == 1)
    }

    // Cumulative: -150000, -110000, -50000, +30000: first year ≥ 0 is year 3.
    @Test func paybackIsTheFirstYearCumulativeNetIsNotNegative() {
        #expect(Appraisal.paybackYear([-150_000, 40_000, 60_000, 80_000, 80_000]) == 3)
        #expect(Appraisal.paybackYear([-100, 10, 10]) == nil)
        // No capital in year 0: the scheme pays back in its first year with a benefit, not in year 0.
        #expect(Appraisal.paybackYear([0, 5_000, 5_000]) == 1)
        #expect(Appraisal.paybackYear([0, -10, 30]) == 2)
        #expect(Appraisal.describePayback(nil) == "not within the appraisal period")
    }

    // Linear: min(1, t/2). Logistic m=2, k=1.5: python3 1/(1+math.exp(-1.5*(1-2))) = 0.18242552380635635,
    // 1/(1+math.exp(-1.5*(3-2))) = 0.8175744761936437.
    @Test func takeUpCurves() {
        #expect(TakeUpCurve.linear(rampYears: 2).share(year: 0) == 0)
        #expect(TakeUpCurve.linear(rampYears: 2).share(year: 1) == 0.5)
        #expect(TakeUpCurve.linear(rampYears: 2).share(year: 5) == 1)
        let s = TakeUpCurve.logistic(midpointYear: 2, steepness: 1.5)
        #expect(close(s.share(year: 1), 0.18242552380635635, 1e-12))
        #expect(close(s.share(year: 3), 0.8175744761936437, 1e-12))
    }

    @Test func optimismBiasUpliftsCostsAndReducesBenefits() {
        let ob = OptimismBias(capitalUplift: 2.0, runningUplift: 0.41, benefitReduction: 0.1)
        #expect(close(ob.capital(100_000), 300_000))
        #expect(close(ob.running(10_000), 14_100))
        #expect(close(ob.benefit(50_000), 45_000))
    }

    // One reason, 10,000 calls a year, AHT 360 s, 30% to web form at £0.15, linear ramp over 2 years.
    // python3 (p = 1924*0.67*0.85; E = 10000*360/3600/p; cost = 24000+19000*.15+24000*.19):
    //   year 1: shifted 1500, FTE 150/p = 0.1368965372477225, posts E*(0.05+0.12) = 0.155149... → all cashable,
    //           saving 4299.920234950963, digital cost 225
    //   year 2: shifted 3000, FTE 0.273793074495445, posts E*(0.05+0.24) = 0.26466663867893014 → cashable is the
    //           posts figure (turnover binds), saving 8313.179120905195, digital cost 450
    @Test func projectionCashableFollowsTurnover() {
        var inputs = ProjectionInputs(
            baseline: [WrapBaseline(code: WrapCode(line: "Waste", reason: "Missed bin"), phoneContactsPerYear: 10_000, handleSeconds: 360)],
            shares: [[.webForm: Ranged(0.3)]], ceilings: [nil], takeUp: .linear(rampYears: 2),
            costPerContact: [.webForm: 0.15], vacancyRate: 0.05, turnoverRate: 0.12, years: 2)
        // Turnover alone limits the cash here; the service gap (5% vacant of a team sized at its requirement)
        // is tested in BusinessCaseProjectionTests.
        inputs.policy = .cashFirst
        let r = Projection.run(inputs, case: .central)
        #expect(r.years.count == 3)
        #expect(close(r.years[1].fteLinear, 0.1368965372477225, 1e-9))
        #expect(close(r.years[1].cashableSaving, 4_299.920234950963, 1e-6))
        #expect(close(r.years[1].digitalCost, 225, 1e-9))
        #expect(close(r.years[2].fteCashable, 0.26466663867893014, 1e-9))
        #expect(close(r.years[2].cashableSaving, 8_313.179120905195, 1e-6))
        #expect(r.years[2].fteNonCashable > 0)
        #expect(close(r.years[2].net, 8_313.179120905195 - 450, 1e-6))
    }

    @Test func ceilingCapsTheShiftAndIsReported() {
        let inputs = ProjectionInputs(
            baseline: [WrapBaseline(code: WrapCode(line: "Waste", reason: "Missed bin"), phoneContactsPerYear: 10_000, handleSeconds: 360)],
            shares: [[.webForm: Ranged(0.4), .webchat: Ranged(0.2)]], ceilings: [Ranged(0.3, low: 0.2, high: 0.5)],
            takeUp: .linear(rampYears: 1), years: 1)
        let central = Projection.run(inputs, case: .central)
        #expect(close(central.years[1].totalShifted, 3_000, 1e-9))
        #expect(central.ceilingBinds.count == 1)
        #expect(close(central.ceilingBinds[0].requested, 0.6, 1e-12))
        let high = Projection.run(inputs, case: .high)
        #expect(close(high.years[1].totalShifted, 5_000, 1e-9))
    }

    // SplitMix64 reference (Vigna's splitmix64.c, seed 0), python3:
    //   s=0; s=(s+0x9E3779B97F4A7C15)&M; z=s; z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M; z=((z^(z>>27))*0x94D049BB133111EB)&M; z^(z>>31)
    //   = 0xe220a8397b1dcdaf
    @Test func splitMix64MatchesTheReference() {
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func monteCarloIsDeterministicForASeed() throws {
        var set = AssumptionSet()
        let loc = SourceLocation(file: "t.md", line: 1)
        set.add(Assumption(key: "x", central: 10, low: 5, high: 20, unit: AssumptionUnit(.number), written: "10", source: "", location: loc))
        set.add(Assumption(key: "y", central: 1, low: 0, high: 2, unit: AssumptionUnit(.number), written: "1", source: "", location: loc))
        let f: (AssumptionSet) throws(ToolError) -> Double = { s in (s["x"]?.central ?? 0) * (s["y"]?.central ?? 0) }
        let a = try Sensitivity.monteCarlo(set, draws: 500, seed: 7, evaluate: f)
        let b = try Sensitivity.monteCarlo(set, draws: 500, seed: 7, evaluate: f)
        let c = try Sensitivity.monteCarlo(set, draws: 500, seed: 8, evaluate: f)
        #expect(a == b)
        #expect(a.p10 < a.p50 && a.p50 < a.p90)
        #expect(a.p50 != c.p50 || a.p10 != c.p10)
        let bars = try Sensitivity.tornado(set, evaluate: f)
        // y at 0..2 with x = 10 swings 0..20 (20); x at 5..20 with y = 1 swings 5..20 (15): y first.
        #expect(bars.map(\.key) == ["y", "x"])
        #expect(bars[0].atLow == 0 && bars[0].atHigh == 20)
    }
}
