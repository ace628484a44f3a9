// Queue-aware staffing from contact data: per-interval load, agents under Erlang C and Erlang A, FTE and gap.

/// What the planner asks for.
public struct CapacitySettings: Sendable, Equatable {
    public var intervalMinutes = 30
    public var target = ServiceTarget.serviceLevel(fraction: 0.9, withinSeconds: 180)
    public var definition = ServiceLevelDefinition.ofOffered
    /// Mean patience for Erlang A; nil estimates it from the data.
    public var patienceSeconds: Double?
    /// How a given patience was found, for the report ("as given" when nil).
    public var patienceSource: String?
    public var maxOccupancy: Double?
    public var shrinkage = 0.33
    public var paidHoursPerYear = 1_924.0
    /// Reverse calculation: how the intervals perform with this many agents in position.
    public var agents: Int?
    public var rosteredFTE: Double?
    public var fractional = false

    public init() {}

    public var paidHoursPerWeek: Double { paidHoursPerYear / 52 }
    public var intervalSeconds: Double { Double(intervalMinutes * 60) }
    /// The "within T" used for service levels: the target's T, or the ASA target itself.
    public var withinSeconds: Double {
        switch target {
        case .serviceLevel(_, let t): return t
        case .averageWait(let t): return t
        }
    }
}

/// Phone demand as the capacity analysis needs it, taken from the cube.
public struct CapacityData: Sendable, Equatable {
    /// Calls offered per interval of each day with phone calls, days in ascending order.
    public var days: [(day: Int, calls: [Double])]
    public var ahtSeconds: Double
    /// Total time all phone callers with a recorded wait spent waiting (answered and abandoned).
    public var totalWaitSeconds: Double
    public var abandoned: Int
    public var offered: Int
    public var intervalMinutes: Int
    /// Phone calls with a date but no time of day: left out of `days` (their interval is unknown).
    public var dateOnlyCalls = 0

    public init(days: [(day: Int, calls: [Double])], ahtSeconds: Double, totalWaitSeconds: Double, abandoned: Int,
                offered: Int, intervalMinutes: Int) {
        self.days = days
        self.ahtSeconds = ahtSeconds
        self.totalWaitSeconds = totalWaitSeconds
        self.abandoned = abandoned
        self.offered = offered
        self.intervalMinutes = intervalMinutes
    }

    public static func == (a: CapacityData, b: CapacityData) -> Bool {
        a.days.map(\.day) == b.days.map(\.day) && a.days.map(\.calls) == b.days.map(\.calls) && a.ahtSeconds == b.ahtSeconds
            && a.totalWaitSeconds == b.totalWaitSeconds && a.abandoned == b.abandoned && a.offered == b.offered
            && a.intervalMinutes == b.intervalMinutes && a.dateOnlyCalls == b.dateOnlyCalls
    }

    /// Phone calls per day × interval from the cube's 15-minute slots, AHT from answered calls' handle times.
    public static func from(_ cube: ContactCube, intervalMinutes: Int) -> CapacityData {
        let group = max(1, intervalMinutes / ContactCube.slotMinutes)
        let perDay = ContactCube.slotsPerDay / group
        var days: [(day: Int, calls: [Double])] = []
        for day in cube.phoneByDaySlot.keys.sorted() {
            guard let slots = cube.phoneByDaySlot[day] else { continue }
            var calls = [Double](repeating: 0, count: perDay)
            for (s, stats) in slots.enumerated() { calls[min(s / group, perDay - 1)] += Double(stats.contacts) }
            days.append((day, calls))
        }
        let phone = cube.stats(channel: .phone)
        let aht = phone.handleCount > 0 ? Double(phone.handleSum) / Double(phone.handleCount) : 0
        var data = CapacityData(days: days, ahtSeconds: aht, totalWaitSeconds: Double(phone.waitSum), abandoned: phone.abandoned,
                                offered: phone.contacts, intervalMinutes: intervalMinutes)
        data.dateOnlyCalls = cube.phoneDateOnlyByDay.values.reduce(0) { $0 + $1.contacts }
        return data
    }

    /// Mean patience by the maximum-likelihood estimate for exponential patience with censoring: every caller's
    /// wait is an observation of patience, complete for those who abandoned and censored (patience was at least
    /// the wait) for those answered, so θ̂ = abandonments ÷ total time waited and the mean is its reciprocal
    /// (Brown et al. 2005, "Statistical analysis of a telephone call center", JASA 100(469), §6; Mandelbaum and
    /// Zeltyn 2007 use the same ratio, P(abandon) ÷ E[wait]). Nil when nobody abandoned.
    public var estimatedPatienceSeconds: Double? {
        guard abandoned > 0, totalWaitSeconds > 0 else { return nil }
        return totalWaitSeconds / Double(abandoned)
    }
}

/// One interval sized under both models (and, for a reverse calculation, its performance with given agents).
public struct SizedInterval: Sendable, Equatable {
    public var label: String
    public var calls: Double
    public var erlangs: Double
    public var erlangC: QueuePerformance
    public var erlangA: QueuePerformance
    public var reverseC: QueuePerformance?
    public var reverseA: QueuePerformance?
}

public struct CapacityResult: Sendable, Equatable {
    public var settings: CapacitySettings
    public var ahtSeconds: Double
    public var patienceSeconds: Double?
    public var patienceEstimated: Bool
    /// The average weekday (Monday to Friday) profile, intervals with calls only.
    public var weekday: [SizedInterval]
    public var peak: SizedInterval?
    public var peakWeekday: String
    /// Agent-hours in position a typical week needs, and the scheduled FTE that gives them.
    public var weeklyAgentHoursC: Double, weeklyAgentHoursA: Double
    public var fteC: Double, fteA: Double
    public var months: [(month: Int, calls: Double, fteC: Double, fteA: Double)]
    /// Service level against agents in the peak interval: (agents, SL Erlang C, SL Erlang A).
    public var curve: [(agents: Int, c: Double, a: Double)]
    public var daysWithCalls: Int

    public var gapC: Double? { settings.rosteredFTE.map { fteC > 0 ? (fteC - $0) / fteC : 0 } }
    public var gapA: Double? { settings.rosteredFTE.map { fteA > 0 ? (fteA - $0) / fteA : 0 } }

    public static func == (a: CapacityResult, b: CapacityResult) -> Bool {
        a.settings == b.settings && a.weekday == b.weekday && a.fteC == b.fteC && a.fteA == b.fteA
            && a.months.map(\.month) == b.months.map(\.month) && a.months.map(\.fteC) == b.months.map(\.fteC)
            && a.curve.map(\.agents) == b.curve.map(\.agents) && a.patienceSeconds == b.patienceSeconds
    }
}

public enum Capacity {
    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Agents required for each interval's calls: the many-interval path (`capacity --bench-intervals`,
    /// `make bench`). Each interval is an independent search (Erlang B recursion from 0 to ⌊A⌋ + 1, then one
    /// step per extra agent), so there is nothing to share between intervals.
    public static func requiredAgents(calls: [Double], ahtSeconds: Double, intervalSeconds: Double, target: ServiceTarget,
                                      model: QueueModel, maxOccupancy: Double? = nil, fractional: Bool = false,
                                      definition: ServiceLevelDefinition = .ofOffered) -> [Double] {
        var out = [Double](repeating: 0, count: calls.count)
        for i in calls.indices {
            let load = IntervalLoad(calls: calls[i], ahtSeconds: ahtSeconds, intervalSeconds: intervalSeconds)
            out[i] = Staffing.requiredAgents(load: load, target: target, model: model, maxOccupancy: maxOccupancy,
                                             fractional: fractional, definition: definition).agents
        }
        return out
    }

    static func models(_ s: CapacitySettings, patience: Double?) -> (QueueModel, QueueModel) {
        (.erlangC, patience.map { QueueModel.erlangA(patienceSeconds: $0) } ?? .erlangC)
    }

    static func size(_ calls: Double, label: String, aht: Double, settings s: CapacitySettings,
                     patience: Double?) -> SizedInterval {
        let load = IntervalLoad(calls: calls, ahtSeconds: aht, intervalSeconds: s.intervalSeconds)
        let (c, a) = models(s, patience: patience)
        func need(_ m: QueueModel) -> QueuePerformance {
            Staffing.requiredAgents(load: load, target: s.target, model: m, maxOccupancy: s.maxOccupancy,
                                    fractional: s.fractional, definition: s.definition)
        }
        func with(_ n: Int, _ m: QueueModel) -> QueuePerformance {
            Staffing.performance(agents: Double(n), load: load, model: m, withinSeconds: s.withinSeconds, definition: s.definition)
        }
        return SizedInterval(label: label, calls: calls, erlangs: load.erlangs, erlangC: need(c), erlangA: need(a),
                             reverseC: s.agents.map { with($0, c) }, reverseA: s.agents.map { with($0, a) })
    }

    static func clock(_ interval: Int, minutes: Int) -> String {
        let m = interval * minutes
        return CivilTime.pad(m / 60, 2) + ":" + CivilTime.pad(m % 60, 2)
    }

    /// Average calls per interval over the given days (none: an empty profile).
    static func average(_ days: [(day: Int, calls: [Double])], perDay: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: perDay)
        for d in days { for i in 0..<min(perDay, d.calls.count) { sum[i] += d.calls[i] } }
        return days.isEmpty ? sum : sum.map { $0 / Double(days.count) }
    }

    public static func analyse(_ data: CapacityData, settings: CapacitySettings) -> CapacityResult {
        var s = settings
        s.intervalMinutes = data.intervalMinutes
        let patience = s.patienceSeconds ?? data.estimatedPatienceSeconds
        let aht = data.ahtSeconds
        let perDay = 24 * 60 / data.intervalMinutes
        let hours = Double(data.intervalMinutes) / 60
        let byWeekday = (0..<7).map { wd in data.days.filter { CivilTime.weekday(days: $0.day) == wd } }

        // Average weekday (Monday–Friday) profile for the interval table.
        let weekdayCalls = average(byWeekday[0..<5].flatMap { $0 }, perDay: perDay)
        let weekday = weekdayCalls.enumerated().filter { $0.element > 0 }.map {
            size($0.element, label: clock($0.offset, minutes: data.intervalMinutes), aht: aht, settings: s, patience: patience)
        }

        // Typical week: each weekday's own average profile, sized interval by interval.
        var agentHoursC = 0.0, agentHoursA = 0.0
        var peak: SizedInterval?
        var peakDay = ""
        for wd in 0..<7 {
            for (i, calls) in average(byWeekday[wd], perDay: perDay).enumerated() where calls > 0 {
                let sized = size(calls, label: clock(i, minutes: data.intervalMinutes), aht: aht, settings: s, patience: patience)
                agentHoursC += sized.erlangC.agents * hours
                agentHoursA += sized.erlangA.agents * hours
                if peak == nil || sized.calls > peak!.calls { peak = sized; peakDay = weekdayNames[wd] }
            }
        }
        let fteC = Staffing.scheduledFTE(agents: agentHoursC / s.paidHoursPerWeek, shrinkage: s.shrinkage)
        let fteA = Staffing.scheduledFTE(agents: agentHoursA / s.paidHoursPerWeek, shrinkage: s.shrinkage)

        // Months from the actual days: agent-hours ÷ paid hours in the weeks of the month the data covers.
        var months: [(month: Int, calls: Double, fteC: Double, fteA: Double)] = []
        if let first = data.days.first?.day, let last = data.days.last?.day {
            let (mc, ma) = models(s, patience: patience)
            var current: (month: Int, calls: Double, hoursC: Double, hoursA: Double)?
            func close() {
                guard let m = current else { return }
                let y = m.month / 12, mo = m.month % 12 + 1
                let start = max(first, CivilTime.days(year: y, month: mo, day: 1))
                let end = min(last, CivilTime.days(year: y, month: mo, day: CivilTime.daysIn(month: mo, year: y)))
                let weeks = Double(end - start + 1) / 7
                let paid = s.paidHoursPerWeek * weeks
                months.append((m.month, m.calls, Staffing.scheduledFTE(agents: m.hoursC / paid, shrinkage: s.shrinkage),
                               Staffing.scheduledFTE(agents: m.hoursA / paid, shrinkage: s.shrinkage)))
            }
            for d in data.days {
                let c = CivilTime.civil(days: d.day)
                let month = c.year * 12 + c.month - 1
                if current?.month != month { close(); current = (month, 0, 0, 0) }
                current!.calls += d.calls.reduce(0, +)
                let nc = requiredAgents(calls: d.calls, ahtSeconds: aht, intervalSeconds: s.intervalSeconds, target: s.target,
                                        model: mc, maxOccupancy: s.maxOccupancy, fractional: s.fractional, definition: s.definition)
                let na = requiredAgents(calls: d.calls, ahtSeconds: aht, intervalSeconds: s.intervalSeconds, target: s.target,
                                        model: ma, maxOccupancy: s.maxOccupancy, fractional: s.fractional, definition: s.definition)
                current!.hoursC += nc.reduce(0, +) * hours
                current!.hoursA += na.reduce(0, +) * hours
            }
            close()
        }

        // Service level against staff in the peak interval: the curve flattens (diminishing returns).
        var curve: [(agents: Int, c: Double, a: Double)] = []
        if let p = peak {
            let load = IntervalLoad(calls: p.calls, ahtSeconds: aht, intervalSeconds: s.intervalSeconds)
            let (mc, ma) = models(s, patience: patience)
            let low = max(1, Int(p.erlangA.agents.rounded(.down)) - 4)
            let high = Int(p.erlangC.agents.rounded(.up)) + 6
            for n in low...max(low, high) {
                let c = Staffing.performance(agents: Double(n), load: load, model: mc, withinSeconds: s.withinSeconds, definition: s.definition)
                let a = Staffing.performance(agents: Double(n), load: load, model: ma, withinSeconds: s.withinSeconds, definition: s.definition)
                curve.append((n, c.serviceLevel, a.serviceLevel))
            }
        }
        return CapacityResult(settings: s, ahtSeconds: aht, patienceSeconds: patience,
                              patienceEstimated: s.patienceSeconds == nil && patience != nil, weekday: weekday, peak: peak,
                              peakWeekday: peakDay, weeklyAgentHoursC: agentHoursC, weeklyAgentHoursA: agentHoursA,
                              fteC: fteC, fteA: fteA, months: months, curve: curve, daysWithCalls: data.days.count)
    }
}
