// The aggregate cube: per wrap code × channel sums, monthly KPIs, and the interval profile.
// One pass, mergeable (all sums), so each worker fills its own and they are added at the end.

/// Sums for one cell of the cube.
public struct CellStats: Sendable, Equatable {
    public var contacts = 0
    public var answered = 0
    public var abandoned = 0
    public var handleSum = 0          // seconds over rows with a handle time
    public var handleCount = 0
    public var waitSum = 0            // seconds over rows with a wait time
    public var waitCount = 0
    public var emailNo = 0
    public var emailKnown = 0
    public var keyed = 0              // rows with a caller key
    public var longHandle = 0         // handle time over 2 hours: an outlier worth a look
    /// Assisted digital: an adviser completed an online transaction for the caller in full / in part
    /// (outcome assisted_full / assisted_part). On the phone these are answered calls too.
    public var assistedFull = 0
    public var assistedPart = 0
    public var assistedHandleSum = 0  // seconds over assisted contacts with a handle time
    public var assistedHandleCount = 0

    public var assisted: Int { assistedFull + assistedPart }

    public init() {}

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        contacts += 1
        switch r.outcome {
        case .answered: answered += 1
        case .abandoned: abandoned += 1
        case .handled: break
        case .assistedFull, .assistedPart:
            if r.outcome == .assistedFull { assistedFull += 1 } else { assistedPart += 1 }
            if r.channel == .phone { answered += 1 }
            if r.handleSeconds >= 0 { assistedHandleSum += Int(r.handleSeconds); assistedHandleCount += 1 }
        }
        // Workload is handled work: a handle time an export writes on an abandoned call is not work (DOMAIN
        // "Workload is handled work"), so AHT and handled hours are over answered and handled contacts only.
        if r.handleSeconds >= 0 && r.outcome != .abandoned {
            handleSum += Int(r.handleSeconds)
            handleCount += 1
            if r.handleSeconds > 7200 { longHandle += 1 }
        }
        if r.waitSeconds >= 0 { waitSum += Int(r.waitSeconds); waitCount += 1 }
        switch r.hasEmail {
        case .no: emailNo += 1; emailKnown += 1
        case .yes: emailKnown += 1
        case .unknown: break
        }
        if !r.caller.isNone { keyed += 1 }
    }

    public mutating func merge(_ o: CellStats) {
        contacts += o.contacts; answered += o.answered; abandoned += o.abandoned
        handleSum += o.handleSum; handleCount += o.handleCount; waitSum += o.waitSum; waitCount += o.waitCount
        emailNo += o.emailNo; emailKnown += o.emailKnown; keyed += o.keyed; longHandle += o.longHandle
        assistedFull += o.assistedFull; assistedPart += o.assistedPart; assistedHandleSum += o.assistedHandleSum
        assistedHandleCount += o.assistedHandleCount
    }

    public static func + (a: CellStats, b: CellStats) -> CellStats { var c = a; c.merge(b); return c }
}

/// Monthly and per-interval phone KPIs need a wait distribution to answer "within T seconds" for any T.
public struct WaitHistogram: Sendable, Equatable {
    public static let maxSeconds = 3600
    /// counts[s] for s in 0...3600 seconds; the last bin holds everything at or above an hour.
    public var answered = [Int](repeating: 0, count: WaitHistogram.maxSeconds + 1)
    public var abandoned = [Int](repeating: 0, count: WaitHistogram.maxSeconds + 1)

    public init() {}

    @inline(__always)
    mutating func add(wait: Int32, abandoned isAbandoned: Bool) {
        let b = Int(min(max(wait, 0), Int32(WaitHistogram.maxSeconds)))
        if isAbandoned { abandoned[b] += 1 } else { answered[b] += 1 }
    }

    mutating func merge(_ o: WaitHistogram) {
        for i in answered.indices { answered[i] += o.answered[i]; abandoned[i] += o.abandoned[i] }
    }

    /// Calls answered (or abandoned) with a wait of at most `seconds`.
    public func answeredWithin(_ seconds: Int) -> Int { answered[0...min(max(seconds, 0), WaitHistogram.maxSeconds)].reduce(0, +) }
    public func abandonedWithin(_ seconds: Int) -> Int { abandoned[0...min(max(seconds, 0), WaitHistogram.maxSeconds)].reduce(0, +) }
}

public struct ContactCube: ContactSink {
    /// Interval length of the profile, in minutes (15 gives 96 slots a day).
    public static let slotMinutes = 15
    public static let slotsPerDay = 24 * 60 / slotMinutes

    /// Sums per wrap code × channel.
    public private(set) var byWrapChannel = WrapChannelTable()
    /// Per month index (year*12+month-1) and channel.
    public private(set) var byMonth: [Int: [CellStats]] = [:]
    /// Phone wait distribution per month.
    public private(set) var phoneWaits: [Int: WaitHistogram] = [:]
    /// Per day (days since 1970) × 15-minute slot: phone stats, for interval capacity.
    public private(set) var phoneByDaySlot: [Int: [CellStats]] = [:]
    /// Per weekday (0 = Monday) × slot × channel: the intraday shape.
    public private(set) var byWeekdaySlot = [CellStats](repeating: CellStats(), count: 7 * ContactCube.slotsPerDay * Channel.count)
    /// Per area id × wrap, when the data has an area column: contacts and no-email counts.
    public private(set) var byAreaWrap: [Int64: CellStats] = [:]
    /// Rows with a date but no time of day. They count everywhere except the interval profiles
    /// (`byWeekdaySlot`, `phoneByDaySlot`), where midnight would make a peak that never happened.
    public private(set) var dateOnlyRows = 0
    /// Date-only phone calls per day (days since 1970): in daily and weekly totals, in no interval.
    public private(set) var phoneDateOnlyByDay: [Int: CellStats] = [:]
    public private(set) var firstStart = Int64.max
    public private(set) var lastStart = Int64.min

    // The last day touched: exports are mostly in time order, so this saves a dictionary lookup per row.
    private var cachedDay = Int.min
    private var cachedDayStats: [CellStats] = []
    private var calendarDay = Int.min
    private var calendarWeekday = 0
    private var calendarMonth = 0

    public init() {}

    public var wrapCount: Int { byWrapChannel.wrapCount }

    public func stats(wrap: Int32, channel: Channel) -> CellStats { byWrapChannel.stats(wrap: wrap, channel: channel) }

    /// All channels of one wrap code.
    public func stats(wrap: Int32) -> CellStats {
        Channel.allCases.reduce(CellStats()) { $0 + stats(wrap: wrap, channel: $1) }
    }

    public func stats(channel: Channel) -> CellStats {
        (0..<wrapCount).reduce(CellStats()) { $0 + stats(wrap: Int32($1), channel: channel) }
    }

    public var total: CellStats { byWrapChannel.total }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        byWrapChannel.add(r)
        if r.startedAt < firstStart { firstStart = r.startedAt }
        if r.startedAt > lastStart { lastStart = r.startedAt }

        let day = Int(CivilTime.floorDiv(r.startedAt, 86400))
        let secondOfDay = Int(r.startedAt - Int64(day) * 86400)
        let slot = secondOfDay / (ContactCube.slotMinutes * 60)
        // Rows mostly arrive in time order: the calendar of a day is worked out once, not per row.
        if day != calendarDay {
            calendarDay = day
            calendarWeekday = CivilTime.weekday(days: day)
            let c = CivilTime.civil(days: day)
            calendarMonth = c.year * 12 + c.month - 1
        }
        let wd = calendarWeekday
        if r.timeOfDayKnown {
            byWeekdaySlot[(wd * ContactCube.slotsPerDay + slot) * Channel.count + Int(r.channel.rawValue)].add(r)
        } else {
            dateOnlyRows += 1
        }

        let month = calendarMonth
        byMonth[month, default: [CellStats](repeating: CellStats(), count: Channel.count)][Int(r.channel.rawValue)].add(r)
        if r.channel == .phone {
            if r.waitSeconds >= 0 {
                phoneWaits[month, default: WaitHistogram()].add(wait: r.waitSeconds, abandoned: r.outcome == .abandoned)
            }
            if !r.timeOfDayKnown {
                phoneDateOnlyByDay[day, default: CellStats()].add(r)
            } else if day != cachedDay {
                flushDay()
                cachedDay = day
                cachedDayStats = phoneByDaySlot.removeValue(forKey: day) ?? [CellStats](repeating: CellStats(), count: ContactCube.slotsPerDay)
            }
            if r.timeOfDayKnown { cachedDayStats[slot].add(r) }
        }
        if r.area >= 0 {
            byAreaWrap[Int64(r.area) << 32 | Int64(r.wrap), default: CellStats()].add(r)
        }
    }

    private mutating func flushDay() {
        if cachedDay != Int.min { phoneByDaySlot[cachedDay] = cachedDayStats }
    }

    /// Call once after the last `add` (the reader does it) so the cached day is stored.
    public mutating func finish() {
        flushDay()
        cachedDay = Int.min
        cachedDayStats = []
    }

    public mutating func merge(_ o: ContactCube) {
        finish()
        var other = o
        other.finish()
        byWrapChannel.merge(other.byWrapChannel)
        for (m, v) in other.byMonth {
            var mine = byMonth[m] ?? [CellStats](repeating: CellStats(), count: Channel.count)
            for i in v.indices { mine[i].merge(v[i]) }
            byMonth[m] = mine
        }
        for (m, h) in other.phoneWaits { phoneWaits[m, default: WaitHistogram()].merge(h) }
        for (d, v) in other.phoneByDaySlot {
            var mine = phoneByDaySlot[d] ?? [CellStats](repeating: CellStats(), count: ContactCube.slotsPerDay)
            for i in v.indices { mine[i].merge(v[i]) }
            phoneByDaySlot[d] = mine
        }
        for i in byWeekdaySlot.indices { byWeekdaySlot[i].merge(other.byWeekdaySlot[i]) }
        for (k, v) in other.byAreaWrap { byAreaWrap[k, default: CellStats()].merge(v) }
        dateOnlyRows += other.dateOnlyRows
        for (d, v) in other.phoneDateOnlyByDay { phoneDateOnlyByDay[d, default: CellStats()].merge(v) }
        firstStart = min(firstStart, other.firstStart)
        lastStart = max(lastStart, other.lastStart)
    }
}
