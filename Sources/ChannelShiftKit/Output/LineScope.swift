// Scopes a report's tables to the service lines a paper is about: those lines' rows, then one "All other lines"
// row, then the totals as before. A paper about waste need not print every reason of every service.

public enum LineScope {
    public static let otherLabel = "All other lines"

    /// `t` with only the rows whose service line (column id "line") is in `lines`, plus one row for the rest.
    /// Tables without a line column are returned unchanged. In the "other" row a count or amount is the total
    /// row's value less the kept rows' (exact even where an other row was hidden), or the other rows' sum where
    /// there is no total; it is [c] where that cannot be known or would be below the threshold; shares, ranks,
    /// labels and non-additive numbers (`Column.additive`: design effects, means) are left blank, since they do
    /// not add up.
    public static func scope(_ t: Table, to lines: [String], threshold: Int = 10) -> Table {
        guard !lines.isEmpty, let lc = t.columns.firstIndex(where: { $0.id == "line" }) else { return t }
        let wanted = Set(lines.map { $0.lowercased() })
        func lineOf(_ row: [Cell]) -> String { lc < row.count ? row[lc].displayText.lowercased() : "" }
        let kept = t.rows.filter { wanted.contains(lineOf($0)) }
        let others = t.rows.filter { !wanted.contains(lineOf($0)) }
        guard !others.isEmpty else { return t }
        let total = t.footer.first
        var other: [Cell] = []
        for c in t.columns.indices {
            if c == lc { other.append(.text(otherLabel)); continue }
            let column = t.columns[c]
            guard column.alignment == .right, column.additive, column.id != "rank" else { other.append(.empty); continue }
            other.append(combine(kept: kept.map { c < $0.count ? $0[c] : .empty }, others: others.map { c < $0.count ? $0[c] : .empty },
                                 total: total.flatMap { c < $0.count ? $0[c] : nil }, threshold: threshold))
        }
        var out = t
        out.rows = kept + [other]
        let shown = lines.joined(separator: ", ")
        out.notes.append("Rows for \(shown) are shown in full; \"\(otherLabel)\" is every other service line together (\(Format.count(others.count)) rows; the full table is in the CSV and JSON output).")
        return out
    }

    static func value(_ c: Cell) -> (Double, Cell)? {
        switch c {
        case .count(let n), .integer(let n): return (Double(n), c)
        case .number(let x, _), .money(let x, _): return (x, c)
        default: return nil
        }
    }

    static func make(_ x: Double, like c: Cell, threshold: Int) -> Cell {
        switch c {
        case .count:
            let n = Int(x.rounded())
            return Suppression.hides(n, threshold: threshold) ? .suppressed(below: 0) : .count(n)
        case .integer: return .integer(Int(x.rounded()))
        case .number(_, let d): return .number(x, decimals: d)
        case .money(_, let d): return .money(x, decimals: d)
        default: return .empty
        }
    }

    static func combine(kept: [Cell], others: [Cell], total: Cell?, threshold: Int) -> Cell {
        let hiddenOther = others.contains { if case .suppressed = $0 { return true } else { return false } }
        let hiddenKept = kept.contains { if case .suppressed = $0 { return true } else { return false } }
        if let total, let (t, like) = value(total) {
            guard !hiddenKept else { return .suppressed(below: 0) }
            return make(t - kept.compactMap { value($0)?.0 }.reduce(0, +), like: like, threshold: threshold)
        }
        guard !hiddenOther else { return .suppressed(below: 0) }
        let vals = others.compactMap(value)
        guard let like = vals.first?.1, vals.count == others.count else { return .empty }
        return make(vals.map(\.0).reduce(0, +), like: like, threshold: threshold)
    }
}
