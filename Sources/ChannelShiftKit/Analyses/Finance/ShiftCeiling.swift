// The shiftable ceiling per reason (`--ceiling FILE`): the share of phone calls that is avoidable or self-serve
import Foundation
// and made by people likely to manage online, as `channelshift exclusion --format csv --table ceiling` writes it.

public enum ShiftCeiling {
    /// Columns `line,reason,low,central,high`; shares as fractions (0.4) or percentages (40%). Extra columns are
    /// ignored, so the exclusion command may add counts beside them.
    public static let columns = ["line", "reason", "low", "central", "high"]

    public static func load(_ path: String, display: String) throws(ToolError) -> [WrapCode: Ranged] {
        try parse(CSVTable.load(path, display: display))
    }

    public static func parse(_ t: CSVTable) throws(ToolError) -> [WrapCode: Ranged] {
        let cols = try t.requireColumns(columns)
        var problems = DiagnosticCollector()
        var out: [WrapCode: Ranged] = [:]
        var firstLine: [WrapCode: Int] = [:]
        for row in t.rows {
            guard row.fields.count == t.header.count else {
                problems.add(Diagnostic("expected \(t.header.count) fields, found \(row.fields.count)",
                                        at: SourceLocation(file: t.file, line: row.line, column: 1), hint: "quote fields that contain the delimiter"))
                continue
            }
            var v: [Double] = []
            for k in 2...4 {
                let raw = row.fields[cols[k]].trimmingCharacters(in: .whitespaces)
                if let x = share(raw) { v.append(x); continue }
                problems.add(Diagnostic("\(columns[k]) '\(raw)' is not a share between 0 and 1 (or 0% and 100%)",
                                        at: t.location(row, field: cols[k]), hint: "write 0.4 or 40%"))
            }
            guard v.count == 3 else { continue }
            guard v[0] <= v[1], v[1] <= v[2] else {
                problems.add(Diagnostic("low, central and high must be in order", at: t.location(row, field: cols[2]),
                                        hint: "low ≤ central ≤ high"))
                continue
            }
            let code = WrapCode(line: row.fields[cols[0]].trimmingCharacters(in: .whitespaces),
                                reason: row.fields[cols[1]].trimmingCharacters(in: .whitespaces))
            if let first = firstLine[code] {
                problems.add(Diagnostic("'\(code.line) / \(code.reason)' appears twice (first on line \(first))",
                                        at: t.location(row, field: cols[1]), hint: "keep one ceiling per reason"))
                continue
            }
            firstLine[code] = row.line
            out[code] = Ranged(v[1], low: v[0], high: v[2])
        }
        try problems.throwIfAny()
        return out
    }

    static func share(_ raw: String) -> Double? {
        let pct = raw.hasSuffix("%")
        guard let x = Double(pct ? String(raw.dropLast()).trimmingCharacters(in: .whitespaces) : raw), x.isFinite else { return nil }
        let f = pct ? x / 100 : x
        return (0...1).contains(f) ? f : nil
    }
}
