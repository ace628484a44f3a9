// `forecast`: the business-as-usual baseline per line × reason × channel, weekly and monthly, with intervals,
// a rolling-origin backtest per service line, and annual totals per appraisal year for `project`.

/// One forecast series: a line × reason × channel cell, or a line's total (reason and channel nil).
public struct ForecastSeries: Sendable, Equatable {
    public var line: String
    public var reason: String?
    public var channel: Channel?
    public var model: DayModel
    public var historyContacts: Int
    /// Contacts in the last 364 days of the history (52 whole weeks), for comparison with the next year.
    public var lastYearContacts: Int
    /// Whole Monday-to-Sunday weeks of the history: first Monday and weekly totals.
    public var weeklyStart: Int = 0
    public var weeklyHistory: [Double] = []
}

public struct ForecastOptions: Sendable, Equatable {
    public var settings: ForecastSettings
    public var horizonWeeks = 52
    /// false: only line totals are fitted (quicker; what the benchmark compares).
    public var byReason = true
    public var backtest = true
    public var backtestHorizonWeeks = 13
    public var backtestOrigins = 4
    public var intervalWeeks = 1
    /// First day of appraisal year 1 for the annual_baseline table (nil: the day after the data ends).
    public var appraisalStart: CivilDate?
    public var appraisalYears = 3

    public init(settings: ForecastSettings) { self.settings = settings }
}

public struct ForecastResult: Sendable, Equatable {
    public var options: ForecastOptions
    public var firstDay: Int
    public var lastDay: Int
    public var series: [ForecastSeries]          // line × reason × channel (empty when byReason is false)
    public var lines: [ForecastSeries]           // line totals
    public var backtests: [BacktestResult]       // per line
    /// Phone calls per day × 15-minute slot of the first forecast weeks: (day, slot, calls).
    public var phoneIntervals: [(day: Int, slot: Int, calls: Double)]
    public var warnings: [String]

    public var horizonFirstDay: Int { lastDay + 1 }
    /// Whole Monday-to-Sunday weeks in the horizon (the first starts on the first Monday after the data).
    public var forecastWeeks: [Int] {
        let first = horizonFirstDay + (7 - CivilTime.weekday(days: horizonFirstDay)) % 7
        return (0..<options.horizonWeeks).map { first + 7 * $0 }
    }
    /// Whole calendar months inside the horizon (first Monday to the end of the last week).
    public var forecastMonths: [(first: Int, last: Int)] {
        guard let w0 = forecastWeeks.first, let wl = forecastWeeks.last else { return [] }
        var out: [(Int, Int)] = []
        var c = CivilTime.civil(days: horizonFirstDay)
        while true {
            let first = CivilTime.days(year: c.year, month: c.month, day: 1)
            let last = first + CivilTime.daysIn(month: c.month, year: c.year) - 1
            if first > wl + 6 { break }
            if first >= horizonFirstDay && last <= wl + 6 && first >= w0 - 6 { out.append((first, last)) }
            c = c.month == 12 ? (c.year + 1, 1, 1) : (c.year, c.month + 1, 1)
        }
        return out
    }

    public static func == (a: ForecastResult, b: ForecastResult) -> Bool {
        a.options == b.options && a.firstDay == b.firstDay && a.lastDay == b.lastDay && a.series == b.series && a.lines == b.lines
            && a.backtests == b.backtests && a.warnings == b.warnings && a.phoneIntervals.count == b.phoneIntervals.count
    }
}

/// Contacts per appraisal year for one line × reason × channel: what `project` should use instead of annualising.
public struct AnnualBaseline: Sendable, Equatable {
    public var line: String
    public var reason: String
    public var channel: Channel
    public var year: Int                 // 1 = the first appraisal year
    public var firstDay: Int
    public var lastDay: Int
    public var forecast: PeriodForecast
}

public enum Forecast {
    /// Fits every series with contacts. Throws when the history is under two years and no profile is given.
    public static func analyse(_ daily: DailyCounts, wraps: WrapDictionary, options: ForecastOptions) throws(ToolError) -> ForecastResult {
        guard let first = daily.firstDay, let last = daily.lastDayNumber else {
            throw .data("the contact data has no contacts", hint: "check the file and the column mapping")
        }
        let settings = options.settings
        var result = ForecastResult(options: options, firstDay: first, lastDay: last, series: [], lines: [], backtests: [], phoneIntervals: [], warnings: [])
        let totals = daily.totals()
        let ids = wraps.sortedIDs
        let lineNames = Array(Set(ids.map { wraps.code($0).line })).sorted()
        let lastYearFrom = max(first, last - 363)
        func contacts(_ y: [Double], from: Int) -> Int { Int(y[(from - first)...].reduce(0, +)) }
        for line in lineNames {
            let wrapSet = Set(ids.filter { wraps.code($0).line == line }.map(Int.init))
            let y = daily.series(from: first, through: last) { w, _ in wrapSet.contains(w) }
            let model = try DayRegression.fit(y, firstDay: first, settings: settings)
            let wk = Backtest.weeks(y, firstDay: first)
            result.lines.append(ForecastSeries(line: line, reason: nil, channel: nil, model: model, historyContacts: Int(y.reduce(0, +)),
                                               lastYearContacts: contacts(y, from: lastYearFrom), weeklyStart: wk.start, weeklyHistory: wk.totals))
            if options.backtest {
                result.backtests.append(Backtest.run(y, firstDay: first, settings: settings, label: line,
                                                     horizonWeeks: options.backtestHorizonWeeks, origins: options.backtestOrigins))
            }
        }
        if options.byReason {
            for id in ids {
                let code = wraps.code(id)
                for ch in Channel.allCases {
                    let cell = Int(id) * Channel.count + Int(ch.rawValue)
                    guard cell < totals.count, totals[cell] > 0 else { continue }
                    let y = daily.series(from: first, through: last) { w, c in w == Int(id) && c == Int(ch.rawValue) }
                    let model = try DayRegression.fit(y, firstDay: first, settings: settings)
                    result.series.append(ForecastSeries(line: code.line, reason: code.reason, channel: ch, model: model,
                                                        historyContacts: totals[cell], lastYearContacts: contacts(y, from: lastYearFrom)))
                }
            }
            result.phoneIntervals = phoneIntervals(daily, result: result)
        }
        // The holiday table must cover the horizon, or holidays there are forecast as ordinary days.
        let cal = settings.calendar
        if let years = cal.holidays.coveredYears(cal.nation) {
            let lastForecastYear = CivilTime.civil(days: (result.forecastWeeks.last ?? last) + 6).year
            let firstYear = CivilTime.civil(days: first).year
            if lastForecastYear > years.upperBound || firstYear < years.lowerBound {
                result.warnings.append("The bank-holiday table (\(cal.holidays.file)) covers \(years.lowerBound)–\(years.upperBound) for \(cal.nation.title); days outside those years are treated as ordinary days: extend the table.")
            }
        } else {
            result.warnings.append("The bank-holiday table has no holidays for \(cal.nation.title): holidays are treated as ordinary days.")
        }
        return result
    }

    /// Phone calls per 15-minute interval of each day of the first `intervalWeeks` forecast weeks: the day's phone
    /// forecast (all phone series) spread by the history's share of that weekday's calls in each interval.
    static func phoneIntervals(_ daily: DailyCounts, result: ForecastResult) -> [(day: Int, slot: Int, calls: Double)] {
        let phone = result.series.filter { $0.channel == .phone }
        guard let w0 = result.forecastWeeks.first, !phone.isEmpty else { return [] }
        var out: [(Int, Int, Double)] = []
        for d in w0..<(w0 + 7 * result.options.intervalWeeks) {
            let wd = CivilTime.weekday(days: d)
            let dayTotal = (0..<96).reduce(0) { $0 + daily.phoneBySlot[wd * 96 + $1] }
            guard dayTotal > 0 else { continue }
            let calls = phone.reduce(0.0) { $0 + DayRegression.predict($1.model, from: d, through: d).mean }
            for s in 0..<96 where daily.phoneBySlot[wd * 96 + s] > 0 {
                out.append((d, s, calls * Double(daily.phoneBySlot[wd * 96 + s]) / Double(dayTotal)))
            }
        }
        return out
    }

    /// The baseline `project` should use: forecast contacts per line × reason × channel for each appraisal year
    /// (year 1 starts on `firstYearStart`; each year runs to the day before its anniversary). Pure: no I/O.
    public static func annualBaseline(_ result: ForecastResult, firstYearStart: CivilDate, years: Int) -> [AnnualBaseline] {
        var out: [AnnualBaseline] = []
        for s in result.series {
            guard let reason = s.reason, let channel = s.channel else { continue }
            for y in 0..<max(0, years) {
                let a = CivilDate(year: firstYearStart.year + y, month: firstYearStart.month, day: min(firstYearStart.day, 28)).dayNumber
                    + (firstYearStart.day > 28 ? firstYearStart.day - 28 : 0)
                let b = CivilDate(year: firstYearStart.year + y + 1, month: firstYearStart.month, day: min(firstYearStart.day, 28)).dayNumber
                    + (firstYearStart.day > 28 ? firstYearStart.day - 28 : 0) - 1
                out.append(AnnualBaseline(line: s.line, reason: reason, channel: channel, year: y + 1, firstDay: a, lastDay: b,
                                          forecast: DayRegression.predict(s.model, from: a, through: b)))
            }
        }
        return out
    }

    /// Sum of several series over a run of days (intervals assume the series are independent).
    public static func total(_ series: [ForecastSeries], from a: Int, through b: Int) -> PeriodForecast {
        series.reduce(PeriodForecast.zero) { $0 + DayRegression.predict($1.model, from: a, through: b) }
    }
}
