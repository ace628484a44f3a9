// `channelshift cube`: exports the aggregate cube as CSV for other tools (and the peer benchmark).
import ChannelShiftKit

public enum CubeCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "cube",
        summary: "export line × reason × channel totals (a) and 7-day repeat counts per reason (b) as CSV",
        usage: "channelshift cube --query a|b|ab --out FILE [options] FILE...",
        discussion: """
        (a) per line, reason and channel: contacts, answered, abandoned, handle_s_sum, handle_s_count, wait_s_sum,
            email_no, email_known.
        (b) per line and reason: keyed_contacts, followed_within_7d (same caller's next contact, ordered by
            started_at then contact_id, starts at most the window later).
        With --query ab both come from one pass and go to FILE with .a.csv and .b.csv in place of .csv.
        Rows are sorted by their key columns in byte order; counts below --suppress are left empty.
        With --partial, FILE is a partial cube instead (both queries' sums and each caller's repeat state at the
        partition's edges, checksummed; no caller key): 'channelshift merge' combines the partials of
        partitions that do not overlap in time (e.g. one export a month) into the tables one pass would give.
        """,
        options: CommonOptions.dataInput.filter { $0.id != .taxonomy } + [
            OptionSpec(.query, value: "a|b|ab", help: "which tables (default ab)", allowed: ["a", "b", "ab"]),
            OptionSpec(.out, value: "FILE", help: "output CSV (required)"),
            OptionSpec(.partial, help: "write a partial cube to FILE for 'channelshift merge' (see docs/scale.md)"),
            OptionSpec(.repeatWindow, value: "N[d|h|s]", help: "repeat window; a bare number is days (default 7d)"),
            OptionSpec(.suppress, value: "N", help: "leave counts below N empty (default 10; 0 turns it off)"),
            OptionSpec(.memory, value: "SIZE", help: "keep repeat tuples within SIZE (e.g. 1G), spilling sorted runs to TMPDIR past it; same results"),
            OptionSpec(.noHash, help: "skip the SHA-256 of inputs"),
            OptionSpec(.threads, value: "N", help: "worker threads"),
            OptionSpec(.quiet, help: "no progress on stderr"),
        ],
        positionals: "FILE...",
        example: "channelshift cube --query ab --out data/cube.csv --suppress 0 data/sample-contacts.csv")

    /// Typed settings for one run, resolved once from options before any file is read.
    struct Settings {
        var query = "ab"
        var out = ""
        var partial = false
        var suppress = 10
        var window: (seconds: Int64, label: String) = (7 * 86_400, "7d")
        /// Repeat tuples held within this many bytes (nil: no budget, or query (a) alone, which keeps none).
        var memoryBudget: Int?
        var hash = true

        var wantB: Bool { partial || query.contains("b") }
    }

    static func settings(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> Settings {
        var s = Settings()
        s.query = args.value(.query) ?? "ab"
        guard let outArg = args.value(.out) else { throw .usage("cube needs --out FILE", hint: spec.example) }
        s.out = try context.resolve(outArg, argument: "--out")
        let stem = s.out.hasSuffix(".csv") ? String(s.out.dropLast(4)) : s.out
        let targets = s.query == "ab" ? ["\(stem).a.csv", "\(stem).b.csv"] : [s.out]
        try PathTools.refuseOutputsThatAreInputs(targets, args: args, context: context)
        s.suppress = try CommonOptions.suppression(args)
        s.window = try RepeatWindow.parse(args.value(.repeatWindow) ?? "7d")
        s.hash = !args.flag(.noHash)
        s.partial = args.flag(.partial)
        // Query (a) alone keeps no tuples, so it needs no budget (the value is still checked).
        let budget = try args.value(.memory).map(MemoryBudget.parse)
        s.memoryBudget = s.wantB ? budget : nil
        return s
    }

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let s = try settings(args, context: context)
        let query = s.query, out = s.out, suppress = s.suppress, window = s.window, partial = s.partial, wantB = s.wantB
        let paths = try ContactData.dataPaths(args, context: context)
        var options = try IngestOptions(args, context: context)
        options.hash = s.hash
        if let budget = s.memoryBudget {
            return try runWithinBudget(budget, query: query, partial: partial, out: out, suppress: suppress, window: window,
                                       paths: paths, options: options, context: context)
        }
        var (sink, ingest) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options) {
            WrapChannelSink(trackRepeats: wantB)
        }
        try DataChecks.requireContacts(ingest)
        if !partial { withholdUnsafeLabels(ingest.wraps, table: sink.table, suppress: suppress) }
        if wantB { try sink.repeats.sortChecked(threads: context.threads) }
        if partial {
            let part = PartialCube.build(table: sink.table, repeats: sink.repeats, wraps: ingest.wraps,
                                         windowSeconds: window.seconds, windowLabel: window.label, rowsRead: ingest.rowsRead,
                                         rowsAccepted: ingest.rowsAccepted, rowsRejected: ingest.rowsRejected)
            try AtomicFile.write(part.encoded(), to: out)
            return nil
        }
        var files: [(query: String, text: String)] = []
        if query.contains("a") {
            files.append(("a", CubeTables.queryA(sink.table.queryA(ingest.wraps), suppress: suppress)))
        }
        if wantB {
            let counts = sink.repeats.followedCounts(windowSeconds: window.seconds, wraps: ingest.wraps.count)
            let rows = ingest.wraps.sortedIDs.filter { counts[Int($0)].keyed > 0 }.map { (ingest.wraps.code($0), counts[Int($0)]) }
            files.append(("b", CubeTables.queryB(rows, windowLabel: window.label, suppress: suppress)))
        }
        try CubeTables.write(files, to: out)
        return nil
    }

    /// The same tables (or partial) with the repeat tuples held within `budget` bytes, spilled past it.
    static func runWithinBudget(_ budget: Int, query: String, partial: Bool, out: String, suppress: Int,
                                window: (seconds: Int64, label: String), paths: [String], options: IngestOptions,
                                context: CommandContext) throws(ToolError) -> String? {
        let directory = MemoryBudget.spillDirectory()
        let perWorker = max(1, budget / max(1, options.threads))
        var (sink, ingest) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options) {
            SpillingWrapChannelSink(budgetBytes: perWorker, directory: directory, heldBytes: budget)
        }
        defer { sink.repeats.removeRuns() }
        try DataChecks.requireContacts(ingest)
        if !partial { withholdUnsafeLabels(ingest.wraps, table: sink.table, suppress: suppress) }
        let rows = (ingest.rowsRead, ingest.rowsAccepted, ingest.rowsRejected)
        var builder = PartialCube.Builder(table: sink.table, wraps: ingest.wraps, windowSeconds: window.seconds, windowLabel: window.label,
                                          keyedRange: (sink.repeats.firstStart, sink.repeats.lastStart), rows: rows)
        if partial || query.contains("b") { try sink.repeats.forEachWithSuccessor { builder.visit($0, $1) } }
        let part = builder.finish()
        if partial {
            try AtomicFile.write(part.encoded(), to: out)
            return nil
        }
        var files: [(query: String, text: String)] = []
        if query.contains("a") { files.append(("a", CubeTables.queryA(part.queryARows, suppress: suppress))) }
        if query.contains("b") { files.append(("b", CubeTables.queryB(part.queryBRows, windowLabel: window.label, suppress: suppress))) }
        try CubeTables.write(files, to: out)
        return nil
    }

    /// Reasons not in a taxonomy are printed only when their text is safe and their count is not suppressed
    /// (issue #16): the same rule every other command applies after ingest. A partial keeps its labels: it is
    /// pseudonymised working data, never published (docs/scale.md).
    static func withholdUnsafeLabels(_ wraps: WrapDictionary, table: WrapChannelTable, suppress: Int) {
        _ = wraps.withholdUnsafeLabels(taxonomy: nil, contacts: { w in Channel.allCases.reduce(0) { $0 + table.stats(wrap: w, channel: $1).contacts } },
                                       threshold: suppress)
    }
}
