// `channelshift check`: a finance officer's test of savings claims against the data, the FTE model and the ceiling.
import ChannelShiftKit

public enum CheckCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "check",
        summary: "test savings claims: baselines, arithmetic, FTE conversions, phasing, ceilings by kind, double counting, £ totals",
        usage: "channelshift check --claims FILE [--ceiling FILE] [--assumptions FILE] [options] [DATA...]",
        discussion: """
        Reads a claims CSV (id, initiative, kind, text and the figures; see docs/commands/check.md) and gives each
        claim a verdict: supported, not supported or needs evidence, with the reasons and figures in plain English.
        Contact data (optional) supplies the baseline per reason and, with --taxonomy, the failure-demand ceiling for
        claims to remove demand at source and the shiftable ceiling for claims to move it (--ceiling overrides the
        latter). Tolerances are assumptions (claim_tolerance, claim_tolerance.baseline, claim_tolerance.hours).
        """,
        options: [OptionSpec(.claims, value: "FILE", help: "claims CSV (e.g. Models/claims-waste-phase2.csv)"),
                  OptionSpec(.ceiling, value: "FILE", help: "shiftable ceiling per reason: CSV line,reason,low,central,high (default: the exclusion analysis of the data with --taxonomy)")]
            + CommonOptions.dataInput + CommonOptions.assumptions,
        positionals: "DATA...",
        example: "channelshift check --claims Models/claims-waste-phase2.csv --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static var assumptionKeys: [AssumptionKey] { ClaimCheck.assumptionKeys }

    /// Typed settings for one run, resolved once from options and assumptions before any file is read.
    struct Settings {
        var claims: String
        var ceiling: String?
        var hasData: Bool
        /// What the assumptions say before the data is read: on-costs, hours, rates, tolerances.
        var evidence: ClaimEvidence
        /// Where the NI rule behind the on-costs comes from, for Method.
        var onCostBasis: String
    }

    static func settings(_ args: ParsedArguments, assumptions set: AssumptionSet, sourceDateEpoch: Int?) throws(ToolError) -> Settings {
        guard let claims = args.value(.claims) else {
            throw .usage("no claims file given", hint: "pass --claims FILE; see docs/commands/check.md for the columns")
        }
        // On-costs follow HMRC's NI rule in force at the paper's date (as-of or SOURCE_DATE_EPOCH), never today's.
        let asOfDay = sourceDateEpoch.map { Int(CivilTime.floorDiv(Int64($0), 86400)) }
        var evidence = ClaimEvidence(
            onCosts: try Scenario.onCosts(set, asOfDay: asOfDay), hours: try Scenario.hours(set),
            vacancyRate: try Scenario.central(set, .vacancyRate), turnoverRate: try Scenario.central(set, .turnoverRate),
            establishmentFTE: try set.value(.establishmentFTE)?.central)
        for key in ClaimCheck.toleranceKeys {
            guard let a = try set.value(key) else { continue }
            switch key.name {
            case ClaimCheck.toleranceKey.name: evidence.tolerance = a.central
            case ClaimCheck.baselineToleranceKey.name: evidence.baselineTolerance = a.central
            default: evidence.hoursTolerance = a.central
            }
        }
        let basis = set[.niRate] != nil ? "set in the Assumptions"
            : asOfDay.flatMap(EmployerNI.rule(on:)).map { "HMRC's rule in force at the paper's date, \(CivilTime.formatDate(days: asOfDay!)): \($0.label)" }
            ?? "HMRC's latest rule: no paper date was given"
        return Settings(claims: claims, ceiling: args.value(.ceiling), hasData: !(args.all(.data) + args.positionals).isEmpty,
                        evidence: evidence, onCostBasis: basis)
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let s = try settings(args, assumptions: context.assumptions, sourceDateEpoch: context.sourceDateEpoch)
        let claims = try context.readSideFile(s.claims, argument: "--claims", parse: ClaimCheck.parse, accepted: \.count)
        let set = context.assumptions
        var evidence = s.evidence
        if let c = s.ceiling {
            evidence.ceiling = try context.readSideFile(c, argument: "--ceiling", parse: ShiftCeiling.parse, accepted: { $0.shares.count + $0.hidden.count })
        }
        var dataNote: String?
        if s.hasData {
            let data = try ContactData.load(args, context: context, trackRepeats: true)
            let (annual, note, phoneHours) = ClaimCheck.annualContacts(data.cube, wraps: data.wraps)
            evidence.annualContacts = annual
            dataNote = note
            if evidence.establishmentFTE == nil, evidence.hours.perFTE > 0 { evidence.establishmentFTE = phoneHours / evidence.hours.perFTE }
            if data.taxonomy != nil {
                var options = AvoidableOptions()
                options.productiveHours = evidence.hours
                let avoidable = Avoidable.analyse(cube: data.cube, repeats: data.sink.repeats, wraps: data.wraps, taxonomy: data.taxonomy, options: options)
                evidence.failureShares = ClaimCheck.failureShares(avoidable, cube: data.cube)
            }
            if evidence.ceiling == nil, data.taxonomy != nil {
                evidence.ceiling = ShiftCeiling.fromExclusion(Exclusion.analyse(Exclusion.input(cube: data.cube, wraps: data.wraps, repeats: data.sink.repeats,
                                                                                                taxonomy: data.taxonomy, areaIndex: nil)),
                                                              source: "exclusion analysis of the same data")
            }
        }
        return ClaimReport.build(ClaimCheck.check(claims, evidence: evidence), assumptions: set, dataNote: dataNote,
                                 onCosts: evidence.onCosts, onCostBasis: s.onCostBasis)
    }
}
