// Tests for the business-case cores a Section 151 review needs: dated on-costs, financial years, handled
// workload, capacity before cash, leakage, options, uncertainty and the plausibility table.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct DatedOnCostsTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilTime.days(year: y, month: m, day: d) }

    // DOMAIN "Money": £24,000 and 19% pension. Formula: salary + (salary − threshold) × NI rate + salary × pension.
    @Test func pinnedOnCostsAtThePapersDate() throws {
        let jan2023 = OnCostSchedule(pensionRate: 0.19, asOfDay: Self.day(2023, 1, 19), startDay: Self.day(2023, 4, 1))
        let expected2023 = 24_000 + (24_000 - 9_100) * 0.138 + 24_000 * 0.19          // £30,616.20
        #expect(abs(try #require(jan2023.fullCost(salary: 24_000, year: 0)) - expected2023) < 1e-9)
        #expect(abs(expected2023 - 30_616.20) < 1e-9)
        let jun2025 = OnCostSchedule(pensionRate: 0.19, asOfDay: Self.day(2025, 6, 1), startDay: Self.day(2026, 4, 1))
        let expected2025 = 24_000 + (24_000 - 5_000) * 0.15 + 24_000 * 0.19           // £31,410.00
        #expect(abs(try #require(jun2025.fullCost(salary: 24_000, year: 0)) - expected2025) < 1e-9)
        #expect(abs(expected2025 - 31_410.00) < 1e-9)
        // A paper dated January 2023 uses its own date's rule for every later year, never the 2025 one.
        #expect(jan2023.onCosts(year: 4)?.niRate == 0.138 && jan2023.onCosts(year: 4)?.niThresholdPounds == 9_100)
    }

    @Test(arguments: [
        (2021, 4, 6, 0.138, 8_840.0), (2022, 4, 5, 0.138, 8_840.0), (2022, 4, 6, 0.1505, 9_100.0), (2022, 11, 5, 0.1505, 9_100.0),
        (2022, 11, 6, 0.138, 9_100.0), (2025, 4, 5, 0.138, 9_100.0), (2025, 4, 6, 0.15, 5_000.0),
    ])
    func taxYearBoundaries(y: Int, m: Int, d: Int, rate: Double, threshold: Double) throws {
        let r = try #require(EmployerNI.rule(on: Self.day(y, m, d)))
        #expect(r.rate == rate && r.thresholdPounds == threshold)
    }

    @Test func pastYearsKeepTheirOwnRuleAndOverridesWin() {
        let s = OnCostSchedule(pensionRate: 0.2, asOfDay: Self.day(2025, 6, 1), startDay: Self.day(2022, 6, 1))
        #expect(s.onCosts(year: 0)?.niRate == 0.1505)       // 1 June 2022: the levy
        #expect(s.onCosts(year: 1)?.niRate == 0.138)        // 1 June 2023
        #expect(s.onCosts(year: 3)?.niRate == 0.15)         // 1 June 2025
        #expect(EmployerNI.rule(on: Self.day(2021, 4, 5)) == nil)
        let before = OnCostSchedule(pensionRate: 0.2, asOfDay: Self.day(2020, 1, 1), startDay: Self.day(2020, 4, 1))
        #expect(before.onCosts(year: 0) == nil)
        let given = OnCostSchedule(pensionRate: 0.2, asOfDay: Self.day(2020, 1, 1), startDay: Self.day(2020, 4, 1),
                                   niRateOverride: 0.12, niThresholdOverride: 7_000)
        #expect(given.fullCost(salary: 20_000, year: 2) == 20_000 + 13_000 * 0.12 + 20_000 * 0.2)
    }

    @Test func realPayGrowthIsTheAwardOverInflation() {
        let p = PriceBase(payAward: 0.05, inflation: 0.02)
        let g = 1.05 / 1.02 - 1
        #expect(abs(p.realPayGrowth - g) < 1e-15)
        #expect(abs(p.realSalary(24_000, year: 2) - 24_000 * (1 + g) * (1 + g)) < 1e-9)
        #expect(PriceBase(payAward: 0.03, inflation: 0.03).realSalary(24_000, year: 5) == 24_000)
    }
}

struct FinancialYearsTests {
    @Test func labelsAndBoundaries() {
        #expect(FinancialYear(startYear: 2023).label == "2023/24")
        #expect(FinancialYear(startYear: 1999).label == "1999/00")
        #expect(FinancialYear(containing: CivilTime.days(year: 2024, month: 3, day: 31)).startYear == 2023)
        #expect(FinancialYear(containing: CivilTime.days(year: 2024, month: 4, day: 1)).startYear == 2024)
        #expect(FinancialYears.nextFirstApril(onOrAfter: CivilTime.days(year: 2023, month: 1, day: 19)) == CivilTime.days(year: 2023, month: 4, day: 1))
    }

    // A year from 1 October 2023 has 366 days (29 February 2024): 183 fall in 2023/24 and 183 in 2024/25.
    @Test func recurringAmountsSplitByDaysOneOffsDoNot() {
        let start = CivilTime.days(year: 2023, month: 10, day: 1)
        let recurring = FinancialYears.phase([366], recurrence: .recurring, startDay: start)
        #expect(recurring[FinancialYear(startYear: 2023)] == 183 && recurring[FinancialYear(startYear: 2024)] == 183)
        let oneOff = FinancialYears.phase([0, 500], recurrence: .oneOff, startDay: start)
        #expect(oneOff == [FinancialYear(startYear: 2024): 500])
    }

    @Test func tableGivesGrossCostsAndNetPerYear() {
        let start = CivilTime.days(year: 2023, month: 4, day: 1)
        let t = FinancialYears.table([
            CashFlowLine("Staff saving", kind: .revenue, recurrence: .recurring, isSaving: true, byYear: [0, 100, 200]),
            CashFlowLine("Forms platform", kind: .capital, recurrence: .oneOff, isSaving: false, byYear: [150]),
            CashFlowLine("Licences", kind: .revenue, recurrence: .recurring, isSaving: false, byYear: [0, 10, 10]),
        ], startDay: start)
        #expect(t.years.map(\.label) == ["2023/24", "2024/25", "2025/26"])
        #expect(t.grossSavings == [0, 100, 200])
        #expect(t.capitalCosts == [150, 0, 0] && t.revenueCosts == [0, 10, 10])
        #expect(t.net == [-150, 90, 190])
    }
}

struct HandledWorkloadTests {
    // A hand-made export: three answered calls (300, 600, 300 s) and two abandoned calls, one of them with a talk
    // time written on it. Abandoned calls carry no handle time: the work is 3 × 400 s.
    @Test func abandonedCallsCarryNoHandleTime() throws {
        let csv = """
        contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email
        C1,2022-07-04 09:00:00,phone,Recycling and Waste,Missed Collection,answered,30,300,K1,Y
        C2,2022-07-04 09:05:00,phone,Recycling and Waste,Missed Collection,abandoned,200,120,K2,Y
        C3,2022-07-04 09:10:00,phone,Recycling and Waste,Missed Collection,answered,40,600,K3,N
        C4,2022-07-04 09:12:00,phone,Recycling and Waste,Missed Collection,abandoned,90,,K4,N
        C5,2022-07-04 09:20:00,phone,Recycling and Waste,Missed Collection,answered,10,300,K2,Y

        """
        let (records, result) = try ingest(TestFiles.write(csv))
        #expect(result.rowsAccepted == 5)
        var cube = ContactCube()
        for r in records { cube.add(r) }
        cube.finish()
        let w = HandledWorkload(cube.stats(channel: .phone))
        #expect(w.offered == 5 && w.abandoned == 2 && w.handled == 3)
        #expect(w.handledHours == 3 * 400 / 3600.0)
        // K2 abandoned and called back (C5): one piece of work, the answered call's 300 s, not two.
        #expect(abs(w.fte(ProductiveHours(stated: 1_000)) - 1_200.0 / 3600 / 1_000) < 1e-15)
        #expect(HandledWorkload(offered: 10, abandoned: 2, handleSecondsSum: 800, handleTimed: 4, afterCallWorkSeconds: 30).handledHours == 8 * 230 / 3600.0)
    }
}

struct CapacityBeforeCashTests {
    // The gap is 7.5 FTE; releasing 3 FTE closes part of it and cashes nothing.
    @Test func aReleaseSmallerThanTheGapIsNotCash() {
        let position = CapacityPosition(establishmentFTE: 30, vacancyRate: 0.05, requiredFTE: 34.5, impliedFTE: 27)
        #expect(position.gap == 7.5)
        #expect(position.gapByEstablishment == 34.5 - 28.5)
        let cashable = CapacityGap.cashableFTE(released: 3, gap: position.gap, postsRemovable: 10, policy: .serviceFirst)
        #expect(cashable == 0)
        #expect(cashable * 30_616.20 == 0)
        #expect(CapacityGap.cashableFTE(released: 10, gap: 7.5, postsRemovable: 10, policy: .serviceFirst) == 2.5)
        #expect(CapacityGap.cashableFTE(released: 10, gap: 7.5, postsRemovable: 1, policy: .serviceFirst) == 1)
        #expect(CapacityGap.cashableFTE(released: 3, gap: 7.5, postsRemovable: 10, policy: .cashFirst) == 3)
        // A team above its requirement has no gap to close.
        #expect(CapacityPosition(establishmentFTE: 40, vacancyRate: 0, requiredFTE: 34.5, impliedFTE: nil).gap == 0)
    }

    // Calibration inverts Erlang A: the abandonment 12 agents give back is matched by about 12 agents.
    @Test(arguments: [8, 12, 20])
    func impliedStaffingInvertsErlangA(agents: Int) {
        let load = IntervalLoad(calls: 120, ahtSeconds: 300, intervalSeconds: 1800)   // 20 Erlangs
        let observed = Staffing.performance(agents: Double(agents), load: load, model: .erlangA(patienceSeconds: 120),
                                            withinSeconds: 180).abandonFraction
        let implied = CapacityGap.impliedAgents(load: load, patienceSeconds: 120, abandonFraction: observed, withinSeconds: 180)
        #expect(abs(implied - Double(agents)) < 0.02)
    }
}

struct LeakageTests {
    // 88 of 300 digital contacts followed by a call: the shift that leaves the phone falls by exactly 88/300.
    @Test func leakageReducesTheShiftByTheMeasuredRate() throws {
        let rate = try #require(Leakage.rate(digitalKeyed: 300, digitalThenPhone: 88))
        #expect(rate == 88.0 / 300)
        let net = Leakage.netShifted(10_000, rate: rate)
        #expect(abs((10_000 - net) / 10_000 - 88.0 / 300) < 1e-15)
        #expect(Leakage.rate(digitalKeyed: 0, digitalThenPhone: 0) == nil)
    }
}

struct OptionsAppraisalTests {
    static func option(_ name: String, npv: Double, sl: Double? = nil) -> AppraisedOption {
        AppraisedOption(name: name, title: name, npv: npv, paybackYear: npv > 0 ? 3 : nil, netCashableTotal: npv, fteReleased: 1,
                        fteCashable: 0, serviceLevelReached: sl, risks: [])
    }

    @Test func doNothingIsZeroAndOptionsRankByNPV() throws {
        let none = OptionsAppraisal.doNothing(serviceLevelToday: 0.6, risks: ["waits stay long"])
        #expect(none.npv == 0 && none.isDoNothing)
        let ranked = OptionsAppraisal.rank([Self.option("shift", npv: -50_000), none, Self.option("fix_first", npv: 120_000, sl: 0.8),
                                            Self.option("both", npv: 120_000, sl: 0.9)])
        #expect(ranked.map(\.name) == ["both", "fix_first", "do_nothing", "shift"])
        let p = try #require(OptionsAppraisal.preferred(ranked))
        #expect(p.option.name == "both" && p.why.contains("highest net present value"))
        let allNegative = try #require(OptionsAppraisal.preferred([Self.option("shift", npv: -1), none]))
        #expect(allNegative.option.isDoNothing)
    }

    // With a 90% target, an option that leaves the standard missed ranks below every option that meets it,
    // however cheap: do nothing (60%) and the cheap shift (70%) come after recruiting (NPV −£400k, 90%).
    @Test func optionsMeetingTheTargetRankFirst() throws {
        let none = OptionsAppraisal.doNothing(serviceLevelToday: 0.6, risks: [])
        let options = [none, Self.option("shift", npv: 50_000, sl: 0.7), Self.option("recruit", npv: -400_000, sl: 0.9),
                       Self.option("fix_first", npv: -100_000, sl: 0.91)]
        #expect(OptionsAppraisal.rank(options, target: 0.9).map(\.name) == ["fix_first", "recruit", "shift", "do_nothing"])
        let p = try #require(OptionsAppraisal.preferred(options, target: 0.9))
        #expect(p.option.name == "fix_first" && p.why.contains("90% target"))
    }
}

struct UncertaintyTests {
    @Test func extremeCasesTakeEachAssumptionToItsWorseEnd() {
        let at = SourceLocation(file: "a.md", line: 1, column: 1)
        let set = AssumptionSet([
            Assumption(key: "salary", central: 24_000, low: 22_000, high: 26_000, unit: AssumptionUnit(.pounds), written: "", source: "", location: at),
            Assumption(key: "running_cost", central: 8_000, low: 6_000, high: 12_000, unit: AssumptionUnit(.pounds), written: "", source: "", location: at),
        ])
        // Higher salary raises the NPV (savings are worth more); higher running cost lowers it.
        let bars = [TornadoBar(key: "salary", lowInput: 22_000, highInput: 26_000, atLow: 10, atHigh: 30),
                    TornadoBar(key: "running_cost", lowInput: 6_000, highInput: 12_000, atLow: 25, atHigh: 5)]
        let (low, high) = Sensitivity.extremeCases(set, bars: bars)
        #expect(low["salary"]?.central == 22_000 && low["running_cost"]?.central == 12_000)
        #expect(high["salary"]?.central == 26_000 && high["running_cost"]?.central == 6_000)
    }
}

struct PlausibilityTests {
    /// The table's findings on a parsed set (the parser itself throws the errors: see ImpossibleAssumptionTests).
    static func findings(_ text: String) throws -> PlausibilityFindings {
        var p = AssumptionParser(knownKeys: Tool.knownAssumptionKeys)
        p.parse(block: text, file: "case.txt")
        #expect(p.diagnostics.isEmpty)
        return Plausibility.check(p.set)
    }

    // Each impossible value is an error at the assumption's file:line:column, with a hint.
    @Test(arguments: [
        "shrinkage = 100%", "shrinkage = 120%", "paid_hours = 0 h per FTE per year", "occupancy = 0%", "occupancy = 110%",
        "discount_rate = -100%", "discount_rate = -150%", "optimism_bias.benefits = -100%", "optimism_bias.capital = -10%",
        "salary = £0 per FTE per year", "pension.rate = 100%", "service_level = 0%", "shrinkage = 96%", "patience = 0 s",
    ])
    func impossibleValuesAreErrorsWithTheirPosition(line: String) throws {
        let f = try Self.findings("# a scenario\n  " + line + "  # source\n")
        #expect(f.errors.count == 1)
        #expect(f.errors.first?.location == SourceLocation(file: "case.txt", line: 2, column: 3))
        #expect(f.errors.first?.hint?.isEmpty == false)
        #expect(f.errors.first?.message.contains("impossible") == true)
        #expect(throws: ToolError.self) { try f.throwIfImpossible() }
        #expect(throws: ToolError.self) { try AssumptionFile.parse("# a scenario\n  " + line + "\n", file: "case.txt", knownKeys: Tool.knownAssumptionKeys) }
    }

    @Test func hundredPercentWithinZeroSecondsIsImpossible() throws {
        let f = try Self.findings("service_level = 100%\nservice_level_seconds = 0 s\n")
        #expect(f.errors.count == 1 && f.errors[0].location?.line == 1 && f.errors[0].message.contains("within 0 s"))
        #expect(try Self.findings("service_level = 99%\nservice_level_seconds = 0 s\n").errors.isEmpty)
    }

    @Test(arguments: ["shrinkage = 60%", "shrinkage = 10%", "discount_rate = 12%", "salary = £9,000 per FTE per year",
                      "salary = £95,000 per FTE per year", "occupancy = 98%"])
    func implausibleValuesWarn(line: String) throws {
        let f = try Self.findings(line + "\n")
        #expect(f.errors.isEmpty && f.warnings.count == 1)
        #expect(f.renderedWarnings[0].hasPrefix("case.txt:1:1: warning: "))
        #expect(f.reportNotes[0].hasPrefix("Check: "))
    }

    @Test func theSampleValuesPassClean() throws {
        let f = try Self.findings("shrinkage = 30% (30%–35%)\noccupancy = 85%\ndiscount_rate = 3.5%\nsalary = £24,000 per FTE per year\n")
        #expect(f.errors.isEmpty && f.warnings.isEmpty)
    }
}
