// The one reader of quantities written by people in options and assumption values: percentages, fractions,
// durations, money and counts. Where readers used to differ (is a bare 20 twenty per cent or twenty? is "1,5" a
// decimal comma or a thousands separator? is zero allowed?) the difference is a parameter here, so it is visible
// at the call site. Not for data rows: Ingest's byte-level field parsers are the hot path and stay as they are.
import Foundation

/// How one option or assumption writes its quantity.
public struct QuantityFormat: Sendable, Equatable {
    /// What a number without a `%` means.
    public enum Bare: Sendable, Equatable {
        case fraction   // 0.2 is 20% (and 20 is 2,000%)
        case percent    // 20 is 20%
        case plain      // not a share: a count, money or duration as written; a `%` is refused
    }

    /// One end of the accepted range.
    public struct Bound: Sendable, Equatable {
        public var value: Double
        public var inclusive: Bool
        public static func inclusive(_ v: Double) -> Bound { Bound(value: v, inclusive: true) }
        public static func exclusive(_ v: Double) -> Bound { Bound(value: v, inclusive: false) }
    }

    public var bare: Bare
    /// `2,5` is 2.5 (a comma never separates thousands then).
    public var decimalComma = false
    /// `1,924` is 1924: commas only between groups of three digits.
    public var thousands = false
    public var allowZero = true
    public var allowNegative = true
    /// Spaces around the text and before `%` or a unit (`90 %`, `3 min`) are allowed.
    public var spaces = true
    /// Checked after `%` and units are applied (so a percentage's range is in fractions: 0...1).
    public var lower: Bound?
    public var upper: Bound?

    public init(bare: Bare, decimalComma: Bool = false, thousands: Bool = false, allowZero: Bool = true,
                allowNegative: Bool = true, spaces: Bool = true, lower: Bound? = nil, upper: Bound? = nil) {
        self.bare = bare
        self.decimalComma = decimalComma
        self.thousands = thousands
        self.allowZero = allowZero
        self.allowNegative = allowNegative
        self.spaces = spaces
        self.lower = lower
        self.upper = upper
    }

    /// An inclusive range, the common case.
    public func within(_ r: ClosedRange<Double>) -> QuantityFormat {
        var f = self
        f.lower = .inclusive(r.lowerBound)
        f.upper = .inclusive(r.upperBound)
        return f
    }
}

/// Why a quantity could not be read; `value` is what was read when it was a number.
public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case notANumber, negative, zero, belowRange, aboveRange }
    public var kind: Kind
    public var text: String
    public var value: Double?
    public var format: QuantityFormat

    public var description: String {
        switch kind {
        case .notANumber:
            var how = format.bare == .plain ? "a number" : "a number or a percentage"
            if format.decimalComma { how += " (a comma is the decimal point)" } else if format.thousands { how += " (commas only between thousands)" }
            return "'\(text)' is not \(how)"
        case .negative: return "'\(text)' is negative"
        case .zero: return "'\(text)' is zero"
        case .belowRange: return "'\(text)' is " + (format.lower!.inclusive ? "below " : "not above ") + shown(format.lower!.value)
        case .aboveRange: return "'\(text)' is " + (format.upper!.inclusive ? "above " : "not below ") + shown(format.upper!.value)
        }
    }

    /// A bound as the user wrote the quantity: a share as a percentage, anything else as a number.
    private func shown(_ v: Double) -> String {
        format.bare == .plain ? Format.number(v, decimals: v.rounded() == v ? 0 : 4)
            : Format.percent(v, decimals: abs((v * 100).rounded() - v * 100) < 1e-9 ? 0 : 2)
    }
}

public enum Quantity {
    /// A share: `20%` is 0.2; a bare number as `format.bare` says.
    public static func fraction(_ text: String, _ format: QuantityFormat) throws(QuantityError) -> Double {
        var t = Substring(text)
        if format.spaces { t = trimmed(t) }
        var scale = 1.0
        if t.hasSuffix("%") {
            guard format.bare != .plain else { throw QuantityError(kind: .notANumber, text: text, format: format) }
            t = t.dropLast()
            if format.spaces { t = trimmed(t) }
            scale = 0.01
        } else if format.bare == .percent {
            scale = 0.01
        }
        return try check(number(t, text: text, format) * scale, text: text, format)
    }

    /// Seconds from `180`, `180s`, `3min` or `1h` (case ignored); a bare number is seconds.
    public static func seconds(_ text: String, _ format: QuantityFormat) throws(QuantityError) -> Double {
        var t = Substring((format.spaces ? text.trimmingCharacters(in: .whitespaces) : text).lowercased())
        var scale = 1.0
        for (suffix, s) in [("min", 60.0), ("h", 3600), ("s", 1)] where t.hasSuffix(suffix) {
            t = t.dropLast(suffix.count)
            if format.spaces { t = trimmed(t) }
            scale = s
            break
        }
        var plain = format
        plain.bare = .plain
        return try check(number(t, text: text, plain) * scale, text: text, plain)
    }

    /// A plain number (money without its £, a count): `format.bare` should be `.plain`.
    public static func number(_ text: String, _ format: QuantityFormat) throws(QuantityError) -> Double {
        let t = format.spaces ? trimmed(Substring(text)) : Substring(text)
        return try check(number(t, text: text, format), text: text, format)
    }

    static func trimmed(_ s: Substring) -> Substring { Substring(s.trimmingCharacters(in: .whitespaces)) }

    static func number(_ t: Substring, text: String, _ format: QuantityFormat) throws(QuantityError) -> Double {
        var digits = String(t)
        if digits.contains(",") {
            if format.decimalComma {
                guard !digits.contains("."), digits.filter({ $0 == "," }).count == 1 else {
                    throw QuantityError(kind: .notANumber, text: text, format: format)
                }
                digits = digits.replacingOccurrences(of: ",", with: ".")
            } else if format.thousands {
                guard groupedByThousands(digits) else { throw QuantityError(kind: .notANumber, text: text, format: format) }
                digits = digits.replacingOccurrences(of: ",", with: "")
            } else {
                throw QuantityError(kind: .notANumber, text: text, format: format)
            }
        }
        guard let v = Double(digits), v.isFinite else { throw QuantityError(kind: .notANumber, text: text, format: format) }
        return v
    }

    /// `1,924`, `-12,345.5`: one to three digits, then groups of exactly three.
    static func groupedByThousands(_ s: String) -> Bool {
        var body = Substring(s)
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        let whole = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    static func check(_ v: Double, text: String, _ f: QuantityFormat) throws(QuantityError) -> Double {
        if v < 0 && !f.allowNegative { throw QuantityError(kind: .negative, text: text, value: v, format: f) }
        if v == 0 && !f.allowZero { throw QuantityError(kind: .zero, text: text, value: v, format: f) }
        if let lo = f.lower, lo.inclusive ? v < lo.value : v <= lo.value { throw QuantityError(kind: .belowRange, text: text, value: v, format: f) }
        if let hi = f.upper, hi.inclusive ? v > hi.value : v >= hi.value { throw QuantityError(kind: .aboveRange, text: text, value: v, format: f) }
        return v
    }
}
