// Messy cell formats: dates, times, durations and yes/no values, parsed straight from bytes.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

private func date(_ s: String) -> FieldParsers.DateResult { Array(s.utf8).withUnsafeBytes { FieldParsers.dateTime($0) } }
private func dur(_ s: String) -> FieldParsers.DurationResult { Array(s.utf8).withUnsafeBytes { FieldParsers.duration($0) } }
private func yn(_ s: String) -> EmailOnFile? { Array(s.utf8).withUnsafeBytes { FieldParsers.yesNo($0) } }

struct FieldParsersTests {
    // 2022-07-01 is day 19174 since 1970-01-01 (python: (date(2022,7,1)-date(1970,1,1)).days).
    static let jul1: Int64 = 19174 * 86400

    @Test(arguments: [
        ("2022-07-01 08:30:15", jul1 + 30615),
        ("2022-07-01T08:30:15", jul1 + 30615),
        ("2022-07-01T08:30:15.250Z", jul1 + 30615),
        ("2022-07-01T08:30:15+01:00", jul1 + 30615),
        ("01/07/2022 08:30:15", jul1 + 30615),
        ("01/07/2022 08:30", jul1 + 30600),
        ("1/7/2022 8:30", jul1 + 30600),
    ])
    func dateTimes(text: String, expected: Int64) {
        #expect(date(text) == .ok(expected))
    }

    @Test func dateOnly() {
        #expect(date("2022-07-01") == .dateOnly(Self.jul1))
        #expect(date("01/07/2022") == .dateOnly(Self.jul1))
    }

    @Test(arguments: [
        ("31/02/2022", RejectionReason.impossibleDate),
        ("29/02/2023", .impossibleDate),
        ("2022-13-01", .impossibleDate),
        ("2022-07-01 25:00:00", .badDate),
        ("yesterday", .badDate),
        ("", .missingDate),
        ("######", .excelOverflow),
        ("07/01/2", .badDate),
        ("44743.5.1", .badDate),
        ("12345", .badDate),
    ])
    func badDates(text: String, reason: RejectionReason) {
        #expect(date(text) == .rejected(reason))
    }

    @Test func leapDayAccepted() {
        #expect(date("29/02/2024") == .dateOnly(Int64(CivilTime.days(year: 2024, month: 2, day: 29)) * 86400))
    }

    @Test(arguments: [
        ("325", Int32(325)), ("0", 0), ("05:25", 325), ("1:05:25", 3925), ("00:00:07", 7), ("325.4", 325), ("325.5", 326), ("86400", 86400),
    ])
    func durations(text: String, seconds: Int32) {
        #expect(dur(text) == .ok(seconds))
    }

    @Test(arguments: [
        ("-5", RejectionReason.negativeDuration), ("-00:05", .negativeDuration), ("86401", .absurdDuration), ("99999999999", .absurdDuration),
        ("25:00:00", .absurdDuration), ("5:75", .badDuration), ("abc", .badDuration), ("######", .excelOverflow), ("72,40%", .badDuration), ("1:2:3:4", .badDuration),
    ])
    func badDurations(text: String, reason: RejectionReason) {
        #expect(dur(text) == .rejected(reason))
    }

    @Test func emptyDuration() { #expect(dur("") == .empty) }

    @Test func yesNo() {
        for s in ["Y", "y", "Yes", "YES", "true", "TRUE", "1"] { #expect(yn(s) == .yes, "\(s)") }
        for s in ["N", "n", "No", "false", "FALSE", "0"] { #expect(yn(s) == .no, "\(s)") }
        #expect(yn("") == .unknown)
        #expect(yn("maybe") == nil)
        #expect(yn("2") == nil)
    }

    @Test func civilRoundTrip() {
        for d in stride(from: -1000, through: 40000, by: 37) {
            let c = CivilTime.civil(days: d)
            #expect(CivilTime.days(year: c.year, month: c.month, day: c.day) == d)
        }
        #expect(CivilTime.weekday(days: 19174) == 4)   // 1 July 2022 was a Friday (0 = Monday)
    }
}
