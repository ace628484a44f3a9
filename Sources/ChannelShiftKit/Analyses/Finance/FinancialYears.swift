// UK financial years (1 April – 31 March): phasing appraisal-year cash flows, capital and revenue, gross and net.

/// A UK local-government financial year, named by the calendar year it starts in (2023 = "2023/24").
public struct FinancialYear: Sendable, Hashable, Comparable {
    public var startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// The financial year containing `day` (days since 1970-01-01): from 1 April.
    public init(containing day: Int) {
        let c = CivilTime.civil(days: day)
        startYear = c.month >= 4 ? c.year : c.year - 1
    }

    public var label: String { "\(startYear)/" + CivilTime.pad((startYear + 1) % 100, 2) }
    public var firstDay: Int { CivilTime.days(year: startYear, month: 4, day: 1) }
    public var lastDay: Int { CivilTime.days(year: startYear + 1, month: 4, day: 1) - 1 }

    public static func < (a: FinancialYear, b: FinancialYear) -> Bool { a.startYear < b.startYear }
}

public enum CostKind: String, Sendable, Equatable { case capital, revenue }
public enum Recurrence: String, Sendable, Equatable { case oneOff = "one-off", recurring }

/// One line of a business case's money, per appraisal year (index 0 = year 0), positive amounts in pounds.
/// `isSaving` lines add to net, the rest subtract.
public struct CashFlowLine: Sendable, Equatable {
    public var name: String
    public var kind: CostKind
    public var recurrence: Recurrence
    public var isSaving: Bool
    public var byYear: [Double]
    public var funding: String           // where the money comes from (costs) or which budget falls (savings)

    public init(_ name: String, kind: CostKind, recurrence: Recurrence, isSaving: Bool, byYear: [Double], funding: String = "") {
        self.name = name
        self.kind = kind
        self.recurrence = recurrence
        self.isSaving = isSaving
        self.byYear = byYear
        self.funding = funding
    }
}

/// The lines spread over financial years, with gross savings, costs and net per year.
public struct FinancialYearTable: Sendable, Equatable {
    public var years: [FinancialYear]
    public var lines: [(line: CashFlowLine, amounts: [Double])]   // amounts per entry of `years`

    public static func == (a: FinancialYearTable, b: FinancialYearTable) -> Bool {
        a.years == b.years && a.lines.map(\.line) == b.lines.map(\.line) && a.lines.map(\.amounts) == b.lines.map(\.amounts)
    }

    func sum(_ keep: (CashFlowLine) -> Bool) -> [Double] {
        var out = [Double](repeating: 0, count: years.count)
        for l in lines where keep(l.line) { for i in out.indices { out[i] += l.amounts[i] } }
        return out
    }

    public var grossSavings: [Double] { sum { $0.isSaving } }
    public var costs: [Double] { sum { !$0.isSaving } }
    public var capitalCosts: [Double] { sum { !$0.isSaving && $0.kind == .capital } }
    public var revenueCosts: [Double] { sum { !$0.isSaving && $0.kind == .revenue } }
    public var net: [Double] { zip(grossSavings, costs).map { $0 - $1 } }
}

public enum FinancialYears {
    /// `day` moved on `years` calendar years; 29 February becomes 28 February in a common year.
    public static func addYears(_ years: Int, to day: Int) -> Int {
        let c = CivilTime.civil(days: day)
        let y = c.year + years
        return CivilTime.days(year: y, month: c.month, day: min(c.day, CivilTime.daysIn(month: c.month, year: y)))
    }

    /// The 1 April on or after `day`: where a scheme approved on that date would start by default.
    public static func nextFirstApril(onOrAfter day: Int) -> Int {
        let fy = FinancialYear(containing: day)
        return fy.firstDay == day ? day : FinancialYear(startYear: fy.startYear + 1).firstDay
    }

    /// Spreads appraisal-year amounts over financial years. Appraisal year t runs from the start date moved on
    /// t years to the day before year t + 1. A recurring amount accrues evenly over its year's days, so a year
    /// that straddles 1 April is split by days; a one-off amount falls wholly in the financial year of the
    /// day its appraisal year starts.
    public static func phase(_ byYear: [Double], recurrence: Recurrence, startDay: Int) -> [FinancialYear: Double] {
        var out: [FinancialYear: Double] = [:]
        for (t, amount) in byYear.enumerated() where amount != 0 {
            let from = addYears(t, to: startDay), to = addYears(t + 1, to: startDay) - 1
            if recurrence == .oneOff {
                out[FinancialYear(containing: from), default: 0] += amount
                continue
            }
            let days = Double(to - from + 1)
            var fy = FinancialYear(containing: from)
            while fy.firstDay <= to {
                let overlap = min(to, fy.lastDay) - max(from, fy.firstDay) + 1
                if overlap > 0 { out[fy, default: 0] += amount * Double(overlap) / days }
                fy = FinancialYear(startYear: fy.startYear + 1)
            }
        }
        return out
    }

    /// Every line phased; the years run from the first to the last financial year any line touches.
    public static func table(_ lines: [CashFlowLine], startDay: Int) -> FinancialYearTable {
        let phased = lines.map { phase($0.byYear, recurrence: $0.recurrence, startDay: startDay) }
        let all = phased.flatMap(\.keys)
        guard let first = all.min(), let last = all.max() else { return FinancialYearTable(years: [], lines: lines.map { ($0, []) }) }
        let years = (first.startYear...last.startYear).map(FinancialYear.init(startYear:))
        return FinancialYearTable(years: years, lines: zip(lines, phased).map { l, p in (l, years.map { p[$0] ?? 0 }) })
    }
}
