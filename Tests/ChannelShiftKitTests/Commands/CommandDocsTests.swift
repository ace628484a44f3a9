// docs/commands/NAME.md: each page's Options table is generated from the command's spec, and a test fails on drift.
// Re-generate with RECORD=1 swift test --filter CommandDocsTests and read the diff.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

enum CommandDocs {
    static let marker = "<!-- Generated from the command's spec by CommandDocsTests: edit the OptionSpec help, then RECORD=1. -->"

    /// The Options section: one row per option of the full spec (as `--help` lists them), then the positionals.
    static func optionsSection(_ spec: CommandSpec) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "## Options\n\n" + marker + "\n\n| Option | Meaning |\n|---|---|\n"
        for o in spec.options {
            let name = "--" + o.name + (o.valueName.map { " " + $0 } ?? "")
            out += "| `\(cell(name))` | \(cell(o.help)) |\n"
        }
        if let p = spec.positionals { out += "| `\(cell(p))` | arguments: \(spec.name == "render" ? "the notebook" : "contact exports, as --data") |\n" }
        return out
    }

    /// The page with its Options section replaced (or a new page for a command without one).
    static func page(_ existing: String?, spec: CommandSpec) -> String {
        let section = optionsSection(spec)
        guard let text = existing else {
            return "# `channelshift \(spec.name)`\n\n\(spec.summary.prefix(1).uppercased() + spec.summary.dropFirst()).\n\n"
                + (spec.discussion.isEmpty ? "" : spec.discussion + "\n\n")
                + "## Example\n\n```sh\n\(spec.example)\n```\n\n" + section
        }
        guard let start = text.range(of: "## Options\n") else { return text + "\n" + section }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? text.endIndex
        let tail = end == text.endIndex ? "" : String(text[end...]).dropFirst()
        return String(text[..<start.lowerBound]) + section + (tail.isEmpty ? "" : "\n" + tail)
    }
}

struct CommandDocsTests {
    @Test(arguments: Tool.commands.map(\.spec.name))
    func optionsTableMatchesTheSpec(_ name: String) throws {
        let spec = try #require(Tool.entry(named: name)).spec
        let path = TestFiles.project("docs/commands/\(name).md")
        let existing = try? String(contentsOfFile: path, encoding: .utf8)
        let expected = CommandDocs.page(existing, spec: spec)
        if Golden.recording {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(existing == expected, "docs/commands/\(name).md: its Options table differs from the spec; RECORD=1 swift test --filter CommandDocsTests, then read the diff")
    }
}
