// Reads a no-email table as councils publish it (`line,reason,calls,no_email`, one row per reason).

public enum AggregateExclusionTable {
    public static let columns = ["line", "reason", "calls", "no_email"]
    /// Optional: calls whose email status was not recorded (they count in `calls`, not in the share).
    public static let unknownColumn = "unknown"

    public struct Row: Sendable, Equatable {
        public var code: WrapCode
        public var calls: Int
        public var noEmail: Int
        public var unknown: Int
        public var line: Int

        public init(code: WrapCode, calls: Int, noEmail: Int, unknown: Int = 0, line: Int = 0) {
            self.code = code
            self.calls = calls
            self.noEmail = noEmail
            self.unknown = unknown
            self.line = line
        }
    }

    public static func load(_ path: String, display: String? = nil) throws(ToolError) -> [Row] {
        try parse(CSVTable.load(path, display: display))
    }

    /// Every problem in the file is reported at file:line:column before failing.
    public static func parse(_ t: CSVTable) throws(ToolError) -> [Row] {
        let cols = try t.requireColumns(columns)
        let unknownCol = t.column(unknownColumn)
        var problems = DiagnosticCollector()
        var rows: [Row] = []
        var seen: [WrapCode: Int] = [:]
        for row in t.rows {
            if let d = t.widthProblem(row) { problems.add(d); continue }
            func count(_ name: String, _ c: Int) -> Int? {
                let raw = row.fields[c].trimmedSpaces()
                guard let v = wholeNumber(raw) else {
                    problems.add(Diagnostic("\(name) '\(raw)' is not a whole number", at: t.location(row, field: c),
                                            hint: "write a count such as 1234 or 1,234; leave no cell blank (use 0)"))
                    return nil
                }
                guard v >= 0 else {
                    problems.add(Diagnostic("\(name) must not be negative, got \(raw)", at: t.location(row, field: c),
                                            hint: "counts of calls are zero or more"))
                    return nil
                }
                return v
            }
            let line = row.fields[cols[0]].trimmedSpaces(), reason = row.fields[cols[1]].trimmedSpaces()
            if line.isEmpty || reason.isEmpty {
                problems.add(Diagnostic("line and reason must not be empty", at: t.location(row, field: cols[line.isEmpty ? 0 : 1]),
                                        hint: "every row names a service line and a reason"))
                continue
            }
            let calls = count("calls", cols[2]), noEmail = count("no_email", cols[3])
            let unknown = unknownCol.map { count("unknown", $0) } ?? 0
            guard let calls, let noEmail, let unknown else { continue }
            if noEmail + unknown > calls {
                let what = unknownCol == nil ? "no_email (\(noEmail))" : "no_email + unknown (\(noEmail) + \(unknown))"
                problems.add(Diagnostic("\(what) is more than calls (\(calls))", at: t.location(row, field: cols[3]),
                                        hint: "no_email counts calls from callers with no email on file, so it cannot exceed calls"))
                continue
            }
            let code = WrapCode(line: line, reason: reason)
            if let first = seen[code] {
                problems.add(Diagnostic("duplicate reason '\(line) / \(reason)' (first on line \(first))",
                                        at: t.location(row, field: cols[1]), hint: "keep one row per line and reason"))
                continue
            }
            seen[code] = row.line
            rows.append(Row(code: code, calls: calls, noEmail: noEmail, unknown: unknown, line: row.line))
        }
        try problems.throwIfAny()
        return rows
    }

    /// A whole number, optionally with `,` thousands groups ("12,345"): how spreadsheets export counts.
    static func wholeNumber(_ s: String) -> Int? {
        if let v = Int(s) { return v }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count > 1, let head = parts.first, (1...3).contains(head.filter { $0 != "-" }.count),
              parts.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return Int(parts.joined())
    }
}

extension CSVTable {
    /// A row with the wrong number of fields, as a diagnostic to collect (checkWidth throws at the first).
    func widthProblem(_ row: Row) -> Diagnostic? {
        row.fields.count == header.count ? nil
            : Diagnostic("expected \(header.count) fields, found \(row.fields.count)",
                         at: SourceLocation(file: file, line: row.line, column: 1), hint: "quote fields that contain the delimiter")
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
