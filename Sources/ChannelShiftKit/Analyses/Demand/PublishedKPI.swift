// A published (already aggregated) KPI table, as councils publish them: long (one row per period) or wide
// (one column per period), any common header spelling, `######` cells, decimal commas. Every stated ratio
// is recomputed from the table's own counts and checked, to the precision it was printed at.
import Foundation

public struct PublishedKPI: Sendable, Equatable {
    /// A percentage as printed, and what it means as a fraction.
    public struct Stated: Sendable, Equatable {
        public var text: String
        public var fraction: Double
        /// Half a unit in the last printed place, as a fraction: the most rounding can explain.
        public var roundingTolerance: Double
        /// Decimal places printed (of the percentage): the recomputed share is shown to the same places.
        public var decimals: Int = 1
    }

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var kpi: PeriodKPI
        public var statedAnswered: Stated?
        public var statedAbandoned: Stated?
        public var statedWait: Double?
        /// Cells Excel showed as `######` (too narrow to print): the measures they hold are unknown.
        public var unreadable: [String] = []
        /// Offered is far below the other periods': probably a part period (an export run mid-month).
        public var possiblyTruncated = false

        /// Counts are all readable, so ratios can be recomputed.
        public var countsReadable: Bool { !unreadable.contains { ["offered", "answered", "abandoned"].contains($0) } }
    }

    /// A stated figure its own counts contradict.
    public struct Mismatch: Sendable, Equatable {
        public var period: String
        public var line: Int
        public var measure: String
        public var stated: String
        public var recomputed: Double
        public var decimals: Int = 1
        /// Stated minus recomputed, in percentage points.
        public var gapPoints: Double = 0
    }

    public var file: String
    public var rows: [Row]
    /// The table had no abandoned column: abandoned = stated % abandoned × offered, or offered − answered.
    public var abandonedDerived = false
    /// How: "from the stated % abandoned" or "as offered − answered".
    public var abandonedBasis = ""
    /// The table had one column per period (wide) and was read turned round.
    public var wideLayout = false

    /// Header spellings, normalised (lowercase letters and digits; "%" read as "pct").
    static let spellings: [(key: String, names: [String])] = [
        ("period", ["month", "period", "week", "date", "monthending", "weekending", "monthyear"]),
        ("pct_answered", ["pctanswered", "answeredpct", "answerrate", "answeredrate", "pctcallsanswered", "callsansweredpct", "answerpct"]),
        ("pct_abandoned", ["pctabandoned", "abandonedpct", "abandonrate", "abandonmentrate", "abandonedrate", "pctcallsabandoned",
                           "callsabandonedpct", "abandonpct"]),
        ("avg_wait_s", ["avgwaits", "avgwait", "averagewait", "averagewaits", "averagewaitseconds", "asa", "averagespeedofanswer",
                        "avgspeedofanswer", "averagewaittime", "avgwaittime"]),
        ("offered", ["offered", "callsoffered", "offeredcalls", "callsreceived", "received", "totalcalls", "incomingcalls", "calls"]),
        ("answered", ["answered", "callsanswered", "answeredcalls", "callshandled", "handled"]),
        ("abandoned", ["abandoned", "callsabandoned", "abandonedcalls", "lost", "lostcalls", "missedcalls"]),
    ]

    static func normalise(_ header: String) -> String {
        CSVTable.normaliseHeader(header.replacingOccurrences(of: "%", with: " pct ").replacingOccurrences(of: "percent", with: "pct",
                                                                                                          options: .caseInsensitive))
    }

    /// Which measure a header names, if any.
    static func measure(_ header: String) -> String? {
        let n = normalise(header)
        return spellings.first { $0.names.contains(n) }?.key
    }

    /// Reads the table. Every unreadable cell (other than `######`, which is marked, not fatal) is reported
    /// (file:line:column) before failing.
    public static func parse(_ tableIn: CSVTable) throws(ToolError) -> PublishedKPI {
        var table = tableIn
        var wide = false
        var columnOf: [String: Int] = [:]
        for (k, h) in table.header.enumerated() { if let m = measure(h), columnOf[m] == nil { columnOf[m] = k } }
        if columnOf["offered"] == nil, let turned = turnWide(table) {
            table = turned
            wide = true
            columnOf = [:]
            for (k, h) in table.header.enumerated() { if let m = measure(h), columnOf[m] == nil { columnOf[m] = k } }
        }
        for need in ["offered", "answered"] where columnOf[need] == nil {
            throw .data("missing column '\(need)'", at: SourceLocation(file: table.file, line: 1, column: 1),
                        hint: "the header must name offered and answered counts (e.g. calls_offered, Calls answered), one row per period, "
                            + "or one column per period with the measures down the first column; it has: " + table.header.joined(separator: ", "))
        }
        let periodColumn = columnOf["period"] ?? 0
        let derived = columnOf["abandoned"] == nil
        let decimalComma = table.delimiter == 59
        var problems = DiagnosticCollector()
        var rows: [Row] = []
        for r in table.rows {
            guard r.fields.count == table.header.count else {
                problems.add(Diagnostic("expected \(table.header.count) fields, found \(r.fields.count)",
                                        at: SourceLocation(file: table.file, line: r.line, column: 1),
                                        hint: "check for an unquoted comma in a number such as 1,234"))
                continue
            }
            var kpi = PeriodKPI(label: r.fields[periodColumn].trimmingCharacters(in: .whitespaces))
            var row = Row(line: r.line, kpi: kpi)
            var values: [String: Int] = [:]
            for name in ["offered", "answered", "abandoned"] {
                guard let c = columnOf[name] else { continue }
                let raw = r.fields[c].trimmingCharacters(in: .whitespaces)
                if isOverflow(raw) { row.unreadable.append(name); continue }
                let text = raw.replacingOccurrences(of: decimalComma ? "." : ",", with: "").replacingOccurrences(of: " ", with: "")
                if let v = Int(text), v >= 0 { values[name] = v } else {
                    problems.add(Diagnostic("'\(r.fields[c])' is not a count", at: table.location(r, field: c),
                                            hint: "counts are whole numbers, e.g. 12,345"))
                }
            }
            kpi.offered = values["offered"] ?? 0
            kpi.answered = values["answered"] ?? 0
            kpi.abandoned = values["abandoned"] ?? 0
            if derived {
                // From the stated % abandoned when there is one (the remainder stays visible), else offered − answered.
                if let c = columnOf["pct_abandoned"], let s = stated(r.fields[c].trimmingCharacters(in: .whitespaces), fractionColumn: isFractionColumn(table, c)) {
                    kpi.abandoned = Int((Double(kpi.offered) * s.fraction).rounded())
                } else {
                    kpi.abandoned = max(0, kpi.offered - kpi.answered)
                }
            }
            if derived && row.unreadable.contains(where: { $0 == "offered" || $0 == "answered" }) { row.unreadable.append("abandoned") }
            row.kpi = kpi
            for (key, keyPath) in [("pct_answered", \Row.statedAnswered), ("pct_abandoned", \Row.statedAbandoned)] {
                guard let c = columnOf[key] else { continue }
                let text = r.fields[c].trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                if isOverflow(text) { row.unreadable.append(key); continue }
                if let s = stated(text, fractionColumn: isFractionColumn(table, c)) { row[keyPath: keyPath] = s } else {
                    problems.add(Diagnostic("'\(r.fields[c])' is not a percentage", at: table.location(r, field: c),
                                            hint: "write it like 85.2% or 85.2"))
                }
            }
            if let c = columnOf["avg_wait_s"] {
                let text = r.fields[c].trimmingCharacters(in: .whitespaces)
                if isOverflow(text) { row.unreadable.append("avg_wait_s") } else if !text.isEmpty {
                    if let v = seconds(text, decimalComma: decimalComma), v.isFinite, v >= 0 { row.statedWait = v } else {
                        problems.add(Diagnostic("'\(r.fields[c])' is not a number of seconds", at: table.location(r, field: c), hint: nil))
                    }
                }
            }
            rows.append(row)
        }
        try problems.throwIfAny()
        flagTruncated(&rows)
        return PublishedKPI(file: table.file, rows: rows, abandonedDerived: derived,
                            abandonedBasis: derived ? (columnOf["pct_abandoned"] != nil ? "from the stated % abandoned" : "as offered − answered") : "",
                            wideLayout: wide)
    }

    static func isOverflow(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0 == "#" } }

    /// `152`, `152.5`, `152,5` (decimal comma: in a `;` file, or when the comma is not a thousands separator).
    static func seconds(_ text: String, decimalComma: Bool) -> Double? {
        var t = text
        if let comma = t.lastIndex(of: ",") {
            let after = t[t.index(after: comma)...]
            if decimalComma || after.count != 3 { t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") } else {
                t = t.replacingOccurrences(of: ",", with: "")
            }
        }
        return Double(t)
    }

    /// A wide table (measures down the first column, one column per period) turned into the long layout.
    static func turnWide(_ t: CSVTable) -> CSVTable? {
        var measureRows: [(String, CSVTable.Row)] = []
        for r in t.rows { if let first = r.fields.first, let m = measure(first) { measureRows.append((m, r)) } }
        guard measureRows.contains(where: { $0.0 == "offered" }), t.header.count >= 2 else { return nil }
        let names = measureRows.map(\.0)
        var rows: [CSVTable.Row] = []
        for k in 1..<t.header.count {
            let fields = [t.header[k]] + measureRows.map { k < $0.1.fields.count ? $0.1.fields[k] : "" }
            // A cell's position is reported where it sits in the file.
            let columns = [1] + measureRows.map { k < $0.1.columns.count ? $0.1.columns[k] : 1 }
            rows.append(CSVTable.Row(line: measureRows.first?.1.line ?? 1, fields: fields, columns: columns))
        }
        return CSVTable(file: t.file, header: ["period"] + names, rows: rows, delimiter: t.delimiter)
    }

    /// A period with offered below half the median of the others is flagged as a possible part period.
    static func flagTruncated(_ rows: inout [Row]) {
        let offered = rows.filter(\.countsReadable).map(\.kpi.offered).sorted()
        guard offered.count >= 3 else { return }
        let median = Double(offered[offered.count / 2] + offered[(offered.count - 1) / 2]) / 2
        for k in rows.indices where rows[k].countsReadable && Double(rows[k].kpi.offered) < median / 2 { rows[k].possiblyTruncated = true }
    }

    /// A column with no "%" anywhere and every value at most 1 holds fractions (0.852); otherwise percentages.
    static func isFractionColumn(_ table: CSVTable, _ c: Int) -> Bool {
        let cells = table.rows.compactMap { c < $0.fields.count ? $0.fields[c].trimmingCharacters(in: .whitespaces) : nil }
            .filter { !$0.isEmpty && !isOverflow($0) }
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
        // A fraction 0.852 is printed as a percentage with two fewer places (85.2%).
        return Stated(text: text, fraction: v / divisor, roundingTolerance: halfUnit / divisor + 1e-12,
                      decimals: fractionColumn ? max(0, decimals - 2) : decimals)
    }

    /// Stated percentages that differ from their counts by more than rounding to the printed places can
    /// explain, largest gap first: a gap beyond rounding or truncation leads.
    public var mismatches: [Mismatch] {
        var out: [Mismatch] = []
        for r in rows where r.countsReadable {
            // A derived abandoned count is not independent of the stated share: only % answered is checked then.
            let checks = [(r.statedAnswered, r.kpi.pctAnswered, "% answered")] + (abandonedDerived ? [] : [(r.statedAbandoned, r.kpi.pctAbandoned, "% abandoned")])
            for (stated, recomputed, name) in checks {
                guard let s = stated, let v = recomputed else { continue }
                if abs(s.fraction - v) > s.roundingTolerance {
                    out.append(Mismatch(period: r.kpi.label, line: r.line, measure: name, stated: s.text, recomputed: v, decimals: s.decimals,
                                        gapPoints: (s.fraction - v) * 100))
                }
            }
        }
        // Stable: equal gaps keep table order.
        return out.enumerated().sorted { a, b in
            abs(a.element.gapPoints) != abs(b.element.gapPoints) ? abs(a.element.gapPoints) > abs(b.element.gapPoints) : a.offset < b.offset
        }.map(\.element)
    }

    /// Rows whose answered + abandoned exceed offered: the counts themselves are inconsistent.
    public var overCounted: [Row] { rows.filter { $0.countsReadable && $0.kpi.remainder < 0 } }
}
