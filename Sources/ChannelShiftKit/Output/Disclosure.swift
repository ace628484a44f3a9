// Disclosure symbols and rules for published counts: one pure function per rule, applied in one place.
//
// Symbols follow the Government Statistical Service guidance on symbols in tables (GSS, "Using symbols and
// shorthand in tables", 2021): [c] confidential, [x] not available, [z] not applicable. Every hidden cell is
// [c], whatever rule hid it: a different mark for "below the threshold" would tell a reader which hidden cells
// are small.

public enum Disclosure {
    public static let confidential = "[c]"
    public static let notAvailable = "[x]"
    public static let notApplicable = "[z]"

    /// How counts of people or contacts are made safe to publish.
    public enum Mode: Sendable, Equatable {
        /// Counts in 1..<n hidden, with secondary suppression so a hidden count cannot be worked out from a total.
        case threshold(Int)
        /// ONS practice: counts below 10 hidden, every other count rounded to the nearest 5.
        case ons10Round5
        /// NHS England practice (HES/SUS publications): counts 1–7 hidden, every other count rounded to the nearest 5,
        /// and percentages worked out from the rounded counts.
        case nhs5

        public static let names = ["threshold", "ons-10-5", "nhs-5"]

        /// `ons-10-5`, `nhs-5`, or `threshold` (with the threshold given separately).
        public init?(name: String, threshold: Int = 10) {
            switch name {
            case "threshold": self = .threshold(threshold)
            case "ons-10-5": self = .ons10Round5
            case "nhs-5": self = .nhs5
            default: return nil
            }
        }

        public var name: String {
            switch self {
            case .threshold: return "threshold"
            case .ons10Round5: return "ons-10-5"
            case .nhs5: return "nhs-5"
            }
        }

        /// Counts from 1 up to this value are hidden (0 is shown: it discloses nothing about a person).
        public var largestHidden: Int {
            switch self {
            case .threshold(let n): return max(0, n - 1)
            case .ons10Round5: return 9
            case .nhs5: return 7
            }
        }

        /// Shown counts are rounded to a multiple of this (1: shown exactly).
        public var roundingBase: Int {
            switch self {
            case .threshold: return 1
            case .ons10Round5, .nhs5: return 5
            }
        }

        /// Rounding already protects a total, so only the exact-count rule needs secondary suppression.
        public var needsSecondarySuppression: Bool { roundingBase == 1 }
    }

    /// A count as published.
    public enum Published: Sendable, Equatable {
        case shown(Int)
        case confidential

        public var cell: Cell {
            switch self {
            case .shown(let n): return .count(n)
            case .confidential: return .suppressed(below: 0)
            }
        }
        public var value: Int? { if case .shown(let n) = self { return n } else { return nil } }
    }

    /// Half away from zero to the nearest multiple of `base` (12 → 10, 13 → 15, 15 → 15; -13 → -15).
    public static func round(_ n: Int, toMultipleOf base: Int) -> Int {
        guard base > 1 else { return n }
        let m = abs(n), r = m % base
        let rounded = r * 2 >= base ? m - r + base : m - r
        return n < 0 ? -rounded : rounded
    }

    /// One count on its own: hidden if 1…largestHidden, otherwise rounded as the mode says.
    public static func publish(_ n: Int, mode: Mode) -> Published {
        if n > 0 && n <= mode.largestHidden { return .confidential }
        return .shown(round(n, toMultipleOf: mode.roundingBase))
    }

    /// A column of counts whose total is published: primary rule, then (threshold mode only) the secondary rule of
    /// `Suppression.mask`. Returns one result per count, in order.
    public static func publish(_ counts: [Int], mode: Mode) -> [Published] {
        let hidden: [Bool]
        if mode.needsSecondarySuppression {
            hidden = Suppression.mask(counts, threshold: mode.largestHidden + 1)
        } else {
            hidden = counts.map { $0 > 0 && $0 <= mode.largestHidden }
        }
        return zip(counts, hidden).map { n, h in h ? .confidential : .shown(round(n, toMultipleOf: mode.roundingBase)) }
    }

    /// A share of a total as published: from the published (rounded) counts, nil where either is hidden or the
    /// total is zero. NHS practice: a percentage worked from exact counts would undo the rounding.
    public static func share(_ part: Published, of total: Published) -> Double? {
        guard let p = part.value, let t = total.value, t > 0 else { return nil }
        return Double(p) / Double(t)
    }

    /// The sentence under a table that disclosure touched.
    public static func note(_ mode: Mode) -> String {
        switch mode {
        case .threshold(let n):
            return "[c] marks a count hidden to protect privacy: counts below \(n), and where needed a second count so the first cannot be worked out from the total. Totals include every contact."
        case .ons10Round5:
            return "[c] marks a count below 10, hidden to protect privacy; other counts are rounded to the nearest 5, so rows may not add up to the totals shown."
        case .nhs5:
            return "[c] marks a count from 1 to 7, hidden to protect privacy; other counts are rounded to the nearest 5, percentages are worked out from the rounded counts, and rows may not add up to the totals shown."
        }
    }
}
