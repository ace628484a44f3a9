// The CSV of queries (a) and (b), written one way for `cube` (one pass) and `merge` (partials), so the two agree byte for byte.

public enum CubeTables {
    /// Query (a): per line, reason and channel, rows already in byte order. Counts below `suppress` are left empty.
    public static func queryA(_ rows: [(code: WrapCode, channel: Channel, stats: CellStats)], suppress: Int) -> String {
        func count(_ n: Int) -> CSVWriter.Field { .number(Suppression.hides(n, threshold: suppress) ? "" : String(n)) }
        return CSVWriter.render(header: WrapChannelTable.queryAColumns, rows: rows.map { code, ch, s in
            [.text(code.line), .text(code.reason), .text(ch.name), count(s.contacts), count(s.answered), count(s.abandoned),
             .number(String(s.handleSum)), count(s.handleCount), .number(String(s.waitSum)), count(s.emailNo), count(s.emailKnown)]
        })
    }

    /// Query (b): per line and reason with keyed contacts, rows already in byte order.
    public static func queryB(_ rows: [(code: WrapCode, counts: RepeatCounts)], windowLabel: String, suppress: Int) -> String {
        func count(_ n: Int) -> CSVWriter.Field { .number(Suppression.hides(n, threshold: suppress) ? "" : String(n)) }
        return CSVWriter.render(header: ["line", "reason", "keyed_contacts", "followed_within_\(windowLabel)"], rows: rows.map { code, c in
            [.text(code.line), .text(code.reason), count(c.keyed), count(c.followed)]
        })
    }

    /// Writes the tables asked for: one goes to `out`; two go to `out` with `.a.csv` and `.b.csv` in place of `.csv`.
    public static func write(_ files: [(query: String, text: String)], to out: String) throws(ToolError) {
        if files.count == 1 {
            try AtomicFile.write(files[0].text, to: out)
        } else {
            let stem = out.hasSuffix(".csv") ? String(out.dropLast(4)) : out
            // Both tables or neither: a full disk on the second must not leave a new .a.csv beside an old .b.csv.
            try AtomicFile.writeAll(files.map { (text: $0.text, path: "\(stem).\($0.query).csv") })
        }
    }
}
