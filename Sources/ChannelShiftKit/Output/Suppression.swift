// Statistical disclosure control for published tables: primary suppression of small counts and
// secondary suppression so a hidden cell cannot be recovered by subtracting the others from a total.

public enum Suppression {
    /// Primary: counts in 1..<threshold are hidden. Zero is shown (it discloses nothing about a person).
    @inline(__always)
    public static func hides(_ n: Int, threshold: Int) -> Bool { threshold > 0 && n > 0 && n < threshold }

    /// The cell for a count: `.count(n)` or `.suppressed(below:)`.
    public static func cell(_ n: Int, threshold: Int) -> Cell {
        hides(n, threshold: threshold) ? .suppressed(below: threshold) : .count(n)
    }

    /// Which of `counts` (one column whose total is published) must be hidden.
    /// Primary cells first; then, if exactly one cell is hidden, the smallest other non-zero cell is
    /// hidden too, so the total minus the shown cells does not reveal it.
    public static func mask(_ counts: [Int], threshold: Int) -> [Bool] {
        var hidden = counts.map { hides($0, threshold: threshold) }
        let nHidden = hidden.filter { $0 }.count
        if nHidden == 1 {
            var best: Int?
            for (i, c) in counts.enumerated() where !hidden[i] && c > 0 {
                if best == nil || c < counts[best!] || (c == counts[best!] && i < best!) { best = i }
            }
            if let best { hidden[best] = true }
        }
        return hidden
    }

    /// Applies `mask` to whole rows: when a row's key count is hidden, the row's other counts and shares
    /// are hidden with it (they would reveal it). `keyColumn` is the index of the count that decides.
    public static func apply(to rows: [[Cell]], keyColumn: Int, threshold: Int) -> [[Cell]] {
        let counts = rows.map { row -> Int in if case .count(let n) = row[keyColumn] { return n } else { return 0 } }
        let m = mask(counts, threshold: threshold)
        return zip(rows, m).map { row, hide in
            guard hide else {
                return row.map { c in if case .count(let n) = c, hides(n, threshold: threshold) { return .suppressed(below: threshold) } else { return c } }
            }
            return row.map { c in
                switch c {
                case .count(let n): return .suppressed(below: hides(n, threshold: threshold) ? threshold : 0)
                case .percent, .number, .money: return .empty
                default: return c
                }
            }
        }
    }

    /// The standard note under a table that suppression touched.
    public static func note(threshold: Int) -> String {
        Disclosure.note(.threshold(threshold))
    }
}
