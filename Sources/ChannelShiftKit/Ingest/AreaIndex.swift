// An area-level exclusion index (area code → decile or score), joined to contacts on their area code.

public struct AreaIndex: Sendable, Equatable {
    /// `decile`: 1 = most excluded (the IMD convention). `score`: higher = more at risk (as the Greater
    /// Manchester Digital Exclusion Risk Index), turned into deciles by rank within the file.
    public enum Basis: String, Sendable, Equatable { case decile, score }

    public var file: String
    public var basis: Basis
    private var deciles: [String: Int]

    public init(file: String, basis: Basis, deciles: [String: Int]) {
        self.file = file
        self.basis = basis
        self.deciles = Dictionary(deciles.map { (AreaIndex.key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public var count: Int { deciles.count }

    /// Area codes match case-insensitively and without surrounding spaces (E01000001 = e01000001).
    public func decile(of code: String) -> Int? { deciles[AreaIndex.key(code)] }

    static func key(_ s: String) -> String { s.trimmedSpaces().uppercased() }

    public static func load(_ path: String, display: String? = nil) throws(ToolError) -> AreaIndex {
        try parse(CSVTable.load(path, display: display))
    }

    /// Header `area` plus `decile` (whole numbers 1–10) or `score` (any number).
    public static func parse(_ t: CSVTable) throws(ToolError) -> AreaIndex {
        let areaCol = try t.requireColumns(["area"])[0]
        let basis: Basis, valueCol: Int
        if let c = t.column("decile") { basis = .decile; valueCol = c } else if let c = t.column("score") { basis = .score; valueCol = c } else {
            throw .data("missing column 'decile' or 'score'", at: SourceLocation(file: t.file, line: 1, column: 1),
                        hint: "the header must have area and either decile (1 = most excluded) or score (higher = more at risk)")
        }
        var problems = DiagnosticCollector()
        var values: [(code: String, value: Double)] = []
        var seen: [String: Int] = [:]
        for row in t.rows {
            if let d = t.widthProblem(row) { problems.add(d); continue }
            let code = key(row.fields[areaCol]), raw = row.fields[valueCol].trimmedSpaces()
            if code.isEmpty {
                problems.add(Diagnostic("area code is empty", at: t.location(row, field: areaCol), hint: "every row names an area code"))
                continue
            }
            if let first = seen[code] {
                problems.add(Diagnostic("duplicate area code '\(code)' (first on line \(first))", at: t.location(row, field: areaCol),
                                        hint: "keep one row per area"))
                continue
            }
            let v: Double?
            switch basis {
            case .decile: v = Int(raw).flatMap { (1...10).contains($0) ? Double($0) : nil }
            case .score: v = Double(raw).flatMap { $0.isFinite ? $0 : nil }
            }
            guard let v else {
                problems.add(Diagnostic(basis == .decile ? "decile '\(raw)' is not a whole number from 1 to 10" : "score '\(raw)' is not a number",
                                        at: t.location(row, field: valueCol),
                                        hint: basis == .decile ? "deciles run from 1 (most excluded) to 10" : "write the score as a plain number such as 3.25"))
                continue
            }
            seen[code] = row.line
            values.append((code, v))
        }
        try problems.throwIfAny()
        var deciles: [String: Int] = [:]
        switch basis {
        case .decile:
            for (c, v) in values { deciles[c] = Int(v) }
        case .score:
            // Rank by score, highest first (ties by code for a stable order); decile = ⌊rank × 10 ÷ n⌋ + 1,
            // and equal scores share the decile of the first of them so a tie never straddles a boundary.
            let ranked = values.sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.code.utf8).lexicographicallyPrecedes(Array($1.code.utf8)) }
            var previous: (value: Double, decile: Int)?
            for (rank, e) in ranked.enumerated() {
                let d = previous.flatMap { $0.value == e.value ? $0.decile : nil } ?? (rank * 10 / ranked.count + 1)
                deciles[e.code] = d
                previous = (e.value, d)
            }
        }
        return AreaIndex(file: t.file, basis: basis, deciles: deciles)
    }
}
