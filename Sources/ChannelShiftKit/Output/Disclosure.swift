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

    /// A finished table published under a rounding mode: every count hidden or rounded, totals rounded on their
    /// own (never summed from rounded rows), and the mode's note added once. A share in the same row as a count
    /// it was worked from is recomputed from the rounded counts where the table says which (`shareOf`: share
    /// column → (count column, denominator column or nil for the column total)). The threshold mode returns the
    /// table as it is: the analyses already applied it, with secondary suppression.
    public static func apply(_ mode: Mode, to t: Table, shareOf: [Int: (count: Int, of: Int?)] = [:]) -> Table {
        guard !mode.needsSecondarySuppression else { return t }
        var out = t
        var changed = false
        func publishRow(_ row: [Cell]) -> [Cell] {
            row.map { c in
                guard case .count(let n) = c else { return c }
                changed = true
                return publish(n, mode: mode).cell
            }
        }
        out.rows = t.rows.map(publishRow)
        out.footer = t.footer.map(publishRow)
        for (shareColumn, source) in shareOf {
            let total = out.footer.first.flatMap { row in source.count < row.count ? row[source.count] : nil }
            func recompute(_ row: [Cell]) -> [Cell] {
                guard shareColumn < row.count, case .percent(_, let d) = row[shareColumn], source.count < row.count else { return row }
                let denominator = source.of.flatMap { $0 < row.count ? row[$0] : nil } ?? total
                var r = row
                let p = published(row[source.count]), q = denominator.map(published) ?? .confidential
                r[shareColumn] = share(p, of: q).map { .percent($0, decimals: d) } ?? .empty
                return r
            }
            out.rows = out.rows.map(recompute)
            out.footer = out.footer.map(recompute)
        }
        if changed && !out.notes.contains(note(mode)) {
            out.notes = out.notes.filter { !$0.hasPrefix("[c] marks a count") } + [note(mode)]
        }
        return out
    }

    static func published(_ c: Cell) -> Published {
        if case .count(let n) = c { return .shown(n) }
        if case .integer(let n) = c { return .shown(n) }
        return .confidential
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
