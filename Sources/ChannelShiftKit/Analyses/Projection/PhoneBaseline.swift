// The phone baseline per reason and the phone queue curve, read from the cube: what project and check start from.
import Foundation

/// The phone baseline and its interval profile, read from the cube.
public enum PhoneBaseline {
    /// Annual phone contacts and AHT per wrap code, in (line, reason) order. The data's span is scaled to a year:
    /// × 365 ÷ days from the first to the last contact (inclusive).
    public static func fromCube(_ cube: ContactCube, wraps: WrapDictionary, afterCallWorkSeconds: Double = 0) -> ([WrapBaseline], String) {
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
            let work = HandledWorkload(s, afterCallWorkSeconds: afterCallWorkSeconds)
            var row = WrapBaseline(code: wraps.code(id), phoneContactsPerYear: Double(s.contacts) * factor, handleSeconds: aht + afterCallWorkSeconds,
                                   phoneContactsInData: s.contacts, handledContactsPerYear: Double(work.handled) * factor)
            addAssisted(&row, s, afterCallWorkSeconds: afterCallWorkSeconds)
            row.windowDays = days
            out.append(row)
        }
        var note = scalingSentence(days: days) + " Calls offered size the queue; the work is the calls handled (offered − abandoned) × each reason's mean handle time over handled calls"
            + (afterCallWorkSeconds > 0 ? " plus \(Format.number(afterCallWorkSeconds)) s after-call work" : "") + ": abandoned calls carry no handle time, and an abandon followed by a recall is one piece of work."
        if fallbacks > 0 { note += " \(fallbacks) reason\(fallbacks == 1 ? " has" : "s have") no handle times and use the overall phone mean." }
        return (out, note)
    }

    /// Assisted-digital calls of one reason (outcome assisted_full / assisted_part): their share of the handled calls,
    /// their own mean handle time, and the mean of the other handled calls (what a removed or moved call takes).
    /// Calls without a handle time take the mean of their kind, or the reason's mean when their kind has none.
    static func addAssisted(_ row: inout WrapBaseline, _ s: CellStats, afterCallWorkSeconds: Double) {
        guard s.assisted > 0 else { return }
        let handled = s.contacts - s.abandoned
        row.assistedShare = handled > 0 ? min(Double(s.assisted) / Double(handled), 1) : 0
        row.assistedInData = AssistedDigital(full: s.assistedFull, part: s.assistedPart, handleSeconds: s.assistedHandleSum)
        if s.assistedHandleCount > 0 {
            row.assistedHandleSeconds = Double(s.assistedHandleSum) / Double(s.assistedHandleCount) + afterCallWorkSeconds
        }
        let others = s.handleCount - s.assistedHandleCount
        if others > 0 { row.otherHandleSeconds = Double(s.handleSum - s.assistedHandleSum) / Double(others) + afterCallWorkSeconds }
    }

    /// The sentence saying the window was annualised (dropped when the forecast replaces it).
    public static func scalingSentence(days: Int) -> String {
        "Baseline: phone calls per reason in the data, scaled to a year (× 365 ÷ \(Format.count(days)) days covered)."
    }

    public static func spanDays(_ cube: ContactCube) -> Int {
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
    public static func queueCurve(_ cube: ContactCube, assumptions set: AssumptionSet, patienceSeconds: Double? = nil) throws(ToolError) -> QueueCurve? {
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
            let opening = try Scenario.central(set, .openingHours) / 3600
            let slots = Int((opening * 60 / Double(ContactCube.slotMinutes)).rounded())
            guard slots > 0 else { return nil }
            let weekly = calls.reduce(0, +) + dateOnlyPerWeek
            calls = [Double](repeating: weekly / Double(slots), count: slots)
            profile = "the data has no times of day, so a flat profile: the week's calls spread evenly over \(Format.number(opening)) opening hours"
        }
        let target = try Scenario.central(set, .serviceLevel)
        let seconds = try Scenario.central(set, .serviceLevelSeconds)
        // The same occupancy cap as `capacity`: one definition of a sustainable adviser per notebook.
        let maxOccupancy = try Scenario.central(set, .occupancy)
        let slotSeconds = Double(ContactCube.slotMinutes * 60)
        let model = patienceSeconds.map { QueueModel.erlangA(patienceSeconds: $0) } ?? .erlangC
        let modelText = patienceSeconds.map { "Erlang A with the callers' mean patience calibrated to the data (\(Format.number($0, decimals: 0)) s, see staffing delivered), the same model as the staffing delivered, so the gap compares like with like" }
            ?? "Erlang C (callers wait rather than abandon): the data has no abandoned calls to estimate patience from"
        let desc = "Profile: \(profile); target \(Format.percent(target, decimals: 0)) of calls offered answered within \(Format.number(seconds)) s; AHT \(Format.number(aht, decimals: 0)) s over handled calls; a year is 52 weeks, as in paid hours and the capacity analysis. Model: \(modelText); advisers' occupancy capped at \(Format.percent(maxOccupancy, decimals: 0)), as in the capacity analysis."
        return QueueCurve.build(callsPerSlot: calls, slotsPerYearFactor: 52, slotHours: slotSeconds / 3600, handleSeconds: aht,
                                description: desc) { n, h in
            Staffing.requiredAgents(load: IntervalLoad(calls: n, ahtSeconds: h, intervalSeconds: slotSeconds),
                                    target: .serviceLevel(fraction: target, withinSeconds: seconds), model: model,
                                    maxOccupancy: maxOccupancy).agents
        }
    }
}

extension PhoneBaseline {
    /// Each reason's measured leakage: its digital contacts from known callers followed by a phone call within the
    /// repeat window (the avoidable analysis's "phone after digital"); reasons with none measured take the rate over
    /// all digital contacts. Returns a sentence for the method list.
    public static func addLeakage(_ baseline: inout [WrapBaseline], cube: ContactCube, repeats: RepeatTracker, wraps: WrapDictionary,
                                  taxonomy: Taxonomy?) -> String {
        let result = Avoidable.analyse(cube: cube, repeats: repeats, wraps: wraps, taxonomy: taxonomy)
        var byCode: [WrapCode: Double] = [:]
        for r in result.reasons { if let rate = Leakage.rate(digitalKeyed: r.signals.digitalKeyed, digitalThenPhone: r.signals.digitalThenPhone) { byCode[r.code] = rate } }
        let overall = Leakage.rate(digitalKeyed: result.signals.digitalKeyed, digitalThenPhone: result.signals.digitalThenPhone)
        var fallback = 0
        for i in baseline.indices {
            if let r = byCode[baseline[i].code] { baseline[i].leakageRate = r } else { baseline[i].leakageRate = overall; fallback += 1 }
        }
        return "Leakage: each reason's share of digital contacts from known callers followed by a phone call within 7 days"
            + (fallback > 0 ? "; \(fallback) reason\(fallback == 1 ? " has" : "s have") no digital contacts and take\(fallback == 1 ? "s" : "") the overall rate (\(overall.map { Format.percent($0, decimals: 1) } ?? "none measured"))." : ".")
    }

    /// Implied staffing and service levels, calibrated to the observed abandonment and waits. For each weekday ×
    /// 15-minute interval: the average calls offered and the share abandoned, and the agents with which Erlang A
    /// gives that abandonment (CapacityGap.impliedAgents). The callers' mean patience starts from the estimate
    /// time waited ÷ abandoned calls (Brown et al. 2005) and is then set, by bisection on its logarithm, so that the
    /// modelled service level equals the one measured from the waits: abandonment fixes the staff in each
    /// interval, waits fix patience. Nil without abandoned calls, waits or times of day.
    public static func serviceForecast(_ cube: ContactCube, assumptions set: AssumptionSet,
                                       withinSeconds: Double? = nil) throws(ToolError) -> ServiceForecast? {
        let phone = cube.stats(channel: .phone)
        guard phone.handleCount > 0, phone.abandoned > 0, phone.waitSum > 0, cube.firstStart <= cube.lastStart else { return nil }
        let aht = Double(phone.handleSum) / Double(phone.handleCount)
        let first = Int(CivilTime.floorDiv(cube.firstStart, 86400)), last = Int(CivilTime.floorDiv(cube.lastStart, 86400))
        var weekdays = [Int](repeating: 0, count: 7)
        for d in first...last { weekdays[CivilTime.weekday(days: d)] += 1 }
        let target = try Scenario.central(set, .serviceLevel)
        var within = try Scenario.central(set, .serviceLevelSeconds)
        if let w = withinSeconds { within = w }
        let slotSeconds = Double(ContactCube.slotMinutes * 60)
        var calls: [Double] = [], abandonShare: [Double] = []
        for wd in 0..<7 where weekdays[wd] > 0 {
            for slot in 0..<ContactCube.slotsPerDay {
                let s = cube.byWeekdaySlot[(wd * ContactCube.slotsPerDay + slot) * Channel.count + Int(Channel.phone.rawValue)]
                guard s.contacts > 0 else { continue }
                calls.append(Double(s.contacts) / Double(weekdays[wd]))
                abandonShare.append(Double(s.abandoned) / Double(s.contacts))
            }
        }
        // A date-only export has every call at midnight: no interval profile to calibrate.
        guard calls.count > 7 else { return nil }
        var measured: Double?
        if phone.waitCount == phone.contacts {
            var answeredWithin = 0
            for (_, h) in cube.phoneWaits { answeredWithin += h.answeredWithin(Int(within)) }
            measured = Double(answeredWithin) / Double(phone.contacts)
        }
        func forecast(patience: Double) -> ServiceForecast {
            let agents = calls.indices.map { i in
                CapacityGap.impliedAgents(load: IntervalLoad(calls: calls[i], ahtSeconds: aht, intervalSeconds: slotSeconds),
                                          patienceSeconds: patience, abandonFraction: abandonShare[i], withinSeconds: within)
            }
            return ServiceForecast(calls: calls, impliedAgents: agents, ahtSeconds: aht, intervalSeconds: slotSeconds, patienceSeconds: patience,
                                   withinSeconds: within, target: target, measuredToday: measured)
        }
        let estimate = Double(phone.waitSum) / Double(phone.abandoned)
        var best = forecast(patience: estimate)
        guard let m = measured else { return best }
        // With the staff fitted to the abandonment, a more patient caller means fewer staff and longer waits, so the
        // modelled service level falls as patience rises.
        var lo = log(estimate / 20), hi = log(estimate * 20)
        var gap = best.serviceLevel(callScale: 1, staffScale: 1) - m
        for _ in 0..<16 where abs(gap) > 0.0005 {
            let mid = (lo + hi) / 2
            let f = forecast(patience: exp(mid))
            let g = f.serviceLevel(callScale: 1, staffScale: 1) - m
            if abs(g) < abs(gap) { best = f; gap = g }
            if g > 0 { lo = mid } else { hi = mid }
        }
        return best
    }
}

extension PhoneBaseline {
    /// Which baseline `project` appraises against: the forecast for each appraisal year, or the data window
    /// scaled to a year (no seasonality, no growth).
    public enum Method: String, Sendable, CaseIterable { case forecast, annualised }

    /// Replaces each reason's annualised phone calls with the forecast's calls for each appraisal year (year 1 is
    /// the first entry); the handled share (offered − abandoned) and handle time stay as measured in the data.
    /// Returns the reasons the forecast has no phone series for (they keep the annualised figure).
    @discardableResult
    public static func applyForecast(_ baseline: inout [WrapBaseline], annual: [AnnualBaseline]) -> [WrapCode] {
        var byCode: [WrapCode: [(Int, Double)]] = [:]
        for a in annual where a.channel == .phone { byCode[WrapCode(line: a.line, reason: a.reason), default: []].append((a.year, a.forecast.mean)) }
        var missing: [WrapCode] = []
        for i in baseline.indices {
            guard let years = byCode[baseline[i].code]?.sorted(by: { $0.0 < $1.0 }).map(\.1), let first = years.first, first > 0 else {
                missing.append(baseline[i].code)
                continue
            }
            let handledShare = baseline[i].phoneContactsPerYear > 0 ? baseline[i].handledContactsPerYear / baseline[i].phoneContactsPerYear : 1
            baseline[i].windowHandledContactsPerYear = baseline[i].windowHandledContactsPerYear ?? baseline[i].handledContactsPerYear
            baseline[i].phoneContactsPerYear = first
            baseline[i].handledContactsPerYear = first * handledShare
            baseline[i].phoneContactsByYear = years
        }
        return missing
    }
}

extension PhoneBaseline {
    /// The method sentence for a forecast baseline: history length, where the annual pattern came from (the
    /// profile file and its source when the history is under two years), growth, holidays, and year 1 against
    /// the data window annualised.
    public static func forecastNote(_ fc: ForecastResult, baseline: [WrapBaseline], annualisedPhone: Double, yearOneFirstDay: Int) -> String {
        let s = fc.options.settings
        let days = fc.lastDay - fc.firstDay + 1
        let pattern: String
        if days < ForecastSettings.minimumHistoryDays, let p = s.seasonalProfile {
            pattern = "the history is under two years, so the annual pattern is the stated monthly seasonal profile \(p.file) (source: \(p.source))"
        } else {
            pattern = "the annual pattern is estimated from the history"
        }
        let growth = s.growthPerYear.map { "growth \(Format.percent($0, decimals: 1)) a year (forecast.growth)" } ?? "growth estimated from the history"
        let yearOne = baseline.reduce(0) { $0 + $1.phoneContactsPerYear }
        let last = baseline.reduce(0) { $0 + ($1.phoneContactsByYear.last ?? $1.phoneContactsPerYear) }
        let years = baseline.map(\.phoneContactsByYear.count).max() ?? 1
        return "Baseline: the forecast of phone calls offered per reason for each appraisal year (year 1 from \(CivilTime.formatDate(days: yearOneFirstDay))), "
            + "not the data window annualised. History: \(Format.count(days)) days (\(CivilTime.formatDate(days: fc.firstDay)) to \(CivilTime.formatDate(days: fc.lastDay))); "
            + "\(pattern); \(growth); weekdays and \(s.calendar.nation.title) bank holidays as in `forecast`. "
            + "Year 1: \(Format.number(yearOne, decimals: 0)) calls; year \(years): \(Format.number(last, decimals: 0)); the data window annualised (× 365 ÷ days) would give \(Format.number(annualisedPhone, decimals: 0)). "
            + "Each reason keeps its measured share of calls handled (offered − abandoned) and its handle time."
    }

    /// The method sentence for the annualised baseline, which says plainly what it leaves out.
    public static let annualisedWarning = "Seasonality is not modelled: this paper uses the annualised baseline (baseline = annualised), so the data window stands for every month of every appraisal year, with no growth; a window from a busy or quiet season over- or understates the year."
}
