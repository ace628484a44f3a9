// `channelshift exclusion`: digital-exclusion proxies per reason, with intervals and the shiftable ceiling.
import ChannelShiftKit
import Foundation

public struct ExclusionCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "exclusion",
        summary: "digital-exclusion proxies per reason (no email on file), with 95% intervals and the shiftable ceiling",
        usage: "channelshift exclusion [options] FILE...   or   channelshift exclusion --aggregate FILE [options]",
        discussion: """
        Shares of contacts from callers with no email address on file, per reason and service line, with Wilson
        95% intervals; reasons significantly above or below the overall rate are flagged. From row-level data also
        the share from callers who never used a digital channel, and with --area-index contacts by area decile.
        With --taxonomy, the shiftable ceiling: self-serve or failure-demand volume x the digitally-included share.
        """,
        options: CommonOptions.dataInput + [
            OptionSpec(.aggregate, value: "FILE", help: "a published table line,reason,calls,no_email[,unknown] instead of contact data"),
            OptionSpec(.areaIndex, value: "FILE", help: "area,decile (1 = most excluded) or area,score (higher = more at risk)"),
        ],
        positionals: "FILE...",
        example: "channelshift exclusion --taxonomy Models/wrap-codes.csv --area-index data/deri.csv --charts Reports/exclusion data/sample-contacts.csv")

    /// Typed settings for one run, resolved once from options before any work.
    struct Settings {
        var threshold = 10
        /// A published aggregate table instead of contact data.
        var aggregate: String?
        var areaIndex: String?
    }

    static func settings(_ args: ParsedArguments) throws(ToolError) -> Settings {
        let s = Settings(threshold: try CommonOptions.suppression(args), aggregate: args.value(.aggregate), areaIndex: args.value(.areaIndex))
        if s.aggregate != nil {
            guard args.all(.data).isEmpty && args.positionals.isEmpty else {
                throw .usage("give contact data or --aggregate, not both", hint: "the aggregate table already holds the counts")
            }
            guard s.areaIndex == nil else {
                throw .usage("--area-index needs row-level contact data", hint: "an aggregate table has no area codes to join on")
            }
        }
        return s
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let s = try settings(args)
        let input: ExclusionInput, rowLevel: Bool
        if let aggregateArg = s.aggregate {
            let rows = try context.readSideFile(aggregateArg, argument: "--aggregate", parse: AggregateExclusionTable.parse, accepted: \.count)
            let taxonomy = try ContactData.loadTaxonomy(args, context: context)
            input = Exclusion.input(aggregate: rows, taxonomy: taxonomy)
            rowLevel = false
        } else {
            let data = try ContactData.load(args, context: context, trackRepeats: true)
            let areaIndex = try s.areaIndex.map { a throws(ToolError) in
                try context.readSideFile(a, argument: "--area-index", parse: AreaIndex.parse, accepted: \.count)
            }
            input = Exclusion.input(cube: data.cube, wraps: data.wraps, repeats: data.sink.repeats, taxonomy: data.taxonomy,
                                    areaIndex: areaIndex)
            rowLevel = true
        }
        return ExclusionReport.build(Exclusion.analyse(input), rowLevel: rowLevel, threshold: s.threshold)
    }
}
