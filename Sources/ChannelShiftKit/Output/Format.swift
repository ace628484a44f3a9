// Locale-free number formatting for reports: same value, same bytes, on every machine.

public enum Format {
    /// Rounds half away from zero to `decimals` places and prints with `,` thousands separators.
    public static func number(_ x: Double, decimals: Int = 0, grouping: Bool = true) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        let scale = pow10(decimals)
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = x < 0 && scaled != 0
        // Split into whole and fractional digits without going through Double printing.
        let whole = (scaled / scale).rounded(.towardZero)
        let frac = scaled - whole * scale
        var s = digits(whole, grouping: grouping)
        if decimals > 0 {
            var f = digits(frac.rounded(), grouping: false)
            while f.count < decimals { f = "0" + f }
            s += "." + f
        }
        return negative ? "-" + s : s
    }

    /// A whole count with thousands separators: 35000 -> "35,000".
    public static func count(_ n: Int) -> String { number(Double(n), decimals: 0) }

    /// A fraction as a percentage: 0.1234 -> "12.3%".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        number(fraction * 100, decimals: decimals) + "%"
    }

    /// The minus sign (U+2212) negative money carries in papers: GOV.UK style, and screen readers say "minus"
    /// where a hyphen is read as a dash or not at all. CSV and JSON never use it (they print plain numbers).
    public static let minusSign = "\u{2212}"

    /// Pounds for people (Markdown, HTML, Word): 120000 -> "£120,000"; negative as "−£1,200" with the minus sign.
    public static func money(_ pounds: Double, decimals: Int = 0) -> String {
        let body = number(abs(pounds), decimals: decimals)
        let isZero = body.allSatisfy { $0 == "0" || $0 == "," || $0 == "." }
        return (pounds < 0 && !isZero ? minusSign + "£" : "£") + body
    }

    /// A number as people read it in a table (Markdown, HTML, Word): a leading hyphen becomes the minus sign, as
    /// `money` writes it, so "−3,559" and "−14.7%" read like "−£6,654" beside them. CSV and JSON keep "-".
    public static func forReaders(_ text: String) -> String {
        text.hasPrefix("-") ? minusSign + text.dropFirst() : text
    }

    /// Full precision for CSV and JSON: the shortest decimal that reads back as the same Double (Swift's
    /// round-trip printing), whole numbers without ".0", "" for NaN and infinity. Markdown rounds for people;
    /// machines get every digit, so a figure recomputed from the CSV matches the one in the report.
    public static func shortest(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(.towardZero) && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// A plain decimal for CSV and JSON: no grouping, fixed places, trailing zeros kept.
    public static func plain(_ x: Double, decimals: Int) -> String { number(x, decimals: decimals, grouping: false) }

    static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }

    static func digits(_ v: Double, grouping: Bool) -> String {
        // v is a non-negative whole number. Below 2^63 it fits an Int64; above, its exact decimal expansion
        // comes from the significand and binary exponent (no Int conversion, which traps past Int.max).
        let s = v < 9.2e18 ? String(Int64(v)) : exactWholeDigits(v)
        guard grouping, s.count > 3 else { return s }
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// Decimal digits of a finite whole Double of any size: significand × 2^exponent in base 10^9 limbs.
    static func exactWholeDigits(_ v: Double) -> String {
        guard v.isFinite, v >= 1 else { return "0" }
        var x = v.significandBitPattern | (1 << 52)
        var shift = Int(v.exponent) - 52
        // A whole number has zero low bits below the binary point, so shifting them out is exact.
        if shift < 0 { x >>= UInt64(-shift); shift = 0 }
        var limbs: [UInt64] = []              // little-endian, base 10^9
        while x > 0 { limbs.append(x % 1_000_000_000); x /= 1_000_000_000 }
        while shift > 0 {
            let step = min(shift, 30)
            var carry: UInt64 = 0
            for i in limbs.indices {
                let t = (limbs[i] << UInt64(step)) + carry
                limbs[i] = t % 1_000_000_000
                carry = t / 1_000_000_000
            }
            while carry > 0 { limbs.append(carry % 1_000_000_000); carry /= 1_000_000_000 }
            shift -= step
        }
        var out = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let d = String(limb)
            out += String(repeating: "0", count: 9 - d.count) + d
        }
        return out
    }
}
