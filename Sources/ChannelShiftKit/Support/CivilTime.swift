// Calendar arithmetic on naive timestamps, shared by the reader, the cube and the reports.

/// Calendar helpers on naive timestamps (seconds since 1970-01-01 00:00:00, proleptic Gregorian).
public enum CivilTime {
    /// Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// (year, month, day) for days since 1970-01-01 (civil_from_days).
    public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Month index (year * 12 + month - 1) of a timestamp.
    public static func monthIndex(_ t: Int64) -> Int {
        let c = civil(days: Int(floorDiv(t, 86400)))
        return c.year * 12 + c.month - 1
    }

    /// 0 = Monday ... 6 = Sunday. 1970-01-01 was a Thursday.
    public static func weekday(days: Int) -> Int { ((days % 7) + 7 + 3) % 7 }

    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// "2022-07-01 08:30:00"
    public static func format(_ t: Int64) -> String {
        let d = Int(floorDiv(t, 86400)), s = Int(t - Int64(d) * 86400)
        let c = civil(days: d)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2)) \(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
    }

    public static func formatDate(days d: Int) -> String {
        let c = civil(days: d)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// "2022-07"
    public static func formatMonth(_ monthIndex: Int) -> String { "\(pad(monthIndex / 12, 4))-\(pad(monthIndex % 12 + 1, 2))" }

    static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }
}
