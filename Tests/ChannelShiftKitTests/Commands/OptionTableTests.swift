// The option table: names declared once (OptionName.swift), each command's declared options parse, and an
// unknown option is a usage error (exit 64) naming the nearest valid one. A misspelt constant cannot be tested
// here because it does not compile; these tests guard what the compiler cannot.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct OptionTableTests {
    /// (constant, name) for every `static let x = OptionName("...")`, read from the one file that declares them.
    static func declaredConstants() throws -> [(constant: String, name: String)] {
        let text = try String(contentsOfFile: TestFiles.project("Sources/ChannelShiftCLI/OptionName.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"static let `?(\w+)`? = OptionName\("([^"]*)"\)"#)
        let ns = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)), ns.substring(with: $0.range(at: 2)))
        }
    }

    @Test func everyOptionNameIsDeclaredOnceAndSpeltAsItsConstant() throws {
        let declared = try Self.declaredConstants()
        #expect(declared.count > 50, "the regex found \(declared.count) constants; has OptionName.swift changed shape?")
        var seenNames: [String: String] = [:], seenConstants = Set<String>()
        for d in declared {
            if let other = seenNames[d.name] { Issue.record("--\(d.name) is declared twice (.\(other) and .\(d.constant))") }
            #expect(seenConstants.insert(d.constant).inserted, ".\(d.constant) is declared twice")
            seenNames[d.name] = d.constant
            // .repeatWindow is --repeat-window: the constant tells the reader the option's spelling.
            let parts = d.name.split(separator: "-").map(String.init)
            let camel = parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            #expect(d.constant == camel, ".\(d.constant) names --\(d.name); call it .\(camel)")
            #expect(d.name.allSatisfy { $0.isLowercase || $0 == "-" } && !d.name.hasPrefix("-"), "--\(d.name) is not lower-case-with-dashes")
        }
        // Every option any command declares is one of these constants (a test fixture's own are not in Tool.commands).
        for entry in Tool.commands {
            for o in entry.spec.options {
                #expect(seenNames[o.name] != nil, "\(entry.spec.name) declares --\(o.name), which OptionName.swift does not")
            }
        }
    }

    @Test(arguments: Tool.commands.map(\.spec.name))
    func eachCommandDeclaresEachOptionOnce(_ command: String) throws {
        let spec = try #require(Tool.entry(named: command)).spec
        var seen = Set<OptionName>()
        for o in spec.options { #expect(seen.insert(o.id).inserted, "\(command) declares --\(o.name) twice") }
        #expect(spec.option(.help) != nil, "\(command) has no --help")
    }

    /// A value each option accepts at parse time (the first allowed one, else a plain word).
    static func sampleValue(_ o: OptionSpec) -> String { o.allowed?.first ?? "v1" }

    @Test(arguments: Tool.commands.map(\.spec.name))
    func everyDeclaredOptionParses(_ command: String) throws {
        let spec = try #require(Tool.entry(named: command)).spec
        for o in spec.options {
            if o.takesValue {
                let v = Self.sampleValue(o)
                let spaced = try ArgumentParser.parse([o.id.flag, v], spec: spec)
                let joined = try ArgumentParser.parse([o.id.flag + "=" + v], spec: spec)
                #expect(spaced.value(o.id) == v && joined.value(o.id) == v, "\(command) \(o.id.flag) \(v)")
                #expect(spaced.flags.isEmpty && spaced.values.count == 1)
            } else {
                let parsed = try ArgumentParser.parse([o.id.flag], spec: spec)
                #expect(parsed.flag(o.id) && parsed.values.isEmpty, "\(command) \(o.id.flag)")
            }
        }
        // All of them at once: no option's value is taken for another's.
        var argv: [String] = [], expected: [OptionName: String] = [:]
        for o in spec.options where o.id != .help {
            if o.takesValue { let v = Self.sampleValue(o) + "-" + o.name; argv += [o.id.flag, o.allowed == nil ? v : Self.sampleValue(o)]; expected[o.id] = argv.last }
            else { argv.append(o.id.flag) }
        }
        let all = try ArgumentParser.parse(argv, spec: spec)
        for (id, v) in expected { #expect(all.value(id) == v, "\(command) \(id.flag)") }
        #expect(all.flags.count == spec.options.filter { !$0.takesValue && $0.id != .help }.count)
    }

    /// The option's name with one interior letter dropped: a typo a reader makes.
    static func typo(_ name: String) -> String {
        var chars = Array(name)
        chars.remove(at: chars.count / 2)
        return String(chars)
    }

    @Test(arguments: Tool.commands.map(\.spec.name))
    func aMisspeltOptionIsAUsageErrorNamingTheNearest(_ command: String) throws {
        let spec = try #require(Tool.entry(named: command)).spec
        for o in spec.options where o.name.count >= 4 {
            let wrong = "--" + Self.typo(o.name)
            let out = runTool([command, wrong, "x"])
            #expect(out.status == .usage && out.status.rawValue == 64, "\(command) \(wrong): \(out.status)")
            #expect(out.stderr.contains("unknown option '\(wrong)' for '\(command)'"), "\(out.stderr)")
            #expect(out.stderr.contains("did you mean '--\(o.name)'?"), "\(command) \(wrong): \(out.stderr)")
            #expect(out.stdout.isEmpty)
        }
    }
}
