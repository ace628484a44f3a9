// Secondary suppression across the linked cells of one or more tables: rows that sum to a shown total,
// and columns that add up within a row (known + unknown = contacts).

public enum DisclosureMask {
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
}
