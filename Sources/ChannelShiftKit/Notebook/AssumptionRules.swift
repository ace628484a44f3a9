// The one place assumption values are range-checked, for command-line options and assumption files alike.
// Add a key's rule to `table`: every reader of that key (flag or file) then applies it.

public struct AssumptionRule: Sendable {
    /// Allowed values in the key's base unit (fractions 0–1, seconds, pounds).
    public var range: ClosedRange<Double>
    /// What to write instead, shown as the hint.
    public var hint: String

    public init(_ range: ClosedRange<Double>, hint: String) {
        self.range = range
        self.hint = hint
    }
}

public enum AssumptionRules {
    /// Impossible values per key. (Implausible-but-possible values are warnings, added here later as a second table.)
    public static let table: [String: AssumptionRule] = [
        "shrinkage": AssumptionRule(0...0.95, hint: "shrinkage is the share of paid time not available, typically 30–35%"),
        "occupancy": AssumptionRule(0.05...1, hint: "occupancy is the share of logged-in time spent handling, sustainable at 85–90%"),
        "service_level": AssumptionRule(0.01...0.9999, hint: "a service level is a share of calls, e.g. 90%"),
        "paid_hours": AssumptionRule(Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
                                     hint: "e.g. paid_hours = 1,924 h per FTE per year"),
        "claim_tolerance": AssumptionRule(0...0.5, hint: "a relative difference, e.g. claim_tolerance = 2%"),
        "claim_tolerance.baseline": AssumptionRule(0...1, hint: "a relative difference, e.g. claim_tolerance.baseline = 10%"),
        "claim_tolerance.hours": AssumptionRule(0...1, hint: "a relative difference, e.g. claim_tolerance.hours = 15%"),
        "self_serve.partial_share": AssumptionRule(0...1, hint: "the share of a partial route's contacts that could be done online, e.g. 50%"),
        "patience": AssumptionRule(Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude, hint: "e.g. patience = 120 s"),
    ]

    /// Throws when `value` breaks the key's rule: a usage error for an option (`option` names it), a data error at
    /// the assumption's file:line otherwise.
    public static func check(_ key: String, _ value: Double, at location: SourceLocation? = nil, option: String? = nil) throws(ToolError) {
        // The plausibility table (Plausibility.rules) says what is impossible for every key, with its reason;
        // `table` above agrees with it and keeps the ranges the option parsers share.
        if let p = Plausibility.rule(for: key), !value.isFinite || p.impossible(value) {
            if let option { throw .usage("--\(option) \(Format.number(value, decimals: 4)) is impossible: " + p.impossibleMessage, hint: p.hint) }
            throw .data("assumption '\(key)' = \(Format.number(value, decimals: 4)) is impossible: " + p.impossibleMessage, at: location, hint: p.hint)
        }
        guard let rule = table[key], !rule.range.contains(value) || !value.isFinite else { return }
        if let option {
            throw .usage("--\(option) \(Format.number(value, decimals: 4)) is outside what '\(key)' can be", hint: rule.hint)
        }
        throw .data("assumption '\(key)' = \(Format.number(value, decimals: 4)) is outside what it can be", at: location, hint: rule.hint)
    }
}
