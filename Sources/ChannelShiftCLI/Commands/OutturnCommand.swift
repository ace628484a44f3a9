// `channelshift outturn`: declares the options, resolves typed settings once, loads, analyses, reports.
import ChannelShiftKit

public enum OutturnCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "outturn",
        summary: "benefits realisation: actual contacts after go-live against the counterfactual forecast, per benefit, reason and channel",
        usage: "channelshift outturn --go-live DATE --claims FILE [options] FILE...",
        discussion: """
        Fits the forecast model on the data before --go-live and compares each year after it with the actual
        contacts: realised change with intervals, hours, FTE and value released against the business case's
        expected changes (--claims: benefit,line,reason,channel,expected_change[,year]; reason * for every reason
        of the line), and a verdict per benefit: on track, behind or not evidenced. Staff costs and productive
        hours come from --assumptions (the business case's notebook).
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + [
            OptionSpec(.goLive, value: "YYYY-MM-DD", help: "first day of the change"),
            OptionSpec(.claims, value: "FILE", help: "expected changes per benefit: benefit,line,reason,channel,expected_change[,year]"),
        ] + ForecastCommand.settingsOptions.filter { [.nation, .holidays, .growth, .seasonalProfile].contains($0.id) },
        positionals: "FILE...",
        example: "channelshift outturn --go-live 2023-04-01 --claims Models/waste-benefits.csv --assumptions Models/waste-channel-shift.md data/sample-history.csv")

    public static var assumptionKeys: [AssumptionKey] {
        Scenario.keys.filter { k in OutturnValuation.keys.contains { $0.name == k.name } }
    }

    /// Productive hours and full employee cost. Employer NI is the HMRC rule in force at the as-of date (the
    /// notebook's, or SOURCE_DATE_EPOCH) unless ni.rate/ni.threshold are set, as `project` does; without the date the
    /// latest rule would be used, wrong for a paper about an earlier year.
    static func valuation(_ set: AssumptionSet, context: CommandContext) throws(ToolError) -> OutturnValuation {
        let asOfDay = context.sourceDateEpoch.map { Int(CivilTime.floorDiv(Int64($0), 86400)) }
        return OutturnValuation(productiveHoursPerFTE: try Scenario.hours(set).perFTE,
                                costPerFTE: try Scenario.onCosts(set, asOfDay: asOfDay)
                                    .fullCost(salary: try Scenario.central(set, .salary)))
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        guard let raw = args.value(.goLive) else { throw .usage("outturn needs --go-live DATE", hint: "e.g. --go-live 2023-04-01") }
        guard let goLive = CivilDate(iso: raw) else { throw .usage("--go-live expects a date YYYY-MM-DD, got '\(raw)'", hint: "e.g. --go-live 2023-04-01") }
        guard let c = args.value(.claims) else { throw .usage("outturn needs --claims FILE", hint: "a CSV benefit,line,reason,channel,expected_change[,year]") }
        let claims = try context.readSideFile(c, argument: "--claims", parse: BenefitClaim.parse, accepted: \.count)
        let (forecastOptions, growthUses) = try ForecastCommand.options(args, context: context)
        let set = context.assumptions
        let valuation = try valuation(set, context: context)
        let (daily, ingest, _) = try ContactData.read(args, context: context) { DailyCounts() }
        let result = try Outturn.analyse(daily, wraps: ingest.wraps, claims: claims,
                                         options: OutturnOptions(settings: forecastOptions.settings, goLive: goLive.dayNumber))
        let uses = growthUses + Scenario.uses(set).filter { u in assumptionKeys.contains { $0.matches(u.key) } }
        return OutturnReport.build(result, valuation: valuation, threshold: try CommonOptions.suppression(args), assumptions: uses)
    }
}
