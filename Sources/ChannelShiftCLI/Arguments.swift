// Hand-written argument parsing: `channelshift <subcommand> [options] [files]`.
import ChannelShiftKit

/// One `--option` a subcommand accepts.
public struct OptionSpec: Sendable {
    public var id: OptionName          // declared once in OptionName.swift, e.g. .format
    public var name: String { id.rawValue }  // without the leading dashes, e.g. "format"
    public var valueName: String?      // nil for a flag (no value)
    public var help: String
    public var repeatable: Bool
    public var allowed: [String]?      // closed set of values, checked at parse time
    public var hidden: Bool            // accepted but not listed in --help (benchmark hooks)

    public init(_ id: OptionName, value valueName: String? = nil, help: String, repeatable: Bool = false, allowed: [String]? = nil,
                hidden: Bool = false) {
        self.id = id
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.allowed = allowed
        self.hidden = hidden
    }

    public var takesValue: Bool { valueName != nil }
}

/// What a subcommand is and accepts; `--help` is generated from it.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    public var usage: String               // e.g. "channelshift profile [options] FILE..."
    public var discussion: String
    public var options: [OptionSpec]
    public var positionals: String?        // nil: no positional arguments accepted
    public var example: String

    public init(name: String, summary: String, usage: String, discussion: String = "", options: [OptionSpec],
                positionals: String? = nil, example: String) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.example = example
    }

    public func option(_ id: OptionName) -> OptionSpec? { options.first { $0.id == id } }

    /// The option a user typed (`--name` without dashes), for the parser only: code names options by constant.
    func option(spelled name: String) -> OptionSpec? { options.first { $0.name == name } }

    public var helpText: String {
        var s = "\(name): \(summary)\n\nusage: \(usage)\n"
        if !discussion.isEmpty { s += "\n" + discussion + "\n" }
        let listed = options.filter { !$0.hidden }
        if !listed.isEmpty {
            s += "\noptions:\n"
            let labels = listed.map { o in "--\(o.name)" + (o.valueName.map { " \($0)" } ?? "") }
            let width = min(30, (labels.map(\.count).max() ?? 0) + 2)
            for (o, label) in zip(listed, labels) {
                let pad = String(repeating: " ", count: max(1, width - label.count))
                s += "  \(label)\(pad)\(o.help)\n"
            }
        }
        s += "\nexample:\n  \(example)\n"
        return s
    }
}

/// The result of parsing: option values by name, flags, and positionals in order. Read only by `OptionName`
/// constants (there is no String overload), so a misspelt option does not compile.
public struct ParsedArguments: Sendable, Equatable {
    public var values: [OptionName: [String]] = [:]
    public var flags: Set<OptionName> = []
    public var positionals: [String] = []

    public init() {}

    public func value(_ name: OptionName) -> String? { values[name]?.last }
    public func all(_ name: OptionName) -> [String] { values[name] ?? [] }
    public func flag(_ name: OptionName) -> Bool { flags.contains(name) }

    public func int(_ name: OptionName, default d: Int, range: ClosedRange<Int> = Int.min...Int.max) throws(ToolError) -> Int {
        guard let raw = value(name) else { return d }
        guard let v = Int(raw), range.contains(v) else {
            throw .usage("--\(name) expects a whole number in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
        }
        return v
    }

    public func double(_ name: OptionName, default d: Double) throws(ToolError) -> Double {
        guard let raw = value(name) else { return d }
        guard let v = Double(raw), v.isFinite else { throw .usage("--\(name) expects a number, got '\(raw)'") }
        return v
    }
}

public enum ArgumentParser {
    /// Parses `args` (without the subcommand name). `--name value`, `--name=value`, `--` ends options.
    public static func parse(_ args: [String], spec: CommandSpec) throws(ToolError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if !optionsEnded && arg == "--" { optionsEnded = true; continue }
            if !optionsEnded && arg.hasPrefix("-") && arg.count > 1 {
                var name = String(arg.drop(while: { $0 == "-" }))
                var inline: String?
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if name == "h" { name = "help" }
                guard let o = spec.option(spelled: name) else {
                    throw ToolError.usage("unknown option '\(arg)' for '\(spec.name)'",
                                          hint: nearestHint(name, among: spec.options.map(\.name), spec: spec))
                }
                if o.takesValue {
                    let v: String
                    if let inline { v = inline } else {
                        guard i < args.count else {
                            throw ToolError.usage("option '--\(name)' needs a value (\(o.valueName!))",
                                                  hint: "write it as --\(name) \(o.valueName!); see 'channelshift \(spec.name) --help'")
                        }
                        v = args[i]
                        i += 1
                    }
                    if let allowed = o.allowed, !allowed.contains(v) {
                        throw ToolError.usage("'--\(name)' must be one of \(allowed.joined(separator: ", ")), got '\(v)'",
                                              hint: Spelling.nearest(v, among: allowed).map { "did you mean '\($0)'?" })
                    }
                    if !o.repeatable, out.values[o.id] != nil {
                        throw ToolError.usage("option '--\(name)' given more than once",
                                              hint: "give it once; see 'channelshift \(spec.name) --help'")
                    }
                    out.values[o.id, default: []].append(v)
                } else {
                    if inline != nil { throw ToolError.usage("option '--\(name)' takes no value") }
                    out.flags.insert(o.id)
                }
            } else {
                guard spec.positionals != nil else {
                    throw ToolError.usage("unexpected argument '\(arg)' for '\(spec.name)'",
                                          hint: "'channelshift \(spec.name)' takes options only; see --help")
                }
                out.positionals.append(arg)
            }
        }
        return out
    }

    static func nearestHint(_ name: String, among: [String], spec: CommandSpec) -> String {
        if let n = Spelling.nearest(name, among: among) { return "did you mean '--\(n)'? see 'channelshift \(spec.name) --help'" }
        return "see 'channelshift \(spec.name) --help' for the options"
    }
}
