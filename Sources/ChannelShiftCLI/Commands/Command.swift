// The subcommand contract: analysis commands return an AnalysisReport; the shell renders and writes it.
import ChannelShiftKit
import Foundation

/// Everything a command may know about the world. Tests and the notebook renderer build their own.
public struct CommandContext: Sendable {
    /// Relative paths in arguments are resolved against this directory.
    public var workingDirectory: String
    /// Project root: notebook cells may not read outside it.
    public var projectRoot: String?
    /// Progress goes to stderr only when this is true (stderr is a terminal and not --quiet).
    public var showProgress: Bool
    /// Environment variables the tool honours (SOURCE_DATE_EPOCH); never the whole environment.
    public var sourceDateEpoch: Int?
    public var threads: Int
    /// Assumptions in force: the notebook's when rendering, or those from `--assumptions FILE`.
    public var assumptions = AssumptionSet()
    /// The `--assumptions FILE` that `assumptions` came from: an input of every report the run makes.
    public var assumptionsInput: InputProvenance?
    /// Seed for anything random (Monte Carlo ranges); from the notebook or `--seed`.
    public var seed: UInt64 = 42
    /// Writes a line to stderr (warnings, progress). Results never go here.
    public var log: @Sendable (String) -> Void
    /// Every file this run's loaders read; `AnalysisCommand.run` starts a fresh one and fills `report.inputs` from it.
    public var inputLog = InputLog()

    public init(workingDirectory: String, projectRoot: String? = nil, showProgress: Bool = false,
                sourceDateEpoch: Int? = nil, threads: Int = 2, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.workingDirectory = workingDirectory
        self.projectRoot = projectRoot
        self.showProgress = showProgress
        self.sourceDateEpoch = sourceDateEpoch
        self.threads = threads
        self.log = log
    }

    /// Resolves a user path against the working directory; refuses to leave `projectRoot` when one is set.
    public func resolve(_ path: String, argument: String) throws(ToolError) -> String {
        let full = path.hasPrefix("/") ? path : (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + path
        let normal = PathTools.normalise(full)
        if let root = projectRoot {
            let r = PathTools.normalise(root)
            // Lexically inside is not enough: a symlink inside the project may point outside it, so the real
            // path (symlinks resolved, as far as the path exists) must be inside the project's real path too.
            let realRoot = PathTools.realPath(r)
            if !PathTools.isInside(normal, r) || !PathTools.isInside(PathTools.realPath(normal), realRoot) {
                throw .usage("\(argument) '\(path)' is outside the project", hint: "paths in a notebook are relative to it and must stay inside the project (the folder with Package.swift); remove '../', the absolute path or the symlink that leads out")
            }
        }
        return normal
    }

    /// Path as shown in reports: relative to the project root (or working directory), never machine-specific.
    public func display(_ absolute: String) -> String {
        let base = PathTools.normalise(projectRoot ?? workingDirectory)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Loads `--assumptions FILE` (an assumptions file or a notebook's assumptions blocks) into the context,
    /// remembering its provenance so every report lists it with its inputs; implausible values are warned about.
    public mutating func loadAssumptions(_ file: String, knownKeys: [AssumptionKey]) throws(ToolError) {
        let path = try resolve(file, argument: OptionName.assumptions.flag)
        let (set, provenance) = try AssumptionFile.read(path, display: display(path), knownKeys: knownKeys)
        assumptions = set
        assumptionsInput = provenance
        for w in Plausibility.rendered(set.warnings) { log(w) }
    }

    /// Reads a side file named by `argument` once, parses it, and records it (with the rows `parse` accepted) in
    /// the input log: the one way a command reads a CSV other than the contact data.
    public func readSideFile<T>(_ arg: String, argument: String, parse: (CSVTable) throws(ToolError) -> T,
                                accepted: (T) -> Int) throws(ToolError) -> T {
        let path = try resolve(arg, argument: argument)
        let (table, provenance) = try SideFile.read(path: path, display: display(path))
        let value = try parse(table)
        inputLog.record(provenance(accepted(value)))
        return value
    }
}

public enum PathTools {
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// realpath(3) of the longest existing prefix of `path`, with the rest appended: where the path really leads.
    public static func realPath(_ path: String) -> String {
        var head = normalise(path), tail: [String] = []
        while true {
            if let r = realpath(head, nil) {
                defer { free(r) }
                let base = String(cString: r)
                return tail.isEmpty ? base : normalise(base + "/" + tail.reversed().joined(separator: "/"))
            }
            guard let slash = head.lastIndex(of: "/"), head != "/" else { return normalise(path) }
            tail.append(String(head[head.index(after: slash)...]))
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
    }

    /// Whether two paths name the same file on disk (same device and inode, so symlinks, hard links, `./`
    /// and `..` spellings all match). A path that does not exist is no file's twin.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Refuses an output path that names any file the command reads (an option's value or a positional),
    /// because the atomic rename would replace that input with the report.
    public static func refuseOutputsThatAreInputs(_ outputs: [String], args: ParsedArguments, context: CommandContext) throws(ToolError) {
        let skip: Set<OptionName> = [.out, .charts]
        var given: [(String, String)] = args.positionals.map { ("argument", $0) }
        for (name, values) in args.values.sorted(by: { $0.key < $1.key }) where !skip.contains(name) {
            for v in values { given.append((name.flag, v)) }
        }
        for out in outputs {
            for (argument, value) in given {
                guard let path = try? context.resolve(value, argument: argument), sameFile(path, out) else { continue }
                throw .usage("--out '\(context.display(out))' is also an input (\(argument) \(value))",
                             hint: "the report would replace the file it is made from; write it elsewhere, e.g. --out Reports/NAME.md")
            }
        }
    }

    /// Lexical normalisation: collapses `.`, `..` and repeated slashes. Does not touch the file system.
    public static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(p) }
                continue
            }
            parts.append(p)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

/// A subcommand that produces a report (profile, avoidable, exclusion, demand, capacity, project, check).
public protocol AnalysisCommand: Sendable {
    /// Name, options and example. Common output options are added by `fullSpec`.
    static var spec: CommandSpec { get }
    /// The assumption keys this command reads (with units and defaults); notebooks are checked against
    /// the union of all commands' keys, so an unknown key is an error.
    static var assumptionKeys: [AssumptionKey] { get }
    static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport
}

/// A subcommand that does its own output (sample, render).
public protocol ToolCommand: Sendable {
    static var spec: CommandSpec { get }
    /// Returns the text for stdout, if any.
    static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String?
}

public enum CommonOptions {
    public static let output: [OptionSpec] = [
        OptionSpec(.format, value: "md|csv|json", help: "output format (default md)", allowed: ["md", "csv", "json"]),
        OptionSpec(.out, value: "FILE", help: "write to FILE atomically instead of stdout"),
        OptionSpec(.table, value: "ID", help: "with --format csv: which table to write (default the first)"),
        OptionSpec(.charts, value: "DIR", help: "write SVG charts into DIR (Markdown links to them)"),
        OptionSpec(.suppress, value: "N", help: "hide counts below N as [c] (default 10; 0 turns it off)"),
        OptionSpec(.disclosure, value: "MODE", help: "threshold (default: --suppress), ons-10-5 (hide below 10, round to 5) or nhs-5 (hide 1-7, round to 5)",
                   allowed: Disclosure.Mode.names),
        OptionSpec(.threads, value: "N", help: "worker threads (default: the machine's cores, at most 8)"),
        OptionSpec(.quiet, help: "no progress on stderr"),
        OptionSpec(.help, help: "show this help"),
    ]

    public static let dataInput: [OptionSpec] = [
        OptionSpec(.data, value: "FILE", help: "contact export (CSV); repeatable, or give files as arguments", repeatable: true),
        OptionSpec(.mapping, value: "FILE", help: "column and value mapping for a non-canonical export"),
        OptionSpec(.taxonomy, value: "FILE", help: "wrap-code taxonomy CSV (e.g. Models/wrap-codes.csv)"),
        OptionSpec(.strict, help: "treat any rejected row as an error (exit 1)"),
        OptionSpec(.encoding, value: "NAME", help: "utf-8, utf-16le, utf-16be or windows-1252 (default: detected)"),
        OptionSpec(.skipRows, value: "N", help: "lines above the header row (default: title rows are found)"),
        OptionSpec(.profile, value: "NAME", help: "platform export layout (default: detected; see profile --list-profiles)"),
        OptionSpec(.timezone, value: "ZONE", help: "for UTC platform exports: an IANA zone, e.g. Europe/London (default), UTC, America/New_York"),
        OptionSpec(.dateOrder, value: "dmy|mdy", help: "how 01/07/2022 is read (default: decided from the file)", allowed: ["dmy", "mdy"]),
    ]

    /// For commands that read assumptions: a standalone assumptions file (or a notebook) and a seed.
    public static let assumptions: [OptionSpec] = [
        OptionSpec(.assumptions, value: "FILE", help: "assumptions file or notebook whose ```assumptions blocks apply"),
        OptionSpec(.seed, value: "N", help: "seed for Monte Carlo ranges (default 42)"),
    ]

    /// The threshold below which the analyses hide counts: --suppress, else the disclosure mode's (nhs-5 hides 1-7).
    public static func suppression(_ args: ParsedArguments) throws(ToolError) -> Int {
        let modeDefault = args.value(.disclosure).flatMap { Disclosure.Mode(name: $0) }.map { $0.largestHidden + 1 } ?? 10
        return try args.int(.suppress, default: modeDefault, range: 0...1_000_000)
    }

    /// How the finished tables are published: the analyses' threshold, then a rounding mode's rule on top.
    public static func disclosure(_ args: ParsedArguments) throws(ToolError) -> Disclosure.Mode {
        guard let name = args.value(.disclosure), name != "threshold" else { return .threshold(try suppression(args)) }
        guard let mode = Disclosure.Mode(name: name) else {
            throw .usage("unknown --disclosure '\(name)'", hint: "modes: " + Disclosure.Mode.names.joined(separator: ", "))
        }
        return mode
    }
}

extension AnalysisCommand {
    public static var assumptionKeys: [AssumptionKey] { [] }

    /// Runs the command with a fresh input log and fills the report's inputs from it: the one place provenance is
    /// attached, for the command line and for notebook cells alike.
    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        var ctx = context
        ctx.inputLog = InputLog()
        if let a = ctx.assumptionsInput { ctx.inputLog.record(a) }
        var report = try report(args, context: ctx)
        report.inputs = ctx.inputLog.entries
        // Suppression's one path: the analysis hid small counts with their secondary cells; a rounding mode
        // (--disclosure ons-10-5, nhs-5) now rounds what is shown, in every table and chart data table alike.
        return Suppression.publish(report, mode: try CommonOptions.disclosure(args))
    }

    public static var fullSpec: CommandSpec {
        var s = spec
        let have = Set(s.options.map(\.name))
        s.options += CommonOptions.output.filter { !have.contains($0.name) }
        return s
    }
}

extension ToolCommand {
    public static var fullSpec: CommandSpec {
        var s = spec
        if s.option(.help) == nil { s.options.append(OptionSpec(.help, help: "show this help")) }
        return s
    }
}
