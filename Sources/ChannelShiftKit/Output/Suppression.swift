// Statistical disclosure control for published tables, in one place: primary suppression of small counts and
// secondary suppression so a hidden cell cannot be recovered by subtracting the others from a total, across the
// linked cells of one or more tables (rows that sum to a shown total, columns that add up within a row).

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

    /// A finished report published under `mode`: every table and every chart's data table through
    /// `Disclosure.apply` (a no-op for the threshold mode, which the analysis has already applied).
    public static func publish(_ r: AnalysisReport, mode: Disclosure.Mode) -> AnalysisReport {
        guard !mode.needsSecondarySuppression else { return r }
        var r = r
        r.blocks = r.blocks.map { b in
            switch b {
            case .table(let t): return .table(Disclosure.apply(mode, to: t))
            case .figure(var f):
                f.data = f.data.map { Disclosure.apply(mode, to: $0) }
                return .figure(f)
            default: return b
            }
        }
        r.values = r.values.mapValues { v in
            guard v.unit == "contacts" || v.unit == "calls" || v.unit == "callers", v.value == v.value.rounded(), abs(v.value) < 9e15 else { return v }
            let p = Disclosure.publish(Int(v.value), mode: mode)
            let exact = Format.count(Int(v.value))
            guard v.display.hasPrefix(exact) else { return v }
            let shown = p.value.map { Format.count($0) } ?? Disclosure.confidential
            return NamedValue(Double(p.value ?? 0), display: shown + v.display.dropFirst(exact.count), unit: v.unit)
        }
        return r
    }

    /// The standard note under a table that suppression touched.
    public static func note(threshold: Int) -> String {
        Disclosure.note(.threshold(threshold))
    }

    // MARK: - Secondary suppression across linked cells

    /// `columns[c][r]` are counts. A hidden cell must not be recoverable by arithmetic, so:
    /// - primary: counts in 1..<threshold are hidden (`Suppression.hides`);
    /// - `keyColumn`: when a row's key count is hidden, every count in the row is hidden with it;
    /// - `rowSums`: (a, b, total) column triples with a + b = total in every row: one hidden of three is recoverable;
    /// - `rowTotals`: column sets [total, part, part, ...] with parts summing to the total in every row (any length);
    /// - `relations`: sets of rows whose values in every column obey a sum whose other terms are shown
    ///   (all rows against the table's total; a service line's reasons against the line's row):
    ///   one hidden cell in a set is recoverable.
    /// Whenever a rule finds exactly one hidden cell, the smallest non-zero shown cell it links to is hidden too
    /// (Suppression's rule), and the rules are applied again until nothing changes.
    /// `forced` marks cells hidden for reasons outside this table (e.g. a share hidden in another table).
    /// Relations are checked in the order given: list the smallest sets first so a secondary cell is taken
    /// inside a service line rather than from another line.
    public static func hidden(columns: [[Int]], keyColumn: Int?, rowSums: [(Int, Int, Int)] = [], rowTotals: [[Int]] = [], relations: [[Int]],
                       forced: [[Bool]]? = nil, threshold: Int) -> [[Bool]] {
        var h = columns.map { col in col.map { Suppression.hides($0, threshold: threshold) } }
        if let forced {
            for c in h.indices where c < forced.count {
                for r in h[c].indices where r < forced[c].count && forced[c][r] { h[c][r] = true }
            }
        }
        guard threshold > 0 || forced != nil, let rows = columns.first?.count else { return h }
        var changed = true
        func hideSmallest(_ cells: [(c: Int, r: Int)]) {
            let open = cells.filter { !h[$0.c][$0.r] }
            guard let pick = open.filter({ columns[$0.c][$0.r] > 0 }).min(by: { columns[$0.c][$0.r] < columns[$1.c][$1.r] }) ?? open.first
            else { return }
            h[pick.c][pick.r] = true
            changed = true
        }
        while changed {
            changed = false
            if let k = keyColumn {
                for r in 0..<rows where h[k][r] {
                    for c in columns.indices where !h[c][r] { h[c][r] = true; changed = true }
                }
            }
            for set in rowSums.map({ [$0.0, $0.1, $0.2] }) + rowTotals {
                for r in 0..<rows where set.filter({ h[$0][r] }).count == 1 {
                    hideSmallest(set.map { ($0, r) })
                }
            }
            for c in columns.indices {
                for set in relations where set.count > 1 && set.filter({ h[c][$0] }).count == 1 {
                    hideSmallest(set.map { (c, $0) })
                }
            }
        }
        return h
    }

    // MARK: - The invariant

    /// Cells a reader could work out: in a table whose footer adds up its rows, a column with exactly one hidden
    /// count above a shown total. Empty when suppression did its job; a test checks every report of every command.
    public static func recoverable(in t: Table) -> [String] {
        guard t.footerAddsUp else { return [] }
        var out: [String] = []
        for total in t.footer {
            for (c, cell) in total.enumerated() {
                guard case .count = cell else { continue }
                let hidden = t.rows.filter { c < $0.count && { if case .suppressed = $0 { return true } else { return false } }($0[c]) }
                if hidden.count == 1 { out.append("\(t.id): column \(t.columns[c].id) has one hidden count under its total") }
            }
        }
        return out
    }
}
