// `channelshift capacity`: advisers needed per interval under Erlang C and Erlang A, scheduled FTE and the gap.
import ChannelShiftKit
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
            OptionSpec(.interval, value: "MINUTES", help: "interval length: 15, 30 or 60 (default 30)"),
            OptionSpec(.targetSl, value: "PCT", help: "service-level target, e.g. 90% (default: assumption service_level, else 90%)"),
            OptionSpec(.within, value: "SECONDS", help: "answered within this many seconds (default: service_level_seconds, else 180)"),
            OptionSpec(.targetAsa, value: "SECONDS", help: "size for an average speed of answer instead of a service level"),
            OptionSpec(.slDefinition, value: "DEF", help: "answered within T over: offered (default), answered, offered_less_short_abandons",
                       allowed: ServiceLevelDefinition.allCases.map(\.rawValue)),
            OptionSpec(.patience, value: "SECONDS", help: "mean patience for Erlang A (default: estimated from the data)"),
            OptionSpec(.shrinkage, value: "PCT", help: "paid time not available for calls (default: assumption shrinkage)"),
            OptionSpec(.maxOccupancy, value: "PCT", help: "occupancy cap (default: assumption occupancy)"),
            OptionSpec(.agents, value: "N", help: "reverse calculation: service level, ASA, abandonment and occupancy with N agents"),
            OptionSpec(.rostered, value: "FTE", help: "rostered FTE, for the capacity gap"),
            OptionSpec(.fractional, help: "fractional agents (interpolated) instead of whole agents per interval"),
            OptionSpec(.benchIntervals, value: "N", help: "(benchmark) size N synthetic intervals and print the time taken", hidden: true),
        ],
        positionals: "FILE...",
        example: "channelshift capacity --target-sl 90% --within 180 --shrinkage 30% --charts Reports/capacity data/sample-contacts.csv")

    static let patienceKey = AssumptionKey("patience", AssumptionUnit(.seconds), source: "estimated from the data's abandoned calls",
                                           "mean time callers wait before hanging up, for Erlang A")

    static let rosteredKey = AssumptionKey("rostered_fte", AssumptionUnit(.fte), source: "", "FTE rostered on the phones, for the capacity gap")

    public static var assumptionKeys: [AssumptionKey] {
        [.paidHours, .shrinkage, .occupancy, .serviceLevel, .serviceLevelSeconds, .establishmentFTE, .vacancyRate] + [
            patienceKey,
            rosteredKey,
        ]
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        if args.value(.benchIntervals) != nil { return try bench(args) }
        var (settings, uses) = try settings(args, assumptions: context.assumptions)
        // Options pass the same plausibility table as assumption files: impossible values were refused in
        // settings(); implausible ones are used as given and warned about here.
        let flagged: [(flag: OptionName, key: String, value: Double?)] = [
            (.shrinkage, AssumptionKey.shrinkage.name, settings.shrinkage), (.maxOccupancy, AssumptionKey.occupancy.name, settings.maxOccupancy),
            (.within, AssumptionKey.serviceLevelSeconds.name, settings.withinSeconds)]
        for f in flagged where args.value(f.flag) != nil {
            if let v = f.value { for w in try Plausibility.checkFlag(f.flag.rawValue, key: f.key, value: v, display: { f.key == "service_level_seconds" ? Format.number($0) + " s" : Format.percent($0, decimals: 0) }) { context.log(w) } }
        }
        let data = try ContactData.load(args, context: context, trackRepeats: false, intervalSummaries: true)
        try ContactData.requireIntervalAtLeast(settings.intervalMinutes, data.ingest)
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
        // Without a given patience, the one the business case uses: calibrated so that Erlang A reproduces the
        // observed abandonment per interval and the measured service level (PhoneBaseline.serviceForecast).
        if settings.patienceSeconds == nil,
           let f = try PhoneBaseline.serviceForecast(data.cube, assumptions: context.assumptions, withinSeconds: settings.withinSeconds),
           f.measuredToday != nil {
            settings.patienceSeconds = f.patienceSeconds
            settings.patienceSource = "calibrated so that Erlang A reproduces the abandonment in each interval and the measured service level"
            uses.append(AssumptionUse(key: patienceKey.name, display: Format.number(f.patienceSeconds, decimals: 0) + " s", unit: "s",
                                      source: "calibrated to the data's abandonment and waits (the same as the business case)"))
        }
        var report = CapacityReport.build(Capacity.analyse(capacityData, settings: settings), data: capacityData, assumptions: uses)
        report.method += data.ingest.intervalSummaries.flatMap(\.basis)
        return report
    }

    /// Typed settings from options, assumptions and defaults, resolved once (each option before its assumption,
    /// each assumption before its default), with the assumptions used and where each came from.
    static func settings(_ args: ParsedArguments, assumptions set: AssumptionSet) throws(ToolError) -> (CapacitySettings, [AssumptionUse]) {
        var settings = CapacitySettings()
        var uses: [AssumptionUse] = []
        /// An option, else an assumption, else the default; each recorded with where it came from, and option and
        /// assumption checked by the same rule (AssumptionRules).
        func pick(_ option: Double?, optionName: OptionName?, key: AssumptionKey, fallback: Double, fallbackSource: String,
                  show: (Double) -> String, unit: String) throws(ToolError) -> Double {
            if let v = option {
                let optionName = optionName?.rawValue ?? ""
                try AssumptionRules.check(key.name, v, option: optionName)
                uses.append(AssumptionUse(key: key.name, display: show(v), unit: unit, source: "command line --\(optionName)"))
                return v
            }
            if let a = try set.value(key) { uses.append(a.use); return a.central }
            uses.append(AssumptionUse(key: key.name, display: show(fallback), unit: unit, source: fallbackSource + " (default)"))
            return fallback
        }
        let pct = { (v: Double) in Format.percent(v, decimals: 0) }
        let secs = { (v: Double) in Format.number(v, decimals: 0) + " s" }
        func keyDefault(_ k: AssumptionKey) -> (Double, String) { (k.defaultValue ?? 0, k.defaultSource) }
        settings.intervalMinutes = try QueueOptions.intervalMinutes(args)
        if let asa = try QueueOptions.seconds(args, .targetAsa, allowZero: false) {
            guard args.value(.targetSl) == nil else {
                throw .usage("give --target-sl or --target-asa, not both", hint: "size either for a service level or for an average wait")
            }
            settings.target = .averageWait(seconds: asa)
            uses.append(AssumptionUse(key: "target_asa", display: secs(asa), unit: "s", source: "command line --target-asa"))
        } else {
            let sl = try pick(try QueueOptions.fraction(args, .targetSl, range: 0.01...0.9999), optionName: .targetSl,
                              key: .serviceLevel, fallback: 0.9,
                              fallbackSource: "council practice: 90% answered within 3 minutes", show: pct, unit: "%")
            let within = try pick(try QueueOptions.seconds(args, .within), optionName: .within, key: .serviceLevelSeconds,
                                  fallback: 180, fallbackSource: "council practice: 90% answered within 3 minutes",
                                  show: secs, unit: "s")
            settings.target = .serviceLevel(fraction: sl, withinSeconds: within)
        }
        settings.definition = args.value(.slDefinition).flatMap(ServiceLevelDefinition.init(rawValue:)) ?? .ofOffered
        let (shrinkDefault, shrinkSource) = keyDefault(.shrinkage)
        settings.shrinkage = try pick(try QueueOptions.fraction(args, .shrinkage, range: 0...0.95), optionName: .shrinkage,
                                      key: .shrinkage, fallback: shrinkDefault, fallbackSource: shrinkSource,
                                      show: pct, unit: "%")
        let (occDefault, occSource) = keyDefault(.occupancy)
        settings.maxOccupancy = try pick(try QueueOptions.fraction(args, .maxOccupancy, range: 0.05...1), optionName: .maxOccupancy,
                                         key: .occupancy, fallback: occDefault, fallbackSource: occSource,
                                         show: pct, unit: "%")
        let (paidDefault, paidSource) = keyDefault(.paidHours)
        settings.paidHoursPerYear = try pick(nil, optionName: nil, key: .paidHours, fallback: paidDefault,
                                             fallbackSource: paidSource, show: { Format.number($0 / 3600) + " h" },
                                             unit: "h per FTE per year") / 3600
        if let p = try QueueOptions.seconds(args, .patience, allowZero: false) {
            settings.patienceSeconds = p
            uses.append(AssumptionUse(key: CapacityCommand.patienceKey.name, display: secs(p), unit: "s", source: "command line --patience"))
        } else if let a = try set.value(CapacityCommand.patienceKey) {
            settings.patienceSeconds = a.central
            uses.append(a.use)
        }
        if args.value(.agents) != nil { settings.agents = try args.int(.agents, default: 0, range: 0...1_000_000) }
        if let r = args.value(.rostered) {
            let v: Double
            do { v = try Quantity.number(r, QuantityFormat(bare: .plain, allowNegative: false, spaces: false)) } catch {
                throw .usage("--rostered '\(r)' is not a number of FTE", hint: "e.g. --rostered 42.5")
            }
            settings.rosteredFTE = v
            uses.append(AssumptionUse(key: rosteredKey.name, display: Format.number(v, decimals: 1) + " FTE", unit: "FTE", source: "command line --rostered"))
        } else if let a = try set.value(rosteredKey.name, rosteredKey.unit.base) {
            settings.rosteredFTE = a.central
            uses.append(a.use)
        } else if let e = try set.value(.establishmentFTE) {
            // One establishment per notebook: without a rostered figure, the gap is to the posts in post.
            let vacancy = try set.value(.vacancyRate)?.central ?? 0
            settings.rosteredFTE = e.central * (1 - vacancy)
            uses.append(e.use)
            if let v = set[.vacancyRate] { uses.append(v.use) }
        }
        settings.fractional = args.flag(.fractional)
        return (settings, uses)
    }

    /// Hidden benchmark path: N synthetic 30-minute intervals, calls 1 + (i × 7919) mod 400 (1–400), AHT 300 s,
    /// 80% within 20 s under Erlang C; the same inputs as Benchmarks/capacity_peer.py gives pyworkforce.
    /// Prints the sizing time (the only place the tool reads a clock) and a checksum of the agents.
    static func bench(_ args: ParsedArguments) throws(ToolError) -> AnalysisReport {
        let n = try args.int(.benchIntervals, default: 100_000, range: 1...100_000_000)
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
