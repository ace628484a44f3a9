// The forecast model: recovers a known structure, respects closed days, refuses short histories, backtests honestly.
import Foundation
import Testing
@testable import ChannelShiftKit

@Suite struct ForecastTests {
    static let calendar = ForecastCalendar(holidays: .builtIn(), nation: .englandAndWales)
    static let start = CivilDate(year: 2021, month: 4, day: 1).dayNumber

    /// The exact mean of a known model: 3% growth a year, a Monday peak, closed Sundays, bank holidays at a
    /// fifth of normal, a winter peak. Counts are the means themselves (no noise), so the fit must recover them.
    static func knownMean(_ d: Int) -> Double {
        let wd = CivilTime.weekday(days: d)
        if wd == 6 { return 0 }
        let c = CivilTime.civil(days: d)
        let doy = Double(d - CivilTime.days(year: c.year, month: 1, day: 1))
        var eta = log(200.0) + log(1.03) * Double(d - start) / 365.25 + 0.3 * cos(2 * Double.pi * doy / 365.25)
        if wd == 0 { eta += 0.25 }
        if wd == 5 { eta -= 1.0 }
        if calendar.isHoliday(d) { eta += log(0.2) }
        return exp(eta)
    }

    @Test func recoversAKnownModelAndForecastsItsNextYear() throws {
        let days = 3 * 365
        let y = (0..<days).map { Self.knownMean(Self.start + $0) }
        let m = try DayRegression.fit(y, firstDay: Self.start, settings: ForecastSettings(calendar: Self.calendar))
        #expect(m.closedWeekday == [false, false, false, false, false, false, true])
        let trend = m.beta[m.columns.firstIndex(of: 1)!]
        #expect(abs(trend - log(1.03)) < 1e-4)
        let a = Self.start + days, b = a + 364
        let truth = (a...b).reduce(0.0) { $0 + Self.knownMean($1) }
        let f = DayRegression.predict(m, from: a, through: b)
        #expect(abs(f.mean / truth - 1) < 1e-3)
        // Closed Sundays are forecast as zero; a bank holiday at about a fifth of an ordinary day.
        let sunday = (a...(a + 6)).first { CivilTime.weekday(days: $0) == 6 }!
        #expect(DayRegression.dayMean(m, sunday) == 0)
        let xmas = CivilDate(year: 2024, month: 12, day: 25).dayNumber
        #expect(abs(DayRegression.dayMean(m, xmas) / Self.knownMean(xmas) - 1) < 0.01)
        // With no noise there is no overdispersion (φ = 1): the variance is the Poisson floor plus the parameter part.
        #expect(m.phi == 1)
        #expect(abs(f.variance - f.mean - f.parameterVariance) < 1e-6 * f.variance && f.parameterVariance > 0)
    }

    /// A 15% step down at a go-live inside the history: with --level-shift it is a step, not a bent trend.
    @Test func levelShiftKeepsAStepOutOfTheTrend() throws {
        let goLive = CivilDate(year: 2023, month: 4, day: 1).dayNumber
        let y = (0..<(3 * 365)).map { i -> Double in Self.knownMean(Self.start + i) * (Self.start + i >= goLive ? 0.85 : 1) }
        var settings = ForecastSettings(calendar: Self.calendar)
        let bent = try DayRegression.fit(y, firstDay: Self.start, settings: settings)
        settings.levelShifts = [goLive]
        let stepped = try DayRegression.fit(y, firstDay: Self.start, settings: settings)
        let trend = { (m: DayModel) in m.beta[m.columns.firstIndex(of: 1)!] }
        #expect(abs(trend(stepped) - log(1.03)) < 1e-4)
        #expect(abs(trend(bent) - log(1.03)) > 0.02)
        let step = stepped.beta[stepped.columns.firstIndex(of: DayRegression.featureCount(harmonics: 4))!]
        #expect(abs(step - log(0.85)) < 1e-4)
    }

    @Test func refusesUnderTwoYearsUnlessASourcedProfileIsGiven() throws {
        let y = (0..<400).map { Self.knownMean(Self.start + $0) }
        #expect {
            try DayRegression.fit(y, firstDay: Self.start, settings: ForecastSettings(calendar: Self.calendar))
        } throws: { e in ((e as? ToolError)?.rendered ?? "").contains("under two years") }
        let csv = "month,index,source\n" + (1...12).map { "\($0),\($0 == 12 || $0 == 1 ? 1.3 : 0.95),neighbouring council three-year average" }.joined(separator: "\n") + "\n"
        let profile = try SeasonalProfile.parse(CSVTable.parse(Array(csv.utf8), file: "p.csv"))
        #expect(abs(profile.monthly.reduce(0, +) - 12) < 1e-9)
        let m = try DayRegression.fit(y, firstDay: Self.start, settings: ForecastSettings(calendar: Self.calendar, seasonalProfile: profile))
        #expect(m.basis == .profile)
        let jan = DayRegression.predict(m, from: CivilDate(year: 2023, month: 1, day: 9).dayNumber, through: CivilDate(year: 2023, month: 1, day: 15).dayNumber)
        let jun = DayRegression.predict(m, from: CivilDate(year: 2022, month: 6, day: 13).dayNumber, through: CivilDate(year: 2022, month: 6, day: 19).dayNumber)
        #expect(jan.mean > jun.mean * 1.2)
        #expect(throws: ToolError.self) { try SeasonalProfile.parse(CSVTable.parse(Array("month,index,source\n1,1.1,\n".utf8), file: "p.csv")) }
    }

    @Test func annualBaselineSplitsAppraisalYears() throws {
        let y = (0..<(3 * 365)).map { Self.knownMean(Self.start + $0) }
        let m = try DayRegression.fit(y, firstDay: Self.start, settings: ForecastSettings(calendar: Self.calendar))
        let series = [ForecastSeries(line: "Recycling and Waste", reason: "Missed Collection", channel: .phone, model: m, historyContacts: 1, lastYearContacts: 1),
                      ForecastSeries(line: "Recycling and Waste", reason: "Missed Collection", channel: .webForm, model: m, historyContacts: 1, lastYearContacts: 1)]
        let result = ForecastResult(options: ForecastOptions(settings: ForecastSettings(calendar: Self.calendar)), firstDay: Self.start,
                                    lastDay: Self.start + y.count - 1, series: series, lines: [], backtests: [], phoneIntervals: [], warnings: [])
        let years = Forecast.annualBaseline(result, firstYearStart: CivilDate(year: 2024, month: 4, day: 1), years: 3)
        #expect(years.count == 6)
        let first = try #require(years.first)
        #expect(CivilTime.formatDate(days: first.firstDay) == "2024-04-01" && CivilTime.formatDate(days: first.lastDay) == "2025-03-31")
        #expect(years.filter { $0.year == 3 }.allSatisfy { CivilTime.formatDate(days: $0.firstDay) == "2026-04-01" && CivilTime.formatDate(days: $0.lastDay) == "2027-03-31" })
        // Each year is the model's forecast for exactly those days, and grows at the fitted 3% a year.
        let truth = (first.firstDay...first.lastDay).reduce(0.0) { $0 + Self.knownMean($1) }
        #expect(abs(first.forecast.mean / truth - 1) < 1e-3)
        let second = years.first { $0.year == 2 && $0.channel == .phone }!
        #expect(abs(second.forecast.mean / first.forecast.mean - 1.03) < 0.01)
    }

    @Test func backtestIsHonestOnTheSampleHistory() throws {
        let (daily, wraps) = HistoryFixture.data
        let ids = Set(wraps.sortedIDs.filter { wraps.code($0).line == "Revenues and Benefits" }.map(Int.init))
        let y = daily.series(from: daily.firstDay!, through: daily.lastDayNumber!) { w, _ in ids.contains(w) }
        let bt = Backtest.run(y, firstDay: daily.firstDay!, settings: HistoryFixture.settings, label: "Revenues and Benefits")
        #expect(bt.origins.count == 4)
        // Every origin has two years before it; the scored weeks never overlap the training data.
        #expect(bt.origins.allSatisfy { $0.originDay - daily.firstDay! >= 730 })
        #expect(try #require(bt.mase) < 1)
        #expect(try #require(bt.mase) < bt.naiveMASE!)
        #expect(try #require(bt.coverage95) >= 0.8)
    }
}
