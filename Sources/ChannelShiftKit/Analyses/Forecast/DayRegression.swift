// The forecast model: a quasi-Poisson regression of daily contacts on trend, weekday, annual Fourier terms,
// bank holidays (by nation), the catch-up day after them and the Christmas fortnight, fitted by IRLS.
//
// Why this model: it is a generalised linear model that pure Swift fits exactly (iteratively reweighted
// least squares, McCullagh & Nelder, Generalized Linear Models, 2nd ed., 1989, §2.5), it handles counts near
// zero and days when a channel is closed, and every effect the issue names is one visible coefficient. The
// annual cycle uses Fourier terms (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed.,
// §7.4 and §12.1, "dynamic harmonic regression"), which a weekly Holt-Winters with 52 seasonal states cannot
// estimate from two or three years; holidays move between weeks each year, so dummies on the day are cleaner
// than seasonal indices. Prediction intervals add the parameter uncertainty (delta method) to the
// overdispersed Poisson noise of the period's own contacts.
import Foundation

/// A monthly seasonal profile given by the user when the history is too short to estimate one (12 indices, mean 1).
public struct SeasonalProfile: Sendable, Equatable {
    public var file: String
    public var monthly: [Double]          // January first
    public var source: String

    public init(file: String, monthly: [Double], source: String) {
        self.file = file
        self.monthly = monthly
        self.source = source
    }

    /// CSV `month,index,source` (month 1–12 or January…December), all twelve months, a source on at least one row.
    public static func parse(_ t: CSVTable) throws(ToolError) -> SeasonalProfile {
        let cols = try t.requireColumns(["month", "index", "source"])
        var monthly = [Double?](repeating: nil, count: 12)
        var sources: [String] = []
        var problems = DiagnosticCollector()
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        for row in t.rows {
            do { try t.checkWidth(row) } catch { for d in error.diagnostics { problems.add(d) }; continue }
            let m = row.fields[cols[0]].trimmingCharacters(in: .whitespaces)
            guard let month = Int(m).flatMap({ (1...12).contains($0) ? $0 : nil }) ?? names.firstIndex(where: { $0.hasPrefix(m.lowercased()) && m.count >= 3 }).map({ $0 + 1 }) else {
                problems.add(Diagnostic("'\(m)' is not a month", at: SourceLocation(file: t.file, line: row.line, column: row.columns[cols[0]]), hint: "write 1 to 12 or a month name"))
                continue
            }
            let v = row.fields[cols[1]].trimmingCharacters(in: .whitespaces)
            guard let x = Double(v), x.isFinite, x > 0 else {
                problems.add(Diagnostic("index '\(v)' must be a positive number", at: SourceLocation(file: t.file, line: row.line, column: row.columns[cols[1]]),
                                        hint: "1 is an average month; 1.2 is 20% busier"))
                continue
            }
            if monthly[month - 1] != nil {
                problems.add(Diagnostic("month \(month) is given twice", at: SourceLocation(file: t.file, line: row.line, column: row.columns[cols[0]]), hint: "one row per month"))
            }
            monthly[month - 1] = x
            let s = row.fields[cols[2]].trimmingCharacters(in: .whitespaces)
            if !s.isEmpty && !sources.contains(s) { sources.append(s) }
        }
        let missing = (0..<12).filter { monthly[$0] == nil }
        if !missing.isEmpty && problems.isEmpty {
            problems.add(Diagnostic("the profile lacks month\(missing.count == 1 ? "" : "s") " + missing.map { String($0 + 1) }.joined(separator: ", "),
                                    at: SourceLocation(file: t.file), hint: "give all twelve months"))
        }
        if sources.isEmpty && problems.isEmpty {
            problems.add(Diagnostic("the profile states no source", at: SourceLocation(file: t.file), hint: "say where the indices come from in the source column (e.g. a neighbouring council's three-year average)"))
        }
        try problems.throwIfAny()
        let values = monthly.map { $0 ?? 1 }
        let mean = values.reduce(0, +) / 12
        return SeasonalProfile(file: t.file, monthly: values.map { $0 / mean }, source: sources.joined(separator: "; "))
    }
}

/// The calendar features of a day, given a nation's holidays.
public struct ForecastCalendar: Sendable, Equatable {
    public var holidays: BankHolidayCalendar
    public var nation: Nation

    public init(holidays: BankHolidayCalendar, nation: Nation) {
        self.holidays = holidays
        self.nation = nation
    }

    public func isHoliday(_ d: Int) -> Bool { holidays.isHoliday(d, in: nation) }

    /// The first weekday after one or more bank holidays (weekends in between skipped): when demand catches up.
    public func isCatchUp(_ d: Int) -> Bool {
        guard CivilTime.weekday(days: d) < 5, !isHoliday(d) else { return false }
        var p = d - 1
        while CivilTime.weekday(days: p) >= 5 && !isHoliday(p) { p -= 1 }
        return isHoliday(p)
    }

    /// 24 December to 6 January: collection rounds change and offices close.
    public func isChristmas(_ d: Int) -> Bool {
        let c = CivilTime.civil(days: d)
        return (c.month == 12 && c.day >= 24) || (c.month == 1 && c.day <= 6)
    }
}

public struct ForecastSettings: Sendable, Equatable {
    public var calendar: ForecastCalendar
    /// nil: the trend is estimated from the history; a value: growth fixed at this rate a year (an assumption).
    public var growthPerYear: Double?
    /// Used only when the history is shorter than `minimumHistoryDays`.
    public var seasonalProfile: SeasonalProfile?
    public var harmonics = 4
    /// A growth rate estimated elsewhere (e.g. on all contacts): fixed in this series' fit, its uncertainty kept.
    public var pooledTrend: PooledTrend?
    /// Days from which the level may step (a go-live, a new contract): each is a 0/1 column, so a known change
    /// is estimated as a step instead of being mistaken for trend. A step with no data after it is dropped.
    public var levelShifts: [Int] = []
    public static let minimumHistoryDays = 730

    public init(calendar: ForecastCalendar, growthPerYear: Double? = nil, seasonalProfile: SeasonalProfile? = nil) {
        self.calendar = calendar
        self.growthPerYear = growthPerYear
        self.seasonalProfile = seasonalProfile
    }
}

/// A log growth rate a year with its variance, estimated on a larger series and shared by smaller ones.
public struct PooledTrend: Sendable, Equatable {
    public var logRatePerYear: Double
    public var variance: Double
    public var source: String

    public init(logRatePerYear: Double, variance: Double, source: String) {
        self.logRatePerYear = logRatePerYear
        self.variance = variance
        self.source = source
    }

    /// The trend coefficient of a fitted model (nil when the trend was fixed or not fitted).
    public static func from(_ m: DayModel, source: String) -> PooledTrend? {
        guard let j = m.columns.firstIndex(of: 1), m.covariance.size == m.columns.count else { return nil }
        return PooledTrend(logRatePerYear: m.beta[j], variance: m.covariance[j, j], source: source)
    }
}

/// A fitted daily model. `columns` are the feature indices kept (see `DayRegression.features`).
public struct DayModel: Sendable, Equatable {
    public enum Basis: String, Sendable { case estimated, profile, levelOnly, empty }
    public var basis: Basis
    public var originDay: Int                 // day 0 of the trend
    public var columns: [Int]
    public var beta: [Double]
    public var covariance: SymmetricMatrix    // of beta, already scaled by phi
    public var phi: Double                    // overdispersion (variance ÷ mean), at least 1
    public var closedWeekday: [Bool]          // no contacts on this weekday in the whole history
    public var closedOnHolidays: Bool
    public var growthPerYear: Double?
    public var profile: [Double]?
    public var calendar: ForecastCalendar
    public var harmonics: Int
    public var historyDays: Int
    /// Variance of a pooled trend fixed in this fit (0 when the trend is estimated here or assumed).
    public var trendVariance = 0.0
    public var levelShifts: [Int] = []
}

/// A forecast total over a run of days: mean and variance (sampling + parameter).
public struct PeriodForecast: Sendable, Equatable {
    public var mean: Double
    public var variance: Double
    public var parameterVariance: Double

    public init(mean: Double, variance: Double, parameterVariance: Double) {
        self.mean = mean
        self.variance = variance
        self.parameterVariance = parameterVariance
    }

    /// Central interval at `level` (0.8, 0.95), normal approximation, floored at zero.
    public func interval(_ level: Double) -> (low: Double, high: Double) {
        let z = normalQuantile(0.5 + level / 2), sd = variance.squareRoot()
        return (max(0, mean - z * sd), mean + z * sd)
    }

    public static func + (a: PeriodForecast, b: PeriodForecast) -> PeriodForecast {
        PeriodForecast(mean: a.mean + b.mean, variance: a.variance + b.variance, parameterVariance: a.parameterVariance + b.parameterVariance)
    }
    public static let zero = PeriodForecast(mean: 0, variance: 0, parameterVariance: 0)
}

public enum DayRegression {
    /// Feature layout: 0 intercept, 1 trend (years), 2–7 Tuesday…Sunday, then `2·harmonics` Fourier terms,
    /// then bank holiday, catch-up day, Christmas fortnight.
    static func featureCount(harmonics: Int, shifts: Int = 0) -> Int { 8 + 2 * harmonics + 3 + shifts }

    static func features(_ d: Int, origin: Int, calendar: ForecastCalendar, harmonics: Int, shifts: [Int] = [], into x: inout [Double]) {
        for i in x.indices { x[i] = 0 }
        x[0] = 1
        x[1] = Double(d - origin) / 365.25
        let wd = CivilTime.weekday(days: d)
        if wd > 0 { x[1 + wd] = 1 }
        let c = CivilTime.civil(days: d)
        let doy = Double(d - CivilTime.days(year: c.year, month: 1, day: 1))
        for k in 1...max(1, harmonics) where k <= harmonics {
            let a = 2 * Double.pi * Double(k) * doy / 365.25
            x[8 + 2 * (k - 1)] = sin(a)
            x[9 + 2 * (k - 1)] = cos(a)
        }
        let h = 8 + 2 * harmonics
        if calendar.isHoliday(d) { x[h] = 1 }
        if calendar.isCatchUp(d) { x[h + 1] = 1 }
        if calendar.isChristmas(d) { x[h + 2] = 1 }
        for (k, s) in shifts.enumerated() where d >= s { x[h + 3 + k] = 1 }
    }

    /// Fits the model to `y` (daily contacts from `firstDay`). Throws when the history is under two years and no
    /// seasonal profile is given: it never annualises silently.
    public static func fit(_ y: [Double], firstDay: Int, settings: ForecastSettings) throws(ToolError) -> DayModel {
        let n = y.count
        let shifts = settings.levelShifts.sorted()
        let p = featureCount(harmonics: settings.harmonics, shifts: shifts.count)
        let h = 8 + 2 * settings.harmonics
        let cal = settings.calendar
        let total = y.reduce(0, +)
        var model = DayModel(basis: .estimated, originDay: firstDay, columns: [], beta: [], covariance: SymmetricMatrix(size: 0), phi: 1,
                             closedWeekday: [Bool](repeating: false, count: 7), closedOnHolidays: false,
                             growthPerYear: settings.growthPerYear, profile: nil, calendar: cal, harmonics: settings.harmonics, historyDays: n,
                             levelShifts: shifts)
        if n < ForecastSettings.minimumHistoryDays {
            guard let profile = settings.seasonalProfile else {
                throw .data("the history covers \(n) days, under two years (\(ForecastSettings.minimumHistoryDays) days): annual seasonality cannot be estimated from it",
                            hint: "give --seasonal-profile FILE (month,index,source: a stated, sourced monthly profile), or supply at least two years of contacts")
            }
            model.basis = .profile
            model.profile = profile.monthly
            if model.growthPerYear == nil { model.growthPerYear = 0 }
        }
        if settings.growthPerYear == nil, let pooled = settings.pooledTrend, model.basis == .estimated {
            model.growthPerYear = exp(pooled.logRatePerYear) - 1
            model.trendVariance = pooled.variance
        }
        guard total > 0 else { model.basis = .empty; return model }

        // Structural zeros: a weekday (or the bank holidays) with no contacts in the whole history is closed.
        var byWeekday = [Double](repeating: 0, count: 7), holidayTotal = 0.0, holidayDays = 0
        for i in 0..<n {
            byWeekday[CivilTime.weekday(days: firstDay + i)] += y[i]
            if cal.isHoliday(firstDay + i) { holidayTotal += y[i]; holidayDays += 1 }
        }
        model.closedWeekday = byWeekday.map { $0 == 0 }
        model.closedOnHolidays = holidayDays > 0 && holidayTotal == 0

        // Columns: sparse series (under 500 contacts) get level and weekday only; profile fits drop the
        // estimated annual terms and, unless growth is estimated, the trend.
        var use = [Bool](repeating: true, count: p)
        if model.growthPerYear != nil { use[1] = false }
        if model.basis == .profile || total < 500 {
            for k in 8..<h { use[k] = false }
            use[h + 2] = false
            if total < 500 && model.basis != .profile { model.basis = .levelOnly; use[1] = false; model.growthPerYear = model.growthPerYear ?? 0 }
        }
        for wd in 1..<7 where model.closedWeekday[wd] { use[1 + wd] = false }
        if model.closedOnHolidays || holidayDays == 0 { use[h] = false }
        var x = [Double](repeating: 0, count: p)
        // Drop columns that are constant zero over the open days (e.g. no catch-up day in a short history).
        var seen = [Bool](repeating: false, count: p)
        var rows: [Int] = []
        rows.reserveCapacity(n)
        for i in 0..<n where isOpen(firstDay + i, model) {
            rows.append(i)
            features(firstDay + i, origin: firstDay, calendar: cal, harmonics: settings.harmonics, shifts: shifts, into: &x)
            for k in 0..<p where x[k] != 0 { seen[k] = true }
        }
        for k in 0..<p where !seen[k] { use[k] = false }
        // A step that starts on or before the first open day is the intercept again: drop it.
        if let firstOpen = rows.first { for (k, s) in shifts.enumerated() where s <= firstDay + firstOpen { use[h + 3 + k] = false } }
        let cols = (0..<p).filter { use[$0] }
        let q = cols.count
        model.columns = cols

        // Design rows and offsets for the open days, built once.
        var design = [Double](repeating: 0, count: rows.count * q)
        var offset = [Double](repeating: 0, count: rows.count)
        for (r, i) in rows.enumerated() {
            let d = firstDay + i
            features(d, origin: firstDay, calendar: cal, harmonics: settings.harmonics, shifts: shifts, into: &x)
            for (j, k) in cols.enumerated() { design[r * q + j] = x[k] }
            offset[r] = offsetValue(d, model)
        }
        let openTotal = rows.reduce(0.0) { $0 + y[$1] }
        var meanOffset = 0.0
        for r in 0..<rows.count { meanOffset += exp(offset[r]) }
        meanOffset /= Double(max(1, rows.count))
        var beta = [Double](repeating: 0, count: q)
        beta[0] = log(max(openTotal, 0.5) / Double(max(1, rows.count)) / meanOffset)
        // Ridge on every coefficient but the intercept: keeps a coefficient finite when its days are all zero.
        let ridge = 1e-3
        var info = SymmetricMatrix(size: q)
        var chol: [Double] = []
        var mu = [Double](repeating: 0, count: rows.count)
        for _ in 0..<50 {
            info = SymmetricMatrix(size: q)
            var score = [Double](repeating: 0, count: q)
            for r in 0..<rows.count {
                var eta = offset[r]
                for j in 0..<q { eta += design[r * q + j] * beta[j] }
                let m = exp(min(eta, 30))
                mu[r] = m
                // Newton step for the Poisson log-likelihood: information X'WX with W = mu, score X'(y - mu).
                let resid = y[rows[r]] - m
                for j in 0..<q {
                    let xj = design[r * q + j]
                    if xj == 0 { continue }
                    score[j] += xj * resid
                    let wxj = m * xj
                    for k in 0...j { info.values[j * q + k] += wxj * design[r * q + k] }
                }
            }
            for j in 0..<q { for k in 0..<j { info[k, j] = info[j, k] } }
            for j in 1..<q { info[j, j] += ridge; score[j] -= ridge * beta[j] }
            guard let l = info.cholesky() else { break }
            chol = l
            let step = SymmetricMatrix.solve(cholesky: l, size: q, score)
            var biggest = 0.0
            for j in 0..<q {
                let s = max(-5, min(5, step[j]))
                beta[j] += s
                biggest = max(biggest, abs(s))
            }
            if biggest < 1e-9 { break }
        }
        // Final means and information at the solution.
        for r in 0..<rows.count {
            var eta = offset[r]
            for j in 0..<q { eta += design[r * q + j] * beta[j] }
            mu[r] = exp(min(eta, 30))
        }
        model.beta = beta
        // Overdispersion: Pearson's statistic by day and by Monday-to-Sunday week (which also catches
        // correlation within the week, e.g. follow-up contacts); the larger is used, never below 1.
        var pearsonDay = 0.0
        var weekY: [Int: Double] = [:], weekM: [Int: Double] = [:]
        for r in 0..<rows.count {
            let d = firstDay + rows[r]
            pearsonDay += (y[rows[r]] - mu[r]) * (y[rows[r]] - mu[r]) / max(mu[r], 1e-9)
            let w = (d - CivilTime.weekday(days: d))
            weekY[w, default: 0] += y[rows[r]]
            weekM[w, default: 0] += mu[r]
        }
        let dfShare = max(0.1, 1 - Double(q) / Double(max(1, rows.count)))
        let phiDay = pearsonDay / (Double(rows.count) * dfShare)
        var pearsonWeek = 0.0
        // In week order: a dictionary's order changes from run to run, and so would the sum's last bits.
        for w in weekM.keys.sorted() { let m = weekM[w]!; if m > 0 { pearsonWeek += (weekY[w]! - m) * (weekY[w]! - m) / m } }
        let phiWeek = weekM.isEmpty ? 1 : pearsonWeek / (Double(weekM.count) * dfShare)
        model.phi = max(1, phiDay, phiWeek)
        if !chol.isEmpty {
            var inv = SymmetricMatrix.inverse(cholesky: chol, size: q)
            for i in 0..<inv.values.count { inv.values[i] *= model.phi }
            model.covariance = inv
        } else {
            model.covariance = SymmetricMatrix(size: q)
        }
        return model
    }

    static func isOpen(_ d: Int, _ m: DayModel) -> Bool {
        if m.closedWeekday[CivilTime.weekday(days: d)] { return false }
        if m.closedOnHolidays && m.calendar.isHoliday(d) { return false }
        return true
    }

    static func offsetValue(_ d: Int, _ m: DayModel) -> Double {
        var o = 0.0
        if let g = m.growthPerYear { o += log(1 + g) * Double(d - m.originDay) / 365.25 }
        if let prof = m.profile { o += log(prof[CivilTime.civil(days: d).month - 1]) }
        return o
    }

    /// Forecast total over days `first...last` (inclusive).
    public static func predict(_ m: DayModel, from first: Int, through last: Int) -> PeriodForecast {
        guard m.basis != .empty, !m.beta.isEmpty, last >= first else { return .zero }
        let p = featureCount(harmonics: m.harmonics, shifts: m.levelShifts.count)
        var x = [Double](repeating: 0, count: p)
        var mean = 0.0
        var grad = [Double](repeating: 0, count: m.columns.count)
        var trendGrad = 0.0
        for d in first...last where isOpen(d, m) {
            features(d, origin: m.originDay, calendar: m.calendar, harmonics: m.harmonics, shifts: m.levelShifts, into: &x)
            var eta = offsetValue(d, m)
            for (j, k) in m.columns.enumerated() { eta += x[k] * m.beta[j] }
            let mu = exp(min(eta, 30))
            mean += mu
            trendGrad += mu * x[1]
            for (j, k) in m.columns.enumerated() { grad[j] += mu * x[k] }
        }
        let paramVar = (m.covariance.size == grad.count ? max(0, m.covariance.quadratic(grad)) : 0) + trendGrad * trendGrad * m.trendVariance
        return PeriodForecast(mean: mean, variance: m.phi * mean + paramVar, parameterVariance: paramVar)
    }

    /// The model's fitted (in-sample) or forecast mean for one day.
    public static func dayMean(_ m: DayModel, _ d: Int) -> Double { predict(m, from: d, through: d).mean }
}
