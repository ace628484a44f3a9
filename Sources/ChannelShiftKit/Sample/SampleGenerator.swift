// Deterministic synthetic contact data of any size, streamed day by day with bounded memory.
//
// A discrete-event simulation: each day starts with the follow-up contacts earlier days scheduled for it,
// adds new ("first") contacts to reach the day's share of the requested rows, then takes contacts in time
// order from a heap. Each contact may schedule one follow-up from the same caller (a recall after
// abandoning, a double submission, a phone call after a webchat, a repeat about the same need): today's go
// back into the heap, later ones into that day's bucket. Memory is one day's rows plus the scheduled
// follow-ups (a few days' worth), whatever the row count. Rows leave in (time, creation) order, so the
// file is sorted by started_at without a sort.

public enum SampleStyle: String, Sendable, CaseIterable {
    /// The canonical CSV of ../shared/bench/README.md.
    case canonical
    /// A messy telephony export of the same contacts (BOM, CRLF, `;`, dd/mm/yyyy, mm:ss); read it with
    /// Models/mappings/telephony.csv.
    case telephony
}

public struct SampleOptions: Sendable {
    public var rows: Int
    public var seed: UInt64
    public var start: CivilDate
    public var end: CivilDate               // inclusive
    public var style: SampleStyle
    /// Seasons, bank holidays, growth and a go-live; nil keeps the original (flat) sample byte for byte.
    public var history: SampleHistory?
    /// Some handled phone and face-to-face contacts of value reasons with an online route become assisted digital
    /// (outcome assisted_full / assisted_part), drawn from their own random stream: every other column of every
    /// row is the same with or without them. Off reproduces the sample as it was before (`--no-assisted`).
    public var assistedDigital = true

    public init(rows: Int, seed: UInt64, start: CivilDate = CivilDate(year: 2022, month: 7, day: 1),
                end: CivilDate = CivilDate(year: 2022, month: 11, day: 30), style: SampleStyle = .canonical) {
        self.rows = rows
        self.seed = seed
        self.start = start
        self.end = end
        self.style = style
    }

    public var days: Int { end.dayNumber - start.dayNumber + 1 }
}

public struct SampleGenerator {
    let model: SampleModel
    let options: SampleOptions

    /// `taxonomy` nil means the built-in copy of Models/wrap-codes.csv.
    public init(options: SampleOptions, taxonomy: Taxonomy? = nil) throws(ToolError) {
        let tax: Taxonomy
        if let taxonomy { tax = taxonomy } else { tax = try SampleCatalogue.taxonomy() }
        guard !tax.entries.isEmpty else {
            throw .data("the taxonomy has no wrap codes", at: SourceLocation(file: tax.file), hint: "add at least one line,reason row")
        }
        self.model = SampleModel(taxonomy: tax)
        self.options = options
    }

    /// A contact waiting to happen. `seq` orders contacts in the same second by creation.
    struct Pending {
        var second: Int32          // second of the day
        var seq: Int64
        var channel: UInt8
        var reason: Int32
        var caller: Int64          // -1 when withheld
        var emailNo: Bool          // the caller's email status (held for the whole chain)
    }

    /// One finished row (the id is given at write time, in file order).
    struct Row {
        var second: Int32
        var channel: UInt8
        var outcome: UInt8
        var email: UInt8           // 0 Y, 1 N, 2 unknown
        var reason: Int32
        var wait: Int32
        var handle: Int32          // -1 when abandoned
        var caller: Int64
    }

    /// Writes the header and exactly `options.rows` rows to `sink`. `progress` gets (days done, rows written).
    public func generate<S: ByteSink>(into sink: inout S, progress: ((Int, Int) -> Void)? = nil) throws(ToolError) {
        let n = options.rows, days = options.days
        var rng = SplitMix64(seed: options.seed)
        var writer = SampleRowWriter(style: options.style, codes: model.codes, startDay: options.start.dayNumber)
        try writer.header(into: &sink)

        // Each day's share of the rows: channel shares spread over the days each channel is open.
        let firstDay = options.start.dayNumber
        let weekdays = (0..<days).map { CivilDate.weekday(dayNumber: firstDay + $0) }
        let channelDayTotal = (0..<Channel.count).map { c in weekdays.reduce(0.0) { $0 + SampleModel.weekdayWeight(c, $1) } }
        let dayChannel: [CumulativeWeights] = (0..<7).map { wd in
            CumulativeWeights((0..<Channel.count).map { c in
                channelDayTotal[c] > 0 ? SampleModel.channelShare[c] * SampleModel.weekdayWeight(c, wd) / channelDayTotal[c] : 0
            })
        }
        // Per day: the channel choice and, with a history, the reason choice and the day's relative weight.
        var dayChannels = weekdays.map { dayChannel[$0] }
        var dayReasons: [CumulativeWeights]?
        var dayWeight = weekdays.map { dayChannel[$0].total }
        var effects: [[Double]]?
        if let h = options.history {
            let base = model.volume.cumulative.indices.map { i in model.volume.cumulative[i] - (i > 0 ? model.volume.cumulative[i - 1] : 0) }
            let baseTotal = base.reduce(0, +)
            var reasons: [CumulativeWeights] = []
            for d in 0..<days {
                let dn = firstDay + d
                let w = base.indices.map { i in base[i] * (h.seasonal ? SampleHistory.season(line: model.codes[i].line, reason: model.codes[i].reason, dayNumber: dn) : 1) }
                let r = CumulativeWeights(w)
                let ch = CumulativeWeights((0..<Channel.count).map { c in
                    channelDayTotal[c] > 0 ? SampleModel.channelShare[c] * SampleModel.weekdayWeight(c, weekdays[d]) / channelDayTotal[c]
                        * h.holidayFactor(channel: c, dayNumber: dn) : 0
                })
                reasons.append(r)
                dayChannels[d] = ch
                dayWeight[d] = ch.total * (r.total / baseTotal) * h.growth(dayNumber: dn, startDay: firstDay)
            }
            dayReasons = reasons
            if h.goLive != nil { effects = try h.effectMultipliers(codes: model.codes) }
        }
        var effectRNG = SplitMix64(seed: options.seed ^ 0xEFFE_C7ED_6011_FE00)
        var assistRNG = SplitMix64(seed: options.seed ^ 0xA551_57ED_D161_7A10)
        let totalWeight = dayWeight.reduce(0, +)
        var cum = 0.0
        let cumulativeTarget = dayWeight.map { w -> Int in
            cum += w
            return Int((Double(n) * cum / totalWeight).rounded())
        }

        let regulars = max(1, n / 40)
        var nextCaller = Int64(regulars)
        var seq: Int64 = 0
        var written = 0            // rows simulated (the day targets count these)
        var nextID = 1             // rows written: differs from `written` only after go-live effects
        var buckets: [[Pending]] = Array(repeating: [], count: days)
        var heap = PendingHeap()
        var rows: [Row] = []
        // Rows that today's contacts add to today (recalls, double submissions) per row already due,
        // learnt as the run goes, so new contacts are sized to hit each day's target.
        var sameDayRatio = 0.08

        for d in 0..<days where written < n {
            let wd = weekdays[d]
            let due = buckets[d]
            buckets[d] = []
            for p in due { heap.push(p) }
            let target = d == days - 1 ? n : cumulativeTarget[d]
            let room = target - written - due.count
            let firsts = d == days - 1 ? max(0, room) : max(0, Int((Double(room) / (1 + sameDayRatio)).rounded()))
            for _ in 0..<firsts {
                let c = dayChannels[d].pick(&rng)
                let second = Int32(SampleModel.slotWeights[c].pick(&rng) * 1800 + rng.below(1800))
                let reason = Int32(dayReasons?[d].pick(&rng) ?? model.volume.pick(&rng))
                var caller: Int64 = -1
                var emailU = rng.uniform()
                if !rng.chance(SampleModel.withheldShare) {
                    caller = rng.chance(SampleModel.regularShare) ? Int64(rng.below(regulars)) : nextCaller
                    if caller == nextCaller { nextCaller += 1 }
                    // A caller's email status is a property of the caller, not of the call.
                    emailU = Double(Hash64.mix(UInt64(caller) ^ 0x5EED_E3A1) >> 11) * 0x1.0p-53
                }
                seq += 1
                heap.push(Pending(second: second, seq: seq, channel: UInt8(c), reason: reason, caller: caller,
                                  emailNo: emailU < model.noEmailShare[Int(reason)]))
            }
            let seeded = heap.count
            rows.removeAll(keepingCapacity: true)
            while let p = heap.pop() {
                rows.append(contact(p, weekday: wd, rng: &rng))
                if options.assistedDigital { assist(&rows[rows.count - 1], emailNo: p.emailNo, rng: &assistRNG) }
                guard let next = followUp(after: p, row: rows[rows.count - 1], day: d, weekday: wd, rng: &rng) else { continue }
                seq += 1
                var f = next.pending
                f.seq = seq
                if next.day == d { heap.push(f) } else if next.day < days { buckets[next.day].append(f) }
            }
            if seeded > 0 { sameDayRatio = 0.8 * sameDayRatio + 0.2 * Double(rows.count - seeded) / Double(seeded) }
            if written + rows.count > n { thin(&rows, to: n - written) }
            written += rows.count
            if let effects, let goLive = options.history?.goLive, firstDay + d >= goLive.dayNumber {
                apply(effects, to: &rows, rng: &effectRNG, nextCaller: &nextCaller)
            }
            try writer.write(rows, day: d, firstID: nextID, into: &sink)
            nextID += rows.count
            progress?(d + 1, nextID - 1)
        }
        try writer.finish(into: &sink)
    }

    /// The go-live effects, applied to the day's finished rows from their own random stream (so the days before
    /// go-live are the same contacts with or without effects): a row of a reduced reason and channel is dropped
    /// with probability −change; an increased one is copied with probability +change, as a new caller.
    func apply(_ effects: [[Double]], to rows: inout [Row], rng: inout SplitMix64, nextCaller: inout Int64) {
        var out: [Row] = []
        out.reserveCapacity(rows.count + rows.count / 8)
        for r in rows {
            let m = effects[Int(r.reason)][Int(r.channel)]
            if m < 1 {
                if rng.chance(m) { out.append(r) }
            } else {
                out.append(r)
                if m > 1 && rng.chance(m - 1) {
                    var copy = r
                    copy.caller = nextCaller
                    nextCaller += 1
                    out.append(copy)
                }
            }
        }
        rows = out
    }

    /// Keeps `keep` rows spread evenly over the day, so a trimmed last day keeps its shape.
    func thin(_ rows: inout [Row], to keep: Int) {
        let total = rows.count
        var out = 0
        for i in 0..<total where (i + 1) * keep / total > i * keep / total {
            rows[out] = rows[i]
            out += 1
        }
        rows.removeLast(total - out)
    }

    /// Outcome, wait, handle time and email flag of one contact.
    func contact(_ p: Pending, weekday: Int, rng: inout SplitMix64) -> Row {
        let c = Int(p.channel)
        var outcome: UInt8 = 2, wait = 0.0
        if c == Int(Channel.phone.rawValue) {
            let load = SampleModel.officeLoad[Int(p.second) / 1800] * SampleModel.officeWeekday[weekday]
            let queue = rng.lognormal(mu: SampleModel.waitMu, sigma: SampleModel.waitSigma) * (0.4 + 0.6 * load)
            let patience = rng.exponential(mean: SampleModel.patienceMeanSeconds)
            outcome = patience < queue ? 1 : 0
            wait = min(outcome == 1 ? patience : queue, SampleModel.waitCapSeconds)
        }
        var handle: Int32 = -1
        if outcome != 1 {
            let h = rng.lognormal(mu: SampleModel.handleMu, sigma: SampleModel.handleSigma)
                * model.handleMultiplier[Int(p.reason)] * SampleModel.channelHandle[c]
            handle = Int32(min(max(h, SampleModel.handleRange.lowerBound), SampleModel.handleRange.upperBound))
        }
        let email: UInt8 = rng.chance(SampleModel.emailUnknownShare) ? 2 : (p.emailNo ? 1 : 0)
        return Row(second: p.second, channel: p.channel, outcome: outcome, email: email, reason: p.reason,
                   wait: Int32(wait), handle: handle, caller: p.caller)
    }

    /// Assisted digital: an adviser completes the online transaction for the caller, in full or in part. Only the
    /// outcome changes, and only handled phone and face-to-face contacts of value reasons with an online route
    /// (a transaction the caller could have done online) are eligible. Every eligible row takes exactly one draw
    /// from `rng`, a stream of its own, so the main stream (and so every other column) is untouched.
    /// Rates (calibration, not measurement): Lancashire County Council reports 1,161 Blue Badge applications
    /// completed in full for callers and 2,000 more helped with parts, April–September 2017, i.e. part help about
    /// 1.7 × full help. Here, per eligible contact: full routes 2.5% in full and 4% in part for callers with email,
    /// three times that for callers without; partial routes mostly part help; face to face twice the phone rate.
    func assist(_ row: inout Row, emailNo: Bool, rng: inout SplitMix64) {
        let c = Int(row.channel)
        guard row.outcome != 1, c == Int(Channel.phone.rawValue) || c == Int(Channel.faceToFace.rawValue),
              let route = model.assistRoute[Int(row.reason)] else { return }
        let u = rng.uniform()
        var (full, part) = route == .full ? (0.025, 0.04) : (0.008, 0.04)
        let scale = (emailNo ? 3.0 : 1.0) * (c == Int(Channel.faceToFace.rawValue) ? 2.0 : 1.0)
        full *= scale
        part *= scale
        if u < full { row.outcome = UInt8(Outcome.assistedFull.rawValue) } else if u < full + part { row.outcome = UInt8(Outcome.assistedPart.rawValue) }
    }

    /// The next contact from the same caller, if any: (day index, contact without its seq).
    func followUp(after p: Pending, row: Row, day: Int, weekday: Int, rng: inout SplitMix64)
        -> (day: Int, pending: Pending)? {
        let c = Int(p.channel)
        var next = p
        let delay: Double
        if SampleModel.online[c] && rng.chance(SampleModel.doubleSubmitShare) {
            delay = 0                                             // the same form sent twice
        } else if row.outcome == 1 {
            guard rng.chance(SampleModel.abandonRecall) else { return nil }
            if !rng.chance(SampleModel.abandonRecallByPhone) { next.channel = UInt8(SampleModel.channelMix.pick(&rng)) }
            if !rng.chance(SampleModel.abandonSameReason) { next.reason = Int32(model.volume.pick(&rng)) }
            delay = rng.lognormal(mu: SampleModel.recallMu, sigma: SampleModel.recallSigma)
        } else if rng.chance(SampleModel.digitalToPhone[c]) {
            next.channel = Channel.phone.rawValue                 // could not finish online
            delay = c == Int(Channel.webchat.rawValue)
                ? rng.lognormal(mu: SampleModel.chatToPhoneMu, sigma: 1.0)
                : rng.exponential(mean: SampleModel.formToPhoneMeanSeconds)
        } else {
            guard rng.chance(model.followRate[Int(p.reason)]) else { return nil }
            next.channel = UInt8(SampleModel.channelMix.pick(&rng))
            if !rng.chance(SampleModel.followSameReason) { next.reason = Int32(model.volume.pick(&rng)) }
            delay = rng.exponential(mean: SampleModel.followMeanSeconds)
        }
        guard let (d, s) = place(from: day, second: Int(p.second), delay: delay, channel: Int(next.channel), rng: &rng) else {
            return nil
        }
        next.second = Int32(s)
        return (d, next)
    }

    /// When a follow-up `delay` seconds later happens on `channel`: the same moment if the channel is open
    /// then, otherwise a time drawn from the channel's daily shape on the next day it is open. Nil past the end.
    func place(from day: Int, second: Int, delay: Double, channel: Int, rng: inout SplitMix64) -> (Int, Int)? {
        let t = second + Int(min(delay, Double(options.days) * 86_400))
        var d = day + t / 86_400
        let s = t % 86_400
        let firstDay = options.start.dayNumber
        if SampleModel.online[channel] {
            if d == day { return (d, s) }
        } else if d == day && SampleModel.isOpen(channel, weekday: CivilDate.weekday(dayNumber: firstDay + d)) {
            if s < SampleModel.officeOpen {
                // An overnight email answered by a call when the lines open.
                let open = SampleModel.officeOpen + Int(rng.exponential(mean: 1800))
                if open < SampleModel.officeClose { return (d, open) }
            } else if s < SampleModel.officeClose {
                return (d, s)
            }
            d += 1
        } else if d == day {
            d += 1
        }
        while d < options.days && !SampleModel.isOpen(channel, weekday: CivilDate.weekday(dayNumber: firstDay + d)) { d += 1 }
        guard d < options.days else { return nil }
        return (d, SampleModel.slotWeights[channel].pick(&rng) * 1800 + rng.below(1800))
    }
}

/// Min-heap of pending contacts by (second, seq).
struct PendingHeap {
    private var items: [SampleGenerator.Pending] = []

    var count: Int { items.count }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        items[a].second != items[b].second ? items[a].second < items[b].second : items[a].seq < items[b].seq
    }

    mutating func push(_ p: SampleGenerator.Pending) {
        items.append(p)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> SampleGenerator.Pending? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && less(l, m) { m = l }
                if r < items.count && less(r, m) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
