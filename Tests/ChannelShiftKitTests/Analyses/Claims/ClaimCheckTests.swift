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
    @Test func fteConversionStatesTheImpliedProductiveHours() throws {
        let c4 = try result("C4")
        #expect(c4.verdict == .supported)
        #expect(c4.reasons[0].contains("1,000 productive hours per FTE"))
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
        #expect(c1.reasons[0] == "No baseline is stated, so the size of the fall cannot be checked.")
        // On its own (no overlapping claim), 20% across waste is within the weighted ceiling but lacks a baseline.
        let ceilings = try ShiftCeiling.load(Self.root + "/Models/ceiling-waste-sample.csv", display: "ceiling.csv")
        let alone = ClaimCheck.check([c1.claim], evidence: ClaimEvidence(ceiling: ceilings))
        #expect(alone[0].verdict == .needsEvidence)
        #expect(alone[0].reasons[1].contains("within the shiftable ceiling of 48.3% for these 4 reasons"))
    }

    @Test func verdictWordingAndSummary() throws {
        let claims = try ClaimCheck.load(Self.root + "/Models/claims-waste-phase2.csv", display: "claims.csv")
        let ceilings = try ShiftCeiling.load(Self.root + "/Models/ceiling-waste-sample.csv", display: "ceiling.csv")
        let r = ClaimReport.build(ClaimCheck.check(claims, evidence: ClaimEvidence(ceiling: ceilings)), assumptions: AssumptionSet(), dataNote: nil)
        #expect(r.summary[0].hasPrefix("Of 6 claims checked, "))
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
