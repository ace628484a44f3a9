// The channel-shift projection: contacts shifted, FTE released (linear and queue-aware), cash and NPV by year.

/// A low/central/high triple (low == central == high when the assumption has no range).
public struct Ranged: Sendable, Equatable {
    public var low: Double
    public var central: Double
    public var high: Double

    public init(_ central: Double, low: Double? = nil, high: Double? = nil) {
        self.central = central
        self.low = low ?? central
        self.high = high ?? central
    }

    public init(_ a: Assumption) { self.init(a.central, low: a.low, high: a.high) }

    public subscript(c: ProjectionCase) -> Double {
        switch c {
        case .low: return low
        case .central: return central
        case .high: return high
        }
    }
}

public enum ProjectionCase: String, Sendable, CaseIterable { case low, central, high }

/// One wrap code's phone baseline: annual contacts and average handle time.
public struct WrapBaseline: Sendable, Equatable {
    public var code: WrapCode
    public var phoneContactsPerYear: Double
    public var handleSeconds: Double
    public var phoneContactsInData: Int        // as counted, for suppression of small cells

    public init(code: WrapCode, phoneContactsPerYear: Double, handleSeconds: Double, phoneContactsInData: Int = 0) {
        self.code = code
        self.phoneContactsPerYear = phoneContactsPerYear
        self.handleSeconds = handleSeconds
        self.phoneContactsInData = phoneContactsInData
    }
}

/// Required agent-hours a year as a function of the phone workload scale (1 = today), from an interval profile.
/// Erlang requirements are step functions of load, so the curve is tabulated once on a grid of scales and read
/// by linear interpolation: sensitivity and Monte Carlo runs then cost no queueing solves.
public struct QueueCurve: Sendable, Equatable {
    public static let gridSteps = 100
    public var agentHoursPerYear: [Double]     // at scale k / gridSteps, k = 0...gridSteps
    public var description: String             // which profile and target, for the method appendix

    public init(agentHoursPerYear: [Double], description: String) {
        self.agentHoursPerYear = agentHoursPerYear
        self.description = description
    }

    /// `callsPerSlot[i]`: average calls in interval i of a representative week; `requiredAgents(calls, aht)`:
    /// agents needed in one interval at the service-level target (0 for no calls).
    public static func build(callsPerSlot: [Double], slotsPerYearFactor: Double, slotHours: Double, handleSeconds: Double,
                             description: String, requiredAgents: (Double, Double) -> Double) -> QueueCurve {
        var hours: [Double] = []
        for k in 0...gridSteps {
            let scale = Double(k) / Double(gridSteps)
            var agentSlots = 0.0
            for calls in callsPerSlot where calls > 0 { agentSlots += requiredAgents(calls * scale, handleSeconds) }
            hours.append(agentSlots * slotHours * slotsPerYearFactor)
        }
        return QueueCurve(agentHoursPerYear: hours, description: description)
    }

    public func agentHours(scale: Double) -> Double {
        let x = min(max(scale, 0), 1) * Double(QueueCurve.gridSteps)
        let i = min(Int(x), QueueCurve.gridSteps - 1)
        let f = x - Double(i)
        return agentHoursPerYear[i] * (1 - f) + agentHoursPerYear[i + 1] * f
    }
}

/// Everything the projection needs, already typed and in base units.
public struct ProjectionInputs: Sendable {
    public var baseline: [WrapBaseline]                       // sorted by code
    public var shares: [[Channel: Ranged]]                    // per baseline row: share of phone contacts to each digital channel
    public var ceilings: [Ranged?]                            // per baseline row: shiftable share ceiling, nil if none given
    public var demandReduction: Ranged                        // avoidable demand removed at source, share of phone contacts
    public var takeUp: TakeUpCurve
    public var salary: Double
    public var onCosts: OnCosts
    public var hours: ProductiveHours
    public var costPerContact: [Channel: Double]              // running cost of a contact in each digital channel
    public var phoneCostPerContact: Double                    // for the per-contact cross-check only
    public var vacancyRate: Double
    public var turnoverRate: Double
    public var establishmentFTE: Double?                      // nil: the baseline requirement
    public var capitalByYear: [Double]                        // index = year
    public var runningCostPerYear: Double                     // from year 1
    public var discountRate: Double
    public var years: Int                                     // appraisal period after year 0
    public var optimism: OptimismBias
    public var serviceBudget: Double?
    public var queue: QueueCurve?

    public init(baseline: [WrapBaseline], shares: [[Channel: Ranged]], ceilings: [Ranged?], demandReduction: Ranged = Ranged(0),
                takeUp: TakeUpCurve = .linear(rampYears: 3), salary: Double = 24_000, onCosts: OnCosts = OnCosts(),
                hours: ProductiveHours = ProductiveHours(), costPerContact: [Channel: Double] = [:], phoneCostPerContact: Double = 2.83,
                vacancyRate: Double = 0.05, turnoverRate: Double = 0.12, establishmentFTE: Double? = nil,
                capitalByYear: [Double] = [], runningCostPerYear: Double = 0, discountRate: Double = Appraisal.greenBookRate,
                years: Int = 5, optimism: OptimismBias = OptimismBias(), serviceBudget: Double? = nil, queue: QueueCurve? = nil) {
        self.baseline = baseline
        self.shares = shares
        self.ceilings = ceilings
        self.demandReduction = demandReduction
        self.takeUp = takeUp
        self.salary = salary
        self.onCosts = onCosts
        self.hours = hours
        self.costPerContact = costPerContact
        self.phoneCostPerContact = phoneCostPerContact
        self.vacancyRate = vacancyRate
        self.turnoverRate = turnoverRate
        self.establishmentFTE = establishmentFTE
        self.capitalByYear = capitalByYear
        self.runningCostPerYear = runningCostPerYear
        self.discountRate = discountRate
        self.years = years
        self.optimism = optimism
        self.serviceBudget = serviceBudget
        self.queue = queue
    }
}

/// One appraisal year of one case. Money in pounds, after optimism bias.
public struct ProjectionYear: Sendable, Equatable {
    public var year: Int
    public var takeUp: Double
    public var contactsRemoved = 0.0           // avoidable demand removed at source
    public var contactsShifted: [Channel: Double] = [:]
    public var handleHoursReleased = 0.0
    public var fteLinear = 0.0
    public var fteQueue: Double?
    public var fteReleased = 0.0               // the basis for cash: the smaller of the two
    public var postsRemovable = 0.0            // cumulative, through vacancies and turnover
    public var fteCashable = 0.0
    public var fteNonCashable = 0.0
    public var cashableSaving = 0.0
    public var capacityValue = 0.0             // non-cashable: capacity released, not in NPV
    public var capital = 0.0
    public var running = 0.0
    public var digitalCost = 0.0
    public var net = 0.0
    public var cumulative = 0.0
    public var discounted = 0.0

    // Summed in channel order: a dictionary's order varies between runs, and full-precision output would show it.
    public var totalShifted: Double { Channel.allCases.reduce(0) { $0 + (contactsShifted[$1] ?? 0) } }
}

public struct ProjectionResult: Sendable, Equatable {
    public var projectionCase: ProjectionCase
    public var years: [ProjectionYear]
    public var npv: Double
    public var paybackYear: Int?
    public var costPerFTE: Double
    public var establishmentFTE: Double
    public var baselineHandleHours: Double
    public var baselineQueueFTE: Double?
    /// Wrap codes whose requested shift was cut back to the ceiling: (code, requested share, ceiling).
    public var ceilingBinds: [(code: WrapCode, requested: Double, ceiling: Double)]

    public static func == (a: ProjectionResult, b: ProjectionResult) -> Bool {
        a.projectionCase == b.projectionCase && a.years == b.years && a.npv == b.npv && a.paybackYear == b.paybackYear
            && a.ceilingBinds.map(\.code) == b.ceilingBinds.map(\.code)
    }

    public var cashableTotal: Double { years.reduce(0) { $0 + $1.cashableSaving } }
    public var capacityTotal: Double { years.reduce(0) { $0 + $1.capacityValue } }
}

public enum Projection {
    /// Runs one case. Shares, the demand reduction and the ceiling take the case's end of their range;
    /// everything else is central (the tornado and Monte Carlo vary the rest).
    public static func run(_ p: ProjectionInputs, case c: ProjectionCase) -> ProjectionResult {
        let costPerFTE = p.onCosts.fullCost(salary: p.salary)
        let baseHours = p.baseline.reduce(0) { $0 + $1.phoneContactsPerYear * $1.handleSeconds / 3600 }
        let productive = p.hours.perFTE
        let baseQueueFTE = p.queue.map { Staffing.scheduledFTE(agents: $0.agentHours(scale: 1) / p.hours.paidHours, shrinkage: p.hours.shrinkage) }
        let establishment = p.establishmentFTE ?? baseQueueFTE ?? (productive > 0 ? baseHours / productive : 0)
        let reduction = min(max(p.demandReduction[c], 0), 1)

        // Shares after the ceiling: the shift from one reason can never exceed what is shiftable there.
        var effective: [[Channel: Double]] = []
        var binds: [(code: WrapCode, requested: Double, ceiling: Double)] = []
        for (i, row) in p.baseline.enumerated() {
            var s: [Channel: Double] = [:]
            for (ch, r) in p.shares[i] { s[ch] = max(0, r[c]) }
            let total = Channel.allCases.reduce(0) { $0 + (s[$1] ?? 0) }
            let ceiling = min(p.ceilings[i]?[c] ?? 1, 1)
            if total > ceiling + 1e-12 {
                binds.append((row.code, total, ceiling))
                let k = total > 0 ? max(ceiling, 0) / total : 0
                for ch in s.keys { s[ch]! *= k }
            }
            effective.append(s)
        }

        var years: [ProjectionYear] = []
        var cumulative = 0.0
        for t in 0...max(p.years, 0) {
            var y = ProjectionYear(year: t, takeUp: p.takeUp.share(year: t))
            var hoursReleased = 0.0
            for (i, row) in p.baseline.enumerated() {
                // Avoidable demand is removed first; the shift applies to what is left, so nothing is counted twice.
                let removed = row.phoneContactsPerYear * reduction * y.takeUp
                let remaining = row.phoneContactsPerYear - removed
                var shifted = 0.0
                for ch in Channel.allCases {
                    guard let share = effective[i][ch] else { continue }
                    let n = remaining * share * y.takeUp
                    y.contactsShifted[ch, default: 0] += n
                    shifted += n
                }
                y.contactsRemoved += removed
                hoursReleased += (removed + shifted) * row.handleSeconds / 3600
            }
            y.handleHoursReleased = hoursReleased
            y.fteLinear = productive > 0 ? hoursReleased / productive : 0
            if let q = p.queue, baseHours > 0 {
                let scale = 1 - hoursReleased / baseHours
                // Agent-hours ÷ paid hours = agents in position all year; ÷ (1 − shrinkage) = scheduled FTE.
                y.fteQueue = Staffing.scheduledFTE(agents: (q.agentHours(scale: 1) - q.agentHours(scale: scale)) / p.hours.paidHours,
                                                   shrinkage: p.hours.shrinkage)
            }
            y.fteReleased = min(y.fteLinear, y.fteQueue ?? y.fteLinear)
            // Posts go only as people leave: vacancies now, plus each year's leavers (cumulative, never above release).
            y.postsRemovable = t == 0 ? 0 : establishment * (p.vacancyRate + p.turnoverRate * Double(t))
            y.fteCashable = min(y.fteReleased, y.postsRemovable)
            y.fteNonCashable = y.fteReleased - y.fteCashable
            y.cashableSaving = p.optimism.benefit(y.fteCashable * costPerFTE)
            y.capacityValue = y.fteNonCashable * costPerFTE
            y.capital = p.optimism.capital(t < p.capitalByYear.count ? p.capitalByYear[t] : 0)
            y.running = t == 0 ? 0 : p.optimism.running(p.runningCostPerYear)
            var digital = 0.0
            // Fixed channel order: a dictionary's order would change the float sum's last bit between runs.
            for ch in Channel.allCases { digital += (y.contactsShifted[ch] ?? 0) * (p.costPerContact[ch] ?? 0) }
            y.digitalCost = p.optimism.running(digital)
            y.net = y.cashableSaving - y.capital - y.running - y.digitalCost
            cumulative += y.net
            y.cumulative = cumulative
            y.discounted = y.net * Appraisal.discountFactor(year: t, rate: p.discountRate)
            years.append(y)
        }
        let net = years.map(\.net)
        return ProjectionResult(projectionCase: c, years: years, npv: Appraisal.npv(net, rate: p.discountRate),
                                paybackYear: Appraisal.paybackYear(net), costPerFTE: costPerFTE, establishmentFTE: establishment,
                                baselineHandleHours: baseHours, baselineQueueFTE: baseQueueFTE, ceilingBinds: binds)
    }
}
