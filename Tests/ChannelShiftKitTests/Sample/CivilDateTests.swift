// Day numbers and weekdays against python's datetime.date (proleptic Gregorian).
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct CivilDateTests {
    /// python: (date.fromisoformat(s) - date(1970, 1, 1)).days, date.fromisoformat(s).weekday()
    @Test(arguments: [("2022-07-01", 19174, 4), ("2000-02-29", 11016, 1), ("1969-12-31", -1, 2),
                      ("2024-12-31", 20088, 1), ("1600-03-01", -135_080, 2)])
    func dayNumbersAndWeekdays(iso: String, day: Int, weekday: Int) throws {
        let d = try #require(CivilDate(iso: iso))
        #expect(d.dayNumber == day)
        #expect(CivilDate(dayNumber: day) == d)
        #expect(CivilDate.weekday(dayNumber: day) == weekday)
    }

    @Test(arguments: ["2022-02-29", "2022-13-01", "2022-04-31", "22-07-01", "2022-7-1", "2022/07/01", ""])
    func rejectsImpossibleOrMalformed(iso: String) {
        #expect(CivilDate(iso: iso) == nil)
    }
}
