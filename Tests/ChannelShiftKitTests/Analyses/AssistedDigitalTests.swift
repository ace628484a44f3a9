// Assisted digital (an adviser completed an online transaction for the caller, in full or in part): counted apart
// in avoidable demand, kept out of the shiftable base in exclusion and in the projection, and shown there with
// its handle time and cost as support that stays. Hand-made exports: every figure below is worked by hand.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct AssistedDigitalTests {
    static let t0: Int64 = 1_656_666_000     // 2022-07-01 09:00:00

    /// Waste / Missed Collection is value demand with a full online route in the test taxonomy; Waste / Bin, New is
    /// failure demand (error correction) with a partial route.
    ///   A: assisted_full 600 s, then an ordinary call about the same need an hour later (300 s): a same-reason repeat;
    ///   B: assisted_part 900 s, then assisted_full 1,200 s two hours later: both assisted, neither a repeat;
    ///   C: face to face, Bin, New, assisted_part 450 s: assisted, not classified failure;
    ///   D: an ordinary call, 300 s: could self-serve;  E: an abandoned call.
    static func fixture() -> ContactFixture {
        var f = ContactFixture()
        f.add("Waste", "Missed Collection", at: t0, .phone, .assistedFull, caller: "A", handle: 600)
        f.add("Waste", "Missed Collection", at: t0 + 3_600, .phone, caller: "A", handle: 300)
        f.add("Waste", "Missed Collection", at: t0, .phone, .assistedPart, caller: "B", handle: 900)
        f.add("Waste", "Missed Collection", at: t0 + 7_200, .phone, .assistedFull, caller: "B", handle: 1_200)
        f.add("Waste", "Bin, New", at: t0 + 60, .faceToFace, .assistedPart, caller: "C", handle: 450)
        f.add("Waste", "Missed Collection", at: t0 + 120, .phone, caller: "D", handle: 300)
        f.add("Waste", "Missed Collection", at: t0 + 180, .phone, .abandoned, caller: "E")
        return f
    }

    @Test func assistedContactsAreNeitherAvoidableNorCouldSelfServe() throws {
        let r = Self.fixture().analyse(taxonomy: ContactFixture.taxonomy)
        let a = r.avoidable
        #expect(a[.assisted] == 4)
        #expect(r.total.assistedFull == 2 && r.total.assistedPart == 2)
        // Each contact in one tier: 4 assisted + A's repeat + D could self-serve + E abandoned = 7.
        #expect(a.tiers.reduce(0, +) == 7)
        #expect(a[.sameReasonRepeat] == 1 && a[.selfServe] == 1 && a[.abandoned] == 1)
        #expect(a.failure == 1 && a[.classifiedFailure] == 0 && a[.followOn] == 0)
        let bin = try #require(r.reasons.first { $0.code.reason == "Bin, New" })
        #expect(bin.avoidable[.assisted] == 1 && bin.avoidable.failure == 0 && bin.avoidable[.selfServe] == 0)
        // Their own recorded handle time, not the cell mean: 600 + 900 + 1,200 + 450 = 3,150 s.
        #expect(a.tierHandleSeconds[AvoidableTier.assisted.rawValue] == 3_150)
        // Costed per contact: three phone calls at £2.83 and one face-to-face visit at £8.62.
        #expect(abs(a.tierCost[AvoidableTier.assisted.rawValue] - (3 * 2.83 + 8.62)) < 1e-9)
        // Could self-serve is D alone, at the mean of the other handled calls of its cell ((300 + 300) ÷ 2).
        #expect(a.tierHandleSeconds[AvoidableTier.selfServe.rawValue] == 300)
    }

    @Test func exclusionBaseLeavesAssistedOut() throws {
        let (cube, tracker, wraps) = Self.fixture().load()
        var repeats = tracker
        repeats.sort()
        let r = Exclusion.analyse(Exclusion.input(cube: cube, wraps: wraps, repeats: repeats, taxonomy: ContactFixture.taxonomy, areaIndex: nil))
        let missed = try #require(r.reasons.first { $0.reason == "Missed Collection" })
        let bin = try #require(r.reasons.first { $0.reason == "Bin, New" })
        // Missed Collection: 6 phone calls, 3 of them assisted; Bin, New: its one visit is assisted.
        #expect(missed.baseVolume == 3)
        #expect(bin.baseVolume == 0)
        #expect(r.assisted == AssistedDigital(full: 2, part: 2, handleSeconds: 3_150))
        #expect(r.assistedPhone == AssistedDigital(full: 2, part: 1, handleSeconds: 2_700))
        // The report's figures: the phone split (what the projection keeps out) and the period they cover. With the
        // threshold at 0 nothing is hidden; at 10 every count here is, the total of 4 included.
        let shown = ExclusionReport.build(r, rowLevel: true, threshold: 0)
        #expect(shown.values["assisted_phone_contacts"]?.value == 3)
        #expect(shown.values["assisted_phone_hours"]?.value == 0.75)
        #expect(shown.values["assisted_hours"]?.value == 0.875)
        #expect(shown.values["assisted_period"]?.display == "the 1 day from 2022-07-01 to 2022-07-01")
        let table = try #require(shown.blocks.compactMap { b -> Table? in if case .table(let t) = b, t.id == "assisted_digital" { return t } else { return nil } }.first)
        #expect(table.rows.count == 2)
        #expect(table.rows[1][3] == .count(1))
        let hidden = ExclusionReport.build(r, rowLevel: true, threshold: 10)
        let t10 = try #require(hidden.blocks.compactMap { b -> Table? in if case .table(let t) = b, t.id == "assisted_digital" { return t } else { return nil } }.first)
        func isHidden(_ c: Cell) -> Bool { if case .suppressed = c { return true } else { return false } }
        #expect(t10.rows.allSatisfy { row in row[1...3].allSatisfy(isHidden) })
        #expect(t10.footer.allSatisfy { row in row[1...3].allSatisfy(isHidden) })
    }

    @Test func phoneBaselineSplitsAssistedFromShiftable() throws {
        let (cube, _, wraps) = Self.fixture().load()
        let (b, _) = PhoneBaseline.fromCube(cube, wraps: wraps)
        let row = try #require(b.first { $0.code.reason == "Missed Collection" })
        // One day of data: × 365. Handled 5 (6 offered − 1 abandoned), 3 assisted.
        #expect(row.handledContactsPerYear == 5 * 365)
        #expect(row.assistedShare == 0.6)
        #expect(row.assistedHandleSeconds == 900)           // (600 + 900 + 1,200) ÷ 3
        #expect(row.otherHandleSeconds == 300)              // (300 + 300) ÷ 2
        #expect(row.handleSeconds == 660)                   // all handled: 3,300 ÷ 5
        #expect(row.assistedInData == AssistedDigital(full: 2, part: 1, handleSeconds: 2_700))
        #expect(row.windowDays == 1)
        #expect(row.shiftableContacts(year: 1) == 2 * 365)
        // The reason's work is unchanged: assisted hours + shiftable hours = all handled hours.
        #expect(abs(row.assistedHours(year: 1) + row.shiftableContacts(year: 1) * row.shiftHandleSeconds / 3600 - row.handledHours) < 1e-9)
    }

    static func inputs(assistedShare: Double) -> ProjectionInputs {
        var row = WrapBaseline(code: WrapCode(line: "Recycling and Waste", reason: "Garden Waste"), phoneContactsPerYear: 1_100,
                               handleSeconds: 450, phoneContactsInData: 400, handledContactsPerYear: 1_000)
        row.assistedShare = assistedShare
        row.assistedHandleSeconds = 900
        row.otherHandleSeconds = assistedShare > 0 ? 300 : nil
        row.assistedInData = AssistedDigital(full: 60, part: 40, handleSeconds: 90_000)
        row.windowDays = 146
        return ProjectionInputs(baseline: [row], shares: [[.webForm: Ranged(0.4)]], ceilings: [nil], demandReduction: Ranged(0.2),
                                takeUp: .linear(rampYears: 1), years: 2)
    }

    @Test func projectionShiftsOnlyTheNonAssistedCalls() throws {
        let r = Projection.run(Self.inputs(assistedShare: 0.25), case: .central, serviceLevels: false)
        let y = r.years[1]
        // 1,000 handled, 250 assisted: 750 in the base; 20% removed = 150; 40% of the other 600 moved = 240.
        #expect(abs(y.contactsRemoved - 150) < 1e-9)
        #expect(abs(y.totalShifted - 240) < 1e-9)
        // Hours at the non-assisted handle time (300 s): (150 + 240) × 300 ÷ 3,600 = 32.5 (no leakage measured).
        #expect(abs(y.handleHoursReleased - 32.5) < 1e-9)
        // Without assisted calls the same reason moves and removes more, at the all-calls handle time.
        let plain = Projection.run(Self.inputs(assistedShare: 0), case: .central, serviceLevels: false).years[1]
        #expect(abs(plain.contactsRemoved - 200) < 1e-9 && abs(plain.totalShifted - 320) < 1e-9)
        #expect(abs(plain.handleHoursReleased - 520 * 450 / 3600) < 1e-9)
    }

    @Test func assistedSupportHoursAndCostAreExact() throws {
        let inputs = Self.inputs(assistedShare: 0.25)
        let r = Projection.run(inputs, case: .central, serviceLevels: false)
        let s = AssistedSupport.of(inputs.baseline, inputs: inputs, result: r, dataDays: 146)
        // 250 calls a year at 900 s = 62.5 hours; 1,924 paid hours × (1 − 0.33) × 0.85 = 1,095.718 productive hours
        // per FTE; £24,000 with the default on-costs.
        let perFTE = 1_924 * (1 - 0.33) * 0.85
        #expect(abs(inputs.hours.perFTE - perFTE) < 1e-9)
        let costPerFTE = OnCosts().fullCost(salary: 24_000)
        #expect(s.lines.map(\.line) == ["Recycling and Waste"])
        #expect(abs(s.total.callsYear1 - 250) < 1e-9)
        #expect(abs(s.total.hoursYear1 - 62.5) < 1e-9)
        #expect(abs(s.total.costYear1 - 62.5 / perFTE * costPerFTE) < 1e-6)
        #expect(s.total.inData == AssistedDigital(full: 60, part: 40, handleSeconds: 90_000))
        let (blocks, values) = ProjectAssistedReport.section(s, inputs: inputs, threshold: 10)
        #expect(values["assisted_calls_in_data"]?.value == 100)
        #expect(values["assisted_recycling_and_waste_hours_in_data"]?.value == 25)
        #expect(values["assisted_hours_year1"]?.value == 62.5)
        guard case .table(let t) = try #require(blocks.first) else { Issue.record("no table"); return }
        #expect(t.id == "assisted_digital")
        #expect(t.notes.joined().contains("146 days") && t.notes.joined().contains("not a saving"))
        // None recorded: the projection report adds nothing.
        let none = Self.inputs(assistedShare: 0)
        var bare = none.baseline
        bare[0].assistedInData = AssistedDigital()
        let empty = ProjectAssistedReport.build(bare, inputs: none, central: Projection.run(none, case: .central, serviceLevels: false), threshold: 10)
        #expect(empty.blocks.isEmpty && empty.values.isEmpty && empty.summary.isEmpty)
    }
}
