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

    /// Pounds: 120000 -> "£120,000"; negative as "-£1,200".
    public static func money(_ pounds: Double, decimals: Int = 0) -> String {
        let body = number(abs(pounds), decimals: decimals)
        let isZero = body.allSatisfy { $0 == "0" || $0 == "," || $0 == "." }
        return (pounds < 0 && !isZero ? "-£" : "£") + body
    }

    /// A plain decimal for CSV and JSON: no grouping, fixed places, trailing zeros kept.
    public static func plain(_ x: Double, decimals: Int) -> String { number(x, decimals: decimals, grouping: false) }

    static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }

    static func digits(_ v: Double, grouping: Bool) -> String {
        // v is a non-negative whole number below 2^63 in all report uses; larger values print in full via Double.
        guard v < 9.2e18 else { return String(Int64(clamping: Int(v))) }
        let s = String(Int64(v))
        guard grouping, s.count > 3 else { return s }
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
