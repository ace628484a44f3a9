// The shiftable ceiling per reason (`--ceiling FILE`): the share of phone calls that is avoidable or self-serve
import Foundation
// and made by people likely to manage online, as `channelshift exclusion --format csv --table ceiling` writes it.

/// Shiftable share per reason (0–1, low/central/high), and the reasons whose ceiling the file hides.
public struct CeilingTable: Sendable, Equatable {
    public var file: String
    public var shares: [WrapCode: Ranged] = [:]
    public var hidden: [WrapCode] = []          // suppressed in the file: not known, so not capped

    /// With a ceiling file, a reason it does not list is not shiftable (exclusion leaves out reasons that are
    /// neither self-serve nor failure demand); one it hides is left uncapped and named in the report.
    /// Names match as slugs ("Missed collection" = "Missed Collection"), so a hand-written file's capitals or
    /// punctuation do not silently make a reason unshiftable.
    public func ceiling(for code: WrapCode) -> Ranged? {
        if let s = shares[code] { return s }
        let key = Self.slug(code)
        if let s = shares.first(where: { Self.slug($0.key) == key })?.value { return s }
        return hidden.contains { Self.slug($0) == key } ? nil : Ranged(0)
    }

    public static func slug(_ c: WrapCode) -> String { Scenario.slug(c.line) + "." + Scenario.slug(c.reason) }
}

/// The shiftable ceiling over all reasons under each proxy, for the period of the data and a year, and which
/// proxy gives the cashable (most conservative) and the high (broadest) case.
public struct ProxyCeilingSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var proxy: CeilingProxy
        public var ceiling: Ceiling            // contacts over the period
        public var annual: Ceiling             // × 365 ÷ days
        public var shareOfBase: Double         // central ÷ base
    }
    public var base: Int                       // the shiftable base over the period (phone and face to face)
    public var periodDays: Int
    public var rows: [Row]                     // in CeilingProxy order, only proxies with data
    /// Per reason, the lowest central of the proxies (the cashable case) and the highest high (the high case).
    public var combined: Ceiling
    public var combinedAnnual: Ceiling
    public var mostConservative: CeilingProxy?
    public var broadest: CeilingProxy?

    public var annualFactor: Double { 365 / Double(max(periodDays, 1)) }
}

public enum ShiftCeiling {
    /// The summary of an exclusion result's ceilings; nil without a taxonomy (no base) or without a period.
    public static func summary(_ r: ExclusionResult) -> ProxyCeilingSummary? {
        guard let base = r.overall.baseVolume, let combined = r.overall.ceiling, let days = r.periodDays else { return nil }
        let f = 365 / Double(max(days, 1))
        func scaled(_ c: Ceiling) -> Ceiling { Ceiling(low: c.low * f, central: c.central * f, high: c.high * f) }
        let rows = CeilingProxy.allCases.compactMap { p in
            r.overall.ceilings[p].map { ProxyCeilingSummary.Row(proxy: p, ceiling: $0, annual: scaled($0),
                                                                shareOfBase: base > 0 ? $0.central / Double(base) : 0) }
        }
        let conservative = rows.min { $0.ceiling.central != $1.ceiling.central ? $0.ceiling.central < $1.ceiling.central : $0.proxy.rawValue < $1.proxy.rawValue }
        let broadest = rows.max { $0.ceiling.high != $1.ceiling.high ? $0.ceiling.high < $1.ceiling.high : $0.proxy.rawValue > $1.proxy.rawValue }
        return ProxyCeilingSummary(base: base, periodDays: days, rows: rows, combined: combined, combinedAnnual: scaled(combined),
                                   mostConservative: conservative?.proxy, broadest: broadest?.proxy)
    }

    /// The ceiling as shares of each reason's base volume, from an exclusion result (reasons with no base
    /// volume, i.e. neither self-serve nor failure demand, are left out and so are not shiftable).
    public static func fromExclusion(_ r: ExclusionResult, source: String) -> CeilingTable {
        var t = CeilingTable(file: source)
        for row in r.reasons {
            guard let reason = row.reason, let base = row.baseVolume, base > 0, let c = row.ceiling else { continue }
            let b = Double(base)
            t.shares[WrapCode(line: row.line, reason: reason)] = Ranged(c.central / b, low: c.low / b, high: c.high / b)
        }
        return t
    }

    /// Columns `line,reason,low,central,high`. Two shapes are read:
    /// - shares, as fractions (0.4) or percentages (40%);
    /// - with a `base` column (what `exclusion --format csv --table shiftable_ceiling` writes), contacts, turned
    ///   into shares of the base (ceiling ÷ base = the digitally included share of the reason's assisted contacts).
    /// Rows with empty values (suppressed) are listed as hidden; the "All reasons" total row is skipped.
    public static let columns = ["line", "reason", "low", "central", "high"]

    public static func load(_ path: String, display: String) throws(ToolError) -> CeilingTable {
        try parse(CSVTable.load(path, display: display))
    }

    public static func parse(_ t: CSVTable) throws(ToolError) -> CeilingTable {
        let cols = try t.requireColumns(columns)
        let baseCol = t.column("base")
        var problems = DiagnosticCollector()
        var out = CeilingTable(file: t.file)
        var firstLine: [String: Int] = [:]      // by slug, so two spellings of one reason are caught
        for row in t.rows {
            do { try t.checkWidth(row) } catch {
                for d in error.diagnostics { problems.add(d) }
                continue
            }
            let code = WrapCode(line: row.fields[cols[0]].trimmingCharacters(in: .whitespaces),
                                reason: row.fields[cols[1]].trimmingCharacters(in: .whitespaces))
            if code.reason.isEmpty && code.line.lowercased().hasPrefix("all ") { continue }
            if let first = firstLine[CeilingTable.slug(code)] {
                problems.add(Diagnostic("'\(code.line) / \(code.reason)' appears twice (first on line \(first))",
                                        at: t.location(row, field: cols[1]), hint: "keep one ceiling per reason"))
                continue
            }
            firstLine[CeilingTable.slug(code)] = row.line
            let raws = (2...4).map { row.fields[cols[$0]].trimmingCharacters(in: .whitespaces) }
            let baseRaw = baseCol.map { row.fields[$0].trimmingCharacters(in: .whitespaces) }
            if raws.allSatisfy(\.isEmpty) || baseRaw == "" { out.hidden.append(code); continue }
            var base: Double?
            if let b = baseCol, let raw = baseRaw {
                guard let v = Double(raw.replacingOccurrences(of: ",", with: "")), v >= 0 else {
                    problems.add(Diagnostic("base '\(raw)' is not a count of contacts", at: t.location(row, field: b), hint: "a whole number, e.g. 1200"))
                    continue
                }
                base = v
            }
            var v: [Double] = []
            for (k, raw) in zip(2...4, raws) {
                if let base {
                    if let x = Double(raw.replacingOccurrences(of: ",", with: "")), x >= 0, x <= base + 0.5 { v.append(base > 0 ? min(x / base, 1) : 0); continue }
                    problems.add(Diagnostic("\(columns[k]) '\(raw)' is not a count between 0 and the base (\(Format.number(base)))",
                                            at: t.location(row, field: cols[k]), hint: "with a base column, low/central/high are contacts"))
                } else {
                    if let x = share(raw) { v.append(x); continue }
                    problems.add(Diagnostic("\(columns[k]) '\(raw)' is not a share between 0 and 1 (or 0% and 100%)",
                                            at: t.location(row, field: cols[k]), hint: "write 0.4 or 40%"))
                }
            }
            guard v.count == 3 else { continue }
            guard v[0] <= v[1] + 1e-12, v[1] <= v[2] + 1e-12 else {
                problems.add(Diagnostic("low, central and high must be in order", at: t.location(row, field: cols[2]),
                                        hint: "low ≤ central ≤ high"))
                continue
            }
            out.shares[code] = Ranged(v[1], low: v[0], high: v[2])
        }
        try problems.throwIfAny()
        out.hidden.sort()
        return out
    }

    static func share(_ raw: String) -> Double? {
        let pct = raw.hasSuffix("%")
        guard let x = Double(pct ? String(raw.dropLast()).trimmingCharacters(in: .whitespaces) : raw), x.isFinite else { return nil }
        let f = pct ? x / 100 : x
        return (0...1).contains(f) ? f : nil
    }
}
