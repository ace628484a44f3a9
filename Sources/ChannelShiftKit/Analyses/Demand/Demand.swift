// Contact-centre KPIs by period against targets (red/amber/green), the interval profile, and a published KPI table re-checked.

/// Targets for the phone KPIs, as fractions and seconds.
public struct DemandTargets: Sendable, Equatable {
    public var answered = 0.90
    public var abandoned = 0.10
    public var waitSeconds = 180.0
    public init() {}

    /// The amber band: this close to the target on the wrong side is amber, beyond it red.
    public static let amberPoints = 0.05        // 5 percentage points for a share
    public static let amberWaitFactor = 1.25    // up to 25% over a time target

    public static let rule = "Green meets the target; amber misses it by at most 5 percentage points (% answered, % abandoned) "
        + "or 25% (average wait); red misses it by more."
}

public enum RAG: String, Sendable, Equatable {
    case green = "green", amber = "amber", red = "red"

    /// A share that should be at least `target`.
    public static func atLeast(_ value: Double, _ target: Double) -> RAG {
        value >= target - 1e-12 ? .green : (value >= target - DemandTargets.amberPoints - 1e-12 ? .amber : .red)
    }
    /// A share or time that should be at most `target`; `amber` is the upper edge of the amber band.
    public static func atMost(_ value: Double, _ target: Double, amber: Double) -> RAG {
        value <= target + 1e-12 ? .green : (value <= amber + 1e-12 ? .amber : .red)
    }
}

/// Phone KPIs for one period.
public struct PeriodKPI: Sendable, Equatable {
    public var label: String
    public var offered = 0, answered = 0, abandoned = 0
    public var waitSum = 0, waitCount = 0, handleSum = 0, handleCount = 0
    /// Contacts in each channel (`Channel.allCases` order); empty when the period type has no channel split.
    public var byChannel: [Int] = []

    public var pctAnswered: Double? { offered > 0 ? Double(answered) / Double(offered) : nil }
    public var pctAbandoned: Double? { offered > 0 ? Double(abandoned) / Double(offered) : nil }
    /// Offered calls neither answered nor abandoned (refused, transferred, self-served in the IVR).
    public var remainder: Int { offered - answered - abandoned }
    /// Mean wait of every call with a recorded wait, answered or abandoned (seconds).
    public var averageWait: Double? { waitCount > 0 ? Double(waitSum) / Double(waitCount) : nil }
    public var aht: Double? { handleCount > 0 ? Double(handleSum) / Double(handleCount) : nil }

    mutating func add(_ s: CellStats) {
        offered += s.contacts; answered += s.answered; abandoned += s.abandoned
        waitSum += s.waitSum; waitCount += s.waitCount; handleSum += s.handleSum; handleCount += s.handleCount
    }

    public func rag(_ t: DemandTargets) -> (answered: RAG?, abandoned: RAG?, wait: RAG?) {
        (pctAnswered.map { RAG.atLeast($0, t.answered) },
         pctAbandoned.map { RAG.atMost($0, t.abandoned, amber: t.abandoned + DemandTargets.amberPoints) },
         averageWait.map { RAG.atMost($0, t.waitSeconds, amber: t.waitSeconds * DemandTargets.amberWaitFactor) })
    }
}

public enum Demand {
    /// Monthly phone KPIs, with contacts by channel.
    public static func months(_ cube: ContactCube) -> [PeriodKPI] {
        cube.byMonth.keys.sorted().map { m in
            var k = PeriodKPI(label: CivilTime.formatMonth(m))
            let cells = cube.byMonth[m] ?? []
            if Int(Channel.phone.rawValue) < cells.count { k.add(cells[Int(Channel.phone.rawValue)]) }
            k.byChannel = Channel.allCases.map { c in Int(c.rawValue) < cells.count ? cells[Int(c.rawValue)].contacts : 0 }
            return k
        }
    }

    /// Weekly phone KPIs (weeks start on Monday, labelled by that date) from the per-day phone cells.
    public static func weeks(_ cube: ContactCube) -> [PeriodKPI] {
        var byWeek: [Int: PeriodKPI] = [:]
        for day in cube.phoneByDaySlot.keys {
            let monday = day - CivilTime.weekday(days: day)
            var k = byWeek[monday] ?? PeriodKPI(label: "w/c " + CivilTime.formatDate(days: monday))
            for s in cube.phoneByDaySlot[day] ?? [] { k.add(s) }
            byWeek[monday] = k
        }
        // Calls with a date but no time belong to their week, though to no interval.
        for (day, s) in cube.phoneDateOnlyByDay {
            let monday = day - CivilTime.weekday(days: day)
            var k = byWeek[monday] ?? PeriodKPI(label: "w/c " + CivilTime.formatDate(days: monday))
            k.add(s)
            byWeek[monday] = k
        }
        return byWeek.keys.sorted().compactMap { byWeek[$0] }
    }

    /// Average phone calls offered per interval on each weekday: rows are intervals of the day, columns Monday–Sunday
    /// (nil where the data has no day of that weekday). Averages are over days with at least one phone call.
    public static func profile(_ cube: ContactCube, intervalMinutes: Int) -> [[Double?]] {
        let group = max(1, intervalMinutes / ContactCube.slotMinutes)
        let perDay = ContactCube.slotsPerDay / group
        var dayCount = [Int](repeating: 0, count: 7)
        for day in cube.phoneByDaySlot.keys { dayCount[CivilTime.weekday(days: day)] += 1 }
        var rows = [[Double?]](repeating: [Double?](repeating: nil, count: 7), count: perDay)
        for wd in 0..<7 where dayCount[wd] > 0 {
            for i in 0..<perDay { rows[i][wd] = 0 }
            for slot in 0..<ContactCube.slotsPerDay {
                let cell = cube.byWeekdaySlot[(wd * ContactCube.slotsPerDay + slot) * Channel.count + Int(Channel.phone.rawValue)]
                rows[min(slot / group, perDay - 1)][wd]! += Double(cell.contacts) / Double(dayCount[wd])
            }
        }
        return rows
    }
}
