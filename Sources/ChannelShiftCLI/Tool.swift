// Top-level dispatch: `channelshift <subcommand> [options] [files]`, --help, --version, exit codes.
import ChannelShiftKit
import Foundation

public enum Tool {
    public static let version = "0.1.0"

    public enum Entry: Sendable {
        case analysis(any AnalysisCommand.Type)
        case tool(any ToolCommand.Type)

        public var spec: CommandSpec {
            switch self {
            case .analysis(let c): return c.fullSpec
            case .tool(let c): return c.fullSpec
            }
        }
    }

    /// Every subcommand, in the order `--help` lists them. Add new ones here.
    public static var commands: [Entry] { [
        .tool(SampleCommand.self),
        .analysis(ProfileCommand.self),
        .analysis(AvoidableCommand.self),
        .analysis(ExclusionCommand.self),
        .analysis(DemandCommand.self),
        .analysis(CapacityCommand.self),
        .analysis(ProjectCommand.self),
        .analysis(ForecastCommand.self),
        .analysis(OutturnCommand.self),
        .analysis(CheckCommand.self),
        .tool(RenderCommand.self),
        .tool(CubeCommand.self),
        .tool(MergeCommand.self),
        .tool(NormaliseCommand.self),
    ] }

    /// Every assumption key any analysis reads: notebooks are validated against this.
    public static var knownAssumptionKeys: [AssumptionKey] {
        commands.flatMap { e -> [AssumptionKey] in if case .analysis(let c) = e { return c.assumptionKeys } else { return [] } }
    }

    public static func entry(named name: String) -> Entry? { commands.first { $0.spec.name == name } }

    public static var helpText: String {
        var s = """
        channelshift \(version): channel-shift analysis for council contact centres

        usage: channelshift <subcommand> [options] [files]

        subcommands:

        """
        let width = (commands.map { $0.spec.name.count }.max() ?? 0) + 2
        for c in commands {
            s += "  " + c.spec.name + String(repeating: " ", count: width - c.spec.name.count) + c.spec.summary + "\n"
        }
        s += """

        Run 'channelshift <subcommand> --help' for options and a worked example.
        Exit codes: 0 ok, 1 data or model error, 64 usage error.

        """
        return s
    }

    /// Output of one run, for main.swift (and tests) to print.
    public struct Outcome: Sendable {
        public var status: ExitStatus
        public var stdout: String
        public var stderr: String
    }

    /// Runs a whole command line (without the program name).
    public static func main(_ argv: [String], context: CommandContext) -> Outcome {
        do {
            return Outcome(status: .ok, stdout: try dispatch(argv, context: context) ?? "", stderr: "")
        } catch {
            return Outcome(status: error.status, stdout: "", stderr: error.rendered + "\n")
        }
    }

    static func dispatch(_ argv: [String], context: CommandContext) throws(ToolError) -> String? {
        guard let first = argv.first else { return helpText }
        if first == "--help" || first == "-h" || first == "help" {
            if argv.count > 1, let e = entry(named: argv[1]) { return e.spec.helpText }
            return helpText
        }
        if first == "--version" { return "channelshift \(version)\n" }
        guard let e = entry(named: first) else {
            let names = commands.map { $0.spec.name }
            let hint = Spelling.nearest(first, among: names).map { "did you mean '\($0)'?" }
                ?? "subcommands: " + names.joined(separator: ", ")
            throw .usage("unknown subcommand '\(first)'", hint: hint)
        }
        let args = try ArgumentParser.parse(Array(argv.dropFirst()), spec: e.spec)
        if args.flag(.help) { return e.spec.helpText }
        var ctx = context
        ctx.threads = try args.int(.threads, default: context.threads, range: 1...64)
        if args.flag(.quiet) { ctx.showProgress = false }
        if e.spec.option(.assumptions) != nil, let file = args.value(.assumptions) {
            try ctx.loadAssumptions(file, knownKeys: knownAssumptionKeys)
        }
        // cube and render check their own outputs (cube writes FILE.a.csv and FILE.b.csv; render names the notebook).
        if e.spec.option(.out) != nil, !["cube", "render"].contains(e.spec.name), let out = args.value(.out) {
            try PathTools.refuseOutputsThatAreInputs([try ctx.resolve(out, argument: "--out")], args: args, context: ctx)
        }
        if e.spec.option(.seed) != nil { ctx.seed = UInt64(try args.int(.seed, default: Int(ctx.seed), range: 0...Int.max)) }
        switch e {
        case .tool(let c):
            return try c.run(args, context: ctx)
        case .analysis(let c):
            let report = try c.run(args, context: ctx)
            return try emit(report, args: args, context: ctx)
        }
    }

    /// Renders in the chosen format; writes charts and `--out` atomically; returns stdout text otherwise.
    public static func emit(_ report: AnalysisReport, args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let format = OutputFormat(rawValue: args.value(.format) ?? "md") ?? .md
        var chartLink: ((Figure) -> String)?
        if let chartsArg = args.value(.charts) {
            let dir = try context.resolve(chartsArg, argument: "--charts")
            // A report without charts leaves no empty directory behind.
            if !report.figures.isEmpty {
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw .data("cannot create chart directory \(chartsArg)", hint: "check the path and permissions")
                }
            }
            for f in report.figures { try AtomicFile.write(f.svg, to: dir + "/" + f.id + ".svg") }
            // Link relative to the output file's directory when writing a file, else as given.
            let linkBase: String
            if let out = args.value(.out) {
                let outDir = AtomicFile.directory(of: try context.resolve(out, argument: "--out"))
                linkBase = PathTools.relative(dir, from: outDir.isEmpty ? context.workingDirectory : outDir)
            } else {
                linkBase = chartsArg
            }
            chartLink = { f in (linkBase == "." ? "" : linkBase + "/") + f.id + ".svg" }
        }
        let text = try ReportRenderer.render(report, as: format, tableID: args.value(.table), chartLink: chartLink)
        if let out = args.value(.out) {
            try AtomicFile.write(text, to: try context.resolve(out, argument: "--out"))
            return nil
        }
        return text
    }
}

extension PathTools {
    /// `target` relative to directory `base` (both absolute, normalised).
    public static func relative(_ target: String, from base: String) -> String {
        let t = normalise(target).split(separator: "/"), b = normalise(base).split(separator: "/")
        var i = 0
        while i < t.count && i < b.count && t[i] == b[i] { i += 1 }
        let ups = Array(repeating: "..", count: b.count - i)
        let rest = t[i...].map(String.init)
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
