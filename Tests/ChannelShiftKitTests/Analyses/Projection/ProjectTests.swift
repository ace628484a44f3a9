// The project command's core: queue-aware against linear FTE, scenario parsing with positions, the report shape.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct ProjectTests {
    static let slotSeconds = 900.0

    /// A small centre: 200 open 15-minute intervals a week, 6 calls in each, AHT 300 s (A = 2 Erlangs), 80% in 20 s.
    func smallCentre(share: Double) -> ProjectionInputs {
        let curve = QueueCurve.build(callsPerSlot: [Double](repeating: 6, count: 200), slotsPerYearFactor: 365.0 / 7.0, slotHours: 0.25,
                                     handleSeconds: 300, description: "flat") { n, h in
            Staffing.requiredAgents(load: IntervalLoad(calls: n, ahtSeconds: h, intervalSeconds: Self.slotSeconds),
                                    target: .serviceLevel(fraction: 0.8, withinSeconds: 20), model: .erlangC).agents
        }
        let callsPerYear = 6 * 200 * 365.0 / 7.0
        return ProjectionInputs(baseline: [WrapBaseline(code: WrapCode(line: "Waste", reason: "Missed bin"), phoneContactsPerYear: callsPerYear, handleSeconds: 300)],
                                shares: [[.webForm: Ranged(share)]], ceilings: [nil], takeUp: .linear(rampYears: 1), years: 1, queue: curve)
    }

    // Erlang C by the Erlang B recursion, in python3 (same formula as DOMAIN.md):
    //   def agents(A,T=20,aht=300,sl=0.8): b=1;n=0; loop n+=1; b=A*b/(n+A*b); if n>A: c=n*b/(n-A*(1-b));
    //       if 1-c*exp(-(n-A)*T/aht)>=sl: return n
    //   A = 6*300/900 = 2.0 → 4 agents; after a 20% shift A = 1.6 → still 4 agents: queue-aware release 0 FTE.
    //   Baseline queue FTE = 4*200*0.25*(365/7)/(1924*0.67) = 8.08993346306779.
    //   Linear = 6*200*(365/7)*300/3600*0.2 / (1924*0.67*0.85) = 0.9517568780079755 FTE.
    // So in a small centre at a fixed service level, a 20% fall in calls releases no whole adviser in any interval.
    @Test func queueAwareReleasesFewerFTEThanLinearInASmallCentre() {
        let r = Projection.run(smallCentre(share: 0.2), case: .central)
        #expect(abs(r.years[1].fteLinear - 0.9517568780079755) < 1e-9)
        #expect(abs((r.baselineQueueFTE ?? 0) - 8.08993346306779) < 1e-9)
        #expect(r.years[1].fteQueue == 0)
        #expect(r.years[1].fteReleased == 0)        // cash follows the smaller, prudent figure
        let text = ProjectReport.fteExplanation(r, inputs: smallCentre(share: 0.2))
        #expect(text.contains("Queue-aware release is lower"))
    }

    // Same centre, 50% shifted: A = 1.0 → python agents(1.0) = 3, so one adviser fewer in every interval:
    //   1*200*0.25*(365/7)/(1924*0.67) = 2.0224833657669475 FTE; linear 0.9517568780079755*2.5 = 2.379392195019939.
    @Test func queueAwareReleaseComesInWholeAdvisers() {
        let r = Projection.run(smallCentre(share: 0.5), case: .central)
        #expect(abs((r.years[1].fteQueue ?? -1) - 2.0224833657669475) < 1e-9)
        #expect(abs(r.years[1].fteLinear - 2.379392195019939) < 1e-9)
        #expect(r.years[1].fteQueue! < r.years[1].fteLinear)
    }

    static let baseline = [
        WrapBaseline(code: WrapCode(line: "Council Tax", reason: "Pay a bill"), phoneContactsPerYear: 40_000, handleSeconds: 300, phoneContactsInData: 40_000),
        WrapBaseline(code: WrapCode(line: "Recycling and Waste", reason: "Missed collection"), phoneContactsPerYear: 30_000, handleSeconds: 240, phoneContactsInData: 30_000),
        WrapBaseline(code: WrapCode(line: "Recycling and Waste", reason: "Report fly-tipping"), phoneContactsPerYear: 8, handleSeconds: 420, phoneContactsInData: 8),
    ]

    func assumptions(_ text: String) throws -> AssumptionSet {
        try AssumptionFile.parse(text, file: "scenario.txt", knownKeys: Scenario.keys)
    }

    @Test func slugsNameLinesAndReasons() {
        #expect(Scenario.slug("Recycling and Waste") == "recycling_and_waste")
        #expect(Scenario.slug("  Report fly-tipping!") == "report_fly_tipping")
    }

    @Test func unknownLineIsReportedAtItsPosition() throws {
        let set = try assumptions("salary = £24,000 per FTE per year\nshift.recyling_and_waste.web_form = 40%  # plan\n")
        do {
            _ = try Scenario.inputs(set, baseline: Self.baseline)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].location == SourceLocation(file: "scenario.txt", line: 2, column: 1))
            #expect(error.diagnostics[0].hint?.contains("recycling_and_waste") == true)
        }
    }

    @Test func reasonKeyOverridesLineKey() throws {
        let set = try assumptions("""
        shift.recycling_and_waste.web_form = 40% (25%–60%)  # plan
        shift.recycling_and_waste.missed_collection.web_form = 10%  # plan
        """)
        let p = try Scenario.inputs(set, baseline: Self.baseline)
        #expect(p.shares[0].isEmpty)
        #expect(p.shares[1][.webForm] == Ranged(0.1))
        #expect(p.shares[2][.webForm] == Ranged(0.4, low: 0.25, high: 0.6))
    }

    @Test func shiftingToEmailNeedsItsCost() throws {
        let set = try assumptions("shift.council_tax.email = 20%  # plan\n")
        #expect(throws: ToolError.self) { try Scenario.inputs(set, baseline: Self.baseline) }
    }

    @Test func reportHasCasesTornadoValuesAndSuppression() throws {
        let set = try assumptions("""
        shift.recycling_and_waste.web_form = 40% (25%–60%)  # channel strategy 2025
        shift.council_tax.web_form = 30% (20%–45%)  # channel strategy 2025
        salary = £24,000 (£22,000–£27,000) per FTE per year  # pay scale
        investment.capital.year0 = £120,000  # supplier quote
        optimism_bias.capital = 20%  # mitigated: fixed-price quote
        turnover_rate = 12% (8%–16%)  # HR
        service_budget = £1,500,000 per year  # budget book
        """)
        // Fly-tipping's ceiling is hidden (suppressed) in the file, so it is not capped; Council Tax is not listed, so
        // with a ceiling file it is not shiftable at all.
        let ceiling = try ShiftCeiling.parse(CSVTable.parse(Array("""
        line,reason,base,included_share,low,central,high
        Recycling and Waste,Missed collection,1000,70%,200,300,350
        Recycling and Waste,Report fly-tipping,,,,,
        All reasons,,1000,,200,300,350

        """.utf8), file: "ceiling.csv"))
        #expect(ceiling.shares.count == 1 && ceiling.hidden.count == 1)
        let asOf = CivilTime.days(year: 2022, month: 12, day: 15)
        let options = ProjectOptions(simulations: 200, seed: 1, asOfDay: asOf)
        let r = ProjectReport.build(try ProjectAnalysis.analyse(baseline: Self.baseline, assumptions: set, ceiling: ceiling,
                                                                queue: nil, options: options), options: options)
        #expect(r.tables.map(\.id) == ["baseline", "position", "years", "leakage", "financial_years", "cases", "options", "ceiling", "tornado", "assumptions"])
        #expect(r.values["npv_central"] != nil && r.values["payback_year"] != nil && r.values["fte_linear_year3"] != nil)
        #expect(r.values["npv_low"]!.value < r.values["npv_central"]!.value)
        #expect(r.values["npv_p10"]!.value <= r.values["npv_p90"]!.value)
        #expect(r.summary.joined().contains("capped at the ceiling"))
        // The reason with 8 calls is hidden as <10.
        let baselineTable = r.tables[0]
        #expect(baselineTable.rows[2][2] == .suppressed(below: 10))
        // Every key read is listed, defaults with their source.
        let keys = r.assumptions.map(\.key)
        #expect(keys.contains("discount_rate") && keys.contains("salary") && keys.contains("ni (dated)"))
        // A paper as of 15 December 2022 costs staff at 13.8% NI above £9,100: 24,000 + 14,900 × 0.138 + 24,000 × 0.19.
        #expect(abs(r.values["cost_per_fte"]!.value - (24_000 + 14_900 * 0.138 + 24_000 * 0.19)) < 1e-6)
        #expect(r.assumptions.first { $0.key == "discount_rate" }?.source.contains("Green Book") == true)
        let central = try Scenario.inputs(set, baseline: Self.baseline, ceiling: ceiling)
        #expect(central.ceilings.map { $0?.central } == [0, 0.3, nil])
        let again = ProjectReport.build(try ProjectAnalysis.analyse(baseline: Self.baseline, assumptions: set, ceiling: ceiling,
                                                                    queue: nil, options: options), options: options)
        #expect(try ReportRenderer.render(r, as: .md) == ReportRenderer.render(again, as: .md))
    }
}
