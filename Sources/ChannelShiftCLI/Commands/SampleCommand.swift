// `channelshift sample`: deterministic synthetic contact data, canonical CSV or a messy telephony export.
import ChannelShiftKit

public enum SampleCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "sample",
        summary: "generate deterministic synthetic contact data (canonical CSV or a telephony export)",
        usage: "channelshift sample --rows N --out FILE [--seed S] [--taxonomy FILE] [--start DATE --end DATE] [--style canonical|telephony]",
        discussion: """
        Writes exactly N contacts sorted by time, calibrated to published county-council figures (about
        35,000 phone calls offered a month at the default 230,000 rows over five months, about 12% abandoned,
        repeat contact within 7 days, 23-35% of callers with no email on file by reason). The same arguments
        give the same bytes. --style telephony writes the same contacts as a messy telephony export (BOM,
        CRLF, ';', dd/mm/yyyy, mm:ss); read it with --mapping Models/mappings/telephony.csv.
        """,
        options: [
            OptionSpec("rows", value: "N", help: "number of contacts to write (1 to 999,999,999)"),
            OptionSpec("out", value: "FILE", help: "output file, written atomically"),
            OptionSpec("seed", value: "S", help: "random seed (default 42)"),
            OptionSpec("taxonomy", value: "FILE", help: "wrap codes to draw reasons from, most frequent first (default: the built-in Models/wrap-codes.csv)"),
            OptionSpec("start", value: "YYYY-MM-DD", help: "first day (default 2022-07-01)"),
            OptionSpec("end", value: "YYYY-MM-DD", help: "last day, inclusive (default 2022-11-30)"),
            OptionSpec("style", value: "canonical|telephony", help: "output layout (default canonical)", allowed: SampleStyle.allCases.map(\.rawValue)),
            OptionSpec("quiet", help: "no progress on stderr"),
        ],
        example: "channelshift sample --rows 230000 --seed 42 --taxonomy Models/wrap-codes.csv --out data/sample-contacts.csv"
    )

    public static func options(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> SampleOptions {
        guard args.value("rows") != nil else { throw .usage("sample needs --rows N", hint: "e.g. --rows 230000") }
        let rows = try args.int("rows", default: 0, range: 1...999_999_999)
        var o = SampleOptions(rows: rows, seed: context.seed)
        o.style = args.value("style").flatMap(SampleStyle.init(rawValue:)) ?? .canonical
        for (name, keyPath) in [("start", \SampleOptions.start), ("end", \SampleOptions.end)] {
            guard let raw = args.value(name) else { continue }
            guard let d = CivilDate(iso: raw) else {
                throw .usage("--\(name) expects a date YYYY-MM-DD, got '\(raw)'", hint: "e.g. --\(name) 2022-07-01")
            }
            o[keyPath: keyPath] = d
        }
        guard (7...3660).contains(o.days) else {
            throw .usage("the period from --start to --end must be 7 days to 10 years, got \(o.days) days",
                         hint: "at least a week keeps weekdays and weekends in the data")
        }
        return o
    }

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        guard let outArg = args.value("out") else { throw .usage("sample needs --out FILE", hint: "e.g. --out data/sample-contacts.csv") }
        let options = try options(args, context: context)
        var taxonomy: Taxonomy?
        if let t = args.value("taxonomy") {
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
