// The phone baseline per reason and the phone queue curve, read from the cube: what project and check start from.
import Foundation

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
            let opening = try Scenario.central(set, .openingHours) / 3600
            let slots = Int((opening * 60 / Double(ContactCube.slotMinutes)).rounded())
            guard slots > 0 else { return nil }
            let weekly = calls.reduce(0, +) + dateOnlyPerWeek
            calls = [Double](repeating: weekly / Double(slots), count: slots)
            profile = "the data has no times of day, so a flat profile: the week's calls spread evenly over \(Format.number(opening)) opening hours"
        }
        let target = try Scenario.central(set, .serviceLevel)
        let seconds = try Scenario.central(set, .serviceLevelSeconds)
        let slotSeconds = Double(ContactCube.slotMinutes * 60)
        let desc = "Profile: \(profile); target \(Format.percent(target, decimals: 0)) answered within \(Format.number(seconds)) s; AHT \(Format.number(aht, decimals: 0)) s; a year is 365 ÷ 7 weeks. Erlang C (callers wait rather than abandon) is used: it needs no patience figure and is the usual planning model; Erlang A would need fewer advisers."
        return QueueCurve.build(callsPerSlot: calls, slotsPerYearFactor: 365.0 / 7.0, slotHours: slotSeconds / 3600, handleSeconds: aht,
                                description: desc) { n, h in
            Staffing.requiredAgents(load: IntervalLoad(calls: n, ahtSeconds: h, intervalSeconds: slotSeconds),
                                    target: .serviceLevel(fraction: target, withinSeconds: seconds), model: .erlangC).agents
        }
    }
}
