// A published (already aggregated) KPI table: every stated ratio recomputed from its counts and checked.
import Foundation

public struct PublishedKPI: Sendable, Equatable {
    /// A percentage as printed, and what it means as a fraction.
    public struct Stated: Sendable, Equatable {
        public var text: String
        public var fraction: Double
        /// Half a unit in the last printed place, as a fraction: the most rounding can explain.
        public var roundingTolerance: Double
    }

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var kpi: PeriodKPI
        public var statedAnswered: Stated?
        public var statedAbandoned: Stated?
        public var statedWait: Double?
    }

    /// A stated figure its own counts contradict.
    public struct Mismatch: Sendable, Equatable {
        public var period: String
        public var line: Int
        public var measure: String
        public var stated: String
        public var recomputed: Double
    }

    public var file: String
    public var rows: [Row]

    /// Reads `period|month|week, offered, answered, abandoned[, pct_answered, pct_abandoned, avg_wait_s]`.
    /// Every unreadable cell is reported (file:line:column) before failing.
    public static func parse(_ table: CSVTable) throws(ToolError) -> PublishedKPI {
        let periodColumn = table.column("month") ?? table.column("period") ?? table.column("week") ?? 0
        let counts = try table.requireColumns(["offered", "answered", "abandoned"])
        let pa = table.column("pct_answered"), pb = table.column("pct_abandoned"), w = table.column("avg_wait_s")
        var problems = DiagnosticCollector()
        var rows: [Row] = []
        for r in table.rows {
            guard r.fields.count == table.header.count else {
                problems.add(Diagnostic("expected \(table.header.count) fields, found \(r.fields.count)",
                                        at: SourceLocation(file: table.file, line: r.line, column: 1),
                                        hint: "check for an unquoted comma in a number such as 1,234"))
                continue
            }
            var values: [Int] = []
            for c in counts {
                let text = r.fields[c].replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
                if let v = Int(text), v >= 0 { values.append(v) } else {
                    problems.add(Diagnostic("'\(r.fields[c])' is not a count", at: table.location(r, field: c),
                                            hint: "counts are whole numbers, e.g. 12,345"))
                }
            }
            guard values.count == 3 else { continue }
            var kpi = PeriodKPI(label: r.fields[periodColumn].trimmingCharacters(in: .whitespaces))
            kpi.offered = values[0]; kpi.answered = values[1]; kpi.abandoned = values[2]
            var row = Row(line: r.line, kpi: kpi)
            for (column, keyPath) in [(pa, \Row.statedAnswered), (pb, \Row.statedAbandoned)] {
                guard let c = column else { continue }
                let text = r.fields[c].trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                if let s = stated(text, fractionColumn: isFractionColumn(table, c)) { row[keyPath: keyPath] = s } else {
                    problems.add(Diagnostic("'\(r.fields[c])' is not a percentage", at: table.location(r, field: c),
                                            hint: "write it like 85.2% or 85.2"))
                }
            }
            if let c = w {
                let text = r.fields[c].trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    if let v = Double(text.replacingOccurrences(of: ",", with: "")), v.isFinite, v >= 0 { row.statedWait = v } else {
                        problems.add(Diagnostic("'\(r.fields[c])' is not a number of seconds", at: table.location(r, field: c), hint: nil))
                    }
                }
            }
            rows.append(row)
        }
        try problems.throwIfAny()
        return PublishedKPI(file: table.file, rows: rows)
    }

    /// A column with no "%" anywhere and every value at most 1 holds fractions (0.852); otherwise percentages.
    static func isFractionColumn(_ table: CSVTable, _ c: Int) -> Bool {
        let cells = table.rows.compactMap { c < $0.fields.count ? $0.fields[c].trimmingCharacters(in: .whitespaces) : nil }.filter { !$0.isEmpty }
        return !cells.isEmpty && cells.allSatisfy { !$0.contains("%") && (Double($0.replacingOccurrences(of: ",", with: ".")) ?? 2) <= 1 }
    }

    /// "85.2%", "85.2", "85,20%" (a decimal comma) or, in a fraction column, "0.852".
    static func stated(_ text: String, fractionColumn: Bool) -> Stated? {
        var body = text
        if body.hasSuffix("%") { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        body = body.replacingOccurrences(of: ",", with: ".")
        guard let v = Double(body), v.isFinite, v >= 0 else { return nil }
        let decimals = body.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        var halfUnit = 0.5
        for _ in 0..<decimals { halfUnit /= 10 }
        let divisor = fractionColumn ? 1.0 : 100
        return Stated(text: text, fraction: v / divisor, roundingTolerance: halfUnit / divisor + 1e-12)
    }

    /// Stated percentages that differ from their counts by more than rounding to the printed places can explain.
    public var mismatches: [Mismatch] {
        var out: [Mismatch] = []
        for r in rows {
            for (stated, recomputed, name) in [(r.statedAnswered, r.kpi.pctAnswered, "% answered"), (r.statedAbandoned, r.kpi.pctAbandoned, "% abandoned")] {
                guard let s = stated, let v = recomputed else { continue }
                if abs(s.fraction - v) > s.roundingTolerance {
                    out.append(Mismatch(period: r.kpi.label, line: r.line, measure: name, stated: s.text, recomputed: v))
                }
            }
        }
        return out
    }

    /// Rows whose answered + abandoned exceed offered: the counts themselves are inconsistent.
    public var overCounted: [Row] { rows.filter { $0.kpi.remainder < 0 } }
}
