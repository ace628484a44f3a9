// The phone baseline and interval profile the project command reads from a cube.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct PhoneBaselineTests {
    /// 14 days from Monday 2022-01-03; on each weekday 40 phone calls of 300 s (and 5 emails), at `time` seconds
    /// after midnight plus k × 15 minutes (or all at midnight when `dateOnly`).
    func cube(dateOnly: Bool) -> (ContactCube, WrapDictionary) {
        let wraps = WrapDictionary()
        let id = wraps.intern(line: "Recycling and Waste", reason: "Missed Collection")
        var cube = ContactCube()
        let day0 = Int64(CivilTime.days(year: 2022, month: 1, day: 3)) * 86400
        var n: Int64 = 0
        for d in 0..<14 where d % 7 < 5 {
            for k in 0..<45 {
                n += 1
                let t = day0 + Int64(d) * 86400 + (dateOnly ? 0 : 9 * 3600 + Int64(k % 40) * 900)
                cube.add(ContactRecord(startedAt: t, wrap: id, channel: k < 40 ? .phone : .email, outcome: .answered, hasEmail: .unknown,
                                       waitSeconds: 10, handleSeconds: 300, caller: .none, order: ContactOrder(hi: 0, lo: UInt64(n)), fileOrder: n))
            }
        }
        cube.finish()
        return (cube, wraps)
    }

    // 400 phone calls over the 12 days from the first to the last (Mon 3rd – Fri 14th): × 365 / 12.
    @Test func baselineIsAnnualisedOverTheDaysCovered() {
        let (c, w) = cube(dateOnly: false)
        let (b, note) = PhoneBaseline.fromCube(c, wraps: w)
        #expect(b.count == 1)
        #expect(b[0].phoneContactsInData == 400)
        #expect(abs(b[0].phoneContactsPerYear - 400 * 365 / 12) < 1e-9)
        #expect(b[0].handleSeconds == 300)
        #expect(note.contains("12 days covered"))
    }

    // With times: each of 40 intervals on a weekday has 1 call (A = 1/3 Erlang), so the curve is the interval profile.
    // Without times every call sits at midnight, which would need far too many advisers in one interval: the flat
    // profile spreads the week's calls over 40 opening hours instead.
    @Test func dateOnlyExportsFallBackToAFlatProfile() throws {
        let (timed, _) = cube(dateOnly: false)
        let (dated, _) = cube(dateOnly: true)
        let a = try #require(try PhoneBaseline.queueCurve(timed, assumptions: AssumptionSet()))
        let b = try #require(try PhoneBaseline.queueCurve(dated, assumptions: AssumptionSet()))
        #expect(a.description.contains("weekday × 15-minute interval"))
        #expect(b.description.contains("flat profile"))
        // 200 calls a week over 160 intervals = 1.25 calls (A = 0.417): under 80% in 20 s that needs 2 advisers
        // where 1 call (A = 0.333) needs 2 as well; both curves are then 2 × hours open × weeks a year.
        #expect(abs(a.agentHours(scale: 1) - 2 * 200 * 0.25 * 52) < 1e-6)
        #expect(abs(b.agentHours(scale: 1) - 2 * 160 * 0.25 * 52) < 1e-6)
    }
}
