// The multi-year sample: the default output is unchanged, and seasons, holidays and go-live effects are there to find.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct SampleHistoryTests {
    static func hex(_ bytes: [UInt8]) -> String {
        var h = SHA256()
        h.update(bytes)
        return h.finalize().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// SHA-256 of the bytes `channelshift sample` wrote before the history options existed (release build of
    /// commit efd0a22: `sample --rows 5000 --seed 42` and `sample --rows 3000 --seed 9 --style telephony
    /// --start 2022-01-01 --end 2022-03-31`). Other papers depend on these bytes.
    @Test(arguments: [
        (5000, UInt64(42), SampleStyle.canonical, CivilDate(year: 2022, month: 7, day: 1), CivilDate(year: 2022, month: 11, day: 30),
         "1d539a6614420a1b0fbbba30a00a3ad10d3fcb230431bbbe1dd54e941d984944"),
        (3000, UInt64(9), SampleStyle.telephony, CivilDate(year: 2022, month: 1, day: 1), CivilDate(year: 2022, month: 3, day: 31),
         "03f5c88d7cc9278df9b37e1a8438e16d44e1876c542255f642bab95ae0a0985a"),
    ])
    func defaultOutputIsUnchanged(rows: Int, seed: UInt64, style: SampleStyle, start: CivilDate, end: CivilDate, sha: String) throws {
        let bytes = try SampleFixture.generate(SampleOptions(rows: rows, seed: seed, start: start, end: end, style: style))
        #expect(Self.hex(bytes) == sha)
    }

    @Test func optionsWithoutHistoryFlagsLeaveHistoryOff() throws {
        let args = try ArgumentParser.parse(["--rows", "100", "--out", "x.csv"], spec: SampleCommand.fullSpec)
        let o = try SampleCommand.options(args, context: CommandContext(workingDirectory: "/tmp"))
        #expect(o.history == nil)
        let args2 = try ArgumentParser.parse(["--rows", "100", "--out", "x.csv", "--start", "2021-04-01", "--days", "1095", "--seasonal"],
                                             spec: SampleCommand.fullSpec)
        let o2 = try SampleCommand.options(args2, context: CommandContext(workingDirectory: "/tmp"))
        #expect(o2.history?.seasonal == true)
        #expect(o2.end == CivilDate(year: 2024, month: 3, day: 30))
    }

    @Test func effectParsing() throws {
        let e = try SampleEffect.parse("Missed Collection:phone:-15%")
        #expect(e == SampleEffect(reason: "Missed Collection", channel: .phone, change: -0.15))
        #expect(try SampleEffect.parse("Bulky Waste Collection:web_form:0.4").change == 0.4)
        #expect(throws: ToolError.self) { try SampleEffect.parse("Missed Collection:fax:-15%") }
        #expect(throws: ToolError.self) { try SampleEffect.parse("Missed Collection:phone") }
        #expect(throws: ToolError.self) { try SampleEffect.parse("Missed Collection:phone:-150%") }
    }

    static func history(effects: [SampleEffect], nation: Nation = .englandAndWales) -> SampleOptions {
        var o = SampleOptions(rows: 90_000, seed: 11, start: CivilDate(year: 2022, month: 1, day: 1), end: CivilDate(year: 2023, month: 6, day: 30))
        var h = SampleHistory()
        h.seasonal = true
        h.nation = nation
        if !effects.isEmpty {
            h.goLive = CivilDate(year: 2023, month: 1, day: 1)
            h.effects = effects
        }
        o.history = h
        return o
    }

    /// Days before go-live are the same contacts with or without effects; after it, the named cell loses its share.
    @Test func goLiveEffectIsInjectedOnlyAfterGoLive() throws {
        let base = SampleFixture.contacts(try SampleFixture.generate(Self.history(effects: [])))
        let shifted = SampleFixture.contacts(try SampleFixture.generate(Self.history(effects: [SampleEffect(reason: "Missed Collection", channel: .phone, change: -0.3)])))
        let goLive = Int64(CivilDate(year: 2023, month: 1, day: 1).dayNumber) * 86400
        let before = base.filter { Int64($0.seconds) < goLive }, beforeShifted = shifted.filter { Int64($0.seconds) < goLive }
        #expect(before.map(\.fields) == beforeShifted.map(\.fields))
        func mcPhone(_ c: [SampleFixture.Contact]) -> Int { c.filter { Int64($0.seconds) >= goLive && $0.reason == "Missed Collection" && $0.channel == "phone" }.count }
        func other(_ c: [SampleFixture.Contact]) -> Int { c.filter { Int64($0.seconds) >= goLive && !($0.reason == "Missed Collection" && $0.channel == "phone") }.count }
        let ratio = Double(mcPhone(shifted)) / Double(mcPhone(base))
        // Binomial thinning at 70%: the kept share's standard error on ~5,000 rows is about 0.7 percentage points.
        #expect(abs(ratio - 0.7) < 0.03)
        #expect(other(shifted) == other(base))
    }

    @Test func seasonsAndHolidaysShowInTheData() throws {
        let rows = SampleFixture.contacts(try SampleFixture.generate(Self.history(effects: [])))
        func day(_ c: SampleFixture.Contact) -> Int { c.seconds / 86400 }
        // Garden waste subscriptions peak in March, against August.
        func garden(_ month: Int) -> Int {
            rows.filter { $0.reason == "Garden Waste Subscription" && CivilTime.civil(days: day($0)).month == month && CivilTime.civil(days: day($0)).year == 2022 }.count
        }
        #expect(garden(3) > 2 * garden(8))
        // 2 May 2022 (Early May bank holiday, a Monday) against the other Mondays of April–May 2022: phone is a skeleton service.
        let holiday = CivilDate(year: 2022, month: 5, day: 2).dayNumber
        let mondays = (CivilDate(year: 2022, month: 4, day: 4).dayNumber...CivilDate(year: 2022, month: 5, day: 30).dayNumber)
            .filter { CivilTime.weekday(days: $0) == 0 && $0 != holiday && $0 != CivilDate(year: 2022, month: 4, day: 18).dayNumber && $0 != CivilDate(year: 2022, month: 5, day: 30).dayNumber }
        let phone = rows.filter { $0.channel == "phone" }
        let onHoliday = phone.filter { day($0) == holiday }.count
        let ordinary = Double(phone.filter { mondays.contains(day($0)) }.count) / Double(mondays.count)
        #expect(Double(onHoliday) < 0.3 * ordinary)
        // The next day catches up: more calls than an ordinary Tuesday.
        let tuesdays = mondays.map { $0 + 1 }
        let catchUp = phone.filter { day($0) == holiday + 1 }.count
        let tuesday = Double(phone.filter { tuesdays.contains(day($0)) }.count) / Double(tuesdays.count)
        #expect(Double(catchUp) > 1.1 * tuesday)
    }
}
