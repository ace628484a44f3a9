// Employer on-costs dated by UK tax year: the NI rule in force for each appraisal year, and a stated price base.

/// One period of employer (secondary Class 1) National Insurance: a rate on pay above the secondary threshold.
public struct EmployerNIRule: Sendable, Equatable {
    public var fromDay: Int              // first day in force, days since 1970-01-01
    public var rate: Double
    public var thresholdPounds: Double
    public var label: String

    public init(fromDay: Int, rate: Double, thresholdPounds: Double, label: String) {
        self.fromDay = fromDay
        self.rate = rate
        self.thresholdPounds = thresholdPounds
        self.label = label
    }

    public var onCostsNI: (rate: Double, threshold: Double) { (rate, thresholdPounds) }
}

/// Employer NI by date. Tax years run 6 April to 5 April; the Health and Social Care Levy added 1.25 points from
/// 6 April 2022 and was reversed from 6 November 2022 (Health and Social Care Levy (Repeal) Act 2022); the
/// 2025/26 rules are from HMRC "Rates and thresholds for employers 2025 to 2026". DOMAIN primer, "Money".
public enum EmployerNI {
    public static let rules: [EmployerNIRule] = [
        EmployerNIRule(fromDay: CivilTime.days(year: 2021, month: 4, day: 6), rate: 0.138, thresholdPounds: 8_840,
                       label: "2021/22: 13.8% above £8,840 a year"),
        EmployerNIRule(fromDay: CivilTime.days(year: 2022, month: 4, day: 6), rate: 0.1505, thresholdPounds: 9_100,
                       label: "6 April – 5 November 2022 (Health and Social Care Levy): 15.05% above £9,100 a year"),
        EmployerNIRule(fromDay: CivilTime.days(year: 2022, month: 11, day: 6), rate: 0.138, thresholdPounds: 9_100,
                       label: "6 November 2022 – 5 April 2025: 13.8% above £9,100 a year"),
        EmployerNIRule(fromDay: CivilTime.days(year: 2025, month: 4, day: 6), rate: 0.15, thresholdPounds: 5_000,
                       label: "from 6 April 2025: 15% above £5,000 a year"),
    ]

    /// The rule in force on `day`; nil before the first period the table holds (6 April 2021).
    public static func rule(on day: Int) -> EmployerNIRule? { rules.last { $0.fromDay <= day } }

    /// The rule a paper dated `asOf` uses for a year starting on `yearStart`: the rule in force on the earlier of
    /// the two. A past year keeps its own rule; a future year gets the rule in force at the paper's date, because
    /// a paper uses the rules of its own date, never ones decided later.
    public static func rule(forYearStarting yearStart: Int, asOf: Int) -> EmployerNIRule? { rule(on: min(yearStart, asOf)) }
}

/// Real versus nominal: the discount rate of 3.5% is real (Green Book), so cash flows are in real terms at the
/// prices of the as-of date; pay grows each year by the pay award over and above general inflation.
public struct PriceBase: Sendable, Equatable {
    public var payAward: Double          // nominal pay award a year
    public var inflation: Double         // general inflation a year (GDP deflator)
    public var baseYearLabel: String     // financial year whose prices the figures are in, e.g. "2022/23"

    public init(payAward: Double = 0.02, inflation: Double = 0.02, baseYearLabel: String = "") {
        self.payAward = payAward
        self.inflation = inflation
        self.baseYearLabel = baseYearLabel
    }

    /// Real growth of pay a year: (1 + pay award) ÷ (1 + inflation) − 1.
    public var realPayGrowth: Double { inflation > -1 ? (1 + payAward) / (1 + inflation) - 1 : 0 }

    /// A salary at base-year prices in appraisal year t: salary × (1 + real pay growth)^t.
    public func realSalary(_ salary: Double, year t: Int) -> Double {
        var s = salary
        for _ in 0..<max(0, t) { s *= 1 + realPayGrowth }
        return s
    }

    public var description: String {
        "real terms at \(baseYearLabel.isEmpty ? "today's" : baseYearLabel) prices (pay award \(Format.percent(payAward, decimals: 1)) a year against inflation \(Format.percent(inflation, decimals: 1)): real pay growth \(Format.percent(realPayGrowth, decimals: 2)) a year), consistent with the real discount rate"
    }
}

/// The cost of one FTE in each appraisal year: the NI rule for the year's dates, pension, real pay growth.
public struct OnCostSchedule: Sendable, Equatable {
    public var pensionRate: Double
    /// When set (`ni.rate`, `ni.threshold`), used for every year instead of the dated table.
    public var niRateOverride: Double?
    public var niThresholdOverride: Double?
    public var asOfDay: Int
    public var startDay: Int             // first day of appraisal year 0
    public var priceBase: PriceBase

    public init(pensionRate: Double, asOfDay: Int, startDay: Int, niRateOverride: Double? = nil, niThresholdOverride: Double? = nil,
                priceBase: PriceBase = PriceBase()) {
        self.pensionRate = pensionRate
        self.niRateOverride = niRateOverride
        self.niThresholdOverride = niThresholdOverride
        self.asOfDay = asOfDay
        self.startDay = startDay
        self.priceBase = priceBase
    }

    /// First day of appraisal year t: the start date moved on t calendar years (29 February becomes the 28th).
    public func yearStart(_ t: Int) -> Int { FinancialYears.addYears(t, to: startDay) }

    /// The dated rule for year t (nil before the table starts).
    public func rule(year t: Int) -> EmployerNIRule? { EmployerNI.rule(forYearStarting: yearStart(t), asOf: asOfDay) }

    /// On-costs in year t, or nil when no rule is known for its dates and none was given.
    public func onCosts(year t: Int) -> OnCosts? {
        let r = rule(year: t)
        guard let rate = niRateOverride ?? r?.rate, let threshold = niThresholdOverride ?? r?.thresholdPounds else { return nil }
        return OnCosts(niRate: rate, niThresholdPounds: threshold, pensionRate: pensionRate)
    }

    /// Full cost of one FTE in year t at base-year prices: salary_t + max(0, salary_t − threshold) × NI rate
    /// + salary_t × pension rate, with salary_t = salary × (1 + real pay growth)^t. The threshold is held in
    /// real terms too (a simplification: statutory thresholds are frozen in cash, so real NI rises slightly).
    public func fullCost(salary: Double, year t: Int) -> Double? {
        onCosts(year: t).map { $0.fullCost(salary: priceBase.realSalary(salary, year: t)) }
    }

    static func span(_ c: (label: String, from: Int, to: Int)) -> String {
        (c.from == c.to ? "year \(c.from)" : "years \(c.from)–\(c.to)") + ": " + c.label
    }

    /// Words for the method appendix: which rule applies to which years.
    public func describe(years: Int) -> String {
        if let rate = niRateOverride, let threshold = niThresholdOverride {
            return "employer NI \(Format.percent(rate, decimals: 2)) above \(Format.money(threshold)) a year for every year (set in the assumptions)"
        }
        var parts: [String] = []
        var current: (label: String, from: Int, to: Int)?
        for t in 0...max(0, years) {
            let label = rule(year: t)?.label ?? "no rule known"
            if current?.label == label { current!.to = t; continue }
            if let c = current { parts.append(Self.span(c)) }
            current = (label, t, t)
        }
        if let c = current { parts.append(Self.span(c)) }
        return "employer NI as in force at the paper's date (" + CivilTime.formatDate(days: asOfDay) + ") for each year's dates: " + parts.joined(separator: "; ")
    }
}
