// Rolling-origin evaluation of the weekly forecast (Tashman 2000, "Out-of-sample tests of forecasting
// accuracy", IJF 16:437–450): refit on the data before each origin, forecast the next weeks, score against
// what happened. MASE scales the error by the in-sample mean absolute error of the seasonal naive forecast
// (the same week a year earlier), as Hyndman & Koehler (2006, IJF 22:679–688) define it for seasonal data.

public struct BacktestOrigin: Sendable, Equatable {
    public var originDay: Int            // first forecast day (a Monday)
    public var weeks: Int
    public var meanAbsoluteError: Double
    public var scale: Double             // in-sample seasonal-naive MAE
    public var mase: Double
    public var naiveMASE: Double         // the seasonal naive forecast's own MASE over the same weeks
    public var covered80: Int
    public var covered95: Int
}

public struct BacktestResult: Sendable, Equatable {
    public var label: String
    public var origins: [BacktestOrigin]

    public var mase: Double? { origins.isEmpty ? nil : origins.reduce(0) { $0 + $1.mase } / Double(origins.count) }
    public var naiveMASE: Double? { origins.isEmpty ? nil : origins.reduce(0) { $0 + $1.naiveMASE } / Double(origins.count) }
    public var weeks: Int { origins.reduce(0) { $0 + $1.weeks } }
    public var coverage80: Double? { weeks == 0 ? nil : Double(origins.reduce(0) { $0 + $1.covered80 }) / Double(weeks) }
    public var coverage95: Double? { weeks == 0 ? nil : Double(origins.reduce(0) { $0 + $1.covered95 }) / Double(weeks) }
}

public enum Backtest {
    public static let seasonWeeks = 52

    /// Complete Monday-to-Sunday weeks of a daily series: (first Monday's day number, weekly totals).
    public static func weeks(_ y: [Double], firstDay: Int) -> (start: Int, totals: [Double]) {
        let offset = (7 - CivilTime.weekday(days: firstDay)) % 7
        let count = max(0, (y.count - offset) / 7)
        let totals = (0..<count).map { w in (0..<7).reduce(0.0) { $0 + y[offset + 7 * w + $1] } }
        return (firstDay + offset, totals)
    }

    /// `origins` origins `horizonWeeks` apart, the last leaving exactly `horizonWeeks` weeks to score; an origin
    /// with under two years of history before it is skipped (the model would refuse it).
    public static func run(_ y: [Double], firstDay: Int, settings: ForecastSettings, label: String, horizonWeeks: Int = 13,
                           origins: Int = 4) -> BacktestResult {
        let (start, weekly) = weeks(y, firstDay: firstDay)
        var out = BacktestResult(label: label, origins: [])
        let z80 = normalQuantile(0.9), z95 = normalQuantile(0.975)
        for k in stride(from: origins, through: 1, by: -1) {
            let o = weekly.count - horizonWeeks * k
            guard o > seasonWeeks else { continue }
            let originDay = start + 7 * o
            guard originDay - firstDay >= ForecastSettings.minimumHistoryDays else { continue }
            guard let model = try? DayRegression.fit(Array(y[0..<(originDay - firstDay)]), firstDay: firstDay, settings: settings) else { continue }
            var scale = 0.0
            for w in seasonWeeks..<o { scale += abs(weekly[w] - weekly[w - seasonWeeks]) }
            scale /= Double(o - seasonWeeks)
            guard scale > 0 else { continue }
            var ae = 0.0, naive = 0.0, c80 = 0, c95 = 0
            for h in 0..<horizonWeeks {
                let w = o + h
                let f = DayRegression.predict(model, from: start + 7 * w, through: start + 7 * w + 6)
                let sd = f.variance.squareRoot()
                ae += abs(weekly[w] - f.mean)
                naive += abs(weekly[w] - weekly[w - seasonWeeks])
                if abs(weekly[w] - f.mean) <= z80 * sd { c80 += 1 }
                if abs(weekly[w] - f.mean) <= z95 * sd { c95 += 1 }
            }
            let mae = ae / Double(horizonWeeks)
            out.origins.append(BacktestOrigin(originDay: originDay, weeks: horizonWeeks, meanAbsoluteError: mae, scale: scale,
                                              mase: mae / scale, naiveMASE: naive / Double(horizonWeeks) / scale, covered80: c80, covered95: c95))
        }
        return out
    }
}
