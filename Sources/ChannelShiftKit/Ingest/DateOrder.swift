// Day-first or month-first: decided from the whole file's evidence, never assumed silently; and the
// spreadsheet date forms (Excel serial numbers, AM/PM clocks, two-digit years) read straight from bytes.

/// How a slash date `a/b/yyyy` is read: day first (UK) or month first (US, as NICE CXone exports).
public enum DateOrder: String, Sendable, CaseIterable {
    case dmy, mdy
}

/// What the slash dates of a file say about their order.
public struct DateOrderEvidence: Sendable, Equatable {
    public var firstAbove12 = 0       // a/b with a > 12: only day-first can be right
    public var secondAbove12 = 0      // a/b with b > 12: only month-first can be right
    public var ambiguous = 0          // both 12 or below
    public var firstLine: (dayFirst: Int?, monthFirst: Int?) = (nil, nil)

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.firstAbove12 == b.firstAbove12 && a.secondAbove12 == b.secondAbove12 && a.ambiguous == b.ambiguous
    }

    public var slashDates: Int { firstAbove12 + secondAbove12 + ambiguous }

    public mutating func merge(_ o: DateOrderEvidence) {
        firstAbove12 += o.firstAbove12
        secondAbove12 += o.secondAbove12
        ambiguous += o.ambiguous
    }

    /// The order the evidence supports, or nil when it supports neither (no part above 12).
    /// Both kinds present: the larger wins and the other rows are rejected as impossible dates.
    public var decided: DateOrder? {
        if firstAbove12 == 0 && secondAbove12 == 0 { return nil }
        return secondAbove12 > firstAbove12 ? .mdy : .dmy
    }
}

extension FieldParsers {
    /// The first two numbers of `a/b/...` (one or two digits each), for date-order evidence.
    @inline(__always)
    static func slashParts(_ p: UnsafeRawBufferPointer) -> (Int, Int)? {
        var i = 0, a = 0, b = 0, digits = 0
        while i < p.count, let d = digit(p[i]) { a = a * 10 + d; i += 1; digits += 1 }
        guard digits >= 1, digits <= 2, i < p.count, p[i] == 47 else { return nil }
        i += 1
        digits = 0
        while i < p.count, let d = digit(p[i]) { b = b * 10 + d; i += 1; digits += 1 }
        guard digits >= 1, digits <= 2, i < p.count, p[i] == 47 else { return nil }
        return (a, b)
    }

    /// Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999.
    public static let twoDigitYearPivot = 30

    static func fullYear(_ yy: Int) -> Int { yy < twoDigitYearPivot ? 2000 + yy : 1900 + yy }

    /// An Excel serial date (days since 1899-12-30, the 1900 date system; a fraction is the time of day).
    /// Only 20000–80000 (1954–2119) is taken as a date, so a number that is not one stays a bad date.
    static func excelSerial(_ p: UnsafeRawBufferPointer) -> DateResult? {
        var i = 0, whole = 0
        while i < p.count, let d = digit(p[i]) { whole = whole * 10 + d; i += 1; if i > 6 { return nil } }
        guard i == 5, whole >= 20000, whole <= 80000 else { return nil }
        let midnight = Int64(whole - 25569) * 86400      // 25569 = days from 1899-12-30 to 1970-01-01
        if i == p.count { return .dateOnly(midnight) }
        guard p[i] == 46 || p[i] == 44, i + 1 < p.count else { return nil }
        var frac = 0.0, scale = 0.1
        i += 1
        while i < p.count, let d = digit(p[i]) { frac += Double(d) * scale; scale /= 10; i += 1 }
        guard i == p.count else { return nil }
        let seconds = Int64((frac * 86400).rounded())
        return .ok(midnight + min(seconds, 86399))
    }

    /// A clock with AM/PM (`8:03 AM`, `08:03:11pm`): seconds of the day, -1 out of range, nil if not this form.
    static func meridiemClock(_ p: UnsafeRawBufferPointer) -> Int? {
        var e = p.count
        while e > 0 && p[e - 1] == 32 { e -= 1 }
        guard e >= 6 else { return nil }
        let m = p[e - 1] | 0x20, ap = p[e - 2] | 0x20
        guard m == UInt8(ascii: "m"), ap == UInt8(ascii: "a") || ap == UInt8(ascii: "p") else { return nil }
        var c = e - 2
        if p[c - 1] == 46 { c -= 1 }          // "a.m." is rare; "8:03 a.m" is not handled beyond this
        while c > 0 && p[c - 1] == 32 { c -= 1 }
        guard let s = timeOfDay(UnsafeRawBufferPointer(rebasing: p[0..<c])) else { return nil }
        guard s >= 0 else { return -1 }
        let h = s / 3600
        guard h >= 1 && h <= 12 else { return -1 }
        let base = s - h * 3600
        let hour24 = ap == UInt8(ascii: "a") ? (h == 12 ? 0 : h) : (h == 12 ? 12 : h + 12)
        return base + hour24 * 3600
    }

    /// A time column's value: `HH:MM[:SS]`, with or without AM/PM.
    public static func clock(_ p: UnsafeRawBufferPointer) -> Int? {
        if let s = meridiemClock(p) { return s }
        return timeOfDay(p)
    }
}
