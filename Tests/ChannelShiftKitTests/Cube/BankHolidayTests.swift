// The bank-holiday table: equal to its built-in copy, right for all three nations 2022–2026, and strict on input.
import Foundation
import Testing
@testable import ChannelShiftKit

@Suite struct BankHolidayTests {
    static let modelsFile = SampleFixture.projectRoot + "/Models/bank-holidays.csv"

    @Test func builtInCopyEqualsModelsFile() throws {
        let text = try String(contentsOfFile: Self.modelsFile, encoding: .utf8)
        #expect(BankHolidayCatalogue.csv + "\n" == text)
        let loaded = try BankHolidayCalendar.load(Self.modelsFile, display: "Models/bank-holidays.csv")
        #expect(loaded.days == BankHolidayCalendar.builtIn().days)
    }

    // Independently listed from GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays, divisions
    // england-and-wales, scotland, northern-ireland), and checked against each year's proclamations: the one-off
    // days (3 June 2022 Platinum Jubilee, 19 September 2022 State Funeral, 8 May 2023 Coronation) and every
    // substitute day for a holiday at a weekend.
    static let expected: [Nation: [String]] = [
        .englandAndWales: [
            "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
            "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
            "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
            "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        ],
        .scotland: [
            "2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27",
            "2023-01-02", "2023-01-03", "2023-04-07", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-07", "2023-11-30", "2023-12-25", "2023-12-26",
            "2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27", "2024-08-05", "2024-12-02", "2024-12-25", "2024-12-26",
            "2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26",
            "2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28",
        ],
        .northernIreland: [
            "2022-01-03", "2022-03-17", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-07-12", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
            "2023-01-02", "2023-03-17", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-07-12", "2023-08-28", "2023-12-25", "2023-12-26",
            "2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-07-12", "2024-08-26", "2024-12-25", "2024-12-26",
            "2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26",
            "2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28",
        ],
    ]

    @Test(arguments: Nation.allCases)
    func tableMatchesKnownDates2022to2026(nation: Nation) {
        let cal = BankHolidayCalendar.builtIn()
        let first = CivilDate(year: 2022, month: 1, day: 1).dayNumber, last = CivilDate(year: 2026, month: 12, day: 31).dayNumber
        let got = cal.holidays(in: nation, from: first, through: last).map { CivilTime.formatDate(days: $0) }
        #expect(got == Self.expected[nation]!)
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, 1991, ch. 8):
    /// an independent computation of the moveable feasts.
    static func easter(_ y: Int) -> Int {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: y, month: month, day: day).dayNumber
    }

    @Test(arguments: 2021...2027)
    func moveableFeastsAndRules(year: Int) {
        let cal = BankHolidayCalendar.builtIn()
        let e = Self.easter(year)
        for n in Nation.allCases { #expect(cal.isHoliday(e - 2, in: n), "Good Friday \(year) \(n)") }
        #expect(cal.isHoliday(e + 1, in: .englandAndWales))
        #expect(cal.isHoliday(e + 1, in: .northernIreland))
        #expect(!cal.isHoliday(e + 1, in: .scotland))
        // No holiday falls on a Saturday or Sunday: weekend holidays move to a substitute weekday.
        for n in Nation.allCases {
            let days = cal.holidays(in: n, from: CivilDate(year: year, month: 1, day: 1).dayNumber, through: CivilDate(year: year, month: 12, day: 31).dayNumber)
            #expect(days.allSatisfy { CivilTime.weekday(days: $0) < 5 }, "\(n) \(year)")
            #expect(days.count >= 8)
        }
        // Early May: the first Monday in May, everywhere.
        let may1 = CivilDate(year: year, month: 5, day: 1).dayNumber
        let firstMonday = may1 + (7 - CivilTime.weekday(days: may1)) % 7
        for n in Nation.allCases { #expect(cal.isHoliday(firstMonday, in: n)) }
    }

    @Test func badRowsAreReportedWithLineAndColumn() {
        let text = "# comment\nnation,date,name\nengland-and-wales,2023-05-08,Coronation\nwales,2023-05-09,x\nscotland,2023-02-30,y\n"
        #expect {
            try BankHolidayCalendar.parse(Array(text.utf8), file: "h.csv")
        } throws: { error in
            let r = (error as? ToolError)?.rendered ?? ""
            return r.contains("h.csv:4:1: error: unknown nation 'wales'") && r.contains("h.csv:5:10: error: '2023-02-30' is not a date")
        }
    }

    @Test func userExtensionIsRead() throws {
        let text = "nation,date,name\nscotland,2028-01-03,New Year's Day (substitute day)\n"
        let cal = try BankHolidayCalendar.parse(Array(text.utf8), file: "h.csv")
        #expect(cal.isHoliday(CivilDate(year: 2028, month: 1, day: 3).dayNumber, in: .scotland))
        #expect(!cal.isHoliday(CivilDate(year: 2028, month: 1, day: 3).dayNumber, in: .englandAndWales))
    }
}
