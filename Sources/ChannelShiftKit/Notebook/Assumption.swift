// An assumption as a strategist writes it (`salary = £24,000 per FTE per year  # pay scale 2022/23`),
// normalised to base units so analyses never see "30" meaning 30%.

/// The base quantity an assumption measures. Durations are stored in seconds, percentages as fractions.
public enum BaseUnit: String, Sendable, Equatable, CaseIterable {
    case pounds          // £
    case fraction        // written as %, stored 0...1 (and above 1 for uplifts such as 200%)
    case seconds         // written as s, min or h
    case fte             // full-time equivalents
    case contacts        // contacts, calls
    case years           // year(s), appraisal periods
    case number          // a plain number (e.g. a count of agents, a z value): unit "x"
}

/// A unit such as "£ per FTE per year": a base and the things it is per.
public struct AssumptionUnit: Sendable, Equatable, Hashable {
    public var base: BaseUnit
    public var per: [String]          // lowercased, singular: ["fte", "year"], ["contact"]

    public init(_ base: BaseUnit, per: [String] = []) {
        self.base = base
        self.per = per
    }

    /// Readable form for reports: "£ per FTE per year", "%", "s".
    public var display: String {
        let b: String
        switch base {
        case .pounds: b = "£"
        case .fraction: b = "%"
        case .seconds: b = "s"
        case .fte: b = "FTE"
        case .contacts: b = "contacts"
        case .years: b = "years"
        case .number: b = "x"
        }
        return ([b] + per.map { "per " + ($0 == "fte" ? "FTE" : $0) }).joined(separator: " ")
    }
}

/// One assumption with its low/central/high values (low == central == high when no range is given).
public struct Assumption: Sendable, Equatable {
    public var key: String
    public var central: Double
    public var low: Double
    public var high: Double
    public var unit: AssumptionUnit
    public var written: String          // the value as written, for display: "£24,000", "30% (25%–35%)"
    public var source: String           // the comment after '#', "" when none was given
    public var location: SourceLocation

    public init(key: String, central: Double, low: Double? = nil, high: Double? = nil, unit: AssumptionUnit,
                written: String, source: String, location: SourceLocation) {
        self.key = key
        self.central = central
        self.low = low ?? central
        self.high = high ?? central
        self.unit = unit
        self.written = written
        self.source = source
        self.location = location
    }

    public var hasRange: Bool { low != central || high != central }

    /// For the assumptions appendix: value, unit and source with where it was written.
    public var use: AssumptionUse {
        AssumptionUse(key: key, display: written, unit: writtenUnitDisplay,
                      source: (source.isEmpty ? "no source given" : source) + " (\(location.description))")
    }

    /// The unit as the value is written, so the unit column agrees with the value beside it: a duration stored in
    /// seconds but written "1,924 h per FTE per year" is in "h per FTE per year", not "s ..."; a choice such as
    /// `service_first` has no unit.
    public var writtenUnitDisplay: String {
        let tokens = written.split { $0 == " " || $0 == "(" || $0 == ")" || $0 == "–" || $0 == "-" }
        guard let first = tokens.first?.first, first.isNumber || first == "£" || first == "−" else { return "" }
        guard unit.base == .seconds else { return unit.display }
        for t in tokens {
            let word = t.drop { $0.isNumber || $0 == "," || $0 == "." || $0 == "−" }.lowercased()
            guard let u = AssumptionParser.unitWords[word], u.base == .seconds else { continue }
            let shown = u.scale == 3600 ? "h" : u.scale == 60 ? "min" : "s"
            return ([shown] + unit.per.map { "per " + ($0 == "fte" ? "FTE" : $0) }).joined(separator: " ")
        }
        return unit.display
    }
}

/// A set of assumptions with typed look-ups that fail with the assumption's position.
public struct AssumptionSet: Sendable, Equatable {
    public private(set) var items: [Assumption] = []
    /// Implausible values (Plausibility): printed on stderr and noted in reports that use them.
    public var warnings: [Diagnostic] = []

    public init(_ items: [Assumption] = []) { self.items = items }

    public subscript(key: String) -> Assumption? { items.first { $0.key == key } }

    public mutating func add(_ a: Assumption) { items.removeAll { $0.key == a.key }; items.append(a) }

    /// The assumption, checked to have the expected base unit; nil when absent.
    public func value(_ key: String, _ base: BaseUnit) throws(ToolError) -> Assumption? {
        guard let a = self[key] else { return nil }
        guard a.unit.base == base else {
            throw .data("assumption '\(key)' is in \(a.unit.display), expected \(AssumptionUnit(base).display)",
                        at: a.location, hint: "write it with a \(AssumptionUnit(base).display) unit")
        }
        return a
    }

    /// The central value, or `fallback` when absent.
    public func central(_ key: String, _ base: BaseUnit, default fallback: Double) throws(ToolError) -> Double {
        try value(key, base)?.central ?? fallback
    }
}
