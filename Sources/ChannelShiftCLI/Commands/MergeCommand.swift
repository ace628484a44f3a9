// `channelshift merge`: combines partial cubes (cube --partial) into the tables one pass over all the data gives.
import Foundation
import ChannelShiftKit

public enum MergeCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "merge",
        summary: "combine partial cubes (cube --partial) into the (a) and (b) tables one pass over all the data gives",
        usage: "channelshift merge --query a|b|ab --out FILE [options] PARTIAL...",
        discussion: """
        Each partial holds one partition's sums and each caller's contacts near the partition's start and end,
        so a repeat from one partition into the next (across a month end) is counted as one pass would count it.
        The partitions must not overlap in time (cut exports at midnight, e.g. one a month); overlapping partials,
        the same partial twice, different repeat windows, a corrupt file or another format version are errors.
        The output is byte for byte what 'channelshift cube' writes over all the exports together.
        With --partial, FILE is the merged partial instead (to merge again later).
        """,
        options: [
            OptionSpec(.query, value: "a|b|ab", help: "which tables (default ab)", allowed: ["a", "b", "ab"]),
            OptionSpec(.out, value: "FILE", help: "output CSV (required)"),
            OptionSpec(.partial, help: "write the merged partial cube to FILE instead of the tables"),
            OptionSpec(.suppress, value: "N", help: "leave counts below N empty (default 10; 0 turns it off)"),
            OptionSpec(.quiet, help: "no messages on stderr"),
        ],
        positionals: "PARTIAL...",
        example: "channelshift merge --query ab --suppress 0 --out data/cube.csv data/2022-07.part data/2022-08.part")

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let query = args.value(.query) ?? "ab"
        guard let outArg = args.value(.out) else { throw .usage("merge needs --out FILE", hint: spec.example) }
        let out = try context.resolve(outArg, argument: "--out")
        let suppress = try CommonOptions.suppression(args)
        guard !args.positionals.isEmpty else { throw .usage("merge needs the partial cubes to combine", hint: spec.example) }
        var parts: [(name: String, body: [UInt8], part: PartialCube)] = []
        for arg in args.positionals {
            let path = try context.resolve(arg, argument: "PARTIAL")
            let name = context.display(path)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .data("cannot read \(name)", at: SourceLocation(file: name), hint: "check the path; partials are written by 'channelshift cube --partial --out FILE'")
            }
            let (body, part) = try PartialCube.decode([UInt8](data), name: name)
            parts.append((name, body, part))
        }
        let merged = try PartialCube.merge(parts)
        if !args.flag(.quiet) {
            context.log("channelshift: merged \(parts.count) partials: \(merged.rowsRead) rows read, \(merged.rowsAccepted) accepted, \(merged.rowsRejected) rejected")
        }
        if args.flag(.partial) {
            try AtomicFile.write(merged.encoded(), to: out)
            return nil
        }
        // Published tables withhold unsafe or rare labels exactly as cube does over the same data.
        let shown = merged.withholdingUnsafeLabels(suppress: suppress)
        var files: [(query: String, text: String)] = []
        if query.contains("a") { files.append(("a", CubeTables.queryA(shown.queryARows, suppress: suppress))) }
        if query.contains("b") { files.append(("b", CubeTables.queryB(shown.queryBRows, windowLabel: shown.windowLabel, suppress: suppress))) }
        try CubeTables.write(files, to: out)
        return nil
    }
}
