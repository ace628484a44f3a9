// Contacts per day × wrap code × channel, and handle time per wrap code × channel: the series forecast and outturn fit.

/// A contact sink that keeps one count per (day, wrap, channel). Days are slots in arrival order; merging is exact.
public struct DailyCounts: ContactSink {
    /// Day number (days since 1970-01-01) → slot in `counts`.
    public private(set) var slotOfDay: [Int: Int] = [:]
    /// counts[slot][wrap * Channel.count + channel]; inner arrays grow as wrap ids appear.
    public private(set) var counts: [[Int32]] = []
    public private(set) var days: [Int] = []
    /// Handle seconds and rows with a handle time per wrap × channel (for hours released).
    public private(set) var handleSum: [Int] = []
    public private(set) var handleCount: [Int] = []
    /// Phone contacts per weekday × 15-minute slot of the day (7 × 96), for the intraday profile.
    public private(set) var phoneBySlot = [Int](repeating: 0, count: 7 * 96)
    private var lastDay = Int.min, lastSlot = -1

    public init() {}

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        let day = Int(CivilTime.floorDiv(r.startedAt, 86400))
        if day != lastDay {
            if let s = slotOfDay[day] { lastSlot = s } else {
                lastSlot = counts.count
                slotOfDay[day] = lastSlot
                counts.append([])
                days.append(day)
            }
            lastDay = day
        }
        let cell = Int(r.wrap) * Channel.count + Int(r.channel.rawValue)
        if counts[lastSlot].count <= cell { counts[lastSlot] += [Int32](repeating: 0, count: cell + 1 - counts[lastSlot].count) }
        counts[lastSlot][cell] += 1
        if r.handleSeconds >= 0 {
            if handleSum.count <= cell {
                handleSum += [Int](repeating: 0, count: cell + 1 - handleSum.count)
                handleCount += [Int](repeating: 0, count: cell + 1 - handleCount.count)
            }
            handleSum[cell] += Int(r.handleSeconds)
            handleCount[cell] += 1
        }
        if r.channel == .phone {
            let second = Int(r.startedAt - Int64(day) * 86400)
            phoneBySlot[CivilTime.weekday(days: day) * 96 + second / 900] += 1
        }
    }

    public mutating func merge(_ o: DailyCounts) {
        for (i, day) in o.days.enumerated() {
            let slot: Int
            if let s = slotOfDay[day] { slot = s } else {
                slot = counts.count
                slotOfDay[day] = slot
                counts.append([])
                days.append(day)
            }
            let other = o.counts[i]
            if counts[slot].count < other.count { counts[slot] += [Int32](repeating: 0, count: other.count - counts[slot].count) }
            for (c, v) in other.enumerated() { counts[slot][c] += v }
        }
        if handleSum.count < o.handleSum.count {
            handleSum += [Int](repeating: 0, count: o.handleSum.count - handleSum.count)
            handleCount += [Int](repeating: 0, count: o.handleCount.count - handleCount.count)
        }
        for (c, v) in o.handleSum.enumerated() { handleSum[c] += v; handleCount[c] += o.handleCount[c] }
        for i in 0..<phoneBySlot.count { phoneBySlot[i] += o.phoneBySlot[i] }
        lastDay = Int.min
        lastSlot = -1
    }

    public var firstDay: Int? { days.min() }
    public var lastDayNumber: Int? { days.max() }

    /// The daily series of the cells `include` accepts (summed), from `first` to `last` inclusive; days with no
    /// contacts at all are zeros.
    public func series(from first: Int, through last: Int, include: (_ wrap: Int, _ channel: Int) -> Bool) -> [Double] {
        var out = [Double](repeating: 0, count: max(0, last - first + 1))
        guard !out.isEmpty else { return out }
        let width = counts.reduce(0) { max($0, $1.count) }
        let cells = (0..<width).filter { include($0 / Channel.count, $0 % Channel.count) }
        for (slot, day) in days.enumerated() where day >= first && day <= last {
            let row = counts[slot]
            var s = 0
            for c in cells where c < row.count { s += Int(row[c]) }
            out[day - first] = Double(s)
        }
        return out
    }

    /// Mean handle seconds of a wrap × channel (nil when no row had a handle time).
    public func meanHandleSeconds(wrap: Int, channel: Channel) -> Double? {
        let c = wrap * Channel.count + Int(channel.rawValue)
        guard c < handleCount.count, handleCount[c] > 0 else { return nil }
        return Double(handleSum[c]) / Double(handleCount[c])
    }

    /// Contacts per wrap × channel over all days.
    public func totals() -> [Int] {
        var out: [Int] = []
        for row in counts {
            if out.count < row.count { out += [Int](repeating: 0, count: row.count - out.count) }
            for (c, v) in row.enumerated() { out[c] += Int(v) }
        }
        return out
    }
}
