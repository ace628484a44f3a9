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
        """,
        options: CommonOptions.dataInput.filter { $0.name != "taxonomy" } + [
            OptionSpec("query", value: "a|b|ab", help: "which tables (default ab)", allowed: ["a", "b", "ab"]),
            OptionSpec("out", value: "FILE", help: "output CSV (required)"),
            OptionSpec("repeat-window", value: "N[d|h|s]", help: "repeat window; a bare number is days (default 7d)"),
            OptionSpec("suppress", value: "N", help: "leave counts below N empty (default 10; 0 turns it off)"),
            OptionSpec("no-hash", help: "skip the SHA-256 of inputs"),
            OptionSpec("threads", value: "N", help: "worker threads"),
            OptionSpec("quiet", help: "no progress on stderr"),
        ],
        positionals: "FILE...",
        example: "channelshift cube --query ab --out data/cube.csv --suppress 0 data/sample-contacts.csv")

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let query = args.value("query") ?? "ab"
        guard let outArg = args.value("out") else { throw .usage("cube needs --out FILE", hint: spec.example) }
        let out = try context.resolve(outArg, argument: "--out")
        let stem = out.hasSuffix(".csv") ? String(out.dropLast(4)) : out
        let targets = query == "ab" ? ["\(stem).a.csv", "\(stem).b.csv"] : [out]
        try PathTools.refuseOutputsThatAreInputs(targets, args: args, context: context)
        let suppress = try CommonOptions.suppression(args)
        let window = try RepeatWindow.parse(args.value("repeat-window") ?? "7d")
        let paths = try ContactData.dataPaths(args, context: context)
        var options = try IngestOptions(args, context: context)
        options.hash = !args.flag("no-hash")
        let wantB = query.contains("b")
        var (sink, ingest) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options) {
            WrapChannelSink(trackRepeats: wantB)
        }
        try DataChecks.requireContacts(ingest)
        let table = sink.table
        ingest.wraps.withholdUnsafeLabels(taxonomy: nil, contacts: { w in Channel.allCases.reduce(0) { $0 + table.stats(wrap: w, channel: $1).contacts } },
                                          threshold: suppress)
        let ids = ingest.wraps.sortedIDs
        func count(_ n: Int) -> CSVWriter.Field { .number(Suppression.hides(n, threshold: suppress) ? "" : String(n)) }
        var files: [(String, String)] = []
        if query.contains("a") {
            let rows: [[CSVWriter.Field]] = sink.table.queryA(ingest.wraps).map { code, ch, s in
                [.text(code.line), .text(code.reason), .text(ch.name), count(s.contacts), count(s.answered), count(s.abandoned),
                 .number(String(s.handleSum)), count(s.handleCount), .number(String(s.waitSum)), count(s.emailNo), count(s.emailKnown)]
            }
            files.append(("a", CSVWriter.render(header: WrapChannelTable.queryAColumns, rows: rows)))
        }
        if wantB {
            sink.repeats.sort(threads: context.threads)
            let counts = sink.repeats.followedCounts(windowSeconds: window.seconds, wraps: ingest.wraps.count)
            var rows: [[CSVWriter.Field]] = []
            for id in ids where counts[Int(id)].keyed > 0 {
                let code = ingest.wraps.code(id)
                rows.append([.text(code.line), .text(code.reason), count(counts[Int(id)].keyed), count(counts[Int(id)].followed)])
            }
            files.append(("b", CSVWriter.render(header: ["line", "reason", "keyed_contacts", "followed_within_\(window.label)"], rows: rows)))
        }
        // Both tables or neither: a full disk on the second must not leave a new .a.csv beside an old .b.csv.
        try AtomicFile.writeAll(zip(files, targets).map { (text: $0.1, path: $1) })
        return nil
    }
}
