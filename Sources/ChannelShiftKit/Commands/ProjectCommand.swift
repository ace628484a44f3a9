// `channelshift project`: the business case for a channel-shift scenario against FTE and budget.
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
            OptionSpec("ceiling", value: "FILE", help: "shiftable ceiling per reason: CSV line,reason,low,central,high (default: computed by the exclusion analysis from the same data and --taxonomy)"),
            OptionSpec("simulations", value: "N", help: "Monte Carlo draws over every ranged assumption (default 0: off)"),
        ],
        positionals: "FILE...",
        example: "channelshift project --assumptions Models/waste-channel-shift.md --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static var assumptionKeys: [AssumptionKey] { Scenario.keys }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let simulations = try args.int("simulations", default: 0, range: 0...100_000)
        var ceiling: CeilingTable?
        if let c = args.value("ceiling") {
            let path = try context.resolve(c, argument: "--ceiling")
            ceiling = try ShiftCeiling.load(path, display: context.display(path))
        }
        let data = try ContactData.load(args, context: context, trackRepeats: false)
        // Without a ceiling file, the ceiling comes from the exclusion analysis of the same data and taxonomy,
        // so the plan is capped by exactly the figures the equality section reports.
        if ceiling == nil, data.taxonomy != nil {
            ceiling = ShiftCeiling.fromExclusion(Exclusion.analyse(Exclusion.input(cube: data.cube, wraps: data.wraps, repeats: nil,
                                                                                   taxonomy: data.taxonomy, areaIndex: nil)),
                                                 source: "exclusion analysis of the same data")
        }
        let (baseline, note) = PhoneBaseline.fromCube(data.cube, wraps: data.wraps)
        guard !baseline.isEmpty else {
            throw .data("the contact data has no phone contacts", hint: "project works from the phone baseline; check the channel column")
        }
        let queue = try PhoneBaseline.queueCurve(data.cube, assumptions: context.assumptions)
        var report = try ProjectReport.build(baseline: baseline, assumptions: context.assumptions, ceiling: ceiling,
                                             queue: queue, options: ProjectOptions(suppressBelow: try CommonOptions.suppression(args),
                                                                                   simulations: simulations, seed: context.seed, baselineNote: note))
        report.inputs = data.ingest.provenance
        let known = Set(baseline.map { CeilingTable.slug($0.code) })
        let unused = (ceiling?.shares.keys.filter { !known.contains(CeilingTable.slug($0)) } ?? []).sorted()
        if !unused.isEmpty {
            report.blocks.append(.paragraph("The ceiling file names \(unused.count) reason\(unused.count == 1 ? "" : "s") with no phone calls in the data, not used: " + unused.map { "\($0.line) / \($0.reason)" }.joined(separator: "; ") + "."))
        }
        return report
    }
}

/// The phone baseline and its interval profile, read from the cube.
public enum PhoneBaseline {
    /// Annual phone contacts and AHT per wrap code, in (line, reason) order. The data's span is scaled to a year:
    /// × 365 ÷ days from the first to the last contact (inclusive).
    public static func fromCube(_ cube: ContactCube, wraps: WrapDictionary) -> ([WrapBaseline], String) {
        let days = spanDays(cube)
        let factor = 365 / Double(days)
        let phone = cube.stats(channel: .phone)
        let overallAHT = phone.handleCount > 0 ? Double(phone.handleSum) / Double(phone.handleCount) : 0
        var out: [WrapBaseline] = []
        var fallbacks = 0
        for id in wraps.sortedIDs {
            let s = cube.stats(wrap: id, channel: .phone)
            guard s.contacts > 0 else { continue }
            let aht: Double
            if s.handleCount > 0 { aht = Double(s.handleSum) / Double(s.handleCount) } else { aht = overallAHT; fallbacks += 1 }
            out.append(WrapBaseline(code: wraps.code(id), phoneContactsPerYear: Double(s.contacts) * factor, handleSeconds: aht,
                                    phoneContactsInData: s.contacts))
        }
        var note = "Baseline: phone contacts per reason in the data, scaled to a year (× 365 ÷ \(Format.count(days)) days covered); handle time is each reason's mean over calls with a handle time."
        if fallbacks > 0 { note += " \(fallbacks) reason\(fallbacks == 1 ? " has" : "s have") no handle times and use the overall phone mean." }
        return (out, note)
    }

    static func spanDays(_ cube: ContactCube) -> Int {
        guard cube.firstStart <= cube.lastStart else { return 365 }
        let first = CivilTime.floorDiv(cube.firstStart, 86400), last = CivilTime.floorDiv(cube.lastStart, 86400)
        return Int(last - first) + 1
    }

    /// Average phone calls in each weekday × 15-minute interval of the period (calls in that slot ÷ how many of
    /// that weekday the period has), tabulated into required agent-hours a year at the service-level target.
    /// Calls with a date but no time of day are in no interval (the cube keeps them apart). When some calls have
    /// times, their shape carries the date-only calls too (each interval scaled by all calls ÷ timed calls); when
    /// none has (seven or fewer intervals used), the week's calls are spread evenly over `opening_hours` instead:
    /// a flat profile, which understates peaks and so the advisers needed.
    public static func queueCurve(_ cube: ContactCube, assumptions set: AssumptionSet) throws(ToolError) -> QueueCurve? {
        let phone = cube.stats(channel: .phone)
        guard phone.handleCount > 0, cube.firstStart <= cube.lastStart else { return nil }
        let aht = Double(phone.handleSum) / Double(phone.handleCount)
        let first = Int(CivilTime.floorDiv(cube.firstStart, 86400)), last = Int(CivilTime.floorDiv(cube.lastStart, 86400))
        var weekdays = [Int](repeating: 0, count: 7)
        for d in first...last { weekdays[CivilTime.weekday(days: d)] += 1 }
        var calls: [Double] = []
        for wd in 0..<7 {
            for slot in 0..<ContactCube.slotsPerDay {
                let n = cube.byWeekdaySlot[(wd * ContactCube.slotsPerDay + slot) * Channel.count + Int(Channel.phone.rawValue)].contacts
                calls.append(weekdays[wd] > 0 ? Double(n) / Double(weekdays[wd]) : 0)
            }
        }
        var profile = "average phone calls in each weekday × \(ContactCube.slotMinutes)-minute interval of the data"
        let dateOnly = cube.phoneDateOnlyByDay.values.reduce(0) { $0 + $1.contacts }
        let dateOnlyPerWeek = Double(dateOnly) * 7 / Double(last - first + 1)
        let timedPerWeek = calls.reduce(0, +)
        if dateOnly > 0 && calls.filter({ $0 > 0 }).count > 7 && timedPerWeek > 0 {
            let scale = (timedPerWeek + dateOnlyPerWeek) / timedPerWeek
            calls = calls.map { $0 * scale }
            profile += "; \(Format.count(dateOnly)) calls with a date but no time are spread in the same shape as the timed calls"
        }
        if calls.filter({ $0 > 0 }).count <= 7 {
            let opening = try Scenario.central(set, "opening_hours", .seconds) / 3600
            let slots = Int((opening * 60 / Double(ContactCube.slotMinutes)).rounded())
            guard slots > 0 else { return nil }
            let weekly = calls.reduce(0, +) + dateOnlyPerWeek
            calls = [Double](repeating: weekly / Double(slots), count: slots)
            profile = "the data has no times of day, so a flat profile: the week's calls spread evenly over \(Format.number(opening)) opening hours"
        }
        let target = try Scenario.central(set, "service_level", .fraction)
        let seconds = try Scenario.central(set, "service_level_seconds", .seconds)
        let slotSeconds = Double(ContactCube.slotMinutes * 60)
        let desc = "Profile: \(profile); target \(Format.percent(target, decimals: 0)) answered within \(Format.number(seconds)) s; AHT \(Format.number(aht, decimals: 0)) s; a year is 365 ÷ 7 weeks. Erlang C (callers wait rather than abandon) is used: it needs no patience figure and is the usual planning model; Erlang A would need fewer advisers."
        return QueueCurve.build(callsPerSlot: calls, slotsPerYearFactor: 365.0 / 7.0, slotHours: slotSeconds / 3600, handleSeconds: aht,
                                description: desc) { n, h in
            Staffing.requiredAgents(load: IntervalLoad(calls: n, ahtSeconds: h, intervalSeconds: slotSeconds),
                                    target: .serviceLevel(fraction: target, withinSeconds: seconds), model: .erlangC).agents
        }
    }
}
