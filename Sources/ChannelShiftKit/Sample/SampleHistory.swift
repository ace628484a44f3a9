// Optional multi-year behaviour for `sample`: annual seasonality, bank holidays by nation, growth and a go-live
// with known effects per reason and channel, so forecast and outturn can be tested against a known truth.
// Only used when an option asks for it: without one, `sample` writes exactly the bytes it always has.
import Foundation

/// A known change after go-live: contacts of `reason` on `channel` multiplied by 1 + `change` (−0.15 = 15% fewer).
public struct SampleEffect: Sendable, Equatable {
    public var reason: String
    public var channel: Channel
    public var change: Double

    public init(reason: String, channel: Channel, change: Double) {
        self.reason = reason
        self.channel = channel
        self.change = change
    }

    /// Parses "Missed Collection:phone:-15%" (reason, channel, signed change as a percentage or a fraction).
    public static func parse(_ text: String) throws(ToolError) -> SampleEffect {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let hint = "write --effect \"REASON:CHANNEL:CHANGE\", e.g. --effect \"Missed Collection:phone:-15%\""
        guard parts.count == 3, !parts[0].isEmpty else { throw .usage("--effect '\(text)' needs three parts separated by ':'", hint: hint) }
        guard let channel = Channel(name: parts[1]) else {
            throw .usage("--effect '\(text)': unknown channel '\(parts[1])'", hint: "channels: " + Channel.allCases.map(\.name).joined(separator: ", "))
        }
        var raw = parts[2]
        let percent = raw.hasSuffix("%")
        if percent { raw.removeLast() }
        guard var change = Double(raw), change.isFinite else { throw .usage("--effect '\(text)': '\(parts[2])' is not a number", hint: hint) }
        if percent { change /= 100 }
        guard change >= -1, change <= 1 else {
            throw .usage("--effect '\(text)': a change must be between -100% and +100%", hint: hint)
        }
        return SampleEffect(reason: parts[0], channel: channel, change: change)
    }
}

public struct SampleHistory: Sendable, Equatable {
    /// Annual seasonality by service line and reason, and bank holidays (with catch-up the next working day).
    public var seasonal = false
    public var nation: Nation = .englandAndWales
    public var holidays: BankHolidayCalendar = .builtIn()
    /// Compound growth in first contacts per year (0.02 = 2% a year).
    public var growthPerYear = 0.0
    public var goLive: CivilDate?
    public var effects: [SampleEffect] = []

    public init() {}

    // Shapes of the sample's seasons (illustrative, not calibrated to a council): garden waste subscriptions
    // renew in late winter and peak in March; bulky waste and the other waste reasons peak in early summer;
    // council tax peaks when bills land in March and April; the Christmas collection changes bring missed
    // collection and collection-day calls in the fortnight after Christmas; gritting calls come in winter.
    static let christmasWindow = (start: 24, days: 14)         // 24 December to 6 January

    /// Relative demand for one reason on one day (1 = an ordinary day of the year).
    static func season(line: String, reason: String, dayNumber: Int) -> Double {
        let c = CivilTime.civil(days: dayNumber)
        let doy = Double(dayNumber - CivilTime.days(year: c.year, month: 1, day: 1))
        func bump(_ peakDay: Double, _ height: Double, _ width: Double) -> Double {
            // von Mises shape on the year's circle: 1 at the peak, falling smoothly; width in days (≈ one s.d.).
            let theta = 2 * Double.pi * (doy - peakDay) / 365.25
            let kappa = pow(365.25 / (2 * Double.pi * width), 2)
            return height * exp(kappa * (cos(theta) - 1))
        }
        var f = 1.0
        switch (line, reason) {
        case ("Recycling and Waste", "Garden Waste Subscription"): f += bump(75, 2.0, 25)
        case ("Recycling and Waste", "Bulky Waste Collection"): f += bump(150, 0.6, 45)
        case ("Recycling and Waste", "Missed Collection"), ("Recycling and Waste", "Collection Day Query"):
            f += bump(180, 0.15, 60)
            if inChristmasWindow(dayNumber) { f *= reason == "Missed Collection" ? 1.5 : 2.2 }
        case ("Recycling and Waste", _), ("Waste Management", _): f += bump(180, 0.2, 60)
        case ("Revenues and Benefits", _): f += bump(95, 0.5, 20)
        case ("Transport for Bucks", "Gritting, Snow and Ice"): f += bump(20, 3.0, 25)
        case ("School Admissions", _): f += bump(290, 0.5, 25) + bump(10, 0.4, 15)
        default: f += bump(20, 0.08, 90)
        }
        return f
    }

    static func inChristmasWindow(_ dayNumber: Int) -> Bool {
        let c = CivilTime.civil(days: dayNumber)
        let start = CivilTime.days(year: c.month == 12 ? c.year : c.year - 1, month: 12, day: christmasWindow.start)
        return dayNumber >= start && dayNumber < start + christmasWindow.days
    }

    /// Demand multiplier for a channel on a day: a skeleton service on a bank holiday (office channels at 15%,
    /// online at 70%), and catch-up on the next working day (130%).
    func holidayFactor(channel: Int, dayNumber: Int) -> Double {
        guard seasonal else { return 1 }
        if holidays.isHoliday(dayNumber, in: nation) { return SampleModel.online[channel] ? 0.7 : 0.15 }
        // Catch-up: the first working day after one or more holidays (weekends skipped).
        var d = dayNumber - 1
        while CivilDate.weekday(dayNumber: d) >= 5 && !holidays.isHoliday(d, in: nation) { d -= 1 }
        if holidays.isHoliday(d, in: nation) && CivilDate.weekday(dayNumber: dayNumber) < 5 { return 1.3 }
        return 1
    }

    func growth(dayNumber: Int, startDay: Int) -> Double {
        growthPerYear == 0 ? 1 : pow(1 + growthPerYear, Double(dayNumber - startDay) / 365.25)
    }

    /// The multiplier each wrap code and channel gets after go-live (1 where no effect is named).
    func effectMultipliers(codes: [WrapCode]) throws(ToolError) -> [[Double]] {
        var m = [[Double]](repeating: [Double](repeating: 1, count: Channel.count), count: codes.count)
        for e in effects {
            let hits = codes.indices.filter { codes[$0].reason == e.reason || codes[$0].line + "/" + codes[$0].reason == e.reason }
            guard !hits.isEmpty else {
                throw .usage("--effect names reason '\(e.reason)', which is not in the taxonomy", hint: "use a reason from the taxonomy, e.g. Missed Collection (or 'Line/Reason')")
            }
            for i in hits { m[i][Int(e.channel.rawValue)] *= 1 + e.change }
        }
        return m
    }
}
