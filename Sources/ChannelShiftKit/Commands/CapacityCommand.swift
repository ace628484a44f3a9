// `channelshift capacity`: advisers needed per interval under Erlang C and Erlang A, scheduled FTE and the gap.
import Foundation

public enum CapacityCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "capacity",
        summary: "advisers needed per interval for a service level (Erlang C and Erlang A), scheduled FTE and capacity gap",
        usage: "channelshift capacity [options] FILE...",
        discussion: """
        Phone calls per interval (typical weekday profile, peak and every day of the data), offered load from calls
        and AHT, then the agents needed for the target under Erlang C (callers wait for ever) and Erlang A (callers
        abandon after an exponential patience, estimated from the data or given). Shrinkage and an occupancy cap
        turn agents into scheduled FTE. --agents gives the reverse calculation; --rostered the capacity gap.
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + [
            OptionSpec("interval", value: "MINUTES", help: "interval length: 15, 30 or 60 (default 30)"),
            OptionSpec("target-sl", value: "PCT", help: "service-level target, e.g. 90% (default: assumption service_level, else 90%)"),
            OptionSpec("within", value: "SECONDS", help: "answered within this many seconds (default: service_level_seconds, else 180)"),
            OptionSpec("target-asa", value: "SECONDS", help: "size for an average speed of answer instead of a service level"),
            OptionSpec("sl-definition", value: "DEF", help: "answered within T over: offered (default), answered, offered_less_short_abandons",
                       allowed: ServiceLevelDefinition.allCases.map(\.rawValue)),
            OptionSpec("patience", value: "SECONDS", help: "mean patience for Erlang A (default: estimated from the data)"),
            OptionSpec("shrinkage", value: "PCT", help: "paid time not available for calls (default: assumption shrinkage)"),
            OptionSpec("max-occupancy", value: "PCT", help: "occupancy cap (default: assumption occupancy)"),
            OptionSpec("agents", value: "N", help: "reverse calculation: service level, ASA, abandonment and occupancy with N agents"),
            OptionSpec("rostered", value: "FTE", help: "rostered FTE, for the capacity gap"),
            OptionSpec("fractional", help: "fractional agents (interpolated) instead of whole agents per interval"),
            OptionSpec("bench-intervals", value: "N", help: "(benchmark) size N synthetic intervals and print the time taken", hidden: true),
        ],
        positionals: "FILE...",
        example: "channelshift capacity --target-sl 90% --within 180 --shrinkage 30% --charts Reports/capacity data/sample-contacts.csv")

    static let sharedKeyNames = ["shrinkage", "occupancy", "paid_hours", "service_level", "service_level_seconds"]

    public static var assumptionKeys: [AssumptionKey] {
        Scenario.keys.filter { sharedKeyNames.contains($0.name) } + [
            AssumptionKey("patience", AssumptionUnit(.seconds), source: "estimated from the data's abandoned calls",
                          "mean time callers wait before hanging up, for Erlang A"),
            AssumptionKey("rostered_fte", AssumptionUnit(.fte), source: "", "FTE rostered on the phones, for the capacity gap"),
        ]
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        if args.value("bench-intervals") != nil { return try bench(args) }
        var settings = CapacitySettings()
        var uses: [AssumptionUse] = []
        let set = context.assumptions
        /// An option, else an assumption, else the default; each recorded with where it came from.
        func pick(_ option: Double?, optionName: String, key: String, base: BaseUnit, fallback: Double, fallbackSource: String,
                  show: (Double) -> String, unit: String) throws(ToolError) -> Double {
            if let v = option {
                uses.append(AssumptionUse(key: key, display: show(v), unit: unit, source: "command line --\(optionName)"))
                return v
            }
            if let a = try set.value(key, base) { uses.append(a.use); return a.central }
            uses.append(AssumptionUse(key: key, display: show(fallback), unit: unit, source: fallbackSource + " (default)"))
            return fallback
        }
        let pct = { (v: Double) in Format.percent(v, decimals: 0) }
        let secs = { (v: Double) in Format.number(v, decimals: 0) + " s" }
        func keyDefault(_ name: String) -> (Double, String) {
            let k = Scenario.keys.first { $0.name == name }
            return (k?.defaultValue ?? 0, k?.defaultSource ?? "")
        }
        settings.intervalMinutes = try QueueOptions.intervalMinutes(args)
        if let asa = try QueueOptions.seconds(args, "target-asa", allowZero: false) {
            guard args.value("target-sl") == nil else {
                throw .usage("give --target-sl or --target-asa, not both", hint: "size either for a service level or for an average wait")
            }
            settings.target = .averageWait(seconds: asa)
            uses.append(AssumptionUse(key: "target_asa", display: secs(asa), unit: "s", source: "command line --target-asa"))
        } else {
            let sl = try pick(try QueueOptions.fraction(args, "target-sl", range: 0.01...0.9999), optionName: "target-sl",
                              key: "service_level", base: .fraction, fallback: 0.9,
                              fallbackSource: "council practice: 90% answered within 3 minutes", show: pct, unit: "%")
            let within = try pick(try QueueOptions.seconds(args, "within"), optionName: "within", key: "service_level_seconds",
                                  base: .seconds, fallback: 180, fallbackSource: "council practice: 90% answered within 3 minutes",
                                  show: secs, unit: "s")
            settings.target = .serviceLevel(fraction: sl, withinSeconds: within)
        }
        settings.definition = args.value("sl-definition").flatMap(ServiceLevelDefinition.init(rawValue:)) ?? .ofOffered
        let (shrinkDefault, shrinkSource) = keyDefault("shrinkage")
        settings.shrinkage = try pick(try QueueOptions.fraction(args, "shrinkage", range: 0...0.95), optionName: "shrinkage",
                                      key: "shrinkage", base: .fraction, fallback: shrinkDefault, fallbackSource: shrinkSource,
                                      show: pct, unit: "%")
        let (occDefault, occSource) = keyDefault("occupancy")
        settings.maxOccupancy = try pick(try QueueOptions.fraction(args, "max-occupancy", range: 0.05...1), optionName: "max-occupancy",
                                         key: "occupancy", base: .fraction, fallback: occDefault, fallbackSource: occSource,
                                         show: pct, unit: "%")
        let (paidDefault, paidSource) = keyDefault("paid_hours")
        settings.paidHoursPerYear = try pick(nil, optionName: "", key: "paid_hours", base: .seconds, fallback: paidDefault,
                                             fallbackSource: paidSource, show: { Format.number($0 / 3600) + " h" },
                                             unit: "s per FTE per year") / 3600
        guard settings.paidHoursPerYear > 0 else {
            throw .data("assumption 'paid_hours' must be above zero", at: set["paid_hours"]?.location, hint: "e.g. paid_hours = 1,924 h per FTE per year")
        }
        if let p = try QueueOptions.seconds(args, "patience", allowZero: false) {
            settings.patienceSeconds = p
            uses.append(AssumptionUse(key: "patience", display: secs(p), unit: "s", source: "command line --patience"))
        } else if let a = try set.value("patience", .seconds) {
            guard a.central > 0 else { throw .data("assumption 'patience' must be above zero", at: a.location, hint: "e.g. patience = 120 s") }
            settings.patienceSeconds = a.central
            uses.append(a.use)
        }
        if args.value("agents") != nil { settings.agents = try args.int("agents", default: 0, range: 0...1_000_000) }
        if let r = args.value("rostered") {
            guard let v = Double(r), v.isFinite, v >= 0 else { throw .usage("--rostered '\(r)' is not a number of FTE", hint: "e.g. --rostered 42.5") }
            settings.rosteredFTE = v
            uses.append(AssumptionUse(key: "rostered_fte", display: Format.number(v, decimals: 1) + " FTE", unit: "FTE", source: "command line --rostered"))
        } else if let a = try set.value("rostered_fte", .fte) {
            settings.rosteredFTE = a.central
            uses.append(a.use)
        }
        settings.fractional = args.flag("fractional")

        let data = try ContactData.load(args, context: context, trackRepeats: false)
        let capacityData = CapacityData.from(data.cube, intervalMinutes: settings.intervalMinutes)
        guard capacityData.offered > 0 else {
            throw .data("the data has no phone calls", hint: "capacity sizes the phone queue: check the channel column and mapping")
        }
        guard capacityData.dateOnlyCalls < capacityData.offered else {
            throw .data("the phone calls have dates but no times of day, so no interval can be sized",
                        hint: "map a time column (a mapping line 'column,time,HEADER,'), or use 'project', which spreads a week's calls over opening_hours")
        }
        guard capacityData.ahtSeconds > 0 else {
            throw .data("no answered phone call has a handle time, so the AHT is unknown",
                        hint: "check the handle-time column is mapped")
        }
        let result = Capacity.analyse(capacityData, settings: settings)
        var report = CapacityReport.build(result, data: capacityData, assumptions: uses)
        report.inputs = data.ingest.provenance
        return report
    }

    /// Hidden benchmark path: N synthetic 30-minute intervals, calls 1 + (i × 7919) mod 400 (1–400), AHT 300 s,
    /// 80% within 20 s under Erlang C; the same inputs as Benchmarks/capacity_peer.py gives pyworkforce.
    /// Prints the sizing time (the only place the tool reads a clock) and a checksum of the agents.
    static func bench(_ args: ParsedArguments) throws(ToolError) -> AnalysisReport {
        let n = try args.int("bench-intervals", default: 100_000, range: 1...100_000_000)
        let calls = (0..<n).map { Double(1 + ($0 * 7919) % 400) }
        let target = ServiceTarget.serviceLevel(fraction: 0.8, withinSeconds: 20)
        let clock = ContinuousClock()
        var agentsC: [Double] = []
        let elapsedC = clock.measure {
            agentsC = Capacity.requiredAgents(calls: calls, ahtSeconds: 300, intervalSeconds: 1800, target: target, model: .erlangC)
        }
        let sampleA = Array(calls.prefix(min(n, 10_000)))
        var agentsA: [Double] = []
        let elapsedA = clock.measure {
            agentsA = Capacity.requiredAgents(calls: sampleA, ahtSeconds: 300, intervalSeconds: 1800, target: target,
                                              model: .erlangA(patienceSeconds: 120))
        }
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        let sc = seconds(elapsedC), sa = seconds(elapsedA)
        let values: [String: NamedValue] = [
            "bench_intervals": NamedValue(Double(n), display: Format.count(n), unit: "intervals"),
            "bench_seconds_erlang_c": NamedValue(sc, display: Format.number(sc, decimals: 4) + " s", unit: "s"),
            "bench_agents_sum_erlang_c": NamedValue(agentsC.reduce(0, +), display: Format.number(agentsC.reduce(0, +)), unit: "agents"),
            "bench_microseconds_per_interval_erlang_a": NamedValue(sa / Double(max(1, agentsA.count)) * 1e6,
                display: Format.number(sa / Double(max(1, agentsA.count)) * 1e6, decimals: 2) + " µs", unit: "µs"),
        ]
        return AnalysisReport(command: "capacity", title: "Capacity sizing benchmark",
                              summary: ["Sized \(Format.count(n)) intervals under Erlang C in \(Format.number(sc, decimals: 4)) s (sum of agents \(Format.number(agentsC.reduce(0, +)))); Erlang A took \(Format.number(sa / Double(max(1, agentsA.count)) * 1e6, decimals: 2)) µs per interval over \(Format.count(agentsA.count)) intervals."],
                              values: values)
    }
}
