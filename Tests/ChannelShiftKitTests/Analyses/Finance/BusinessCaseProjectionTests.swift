// The projection with the Section 151 rules in: leakage, capacity before cash, handled work, options, dated costs.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct BusinessCaseProjectionTests {
    // 10,000 calls offered a year, 8,000 handled (2,000 abandoned), 360 s each; 40% moved online, 29.3% come back.
    static func inputs(leakage: Double?, establishment: Double, policy: ReleasedCapacityPolicy = .serviceFirst) -> ProjectionInputs {
        var p = ProjectionInputs(baseline: [WrapBaseline(code: WrapCode(line: "Recycling and Waste", reason: "Bulky Waste Collection"),
                                                         phoneContactsPerYear: 10_000, handleSeconds: 360, phoneContactsInData: 10_000,
                                                         handledContactsPerYear: 8_000, leakageRate: leakage)],
                                 shares: [[.webForm: Ranged(0.4)]], ceilings: [nil], takeUp: .linear(rampYears: 1),
                                 hours: ProductiveHours(stated: 1_000), vacancyRate: 0.1, turnoverRate: 0.5, establishmentFTE: establishment, years: 2)
        p.policy = policy
        return p
    }

    @Test func leakageReducesTheContactsThatLeaveThePhoneByExactlyTheMeasuredRate() {
        let with = Projection.run(Self.inputs(leakage: 0.293, establishment: 1), case: .central).years[1]
        let without = Projection.run(Self.inputs(leakage: 0, establishment: 1), case: .central).years[1]
        // Gross: 8,000 handled × 40% = 3,200 moved online; net 3,200 × (1 − 0.293).
        #expect(abs(with.leakage.grossContacts - 3_200) < 1e-9)
        #expect(abs(with.leakage.netContacts - 3_200 * (1 - 0.293)) < 1e-9)
        #expect(abs((without.handleHoursReleased - with.handleHoursReleased) / without.handleHoursReleased - 0.293) < 1e-12)
        #expect(abs(without.handleHoursReleased - 3_200 * 360 / 3600.0) < 1e-9)   // handled calls, not offered
    }

    // Work 8,000 × 360 s = 800 h = 0.8 FTE needed at 1,000 productive hours; establishment 0.5 FTE, in post 0.45: gap
    // 0.35 FTE. The release is 3,200 × 360 s = 320 h = 0.32 FTE < gap: nothing is cashable under service_first.
    @Test func aReleaseSmallerThanTheGapGivesNoCashUnderServiceFirst() {
        let r = Projection.run(Self.inputs(leakage: 0, establishment: 0.5), case: .central)
        #expect(abs(r.position.requiredFTE - 0.8) < 1e-12 && abs(r.gapClosedFirst - 0.35) < 1e-12)
        #expect(abs(r.years[1].fteReleased - 0.32) < 1e-12)
        #expect(r.years[1].fteCashable == 0 && r.years[2].cashableSaving == 0 && r.cashableTotal == 0)
        #expect(abs(r.years[1].fteToGap - 0.32) < 1e-12)
        let cashFirst = Projection.run(Self.inputs(leakage: 0, establishment: 0.5, policy: .cashFirst), case: .central)
        #expect(cashFirst.cashableTotal > 0)
    }

    // The staff needed to meet the standard grow with the forecast workload. Calls 10,000 in years 0–1, then 11,000
    // (+10%) in year 2; window work 800 h = 0.8 FTE needed, 0.45 in post: gap 0.35 FTE. Moving 43.75% releases
    // 0.35 FTE in year 1 (the year-0 gap) and 0.385 in year 2, when the gap is 0.8 × 1.1 − 0.45 = 0.43: nothing is
    // cashable. Measured against the year-0 gap alone, 0.035 FTE would wrongly be cashable.
    @Test func growthRaisesTheGapSoAReleaseEqualToTheYearZeroGapIsNotCashable() {
        var p = Self.inputs(leakage: 0, establishment: 0.5)
        p.shares = [[.webForm: Ranged(0.4375)]]
        p.baseline[0].phoneContactsByYear = [10_000, 11_000]
        let r = Projection.run(p, case: .central)
        #expect(abs(r.years[1].fteReleased - r.position.gap) < 1e-12 && abs(r.position.gap - 0.35) < 1e-12)
        #expect(abs(r.years[2].fteReleased - 0.385) < 1e-12)
        #expect(abs(r.gapClosedFirst - 0.43) < 1e-12)
        #expect(r.years[2].fteCashable == 0 && r.years[2].cashableSaving == 0)
        #expect(abs(r.years[2].fteToGap - 0.385) < 1e-12)
    }

    // Options from one notebook: the base scenario plus each option's own lines.
    @Test func optionsReplaceOnlyTheirOwnLines() throws {
        let set = try AssumptionFile.parse("""
        shift.recycling_and_waste.web_form = 40%  # plan
        salary = £24,000 per FTE per year  # pay scale
        option.fix_first.shift.recycling_and_waste.web_form = 0%  # fix first
        option.fix_first.demand_reduction = 20%  # fix first
        option.recruit.additional_fte = 3 FTE  # recruit to target

        """, file: "o.md", knownKeys: ProjectCommand.assumptionKeys)
        let (base, options) = Scenario.options(set)
        #expect(base.items.map(\.key) == ["shift.recycling_and_waste.web_form", "salary"])
        #expect(options.map(\.name) == ["fix_first", "recruit"])
        #expect(options[0].set["shift.recycling_and_waste.web_form"]?.central == 0 && options[0].set["demand_reduction"]?.central == 0.2)
        #expect(options[1].set["additional_fte"]?.central == 3 && options[1].set["salary"]?.central == 24_000)
        #expect(throws: ToolError.self) {
            try AssumptionFile.parse("option.x.shrinkge = 30%\n", file: "o.md", knownKeys: ProjectCommand.assumptionKeys)
        }
    }

    @Test func policyIsReadAsAWord() throws {
        let set = try AssumptionFile.parse("released_capacity_policy = cash_first  # decision\n", file: "p.md", knownKeys: ProjectCommand.assumptionKeys)
        #expect(ReleasedCapacityPolicy(code: set["released_capacity_policy"]!.central) == .cashFirst)
        #expect(throws: ToolError.self) {
            try AssumptionFile.parse("released_capacity_policy = cash_later\n", file: "p.md", knownKeys: ProjectCommand.assumptionKeys)
        }
    }

    // The project command refuses to run without an establishment, naming the key.
    @Test func projectNeedsAnEstablishment() throws {
        let dir = TestFiles.tempDir()
        let data = TestFiles.write("""
        contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email
        C1,2022-07-04 09:00:00,phone,Recycling and Waste,Missed Collection,answered,30,300,K1,Y

        """)
        let a = dir + "/a.txt"
        try "shift.recycling_and_waste.web_form = 40%  # plan\n".write(toFile: a, atomically: true, encoding: .utf8)
        let out = runTool(["project", "--assumptions", a, data])
        #expect(out.status == .dataError)
        #expect(out.stderr.contains("establishment_fte"))
        try "shift.recycling_and_waste.web_form = 40%  # plan\nshrinkage = 100%  # wrong\n".write(toFile: a, atomically: true, encoding: .utf8)
        let bad = runTool(["project", "--assumptions", a, data])
        #expect(bad.status == .dataError && bad.stderr.contains("a.txt:2:1: error: 'shrinkage' = 100% is impossible"))
    }
}

// Issue #16 item 2: shrinkage of 100% in an assumptions file or a notebook crashed capacity and render; now the
// value is refused where it is read, with its position, for every command.
struct ImpossibleAssumptionTests {
    static let data = """
    contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email
    C1,2022-07-04 09:00:00,phone,Recycling and Waste,Missed Collection,answered,30,300,K1,Y
    C2,2022-07-04 09:10:00,phone,Recycling and Waste,Missed Collection,abandoned,90,,K2,Y

    """

    @Test(arguments: [("shrinkage = 100%", "'shrinkage' = 100% is impossible"), ("paid_hours = 0 h per FTE per year", "'paid_hours' = 0 s is impossible"),
                      ("occupancy = 0%", "'occupancy' = 0% is impossible"), ("discount_rate = -100%", "'discount_rate' = -100% is impossible"),
                      ("optimism_bias.benefits = -100%", "'optimism_bias.benefits' = -100% is impossible")])
    func capacityRefusesImpossibleAssumptions(line: String, message: String) throws {
        let dir = TestFiles.tempDir()
        let a = dir + "/a.txt"
        try ("# team\n" + line + "  # wrong\n").write(toFile: a, atomically: true, encoding: .utf8)
        let out = runTool(["capacity", "--assumptions", a, TestFiles.write(Self.data)])
        #expect(out.status == .dataError)
        #expect(out.stderr.contains("a.txt:2:1: error: " + message))
        #expect(out.stderr.contains("hint: "))
    }

    @Test func aNotebookWithAnImpossibleValueDoesNotRender() throws {
        let text = "---\ntitle: t\nas-of: 2022-12-15\n---\n\n```assumptions\nservice_level = 100%\nservice_level_seconds = 0 s\n```\n"
        #expect(throws: ToolError.self) { try NotebookParser.parse(text, file: "Models/n.md", knownKeys: Tool.knownAssumptionKeys) }
        do {
            _ = try NotebookParser.parse(text, file: "Models/n.md", knownKeys: Tool.knownAssumptionKeys)
        } catch {
            #expect(error.rendered.contains("Models/n.md:7:1: error: 'service_level' = 100% is impossible"))
        }
    }

    @Test func anImplausibleFlagWarnsAndAnImpossibleOneIsRefused() throws {
        let warned = try Plausibility.checkFlag("shrinkage", key: "shrinkage", value: 0.6, display: { "\($0)" })
        #expect(warned.count == 1 && warned[0].hasPrefix("warning: --shrinkage: "))
        #expect(throws: ToolError.self) { try Plausibility.checkFlag("within", key: "service_level_seconds", value: -1, display: { "\($0)" }) }
    }
}

// An implausible value is used as given, warned about on stderr and noted in the rendered paper's appendix.
struct ImplausibleAssumptionNoteTests {
    @Test func anImplausibleValueIsNotedInTheAppendix() throws {
        let p = try TempProject()
        defer { p.remove() }
        let text = sampleNotebook.replacingOccurrences(of: "cost_per_contact.phone = £2.83 per contact", with: "cost_per_contact.phone = £50 per contact")
        #expect(text != sampleNotebook)
        try p.write("Models/paper.md", text)
        let out = try p.render("paper")
        #expect(out.markdown.contains("Check: 'cost_per_contact.phone' = £50 is outside the usual £0–£20"))
    }
}
