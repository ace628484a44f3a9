// The money arithmetic of a business case: staff cost with on-costs, productive hours, discounting, NPV, payback.
//
// Money is held as Double pounds, rounded once at display (Format.money). Pence integers were considered and
// rejected: every figure here is a product of rates, shares and discount factors, none of which is a whole number
// of pence, so an integer type would have to round after each multiplication and the totals would drift by the
// rounding. Double carries ~15 significant figures: over a few dozen yearly sums of amounts below £100m the error
// is under 1e-6 pence. Totals are always summed from unrounded values, so a shown total equals its rows' exact sum.

/// Employer on-costs on a salary (employer National Insurance above the secondary threshold, employer pension).
public struct OnCosts: Sendable, Equatable {
    public var niRate: Double            // 0.15 from 6 April 2025 (HMRC rates and thresholds 2025/26)
    public var niThresholdPounds: Double // secondary threshold, £5,000 a year from 6 April 2025
    public var pensionRate: Double       // employer pension, e.g. LGPS fund rate (often 15–25%)

    public init(niRate: Double = 0.15, niThresholdPounds: Double = 5_000, pensionRate: Double = 0.19) {
        self.niRate = niRate
        self.niThresholdPounds = niThresholdPounds
        self.pensionRate = pensionRate
    }

    /// Employer National Insurance on one salary: NI is charged only on pay above the secondary threshold.
    public func nationalInsurance(salary: Double) -> Double { max(0, salary - niThresholdPounds) * niRate }

    /// Full annual cost of one FTE: salary + max(0, salary − threshold) × NI rate + salary × pension rate.
    public func fullCost(salary: Double) -> Double { salary + nationalInsurance(salary: salary) + salary * pensionRate }
}

/// Hours an FTE spends handling contacts in a year.
public struct ProductiveHours: Sendable, Equatable {
    /// 37 hours × 52 weeks: the paid hours of one FTE (DOMAIN: 1,924).
    public static let standardPaidHours = 1_924.0

    public var paidHours: Double
    public var shrinkage: Double         // paid time not available for contacts (leave, sickness, training)
    public var occupancy: Double         // share of available time spent handling
    public var stated: Double?           // a council's own figure overrides the formula

    public init(paidHours: Double = standardPaidHours, shrinkage: Double = 0.33, occupancy: Double = 0.85, stated: Double? = nil) {
        self.paidHours = paidHours
        self.shrinkage = shrinkage
        self.occupancy = occupancy
        self.stated = stated
    }

    /// Paid hours × (1 − shrinkage) × occupancy, unless a figure was stated.
    public var perFTE: Double { stated ?? paidHours * (1 - shrinkage) * occupancy }

    /// Hours an FTE is logged in and available (before occupancy): what Erlang's agent count is measured in.
    public var availablePerFTE: Double { paidHours * (1 - shrinkage) }
}

/// HM Treasury Green Book appraisal arithmetic.
/// Convention: year 0 is the first (investment) year and is undiscounted; year t is discounted by 1/(1+r)^t.
public enum Appraisal {
    /// Green Book social time preference rate, real, for years 0–30 (HM Treasury Green Book 2022, A6).
    public static let greenBookRate = 0.035

    public static func discountFactor(year: Int, rate: Double) -> Double {
        var f = 1.0
        for _ in 0..<max(0, year) { f /= (1 + rate) }
        return f
    }

    /// Σ net_t / (1+r)^t over t = 0, 1, ... (net[0] is year 0).
    public static func npv(_ net: [Double], rate: Double) -> Double {
        var sum = 0.0
        for (t, x) in net.enumerated() { sum += x * discountFactor(year: t, rate: rate) }
        return sum
    }

    public static func cumulative(_ xs: [Double]) -> [Double] {
        var run = 0.0
        return xs.map { run += $0; return run }
    }

    /// First year whose cumulative (undiscounted) net is ≥ 0; nil when none is within the period ("not within
    /// the appraisal period"). Leading years with nothing happening (net exactly 0, e.g. no capital in year 0) are
    /// skipped: a scheme cannot pay back before it has any cost or benefit.
    public static func paybackYear(_ net: [Double]) -> Int? {
        let start = net.firstIndex { $0 != 0 } ?? net.count
        let cum = cumulative(net)
        return (start..<net.count).first { cum[$0] >= 0 }
    }

    /// Payback as words for a report.
    public static func describePayback(_ year: Int?) -> String {
        guard let year else { return "not within the appraisal period" }
        return "year \(year)"
    }
}

/// Optimism bias adjustments (HM Treasury Green Book supplementary guidance; Mott MacDonald 2002, "Review of
/// large public procurement in the UK"): costs are uplifted, benefits reduced, before discounting.
public struct OptimismBias: Sendable, Equatable {
    public var capitalUplift: Double     // e.g. 2.00 = +200%, the equipment/development upper bound
    public var runningUplift: Double     // e.g. 0.41 = +41%, the outsourcing operating-cost upper bound
    public var benefitReduction: Double  // share of benefits removed (no published bound: set locally)

    public init(capitalUplift: Double = 0, runningUplift: Double = 0, benefitReduction: Double = 0) {
        self.capitalUplift = capitalUplift
        self.runningUplift = runningUplift
        self.benefitReduction = benefitReduction
    }

    public func capital(_ x: Double) -> Double { x * (1 + capitalUplift) }
    public func running(_ x: Double) -> Double { x * (1 + runningUplift) }
    public func benefit(_ x: Double) -> Double { x * max(0, 1 - benefitReduction) }
}
