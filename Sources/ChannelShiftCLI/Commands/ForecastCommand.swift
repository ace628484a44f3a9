// `channelshift forecast`: declares the options, resolves typed settings once, loads, analyses, reports.
import ChannelShiftKit

public enum ForecastCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "forecast",
        summary: "business-as-usual baseline: weekly and monthly contacts per line, reason and channel, with intervals and a backtest",
        usage: "channelshift forecast [options] FILE...",
        discussion: """
        Fits each series' daily contacts (trend, weekday, annual cycle, bank holidays by nation, catch-up days,
        Christmas) and forecasts whole weeks and months ahead with 80% and 95% prediction intervals. The Method
        reports a rolling-origin backtest (MASE, interval coverage). Needs two years of history, or a stated,
        sourced monthly --seasonal-profile; it never annualises a shorter window. The CSV/JSON tables weekly,
        monthly, phone_intervals and history_weekly hold the detail.
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + Self.settingsOptions,
        positionals: "FILE...",
        example: "channelshift forecast --nation england-and-wales --horizon-weeks 52 data/sample-history.csv")

    static let settingsOptions: [OptionSpec] = [
        OptionSpec(.nation, value: "NATION", help: "bank holidays of england-and-wales (default), scotland or northern-ireland", allowed: Nation.allCases.map(\.rawValue)),
        OptionSpec(.holidays, value: "FILE", help: "bank-holiday table nation,date,name (default: the built-in Models/bank-holidays.csv)"),
        OptionSpec(.growth, value: "RATE", help: "growth a year as an assumption, e.g. 1.5% (default: estimated from the history)"),
        OptionSpec(.seasonalProfile, value: "FILE", help: "month,index,source: the annual pattern to use when the history is under two years"),
        OptionSpec(.levelShift, value: "YYYY-MM-DD", help: "a known change (e.g. a go-live) from which the level may step; repeatable", repeatable: true),
        OptionSpec(.horizonWeeks, value: "N", help: "weeks to forecast (default 52)"),
        OptionSpec(.by, value: "reason|line", help: "series to fit: line × reason × channel (default) or line totals only", allowed: ["reason", "line"]),
        OptionSpec(.backtestOrigins, value: "N", help: "rolling-origin backtest origins per line, 0 for none (default 4)"),
        OptionSpec(.intervalWeeks, value: "N", help: "forecast weeks to spread into 15-minute phone intervals (default 1)"),
        OptionSpec(.appraisalStart, value: "YYYY-MM-DD", help: "first day of appraisal year 1 for the annual_baseline table (default: the day after the data)"),
        OptionSpec(.appraisalYears, value: "N", help: "appraisal years in the annual_baseline table (default 3)"),
    ]

    static let growthKey = AssumptionKey("forecast.growth", AssumptionUnit(.fraction), source: "",
                                         "growth in contacts a year (households, or an explicit rate): fixes the trend instead of estimating it")

    public static var assumptionKeys: [AssumptionKey] { [growthKey] }

    /// Typed settings from the options and assumptions, each default decided here once.
    public static func options(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> (ForecastOptions, [AssumptionUse]) {
        let nation = args.value(.nation).flatMap(Nation.init(rawValue:)) ?? .englandAndWales
        var holidays = BankHolidayCalendar.builtIn()
        if let f = args.value(.holidays) {
            let path = try context.resolve(f, argument: "--holidays")
            holidays = try BankHolidayCalendar.load(path, display: context.display(path))
        }
        var uses: [AssumptionUse] = []
        var growth: Double?
        if let g = args.value(.growth) {
            growth = try parseRate(g)
            // The plausibility table decides, as for the same value in an assumptions file: impossible is a usage
            // error naming --growth; implausible is used as given, warned on stderr and noted beside the value.
            let odd = try Plausibility.checkedFlag("growth", key: growthKey.name, value: growth!, display: { Format.percent($0) })
            for w in odd { context.log("warning: --growth: " + w.message) }
            uses.append(AssumptionUse(key: growthKey.name, display: Format.percent(growth!), unit: "% a year",
                                      source: "--growth" + odd.map { " (check: \($0.message))" }.joined()))
        } else if let a = try context.assumptions.value(growthKey.name, growthKey.unit.base) {
            growth = a.central
            uses.append(a.use)
        }
        var profile: SeasonalProfile?
        if let f = args.value(.seasonalProfile) {
            let path = try context.resolve(f, argument: "--seasonal-profile")
            profile = try SeasonalProfile.parse(CSVTable.load(path, display: context.display(path)))
        }
        var o = ForecastOptions(settings: ForecastSettings(calendar: ForecastCalendar(holidays: holidays, nation: nation), growthPerYear: growth, seasonalProfile: profile))
        for raw in args.all(.levelShift) {
            guard let d = CivilDate(iso: raw) else { throw .usage("--level-shift expects a date YYYY-MM-DD, got '\(raw)'", hint: "e.g. --level-shift 2023-04-01") }
            o.settings.levelShifts.append(d.dayNumber)
        }
        o.horizonWeeks = try args.int(.horizonWeeks, default: 52, range: 1...520)
        o.byReason = args.value(.by) != "line"
        o.backtestOrigins = try args.int(.backtestOrigins, default: 4, range: 0...52)
        o.backtest = o.backtestOrigins > 0
        o.intervalWeeks = try args.int(.intervalWeeks, default: 1, range: 0...12)
        o.appraisalYears = try args.int(.appraisalYears, default: 3, range: 0...30)
        if let raw = args.value(.appraisalStart) {
            guard let d = CivilDate(iso: raw) else { throw .usage("--appraisal-start expects a date YYYY-MM-DD, got '\(raw)'", hint: "e.g. --appraisal-start 2024-04-01") }
            o.appraisalStart = d
        }
        return (o, uses)
    }

    static func parseRate(_ raw: String) throws(ToolError) -> Double {
        do { return try Quantity.fraction(raw, .growthRate) } catch {
            throw .usage("--growth expects a rate a year such as 1.5% (between -50% and +100%), got '\(raw)'", hint: "e.g. --growth 2%")
        }
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let (options, uses) = try options(args, context: context)
        let (daily, ingest, _) = try ContactData.read(args, context: context, intervalSummaries: true) { DailyCounts() }
        let result = try Forecast.analyse(daily, wraps: ingest.wraps, options: options)
        var report = ForecastReport.build(result, threshold: try CommonOptions.suppression(args), assumptions: uses)
        report.method += ingest.intervalSummaries.flatMap(\.basis)
        return report
    }
}
