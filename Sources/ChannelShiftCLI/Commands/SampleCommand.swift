// `channelshift sample`: deterministic synthetic contact data, canonical CSV or a messy telephony export.
import ChannelShiftKit

public enum SampleCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "sample",
        summary: "generate deterministic synthetic contact data (canonical CSV or a telephony export)",
        usage: "channelshift sample --rows N --out FILE [--seed S] [--taxonomy FILE] [--start DATE --end DATE|--days N] [--seasonal] [--nation N] [--growth R] [--go-live DATE --effect R:C:X ...] [--style canonical|telephony]",
        discussion: """
        Writes exactly N contacts sorted by time, calibrated to published county-council figures (about
        35,000 phone calls offered a month at the default 230,000 rows over five months, about 12% abandoned,
        repeat contact within 7 days, 23-35% of callers with no email on file by reason). The same arguments
        give the same bytes. With --seasonal, --growth or --go-live the sample becomes a history with something
        to find (seasons, bank holidays and catch-up, growth, known effects after go-live); with --effect, --rows is
        the count before the effects remove or add contacts. --style telephony writes the same contacts as a messy telephony export (BOM,
        CRLF, ';', dd/mm/yyyy, mm:ss); read it with --mapping Models/mappings/telephony.csv.
        """,
        options: [
            OptionSpec(.rows, value: "N", help: "number of contacts to write (1 to 999,999,999)"),
            OptionSpec(.out, value: "FILE", help: "output file, written atomically"),
            OptionSpec(.seed, value: "S", help: "random seed (default 42)"),
            OptionSpec(.taxonomy, value: "FILE", help: "wrap codes to draw reasons from, most frequent first (default: the built-in Models/wrap-codes.csv)"),
            OptionSpec(.start, value: "YYYY-MM-DD", help: "first day (default 2022-07-01)"),
            OptionSpec(.end, value: "YYYY-MM-DD", help: "last day, inclusive (default 2022-11-30)"),
            OptionSpec(.days, value: "N", help: "number of days from --start (instead of --end), e.g. 1095 for three years"),
            OptionSpec(.seasonal, help: "annual seasonality by reason (garden waste spring peak, Christmas collection changes) and bank holidays"),
            OptionSpec(.nation, value: "NATION", help: "bank holidays of england-and-wales (default), scotland or northern-ireland", allowed: Nation.allCases.map(\.rawValue)),
            OptionSpec(.holidays, value: "FILE", help: "bank-holiday table (default: the built-in Models/bank-holidays.csv)"),
            OptionSpec(.growth, value: "RATE", help: "growth in contacts a year, e.g. 2%"),
            OptionSpec(.goLive, value: "YYYY-MM-DD", help: "first day the --effect changes apply"),
            OptionSpec(.effect, value: "REASON:CHANNEL:CHANGE", help: "known change after --go-live, e.g. \"Missed Collection:phone:-15%\" (repeatable)", repeatable: true),
            OptionSpec(.style, value: "canonical|telephony", help: "output layout (default canonical)", allowed: SampleStyle.allCases.map(\.rawValue)),
            OptionSpec(.noAssisted, help: "no assisted-digital outcomes (assisted_full / assisted_part): the sample as it was before they were added"),
            OptionSpec(.quiet, help: "no progress on stderr"),
        ],
        example: "channelshift sample --rows 230000 --seed 42 --taxonomy Models/wrap-codes.csv --out data/sample-contacts.csv"
    )

    public static func options(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> SampleOptions {
        guard args.value(.rows) != nil else { throw .usage("sample needs --rows N", hint: "e.g. --rows 230000") }
        let rows = try args.int(.rows, default: 0, range: 1...999_999_999)
        var o = SampleOptions(rows: rows, seed: context.seed)
        o.style = args.value(.style).flatMap(SampleStyle.init(rawValue:)) ?? .canonical
        for (name, keyPath) in [(OptionName.start, \SampleOptions.start), (OptionName.end, \SampleOptions.end)] {
            guard let raw = args.value(name) else { continue }
            guard let d = CivilDate(iso: raw) else {
                throw .usage("--\(name) expects a date YYYY-MM-DD, got '\(raw)'", hint: "e.g. --\(name) 2022-07-01")
            }
            o[keyPath: keyPath] = d
        }
        if args.value(.days) != nil {
            guard args.value(.end) == nil else { throw .usage("give --end or --days, not both") }
            let n = try args.int(.days, default: 0, range: 7...3660)
            o.end = CivilDate(dayNumber: o.start.dayNumber + n - 1)
        }
        o.history = try history(args, context: context)
        o.assistedDigital = !args.flag(.noAssisted)
        guard (7...3660).contains(o.days) else {
            throw .usage("the period from --start to --end must be 7 days to 10 years, got \(o.days) days",
                         hint: "at least a week keeps weekdays and weekends in the data")
        }
        return o
    }

    /// The multi-year options, or nil when none is given (the original sample, byte for byte).
    static func history(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> SampleHistory? {
        let names: [OptionName] = [.seasonal, .nation, .holidays, .growth, .goLive, .effect]
        guard names.contains(where: { args.flag($0) || args.value($0) != nil }) else { return nil }
        var h = SampleHistory()
        h.seasonal = args.flag(.seasonal)
        if let n = args.value(.nation) { h.nation = Nation(rawValue: n) ?? .englandAndWales }
        if let f = args.value(.holidays) {
            let path = try context.resolve(f, argument: "--holidays")
            h.holidays = try BankHolidayCalendar.load(path, display: context.display(path))
        }
        if let g = args.value(.growth) {
            do { h.growthPerYear = try Quantity.fraction(g, .growthRate) } catch {
                throw .usage("--growth expects a yearly rate such as 2% (between -50% and +100%), got '\(g)'")
            }
        }
        if let raw = args.value(.goLive) {
            guard let d = CivilDate(iso: raw) else { throw .usage("--go-live expects a date YYYY-MM-DD, got '\(raw)'", hint: "e.g. --go-live 2023-04-01") }
            h.goLive = d
        }
        for e in args.all(.effect) { h.effects.append(try SampleEffect.parse(e)) }
        if !h.effects.isEmpty && h.goLive == nil { throw .usage("--effect needs --go-live DATE", hint: "e.g. --go-live 2023-04-01") }
        return h
    }

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        guard let outArg = args.value(.out) else { throw .usage("sample needs --out FILE", hint: "e.g. --out data/sample-contacts.csv") }
        let options = try options(args, context: context)
        var taxonomy: Taxonomy?
        if let t = args.value(.taxonomy) {
            let path = try context.resolve(t, argument: "--taxonomy")
            taxonomy = try Taxonomy.load(path, display: context.display(path))
        }
        let generator = try SampleGenerator(options: options, taxonomy: taxonomy)
        var file = try AtomicFileWriter(path: try context.resolve(outArg, argument: "--out"))
        let days = options.days
        let progress: ((Int, Int) -> Void)? = context.showProgress
            ? { day, rows in if day % 10 == 0 || day == days { context.log("sample: day \(day)/\(days), \(rows) rows") } }
            : nil
        do {
            try generator.generate(into: &file, progress: progress)
            try file.commit()
        } catch {
            file.abort()
            throw error
        }
        return nil
    }
}
