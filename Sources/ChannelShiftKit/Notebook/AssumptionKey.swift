// The declaration of an assumption an analysis reads: name, unit, default and its source.

/// A key an analysis reads from assumptions. A name ending in ".*" is a family (cost_per_contact.phone, ...).
public struct AssumptionKey: Sendable, Equatable {
    public var name: String
    public var unit: AssumptionUnit
    public var defaultValue: Double?
    public var defaultSource: String
    public var description: String
    /// For a key written as a word (`released_capacity_policy = service_first`): the words, stored as their index.
    public var choices: [String]

    public init(_ name: String, _ unit: AssumptionUnit, default defaultValue: Double? = nil, source: String = "",
                _ description: String, choices: [String] = []) {
        self.name = name
        self.unit = unit
        self.defaultValue = defaultValue
        self.defaultSource = source
        self.description = description
        self.choices = choices
    }

    public func matches(_ key: String) -> Bool {
        name.hasSuffix(".*") ? key.hasPrefix(String(name.dropLast(1))) && key.count > name.count - 1 : key == name
    }
}
