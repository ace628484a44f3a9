// Argument parsing: usage errors name the nearest valid option; values are checked.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct ArgumentsTests {
    let spec = CommandSpec(name: "demo", summary: "s", usage: "u",
                           options: [OptionSpec(.format, value: "F", help: "", allowed: ["md", "csv", "json"]),
                                     OptionSpec(.out, value: "FILE", help: ""),
                                     OptionSpec(.data, value: "FILE", help: "", repeatable: true),
                                     OptionSpec(.quiet, help: "")],
                           positionals: "FILE...", example: "channelshift demo x")

    @Test func parsesValuesFlagsAndPositionals() throws {
        let a = try ArgumentParser.parse(["--format", "csv", "--data=a.csv", "--data", "b.csv", "--quiet", "x.csv", "--", "--y"], spec: spec)
        #expect(a.value(.format) == "csv")
        #expect(a.all(.data) == ["a.csv", "b.csv"])
        #expect(a.flag(.quiet))
        #expect(a.positionals == ["x.csv", "--y"])
    }

    @Test func unknownOptionSuggestsNearest() {
        #expect(throws: ToolError.self) { try ArgumentParser.parse(["--fromat", "md"], spec: spec) }
        do {
            _ = try ArgumentParser.parse(["--fromat", "md"], spec: spec)
        } catch {
            #expect(error.status == .usage)
            #expect(error.diagnostics.first?.hint?.contains("--format") == true)
        }
    }

    @Test func missingValueIsUsageError() {
        do {
            _ = try ArgumentParser.parse(["--out"], spec: spec)
            Issue.record("expected an error")
        } catch {
            #expect(error.status == .usage)
            #expect(error.diagnostics[0].message.contains("needs a value"))
        }
    }

    @Test func valueOutsideAllowedSet() {
        do {
            _ = try ArgumentParser.parse(["--format", "xml"], spec: spec)
            Issue.record("expected an error")
        } catch {
            #expect(error.status == .usage)
        }
    }

    @Test func editDistance() {
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
        #expect(Spelling.nearest("fromat", among: ["format", "out"]) == "format")
        #expect(Spelling.nearest("zzzzzz", among: ["format", "out"]) == nil)
    }
}
