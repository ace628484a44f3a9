// Claims are tested against arithmetic, the FTE model, turnover, the ceiling and each other; verdicts say why.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct ClaimCheckTests {
    static let root = TestFiles.projectRoot.path

    func sample() throws -> [ClaimResult] {
        let claims = try ClaimCheck.load(Self.root + "/Models/claims-waste-phase2.csv", display: "Models/claims-waste-phase2.csv")
        let ceilings = try ShiftCeiling.load(Self.root + "/Models/ceiling-waste-sample.csv", display: "ceiling.csv")
        return ClaimCheck.check(claims, evidence: ClaimEvidence(ceiling: ceilings, establishmentFTE: 40))
    }

    func result(_ id: String) throws -> ClaimResult { try #require(try sample().first { $0.claim.id == id }) }

    @Test func aClaimAboveTheCeilingIsCaught() throws {
        let c5 = try result("C5")
        #expect(c5.verdict == .notSupported)
        #expect(c5.reasons.joined(separator: " ").contains("more than the shiftable ceiling for this reason: 38.0% central, 45.0% at most"))
    }

    // 5 × 24,000 = 120,000 is salary only; with on-costs 5 × 31,410 = 157,050 (python3: 5*(24000+19000*.15+24000*.19)).
    @Test func salaryOnlySavingWithoutSayingSoNeedsEvidence() throws {
        let c3 = try result("C3")
        #expect(c3.verdict == .needsEvidence)
        let why = c3.reasons.joined(separator: " ")
        #expect(why.contains("£120,000 in salary alone"))
        #expect(why.contains("£157,050"))
    }

    // 120,000 × 3 / 60 / 6 = 1,000 productive hours per FTE; the model's 1,924 × 0.67 × 0.85 = 1,095.718 (ratio 0.913).
    // The 120,000 calls are a volume like any baseline: with no reasons named they cannot be reconciled.
    @Test func fteConversionStatesTheImpliedProductiveHours() throws {
        let c4 = try result("C4")
        #expect(c4.verdict == .needsEvidence)
        #expect(c4.reasons[0].contains("1,000 productive hours per FTE"))
        #expect(c4.reasons.joined(separator: " ").contains("The 120,000 contacts are not reconciled with the data"))
    }

    // £165k at 31,410 per FTE = 5.25 FTE (python3: 165000/31410 = 5.2531) > the 5 FTE claimed.
    @Test func timePhasingBeyondTheFTEReleasedIsNotSupported() throws {
        let c2 = try result("C2")
        #expect(c2.verdict == .notSupported)
        #expect(c2.reasons.joined(separator: " ").contains("5.3 FTE in year 2"))
    }

    // C1 (20% of all waste phone and email), C5 (60% of missed-collection calls to web form) and C6 (25% fewer
    // missed-collection calls) all touch the same phone calls: python3 1-0.8*0.4*0.75 = 0.76 together, above the 45% ceiling.
    @Test func overlappingInitiativesAreDoubleCounting() throws {
        let c6 = try result("C6")
        #expect(c6.verdict == .notSupported)
        let why = c6.reasons.joined(separator: " ")
        #expect(why.contains("Double counting (Recycling and Waste / Missed Collection)"))
        #expect(why.contains("claim C1 (Waste phase 2) and C5 (Waste phase 2) count the same phone contacts; together they remove 76.0%, not the sum, more than the shiftable ceiling (45.0% at most)"))
    }

    @Test func missingBaselineNeedsEvidence() throws {
        let c1 = try result("C1")
        #expect(c1.reasons[0] == "No baseline is stated, so the size of the change cannot be checked.")
        // On its own (no overlapping claim), 20% across waste lacks a baseline; as a reduction it is tested
        // against failure demand, not the shiftable ceiling, and without contact data there is none.
        let ceilings = try ShiftCeiling.load(Self.root + "/Models/ceiling-waste-sample.csv", display: "ceiling.csv")
        let alone = ClaimCheck.check([c1.claim], evidence: ClaimEvidence(ceiling: ceilings))
        #expect(alone[0].verdict == .needsEvidence)
        #expect(alone[0].reasons[1].contains("No failure-demand ceiling is known"))
    }

    static func claims(_ csv: String) throws -> [Claim] {
        try ClaimCheck.parse(CSVTable.parse(Array(csv.utf8), file: "claims.csv"))
    }

    static let missed = WrapCode(line: "Waste", reason: "Missed")

    @Test func theCeilingFollowsTheClaimsKind() throws {
        let c = try Self.claims("id,kind,text,line,reason,channel,baseline,reduction\nR,reduction,x,Waste,Missed,phone,1000,50%\nS,conversion,y,Waste,Missed,web_form,1000,50%\n")
        var e = ClaimEvidence(ceiling: CeilingTable(file: "c", shares: [Self.missed: Ranged(0.8, low: 0.7, high: 0.9)]))
        e.failureShares = [Self.missed: [.phone: Ranged(0.25, high: 0.3)]]
        e.annualContacts = [Self.missed: [.phone: 1000]]
        let r = ClaimCheck.check(c, evidence: e)
        // Removal at source: 50% is more than the failure demand (25%, 30% at most); a shift of 50% is within 80%.
        #expect(r[0].verdict == .notSupported)
        #expect(r[0].reasons.contains { $0.contains("more than the failure-demand ceiling for this reason: 25.0% central, 30.0% at most") })
        #expect(r[1].reasons.contains { $0.contains("within the shiftable ceiling of 80.0%") })
        #expect(r[1].verdict != .notSupported || r[1].reasons.contains { $0.hasPrefix("Double counting") })
    }

    @Test func aClaimWithoutABaselineGetsTheSameVerdictWhateverItsKind() throws {
        let c = try Self.claims("""
            id,kind,text,line,reason,channel,reduction,contacts,minutes_per_contact,fte
            R,reduction,x,Waste,Missed,phone,20%,,,
            S,conversion,y,Waste,Missed,web_form,20%,,,
            F,fte,z,,,,,12000,5,0.9

            """)
        // Ceilings that the 20% fits either way, data for the reason, and an FTE conversion whose hours fit the model.
        var e = ClaimEvidence(ceiling: CeilingTable(file: "c", shares: [Self.missed: Ranged(0.5, low: 0.4, high: 0.6)]))
        e.failureShares = [Self.missed: [.phone: Ranged(0.5, high: 0.6)]]
        e.annualContacts = [Self.missed: [.phone: 1000]]
        e.hours = ProductiveHours(stated: 1000)
        for claim in c {
            let alone = ClaimCheck.check([claim], evidence: e)[0]
            #expect(alone.verdict == .needsEvidence, "\(claim.id): \(alone.reasons)")
        }
        // And with no evidence at all.
        for claim in c {
            var bare = ClaimEvidence()
            bare.hours = ProductiveHours(stated: 1000)
            #expect(ClaimCheck.check([claim], evidence: bare)[0].verdict == .needsEvidence, "\(claim.id)")
        }
        // A reconciled baseline lifts it, the same for each kind.
        let stated = try Self.claims("id,kind,text,line,reason,channel,baseline,reduction\nR,reduction,x,Waste,Missed,phone,1050,20%\nS,conversion,y,Waste,Missed,web_form,1050,20%\n")
        for claim in stated { #expect(ClaimCheck.check([claim], evidence: e)[0].verdict == .supported, "\(claim.id)") }
    }

    @Test func aC2C3StyleDuplicateIsFlagged() throws {
        let r = try sample()
        let c2 = try #require(r.first { $0.claim.id == "C2" }), c3 = try #require(r.first { $0.claim.id == "C3" })
        #expect(c2.possibleDuplicates == ["C3"] && c3.possibleDuplicates == ["C2"])
        #expect(c3.reasons.contains("Possible duplicate of C2: the same £120,000 and 5.0 FTE (within 2.0%). If they are one saving, count it once."))
        #expect(c3.verdict != .supported)
        // A different £ and FTE is not a duplicate; within the tolerance it is.
        let near = try Self.claims("id,initiative,kind,text,amount,fte,salary\nA,X,saving,a,£120000,5,£24000\nB,Y,saving,b,£121500,5.05,£24000\nC,Z,saving,c,£90000,3,£30000\n")
        let n = ClaimCheck.check(near, evidence: ClaimEvidence())
        #expect(n[0].possibleDuplicates == ["B"] && n[1].possibleDuplicates == ["A"] && n[2].possibleDuplicates.isEmpty)
        let totals = ClaimCheck.totals(n)
        #expect(totals.overall.claimed == 120_000 + 121_500 + 90_000)
        #expect(totals.overall.possibleDuplicate == 121_500)
        #expect(totals.byInitiative.map(\.initiative) == ["X", "Y", "Z"])
        #expect(totals.overall.supported + totals.overall.needsEvidence + totals.overall.notSupported == totals.overall.claimed)
    }

    // 165,000 is 7 × 24,000 = 168,000 within 2% (python3: abs(168000-165000)/168000 = 0.01786).
    @Test func explanationsShowTheSimplestArithmetic() throws {
        let c2 = try result("C2")
        #expect(c2.reasons.joined(separator: " ").contains("£165,000 ≈ 7 × £24,000 = £168,000 (salary only)"))
        #expect(c2.reasons.joined(separator: " ").contains("year 2 counts 7 FTE, not the 5 the claim releases"))
    }

    // 2 × (24,000 + 19,000 × 0.15 + 24,000 × 0.19) = 62,820: the whole cost of the posts.
    @Test func grossShownAsNetAndOneOffCountedAsRecurringAreTested() throws {
        let c = try Self.claims("""
            id,initiative,kind,text,amount,fte,salary,on_costs,costs,net,one_off,recurring
            G,In-cab,saving,net saving,£62820,2,£24000,yes,£18000,yes,,
            H,In-cab,saving,gross saving,£62820,2,£24000,yes,£18000,no,,
            O,Renewals,saving,one-off in it,£62820,2,£24000,yes,,,£10000,yes
            P,Renewals,saving,plain,£62820,2,£24000,yes,,,,

            """)
        let r = ClaimCheck.check(c, evidence: ClaimEvidence(establishmentFTE: 40))
        #expect(r[0].verdict == .notSupported)
        #expect(r[0].reasons.contains { $0.hasPrefix("Gross shown as net: £62,820 is the whole cost of the posts") && $0.contains("net it is £44,820") })
        #expect(r[1].reasons.contains("The amount is gross, as stated; net of £18,000 a year of running costs it is £44,820."))
        #expect(r[2].verdict == .notSupported && r[2].annualPounds == 52_820)
        #expect(r[2].reasons.contains { $0.hasPrefix("One-off counted as recurring") })
        #expect(!r[3].reasons.contains { $0.contains("net") || $0.contains("one-off") })
    }

    @Test func theToleranceIsAnAssumptionShownInMethod() throws {
        let claims = try ClaimCheck.load(Self.root + "/Models/claims-waste-phase2.csv", display: "claims.csv")
        let base = ClaimReport.build(ClaimCheck.check(claims, evidence: ClaimEvidence()), assumptions: AssumptionSet(), dataNote: nil)
        #expect(base.method.contains { $0.contains("at most 2% (claim_tolerance, the default: finance check convention") })
        #expect(base.assumptions.contains { $0.key == "claim_tolerance" && $0.display == "2%" })
        let set = try AssumptionParser.parse("claim_tolerance = 1%   # Deputy S151 officer, budget guidance 2023/24\n", file: "n.md", knownKeys: ClaimCheck.toleranceKeys)
        var e = ClaimEvidence()
        e.tolerance = 0.01
        let tight = ClaimReport.build(ClaimCheck.check(claims, evidence: e), assumptions: set, dataNote: nil)
        #expect(tight.method.contains { $0.contains("at most 1% (claim_tolerance, set at n.md:1:1: Deputy S151 officer, budget guidance 2023/24)") })
        // At 1%, £165k is no longer 7 × £24,000.
        let c2 = ClaimCheck.check(claims, evidence: e).first { $0.claim.id == "C2" }!
        #expect(!c2.reasons.joined(separator: " ").contains("7 × £24,000"))
    }

    @Test func verdictWordingAndSummary() throws {
        let claims = try ClaimCheck.load(Self.root + "/Models/claims-waste-phase2.csv", display: "claims.csv")
        let ceilings = try ShiftCeiling.load(Self.root + "/Models/ceiling-waste-sample.csv", display: "ceiling.csv")
        let r = ClaimReport.build(ClaimCheck.check(claims, evidence: ClaimEvidence(ceiling: ceilings)), assumptions: AssumptionSet(), dataNote: nil)
        #expect(r.summary[0].hasPrefix("Of 7 claims checked, "))
        let allowed: [Cell] = [.text("supported"), .text("not supported"), .text("needs evidence")]
        #expect(r.tables[0].rows.allSatisfy { allowed.contains($0[4]) })
        #expect(r.tables[0].rows.first { $0[0] == .text("C5") }?[4] == .text("not supported"))
    }

    @Test func badRowsAreAllReportedWithPositions() {
        let csv = "id,kind,text,reduction,line\nA,reducton,x,20%,Waste\nB,reduction,y,lots,Waste\n"
        do {
            _ = try ClaimCheck.parse(CSVTable.parse(Array(csv.utf8), file: "c.csv"))
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.count == 2)
            #expect(error.diagnostics[0].location == SourceLocation(file: "c.csv", line: 2, column: 3))
            #expect(error.diagnostics[0].hint == "did you mean 'reduction'?")
            #expect(error.diagnostics[1].location?.line == 3)
        }
    }
}

struct CeilingFileTests {
    // A hand-written ceiling may spell a reason with other capitals; it must still cap that reason, while a
    // reason it does not list is not shiftable and a suppressed one is not capped.
    @Test func reasonsMatchAsSlugsAndUnlistedReasonsAreNotShiftable() throws {
        let t = try ShiftCeiling.parse(CSVTable.parse(Array("line,reason,low,central,high\nRecycling and waste,Missed collection,30%,38%,45%\nRecycling and Waste,Bulky Waste,,,\n".utf8), file: "c.csv"))
        #expect(t.ceiling(for: WrapCode(line: "Recycling and Waste", reason: "Missed Collection")) == Ranged(0.38, low: 0.3, high: 0.45))
        #expect(t.ceiling(for: WrapCode(line: "Council Tax", reason: "Pay a Bill")) == Ranged(0))
        #expect(t.ceiling(for: WrapCode(line: "Recycling and Waste", reason: "Bulky waste")) == nil)
    }

    @Test func twoSpellingsOfOneReasonAreADuplicate() {
        #expect(throws: ToolError.self) {
            try ShiftCeiling.parse(CSVTable.parse(Array("line,reason,low,central,high\nWaste,Missed,0.1,0.2,0.3\nwaste,missed,0.1,0.2,0.3\n".utf8), file: "c.csv"))
        }
    }
}
