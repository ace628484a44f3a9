// The wrap-code taxonomy (Models/wrap-codes.csv): what each (line, reason) is, in demand terms.

public enum DemandClass: String, Sendable, CaseIterable { case value, failure, unknown }

public enum FailureType: String, Sendable, CaseIterable {
    case progressChasing = "progress_chasing"
    case repeatContact = "repeat"
    case errorCorrection = "error_correction"
    case failedDigital = "failed_digital"
    case information
    case none
}

public enum SelfServe: String, Sendable, CaseIterable { case full, partial, none }

public struct TaxonomyEntry: Sendable, Equatable {
    public var code: WrapCode
    public var demandClass: DemandClass
    public var failureType: FailureType
    public var selfServe: SelfServe
    public var digitalRoute: String
    public var line: Int                 // where it is defined, for messages

    public init(code: WrapCode, demandClass: DemandClass, failureType: FailureType, selfServe: SelfServe,
                digitalRoute: String, line: Int) {
        self.code = code
        self.demandClass = demandClass
        self.failureType = failureType
        self.selfServe = selfServe
        self.digitalRoute = digitalRoute
        self.line = line
    }
}

public struct Taxonomy: Sendable {
    public static let columns = ["line", "reason", "demand_class", "failure_type", "self_serve", "digital_route"]

    public var file: String
    public var entries: [TaxonomyEntry]
    private var index: [WrapCode: Int]

    public init(file: String, entries: [TaxonomyEntry]) {
        self.file = file
        self.entries = entries
        var idx: [WrapCode: Int] = [:]
        for (i, e) in entries.enumerated() { idx[e.code] = i }
        self.index = idx
    }

    public func entry(_ code: WrapCode) -> TaxonomyEntry? { index[code].map { entries[$0] } }

    /// Loads and validates every row; all problems are reported together at file:line:column.
    public static func load(_ path: String, display: String? = nil) throws(ToolError) -> Taxonomy {
        try parse(CSVTable.load(path, display: display))
    }

    public static func parse(_ t: CSVTable) throws(ToolError) -> Taxonomy {
        let cols = try t.requireColumns(columns)
        var problems = DiagnosticCollector()
        var entries: [TaxonomyEntry] = []
        var seen: [WrapCode: Int] = [:]
        for row in t.rows {
            guard row.fields.count == t.header.count else {
                problems.add(Diagnostic("expected \(t.header.count) fields, found \(row.fields.count)",
                                        at: SourceLocation(file: t.file, line: row.line, column: 1),
                                        hint: "quote fields that contain the delimiter"))
                continue
            }
            func field(_ k: Int) -> String { row.fields[cols[k]].trimmedSpaces() }
            func bad<T: RawRepresentable & CaseIterable>(_ k: Int, _: T.Type) -> T? where T.RawValue == String {
                let v = field(k)
                if let x = T(rawValue: v) { return x }
                problems.add(Diagnostic("\(columns[k]) '\(v)' is not one of " + T.allCases.map(\.rawValue).joined(separator: ", "),
                                        at: t.location(row, field: cols[k]),
                                        hint: Spelling.nearest(v, among: T.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                                            ?? "use one of the listed values"))
                return nil
            }
            let line = field(0), reason = field(1)
            if line.isEmpty || reason.isEmpty {
                problems.add(Diagnostic("line and reason must not be empty", at: t.location(row, field: cols[line.isEmpty ? 0 : 1]),
                                        hint: "every taxonomy row names a service line and a reason"))
                continue
            }
            let dc = bad(2, DemandClass.self), ft = bad(3, FailureType.self), ss = bad(4, SelfServe.self)
            let code = WrapCode(line: line, reason: reason)
            if let first = seen[code] {
                problems.add(Diagnostic("duplicate wrap code '\(line) / \(reason)' (first defined on line \(first))",
                                        at: t.location(row, field: cols[1]), hint: "keep one row per line and reason"))
                continue
            }
            if let dc, let ft, let ss {
                if dc == .failure && ft == .none {
                    problems.add(Diagnostic("failure demand needs a failure_type other than 'none'", at: t.location(row, field: cols[3]),
                                            hint: "use progress_chasing, repeat, error_correction, failed_digital or information"))
                    continue
                }
                seen[code] = row.line
                entries.append(TaxonomyEntry(code: code, demandClass: dc, failureType: ft, selfServe: ss,
                                             digitalRoute: field(5), line: row.line))
            }
        }
        try problems.throwIfAny()
        return Taxonomy(file: t.file, entries: entries)
    }
}

extension String {
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

