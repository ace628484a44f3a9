// Typed settings are resolved once, before any file is read: a contradiction between options is reported even
// when the files named do not exist; and --repeat-window means one thing in every command that takes it.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct SettingsTests {
    @Test(arguments: ["7", "7d", "168h", "604800s", "2", "48h", "0"])
    func repeatWindowMeansTheSameInAvoidableAndCube(_ window: String) throws {
        let a = try AvoidableCommand.settings(try ArgumentParser.parse(["--repeat-window", window], spec: AvoidableCommand.fullSpec),
                                              assumptions: AssumptionSet())
        let c = try CubeCommand.settings(try ArgumentParser.parse(["--repeat-window", window, "--out", "cube.csv"], spec: CubeCommand.fullSpec),
                                         context: CommandContext(workingDirectory: "/nonexistent"))
        #expect(a.options.windowSeconds == c.window.seconds && a.windowLabel == c.window.label)
        // A bare number is days in both.
        if let days = Int64(window) { #expect(c.window.seconds == days * 86_400) }
    }

    /// Each line names files that do not exist: the settings refuse the combination before any is opened.
    @Test func contradictionsAreRefusedBeforeAnyFileIsRead() {
        let cases: [([String], ChannelShiftKit.ExitStatus, String)] = [
            (["demand", "--kpi-table", "missing-kpi.csv", "missing.csv"], .usage, "give contact data or --kpi-table, not both"),
            (["exclusion", "--aggregate", "missing-agg.csv", "--area-index", "missing-area.csv"], .usage, "--area-index needs row-level contact data"),
            (["exclusion", "--aggregate", "missing-agg.csv", "missing.csv"], .usage, "give contact data or --aggregate, not both"),
            (["check", "--ceiling", "missing-ceiling.csv", "missing.csv"], .usage, "no claims file given"),
            (["project", "--simulations", "-1", "--ceiling", "missing-ceiling.csv", "missing.csv"], .usage, "--simulations expects a whole number"),
            (["project", "--baseline", "annualised", "missing.csv"], .dataError, "project needs 'establishment_fte'"),
            (["capacity", "--target-sl", "90%", "--target-asa", "20", "missing.csv"], .usage, "give --target-sl or --target-asa, not both"),
            (["cube", "--query", "a", "--memory", "lots", "--out", "x.csv", "missing.csv"], .usage, "--memory"),
        ]
        for (argv, status, message) in cases {
            let out = runTool(argv)
            #expect(out.status == status, "\(argv): \(out.stderr)")
            #expect(out.stderr.contains(message), "\(argv): \(out.stderr)")
            #expect(!out.stderr.contains("missing"), "\(argv) read a file before refusing: \(out.stderr)")
        }
    }
}
