// A calendar date for options such as --start (ISO parsing, day numbers via CivilTime; no time zone, no locale).

public struct CivilDate: Sendable, Equatable, Comparable {
    public var year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, refusing impossible dates such as 2022-02-31.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CivilTime.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilTime.days(year: year, month: month, day: day) }

    public init(dayNumber n: Int) {
        let c = CivilTime.civil(days: n)
        self.init(year: c.year, month: c.month, day: c.day)
    }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(dayNumber n: Int) -> Int { CivilTime.weekday(days: n) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}
