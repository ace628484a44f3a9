// `channelshift project`: the business case for a channel-shift scenario against FTE and budget.
import ChannelShiftKit
import Foundation

public enum ProjectCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "project",
        summary: "project channel-shift savings: FTE released, cashable savings, NPV and payback",
        usage: "channelshift project --assumptions FILE [--ceiling FILE] [options] FILE...",
        discussion: """
        Reads the phone baseline per reason from the contact data and the scenario from assumptions
        (shift.<line>[.<reason>].<channel> shares, take-up, salary, on-costs, turnover, investment, discount rate).
        Reports each year for low, central and high cases: contacts shifted (capped by the shiftable ceiling),
        FTE released by the linear and the queue-aware method, cashable and non-cashable savings, NPV and payback,
        and the assumptions that move NPV most. See docs/commands/project.md.
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + [
            OptionSpec(.ceiling, value: "FILE", help: "shiftable ceiling per reason: CSV line,reason,low,central,high (default: computed by the exclusion analysis from the same data and --taxonomy)"),
            OptionSpec(.simulations, value: "N", help: "Monte Carlo draws over every ranged assumption (default 0: off)"),
            OptionSpec(.baseline, value: "forecast|annualised", help: "the phone baseline: the forecast for each appraisal year (default), or the data window × 365 ÷ days (seasonality not modelled)",
                       allowed: PhoneBaseline.Method.allCases.map(\.rawValue)),
        ] + ForecastCommand.settingsOptions.filter { [.nation, .holidays, .growth, .seasonalProfile].contains($0.id) },
        positionals: "FILE...",
        example: "channelshift project --assumptions Models/waste-channel-shift.md --taxonomy Models/wrap-codes.csv --seasonal-profile Models/seasonal-profile-waste.csv data/sample-contacts.csv")

    public static var assumptionKeys: [AssumptionKey] { Scenario.keys + Scenario.businessCaseKeys + ForecastCommand.assumptionKeys }

    /// Typed settings for one run, resolved once from options and assumptions before any file is read.
    struct Settings {
        var simulations = 0
        var ceiling: String?
        var method = PhoneBaseline.Method.forecast
        var afterCallWorkSeconds = 0.0
    }

    static func settings(_ args: ParsedArguments, assumptions set: AssumptionSet) throws(ToolError) -> Settings {
        var s = Settings()
        s.simulations = try args.int(.simulations, default: 0, range: 0...100_000)
        s.ceiling = args.value(.ceiling)
        s.method = args.value(.baseline).flatMap(PhoneBaseline.Method.init(rawValue:)) ?? .forecast
        s.afterCallWorkSeconds = try Scenario.central(set, .afterCallWork)
        return s
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let s = try settings(args, assumptions: context.assumptions)
        let simulations = s.simulations, method = s.method
        var ceiling: CeilingTable?
        if let c = s.ceiling {
            ceiling = try context.readSideFile(c, argument: "--ceiling", parse: ShiftCeiling.parse, accepted: { $0.shares.count + $0.hidden.count })
        }
        // After the ceiling file, as before (its errors come first), and before the contact data is read.
        // Impossible assumptions were refused where they were read (AssumptionParser); implausible ones are noted.
        guard context.assumptions[.establishmentFTE] != nil else {
            throw .data("project needs 'establishment_fte': the budgeted posts (in post and vacant) on the phones",
                        hint: "add 'establishment_fte = 30 FTE  # HR establishment report, <date>'; the tool no longer takes the modelled requirement as the establishment")
        }
        // One pass feeds both the cube (queue curve, handle times, leakage) and the daily counts the forecast needs.
        let (sink, ingest, taxonomy) = try ContactData.read(args, context: context) { ProjectSink(analysis: ContactAnalysisSink(trackRepeats: true)) }
        let data = try ContactData.finish(sink.analysis, ingest, taxonomy, args: args, context: context)
        // Without a ceiling file, the ceiling comes from the exclusion analysis of the same data and taxonomy,
        // so the plan is capped by exactly the figures the equality section reports (its most cautious proxy).
        if ceiling == nil, data.taxonomy != nil {
            ceiling = ShiftCeiling.fromExclusion(Exclusion.analyse(Exclusion.input(cube: data.cube, wraps: data.wraps, repeats: data.sink.repeats,
                                                                                   taxonomy: data.taxonomy, areaIndex: nil)),
                                                 source: "exclusion analysis of the same data")
        }
        // No wall clock: the as-of date is the notebook's (SOURCE_DATE_EPOCH); without one, the day after the data ends.
        var (baseline, note) = PhoneBaseline.fromCube(data.cube, wraps: data.wraps, afterCallWorkSeconds: s.afterCallWorkSeconds)
        guard !baseline.isEmpty else {
            throw .data("the contact data has no phone contacts", hint: "project works from the phone baseline; check the channel column")
        }
        let asOfDay = context.sourceDateEpoch.map { Int(CivilTime.floorDiv(Int64($0), 86400)) }
            ?? Int(CivilTime.floorDiv(data.cube.lastStart, 86400)) + 1
        switch method {
        case .annualised:
            note += " " + PhoneBaseline.annualisedWarning
        case .forecast:
            let annualised = baseline.reduce(0) { $0 + $1.phoneContactsPerYear }
            let (fc, yearOne) = try forecast(sink.daily, wraps: data.wraps, args: args, context: context, asOfDay: asOfDay)
            PhoneBaseline.applyForecast(&baseline, annual: Forecast.annualBaseline(fc, firstYearStart: yearOne, years: try appraisalYears(context.assumptions)))
            note = note.replacingOccurrences(of: PhoneBaseline.scalingSentence(days: PhoneBaseline.spanDays(data.cube)) + " ", with: "")
            note = PhoneBaseline.forecastNote(fc, baseline: baseline, annualisedPhone: annualised, yearOneFirstDay: yearOne.dayNumber) + " " + note
        }
        note += " " + PhoneBaseline.addLeakage(&baseline, cube: data.cube, repeats: data.sink.repeats, wraps: data.wraps, taxonomy: data.taxonomy)
        let service = try PhoneBaseline.serviceForecast(data.cube, assumptions: context.assumptions)
        let queue = try PhoneBaseline.queueCurve(data.cube, assumptions: context.assumptions, patienceSeconds: service?.patienceSeconds)
        let options = ProjectOptions(suppressBelow: try CommonOptions.suppression(args), simulations: simulations,
                                     seed: context.seed, baselineNote: note, asOfDay: asOfDay, service: service,
                                     notes: Plausibility.notes(context.assumptions.warnings))
        let analysis = try ProjectAnalysis.analyse(baseline: baseline, assumptions: context.assumptions, ceiling: ceiling,
                                                   queue: queue, options: options)
        var report = ProjectReport.build(analysis, options: options)
        let known = Set(baseline.map { CeilingTable.slug($0.code) })
        let unused = (ceiling?.shares.keys.filter { !known.contains(CeilingTable.slug($0)) } ?? []).sorted()
        if !unused.isEmpty {
            report.blocks.append(.paragraph("The ceiling file names \(unused.count) reason\(unused.count == 1 ? "" : "s") with no phone calls in the data, not used: " + unused.map { "\($0.line) / \($0.reason)" }.joined(separator: "; ") + "."))
        }
        return report
    }

    /// The forecast behind the baseline, and the first day of appraisal year 1 (a year after year 0's 1 April).
    /// Under two years of history without a seasonal profile is refused here, naming both ways out.
    static func forecast(_ daily: DailyCounts, wraps: WrapDictionary, args: ParsedArguments, context: CommandContext,
                         asOfDay: Int) throws(ToolError) -> (ForecastResult, CivilDate) {
        var (o, _) = try ForecastCommand.options(args, context: context)
        o.backtest = false
        o.intervalWeeks = 0
        if let first = daily.firstDay, let last = daily.lastDayNumber, last - first + 1 < ForecastSettings.minimumHistoryDays, o.settings.seasonalProfile == nil {
            throw .data("project's baseline is the forecast, and the contact data covers \(last - first + 1) days, under the two years (\(ForecastSettings.minimumHistoryDays) days) needed to estimate seasonality",
                        hint: "give --seasonal-profile FILE (month,index,source: a stated, sourced monthly profile), supply two years of contacts, or pass --baseline annualised to scale the window to a year (the paper then says seasonality is not modelled)")
        }
        let fc = try Forecast.analyse(daily, wraps: wraps, options: o)
        let yearZero = CivilTime.civil(days: try Scenario.startDay(context.assumptions, asOfDay: asOfDay))
        return (fc, CivilDate(year: yearZero.year + 1, month: yearZero.month, day: yearZero.day))
    }

    static func appraisalYears(_ set: AssumptionSet) throws(ToolError) -> Int {
        Int(max(1, min(60, try Scenario.central(set, .appraisalYears))))
    }
}

/// Feeds one read of the exports to the cube and repeat tracker and to the daily counts.
struct ProjectSink: ContactSink {
    var analysis: ContactAnalysisSink
    var daily = DailyCounts()

    mutating func add(_ r: ContactRecord) {
        analysis.add(r)
        daily.add(r)
    }

    mutating func merge(_ other: ProjectSink) {
        analysis.merge(other.analysis)
        daily.merge(other.daily)
    }

    mutating func reserve(estimatedRows: Int) {
        analysis.reserve(estimatedRows: estimatedRows)
        daily.reserve(estimatedRows: estimatedRows)
    }
}
