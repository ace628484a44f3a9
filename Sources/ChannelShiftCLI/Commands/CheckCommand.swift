// `channelshift check`: a finance officer's test of savings claims against the data, the FTE model and the ceiling.
import ChannelShiftKit

public enum CheckCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "check",
        summary: "test savings claims: arithmetic, FTE conversions, time phasing, the shiftable ceiling, double counting",
        usage: "channelshift check --claims FILE [--ceiling FILE] [--assumptions FILE] [options] [DATA...]",
        discussion: """
        Reads a claims CSV (id, initiative, kind, text and the figures; see docs/commands/check.md) and gives each
        claim a verdict: supported, not supported or needs evidence, with the reasons and figures in plain English.
        Contact data (optional) supplies the baseline per reason; --ceiling the shiftable share per reason.
        """,
        options: [OptionSpec("claims", value: "FILE", help: "claims CSV (e.g. Models/claims-waste-phase2.csv)"),
                  OptionSpec("ceiling", value: "FILE", help: "shiftable ceiling per reason: CSV line,reason,low,central,high (default: the exclusion analysis of the data with --taxonomy)")]
            + CommonOptions.dataInput + CommonOptions.assumptions,
        positionals: "DATA...",
        example: "channelshift check --claims Models/claims-waste-phase2.csv --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static var assumptionKeys: [AssumptionKey] { ClaimCheck.assumptionKeys }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        guard let claimsArg = args.value("claims") else {
            throw .usage("no claims file given", hint: "pass --claims FILE; see docs/commands/check.md for the columns")
        }
        let claims = try context.readSideFile(claimsArg, argument: "--claims", parse: ClaimCheck.parse, accepted: \.count)
        let set = context.assumptions
        var evidence = ClaimEvidence(
            onCosts: try Scenario.onCosts(set), hours: try Scenario.hours(set),
            vacancyRate: try Scenario.central(set, .vacancyRate), turnoverRate: try Scenario.central(set, .turnoverRate),
            establishmentFTE: try set.value(.establishmentFTE)?.central)
        if let c = args.value("ceiling") {
            evidence.ceiling = try context.readSideFile(c, argument: "--ceiling", parse: ShiftCeiling.parse, accepted: { $0.shares.count + $0.hidden.count })
        }
        var dataNote: String?
        if !(args.all("data") + args.positionals).isEmpty {
            let data = try ContactData.load(args, context: context, trackRepeats: false)
            let (annual, note, phoneHours) = ClaimCheck.annualContacts(data.cube, wraps: data.wraps)
            evidence.annualContacts = annual
            dataNote = note
            if evidence.establishmentFTE == nil, evidence.hours.perFTE > 0 { evidence.establishmentFTE = phoneHours / evidence.hours.perFTE }
            if evidence.ceiling == nil, data.taxonomy != nil {
                evidence.ceiling = ShiftCeiling.fromExclusion(Exclusion.analyse(Exclusion.input(cube: data.cube, wraps: data.wraps, repeats: nil,
                                                                                                taxonomy: data.taxonomy, areaIndex: nil)),
                                                              source: "exclusion analysis of the same data")
            }
        }
        let r = ClaimReport.build(ClaimCheck.check(claims, evidence: evidence), assumptions: set, dataNote: dataNote)
        return r
    }
}
