// Formats a ForecastResult: the year ahead by line, by month, the backtest, and machine-readable detail tables.

public enum ForecastReport {
    static func date(_ d: Int) -> String { CivilTime.formatDate(days: d) }
    static func month(_ d: Int) -> String { let c = CivilTime.civil(days: d); return CivilTime.formatMonth(c.year * 12 + c.month - 1) }

    static func intervalCells(_ f: PeriodForecast, levels: [Double] = [0.8, 0.95]) -> [Cell] {
        var out: [Cell] = [.number(f.mean, decimals: 0)]
        for l in levels { let i = f.interval(l); out += [.number(i.low, decimals: 0), .number(i.high, decimals: 0)] }
        return out
    }

    public static func build(_ r: ForecastResult, threshold: Int, assumptions: [AssumptionUse]) -> AnalysisReport {
        let weeks = r.forecastWeeks
        let months = r.forecastMonths
        guard let w0 = weeks.first, let wl = weeks.last else {
            return AnalysisReport(command: "forecast", title: "Baseline forecast", summary: ["No forecast weeks were asked for."])
        }
        let yearEnd = wl + 6
        var blocks: [Block] = []
        var summary: [String] = []

        // The year ahead by line.
        var byLine = Table(id: "forecast_by_line", title: "Contacts by service line: the last 52 weeks and the forecast for the next \(weeks.count)",
                           columns: [Column("line", "Service line", .left), Column("last_52_weeks", "Last 52 weeks (actual)"),
                                     Column("forecast", "Forecast"), Column("low95", "Low (95%)"), Column("high95", "High (95%)"), Column("change", "Change")])
        var total = PeriodForecast.zero, lastYear = 0
        for s in r.lines {
            let f = DayRegression.predict(s.model, from: w0, through: yearEnd)
            let i = f.interval(0.95)
            total = total + f
            lastYear += s.lastYearContacts
            byLine.rows.append([.text(s.line), Suppression.cell(s.lastYearContacts, threshold: threshold), .number(f.mean, decimals: 0),
                                .number(i.low, decimals: 0), .number(i.high, decimals: 0),
                                s.lastYearContacts > 0 && weeks.count == 52 ? .percent(f.mean / Double(s.lastYearContacts) - 1, decimals: 1) : .empty])
        }
        let ti = total.interval(0.95)
        byLine.footer = [[.text("All lines"), .count(lastYear), .number(total.mean, decimals: 0), .number(ti.low, decimals: 0), .number(ti.high, decimals: 0),
                          lastYear > 0 && weeks.count == 52 ? .percent(total.mean / Double(lastYear) - 1, decimals: 1) : .empty]]
        byLine.notes = ["Each line is forecast as one series. The low and high columns are a 95% prediction interval for the period's total; the all-lines range treats the lines as independent."]
        summary.append("From \(date(w0)) to \(date(yearEnd)) the business-as-usual forecast is \(Format.number(total.mean)) contacts (95% range \(Format.number(ti.low)) to \(Format.number(ti.high)))"
                       + (lastYear > 0 && weeks.count == 52 ? ", \(Format.percent(abs(total.mean / Double(lastYear) - 1)))" + (total.mean >= Double(lastYear) ? " more" : " fewer") + " than the last 52 weeks of data." : "."))

        // By month: all contacts and phone.
        let phone = r.series.filter { $0.channel == .phone }
        var monthly = Table(id: "forecast_by_month", title: "Forecast by month",
                            columns: [Column("month", "Month", .left), Column("contacts", "All contacts"), Column("contacts_low95", "Low (95%)"),
                                      Column("contacts_high95", "High (95%)")] + (phone.isEmpty ? [] : [Column("phone", "Phone"), Column("phone_low95", "Phone low (95%)"),
                                                                                                          Column("phone_high95", "Phone high (95%)")]))
        for m in months {
            let a = Forecast.total(r.lines, from: m.first, through: m.last)
            var row: [Cell] = [.text(month(m.first))] + [.number(a.mean, decimals: 0), .number(a.interval(0.95).low, decimals: 0), .number(a.interval(0.95).high, decimals: 0)]
            if !phone.isEmpty {
                let p = Forecast.total(phone, from: m.first, through: m.last)
                row += [.number(p.mean, decimals: 0), .number(p.interval(0.95).low, decimals: 0), .number(p.interval(0.95).high, decimals: 0)]
            }
            monthly.rows.append(row)
        }
        monthly.notes = ["Whole calendar months inside the forecast weeks. Phone is the sum of the reason-level phone forecasts."]

        // Backtest.
        var bt = Table(id: "backtest", title: "How well the method forecast the past: rolling-origin backtest, 13 weeks ahead",
                       columns: [Column("line", "Service line", .left), Column("origins", "Origins"), Column("weeks", "Weeks scored"), Column("mase", "MASE"),
                                 Column("naive_mase", "Seasonal naive MASE"), Column("coverage80", "In 80% interval"), Column("coverage95", "In 95% interval")])
        var allMASE: [Double] = [], allNaive: [Double] = [], w = 0, c80 = 0, c95 = 0
        var detail = Table(id: "backtest_origins", title: "Backtest by origin", columns: [
            Column("line", "Service line", .left), Column("origin", "Origin", .left), Column("weeks", "Weeks"), Column("mae", "MAE"), Column("scale", "Seasonal naive in-sample MAE"),
            Column("mase", "MASE"), Column("naive_mase", "Seasonal naive MASE"), Column("covered80", "In 80%"), Column("covered95", "In 95%")], inMarkdown: false)
        for b in r.backtests {
            bt.rows.append([.text(b.label), .integer(b.origins.count), .integer(b.weeks), b.mase.map { .number($0, decimals: 2) } ?? .empty,
                            b.naiveMASE.map { .number($0, decimals: 2) } ?? .empty, b.coverage80.map { .percent($0, decimals: 0) } ?? .empty,
                            b.coverage95.map { .percent($0, decimals: 0) } ?? .empty])
            for o in b.origins {
                allMASE.append(o.mase); allNaive.append(o.naiveMASE); w += o.weeks; c80 += o.covered80; c95 += o.covered95
                detail.rows.append([.text(b.label), .text(date(o.originDay)), .integer(o.weeks), .number(o.meanAbsoluteError, decimals: 2), .number(o.scale, decimals: 2),
                                    .number(o.mase, decimals: 4), .number(o.naiveMASE, decimals: 4), .integer(o.covered80), .integer(o.covered95)])
            }
        }
        let meanMASE = allMASE.isEmpty ? nil : allMASE.reduce(0, +) / Double(allMASE.count)
        let meanNaive = allNaive.isEmpty ? nil : allNaive.reduce(0, +) / Double(allNaive.count)
        if let meanMASE, let meanNaive {
            bt.footer = [[.text("All lines"), .integer(allMASE.count), .integer(w), .number(meanMASE, decimals: 2), .number(meanNaive, decimals: 2),
                          .percent(Double(c80) / Double(w), decimals: 0), .percent(Double(c95) / Double(w), decimals: 0)]]
            summary.append("Tested on the past, the method's weekly forecasts 13 weeks ahead had a mean absolute scaled error (MASE) of \(Format.number(meanMASE, decimals: 2)) against \(Format.number(meanNaive, decimals: 2)) for repeating last year's week; \(Format.percent(Double(c95) / Double(w), decimals: 0)) of weeks fell inside the 95% interval.")
        } else if r.options.backtest {
            summary.append("The history is too short for a backtest: each origin needs two years of data before it and a year of seasonal-naive errors.")
        }
        bt.notes = ["MASE below 1 means smaller errors than the seasonal naive forecast makes within the training data; the interval columns should be near 80% and 95% if the intervals are honest."]

        // Machine-readable detail: weekly and monthly per line × reason × channel, the annual baseline, intervals.
        let detailCols = [Column("line", "Service line", .left), Column("reason", "Reason", .left), Column("channel", "Channel", .left), Column("forecast", "Forecast"),
                          Column("low80", "Low (80%)"), Column("high80", "High (80%)"), Column("low95", "Low (95%)"), Column("high95", "High (95%)")]
        var weekly = Table(id: "weekly", title: "Weekly forecast per line, reason and channel", columns: [Column("week_start", "Week starting", .left)] + detailCols, inMarkdown: false)
        var monthlyDetail = Table(id: "monthly", title: "Monthly forecast per line, reason and channel", columns: [Column("month", "Month", .left)] + detailCols, inMarkdown: false)
        let detailSeries = r.series.isEmpty ? r.lines : r.series
        for s in detailSeries {
            let key: [Cell] = [.text(s.line), .text(s.reason ?? "All reasons"), .text(s.channel?.name ?? "all")]
            for ws in weeks { weekly.rows.append([.text(date(ws))] + key + intervalCells(DayRegression.predict(s.model, from: ws, through: ws + 6))) }
            for m in months { monthlyDetail.rows.append([.text(month(m.first))] + key + intervalCells(DayRegression.predict(s.model, from: m.first, through: m.last))) }
        }
        // What `project` should use instead of annualising: contacts per appraisal year per line × reason × channel.
        var annual = Table(id: "annual_baseline", title: "Forecast contacts per appraisal year, per line, reason and channel",
                           columns: [Column("year", "Year"), Column("from", "From", .left), Column("to", "To", .left)] + detailCols, inMarkdown: false)
        let start = r.options.appraisalStart ?? CivilDate(dayNumber: r.lastDay + 1)
        for a in Forecast.annualBaseline(r, firstYearStart: start, years: r.options.appraisalYears) {
            annual.rows.append([.integer(a.year), .text(date(a.firstDay)), .text(date(a.lastDay)), .text(a.line), .text(a.reason), .text(a.channel.name)]
                               + intervalCells(a.forecast))
        }
        var history = Table(id: "history_weekly", title: "Weekly contacts per line in the history (whole weeks)",
                            columns: [Column("week_start", "Week starting", .left), Column("line", "Service line", .left), Column("contacts", "Contacts")], inMarkdown: false)
        for s in r.lines {
            for (i, v) in s.weeklyHistory.enumerated() {
                history.rows.append([.text(date(s.weeklyStart + 7 * i)), .text(s.line), Suppression.cell(Int(v), threshold: threshold)])
            }
        }
        var intervals = Table(id: "phone_intervals", title: "Phone calls per 15-minute interval, first forecast weeks",
                              columns: [Column("date", "Date", .left), Column("interval_start", "Interval", .left), Column("calls", "Calls")], inMarkdown: false)
        for p in r.phoneIntervals {
            intervals.rows.append([.text(date(p.day)), .text(CivilTime.pad(p.slot / 4, 2) + ":" + CivilTime.pad(p.slot % 4 * 15, 2)), .number(p.calls, decimals: 2)])
        }
        blocks.append(.paragraph("What the next year looks like if nothing changes: the business-as-usual baseline a business case is measured against. Ranges are 95% prediction intervals."))
        blocks.append(.table(byLine))
        if !months.isEmpty { blocks.append(.table(monthly)) }
        if !r.backtests.isEmpty { blocks.append(.table(bt)) }
        if !r.warnings.isEmpty { blocks.append(.bullets(r.warnings)) }
        blocks += [.table(weekly), .table(monthlyDetail), .table(detail), .table(history)]
        if !annual.rows.isEmpty { blocks.append(.table(annual)) }
        if !intervals.rows.isEmpty { blocks.append(.table(intervals)) }

        var values: [String: NamedValue] = [
            "next_year_contacts": NamedValue(total.mean, display: Format.number(total.mean) + " contacts", unit: "contacts"),
            "next_year_low": NamedValue(ti.low, display: Format.number(ti.low) + " contacts", unit: "contacts"),
            "next_year_high": NamedValue(ti.high, display: Format.number(ti.high) + " contacts", unit: "contacts"),
        ]
        if let meanMASE { values["mase"] = NamedValue(meanMASE, display: Format.number(meanMASE, decimals: 2), unit: "") }
        if w > 0 { values["coverage95"] = .percent(Double(c95) / Double(w), decimals: 0) }
        if !phone.isEmpty {
            let p = Forecast.total(phone, from: w0, through: yearEnd)
            values["next_year_phone"] = NamedValue(p.mean, display: Format.number(p.mean) + " calls", unit: "calls")
        }
        return AnalysisReport(command: "forecast", title: "Business-as-usual baseline forecast", summary: summary, blocks: blocks, values: values,
                              assumptions: assumptions, method: method(r))
    }

    static func method(_ r: ForecastResult) -> [String] {
        let s = r.options.settings
        let basis = r.lines.first?.model.basis ?? .estimated
        var m = [
            "History: \(date(r.firstDay)) to \(date(r.lastDay)) (\(r.lastDay - r.firstDay + 1) days). Forecast: \(r.options.horizonWeeks) whole weeks (Monday to Sunday) from \(date(r.forecastWeeks.first ?? r.lastDay + 1)).",
            "Model: a quasi-Poisson regression of daily contacts per series (McCullagh & Nelder 1989), fitted by iteratively reweighted least squares: log mean = level + trend + weekday + annual Fourier terms (\(s.harmonics) harmonics; Hyndman & Athanasopoulos, Forecasting: Principles and Practice, §7.4) + bank holiday + the first working day after one (catch-up) + the Christmas fortnight (24 December to 6 January). Chosen over weekly Holt-Winters because 52 weekly seasonal states cannot be estimated from two or three years, bank holidays move between weeks, and each effect stays one visible coefficient.",
            "Bank holidays: \(s.calendar.nation.title), from \(s.calendar.holidays.file) (GOV.UK bank holidays). A weekday, or the bank holidays, with no contacts at all in a series' history is treated as closed and forecast as zero.",
            "Trend: " + (s.growthPerYear.map { "fixed by assumption at \(Format.percent($0)) a year (the growth driver), not estimated." } ?? "estimated from the history as a constant yearly growth rate and extended into the forecast; its uncertainty is in the intervals."),
            "Intervals: the period total's variance is the overdispersed Poisson variance of its own contacts (φ × mean, φ from the larger of the daily and the weekly Pearson statistic, at least 1) plus the forecast's parameter uncertainty by the delta method. Intervals are normal approximations floored at zero.",
            "Series with fewer than 500 contacts in the history are forecast from level, weekday and holidays only (no trend or annual cycle): too few contacts to estimate them.",
            "Backtest: rolling origin (Tashman 2000), \(r.options.backtestOrigins) origins \(r.options.backtestHorizonWeeks) weeks apart, each refitted on the data before it and scored on the next \(r.options.backtestHorizonWeeks) whole weeks; MASE scales the mean absolute error by the in-sample mean absolute error of the seasonal naive forecast (same week a year earlier; Hyndman & Koehler 2006). Origins with under two years of data before them are skipped.",
            "Never annualised: with under two years of history the tool refuses, unless a stated, sourced monthly seasonal profile is given (--seasonal-profile).",
        ]
        if !s.levelShifts.isEmpty {
            m.append("Level shifts: the level may step from " + s.levelShifts.sorted().map { date($0) }.joined(separator: ", ") + " (a known change such as a go-live), estimated as a step so the change is not mistaken for trend. Without one, a go-live inside the history bends the trend and the forecast after it.")
        } else {
            m.append("No level shift was given: a go-live or other step change inside the history would be read as trend (give --level-shift DATE).")
        }
        if basis == .profile, let p = s.seasonalProfile {
            m.append("Seasonal profile: the history is under two years, so the annual pattern comes from \(p.file) (source: \(p.source)) and is not estimated; growth is \(Format.percent(s.growthPerYear ?? 0)) a year by assumption.")
        }
        if !r.series.isEmpty {
            let start = r.options.appraisalStart ?? CivilDate(dayNumber: r.lastDay + 1)
            m.append("Annual baseline (CSV/JSON table annual_baseline): forecast contacts per line × reason × channel for \(r.options.appraisalYears) appraisal years from \(date(start.dayNumber)), each year to the day before its anniversary: the business-as-usual baseline an appraisal should use instead of scaling a short window to a year.")
        }
        if !r.phoneIntervals.isEmpty {
            m.append("Phone calls per 15-minute interval (CSV/JSON table phone_intervals): each day's phone forecast spread by the history's share of that weekday's calls in each interval, for `capacity` to size future weeks.")
        }
        return m
    }
}
