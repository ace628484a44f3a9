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

/// One wrap code's phone baseline: annual calls offered and handled, and the handle time of a handled call.
public struct WrapBaseline: Sendable, Equatable {
    public var code: WrapCode
    public var phoneContactsPerYear: Double    // offered: sizes the queue
    public var handledContactsPerYear: Double  // answered (offered − abandoned): the work
    public var handleSeconds: Double           // per handled call, after-call work included
    public var phoneContactsInData: Int        // as counted, for suppression of small cells
    /// Measured share of this reason's digital contacts followed by a phone call (leakage); nil: not measured.
    public var leakageRate: Double?
    /// Calls offered in each appraisal year from the forecast (index 0 = year 1); empty: every year is the same.
    public var phoneContactsByYear: [Double] = []
    /// Handled calls a year in the data window annualised (what the queue curve and the requirement to meet the
    /// target are measured on); nil: `handledContactsPerYear` (no forecast replaced it).
    public var windowHandledContactsPerYear: Double?
    /// Assisted digital: handled calls in which an adviser completed an online transaction for the caller, in full
    /// or in part, as a share of the reason's handled calls in the data (so it follows the forecast). These calls
    /// are neither removed nor moved online: the support people who cannot self-serve still need.
    public var assistedShare = 0.0
    /// Per assisted call and per other handled call (after-call work included); nil: `handleSeconds`.
    public var assistedHandleSeconds: Double?
    public var otherHandleSeconds: Double?
    /// Assisted calls in the data, in full and in part, and their recorded handle seconds (no after-call work).
    public var assistedInData = AssistedDigital()
    /// Days the data covers (first to last contact, inclusive): the period of `assistedInData`.
    public var windowDays: Int?

    public init(code: WrapCode, phoneContactsPerYear: Double, handleSeconds: Double, phoneContactsInData: Int = 0,
                handledContactsPerYear: Double? = nil, leakageRate: Double? = nil) {
        self.code = code
        self.phoneContactsPerYear = phoneContactsPerYear
        self.handledContactsPerYear = handledContactsPerYear ?? phoneContactsPerYear
        self.handleSeconds = handleSeconds
        self.phoneContactsInData = phoneContactsInData
        self.leakageRate = leakageRate
    }

    /// Handled calls × handle time: the work a year, in hours (abandoned calls carry none).
    public var handledHours: Double { handledContactsPerYear * handleSeconds / 3600 }

    /// Handled calls in appraisal year `t`: the forecast's calls offered that year at the baseline's handled share
    /// (year 0 and years past the forecast take the nearest forecast year); without a forecast, every year alike.
    public func handledContacts(year t: Int) -> Double {
        guard !phoneContactsByYear.isEmpty, phoneContactsPerYear > 0 else { return handledContactsPerYear }
        let i = min(max(t, 1), phoneContactsByYear.count) - 1
        return handledContactsPerYear * phoneContactsByYear[i] / phoneContactsPerYear
    }

    public func handledHours(year t: Int) -> Double { handledContacts(year: t) * handleSeconds / 3600 }

    /// Handled calls in year `t` that could be removed or moved: all but the assisted-digital ones.
    public func shiftableContacts(year t: Int) -> Double { handledContacts(year: t) * (1 - assistedShare) }

    /// Assisted-digital calls in year `t`: kept on the phone, and a cost that stays.
    public func assistedContacts(year t: Int) -> Double { handledContacts(year: t) * assistedShare }

    /// Hours a year the assisted-digital calls take in year `t`.
    public func assistedHours(year t: Int) -> Double { assistedContacts(year: t) * (assistedHandleSeconds ?? handleSeconds) / 3600 }

    /// Handle time of a call that could be removed or moved (the reason's handled calls other than assisted ones).
    public var shiftHandleSeconds: Double { otherHandleSeconds ?? handleSeconds }

    /// Handled hours a year in the data window annualised.
    public var windowHandledHours: Double { (windowHandledContactsPerYear ?? handledContactsPerYear) * handleSeconds / 3600 }
}

/// Service level a year's staffing reaches: Erlang A over a representative week's intervals, with the staff
/// each interval actually had (calibrated to its observed abandonment) scaled by the change in staff, and its
/// calls scaled by the change in work. The share is calls answered within T ÷ calls offered, weighted by calls.
public struct ServiceForecast: Sendable, Equatable {
    public var calls: [Double]                 // average calls offered per interval of the week
    public var impliedAgents: [Double]         // agents in position the observed abandonment implies
    public var ahtSeconds: Double
    public var intervalSeconds: Double
    public var patienceSeconds: Double
    public var withinSeconds: Double
    public var target: Double
    public var measuredToday: Double?          // answered within T ÷ offered, from the data's waits

    public init(calls: [Double], impliedAgents: [Double], ahtSeconds: Double, intervalSeconds: Double, patienceSeconds: Double,
                withinSeconds: Double, target: Double, measuredToday: Double?) {
        self.calls = calls
        self.impliedAgents = impliedAgents
        self.ahtSeconds = ahtSeconds
        self.intervalSeconds = intervalSeconds
        self.patienceSeconds = patienceSeconds
        self.withinSeconds = withinSeconds
        self.target = target
        self.measuredToday = measuredToday
    }

    /// Agent-hours a year the implied staffing holds (representative week × 52, as paid hours are 52 weeks).
    public var impliedAgentHoursPerYear: Double { impliedAgents.reduce(0, +) * intervalSeconds / 3600 * 52 }

    public func serviceLevel(callScale: Double, staffScale: Double) -> Double {
        var answered = 0.0, offered = 0.0
        for i in calls.indices where calls[i] > 0 {
            let load = IntervalLoad(calls: calls[i] * max(callScale, 0), ahtSeconds: ahtSeconds, intervalSeconds: intervalSeconds)
            let p = Staffing.performance(agents: impliedAgents[i] * max(staffScale, 0), load: load,
                                         model: .erlangA(patienceSeconds: patienceSeconds), withinSeconds: withinSeconds)
            answered += p.serviceLevel * load.calls
            offered += load.calls
        }
        return offered > 0 ? answered / offered : 1
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
    // What a Section 151 review asks for (DOMAIN "Money": capacity before cash, leakage, dated on-costs).
    public var reductionByRow: [Ranged?] = []                 // per baseline row, overrides demandReduction
    public var onCostSchedule: OnCostSchedule?                // dated NI and real pay; nil: `onCosts` every year
    public var digitalHandlingSeconds = 0.0                   // back-office time a shifted contact still takes
    public var policy = ReleasedCapacityPolicy.serviceFirst
    public var service: ServiceForecast?                      // implied staffing and service level reached
    public var additionalFTE = 0.0                            // posts added (recruitment) from year 1
    /// Recruit, year by year, what each year's forecast workload needs to meet the target once the capacity the
    /// release keeps is used (replaces additionalFTE): posts follow the workload, so none is recruited in a year
    /// only to be cashed in the same year.
    public var recruitToTarget = false
    /// Posts added in force in each year (index = year; year 0 none); empty: additionalFTE from year 1.
    public var additionalFTEByYear: [Double] = []

    /// Posts added in force in year `t`.
    public func additional(year t: Int) -> Double {
        guard t > 0 else { return 0 }
        guard !additionalFTEByYear.isEmpty else { return max(0, additionalFTE) }
        return max(0, additionalFTEByYear[min(t, additionalFTEByYear.count - 1)])
    }
    public var exitCostPerFTE = 0.0                           // one-off cost of each post removed
    public var leakageOverride: Double?                       // replaces the measured leakage of every reason

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
    public var leakage = LeakageWaterfall()    // the shift gross and net of contacts that come back by phone
    public var fteToGap = 0.0                  // released capacity used to close the gap to the service target
    public var fteAdded = 0.0                  // posts added (recruitment) in force this year
    public var additionalStaffCost = 0.0
    public var exitCost = 0.0
    public var costPerFTE = 0.0
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
    public var position: CapacityPosition
    public var gapClosedFirst: Double          // final year's gap (grown with the workload) that released capacity closes first
    public var serviceLevelToday: Double?      // modelled (Erlang A at the implied staffing)
    /// Modelled in the final appraisal year, on that year's forecast workload less the work released, with the
    /// staffing delivered plus posts added less posts removed: the year the gap is stated for.
    public var serviceLevelFinal: Double?
    /// The same model in the final year with nothing changed (today's staffing, that year's workload): do nothing.
    public var serviceLevelFinalUnchanged: Double?
    public var additionalFTE = 0.0             // posts added in force in the final year (stated, or to the target when asked)
    public var additionalFTEFirstYear = 0.0    // posts added in force in year 1
    public var requiredFinalFTE = 0.0          // FTE the final year's workload needs to meet the target
    public var gapFinalBeforeRecruitment = 0.0 // final year: needed − delivered, before posts added (never below 0)
    public var gapFinalAfterRecruitment = 0.0  // the same less posts added, whatever the policy
    public var gapBeforeRecruitment: [Double] = []  // each year's gap before posts added (index = year)

    /// The gap left in the final year once posts are added and the capacity kept (released, not cashed) is used:
    /// what the option is still short of the target by, in FTE.
    public var shortfallFinalFTE: Double {
        guard let y = years.last else { return gapFinalAfterRecruitment }
        return max(0, gapFinalAfterRecruitment - (y.fteReleased - y.fteCashable))
    }

    public static func == (a: ProjectionResult, b: ProjectionResult) -> Bool {
        a.projectionCase == b.projectionCase && a.years == b.years && a.npv == b.npv && a.paybackYear == b.paybackYear
            && a.ceilingBinds.map(\.code) == b.ceilingBinds.map(\.code)
    }

    public var cashableTotal: Double { years.reduce(0) { $0 + $1.cashableSaving } }
    public var netTotal: Double { years.reduce(0) { $0 + $1.net } }
    public var capacityTotal: Double { years.reduce(0) { $0 + $1.capacityValue } }
}

public enum Projection {
    /// Runs one case. Shares, the demand reduction and the ceiling take the case's end of their range;
    /// everything else is central (the tornado and Monte Carlo vary the rest).
    /// `serviceLevels: false` skips the Erlang A service-level forecast (sensitivity runs need only the NPV).
    public static func run(_ p: ProjectionInputs, case c: ProjectionCase, serviceLevels: Bool = true) -> ProjectionResult {
        if p.recruitToTarget {
            // Recruiting to the target: the posts each year needs once the capacity it keeps is used. A year that
            // needs fewer than the one before leaves leavers' posts unfilled; it never recruits posts only to cash
            // others. The release does not depend on the posts added, so one run without recruitment measures it.
            var q = p
            q.recruitToTarget = false
            q.additionalFTE = 0
            q.additionalFTEByYear = []
            let without = run(q, case: c, serviceLevels: false)
            var byYear = [0.0]
            for y in without.years where y.year > 0 {
                byYear.append(max(0, without.gapBeforeRecruitment[y.year] - (y.fteReleased - y.fteCashable)))
            }
            q.additionalFTEByYear = byYear
            q.additionalFTE = byYear.last ?? 0
            return run(q, case: c, serviceLevels: serviceLevels)
        }
        let fallbackCost = p.onCosts.fullCost(salary: p.salary)
        let costPerFTE = { (t: Int) in p.onCostSchedule?.fullCost(salary: p.salary, year: t) ?? fallbackCost }
        // Workload is handled work: answered calls × their handle time; abandoned calls carry none.
        let baseHours = p.baseline.reduce(0) { $0 + $1.handledHours }
        let productive = p.hours.perFTE
        let baseQueueFTE = p.queue.map { Staffing.scheduledFTE(agents: $0.agentHours(scale: 1) / p.hours.paidHours, shrinkage: p.hours.shrinkage) }
        // The requirement is measured on the data window (the queue curve's profile); each year scales it below.
        let windowHours = p.baseline.reduce(0) { $0 + $1.windowHandledHours }
        let requiredFTE = baseQueueFTE ?? (productive > 0 ? windowHours / productive : 0)
        let establishment = p.establishmentFTE ?? requiredFTE
        let impliedFTE = p.service.map { Staffing.scheduledFTE(agents: $0.impliedAgentHoursPerYear / p.hours.paidHours, shrinkage: p.hours.shrinkage) }
        let position = CapacityPosition(establishmentFTE: establishment, vacancyRate: p.vacancyRate, requiredFTE: requiredFTE, impliedFTE: impliedFTE)
        // The staff needed to meet the standard grow with the forecast workload: in year t the requirement is scaled
        // by that year's handled hours ÷ the data window's annualised handled hours, so the gap grows with it.
        // Posts added by recruitment close the gap before any release does.
        let grownPosition = { (t: Int) -> CapacityPosition in
            let hours = p.baseline.reduce(0) { $0 + $1.handledHours(year: t) }
            var grown = position
            grown.requiredFTE = requiredFTE * (windowHours > 0 ? hours / windowHours : 1)
            return grown
        }
        let gapInYear = { (t: Int) -> Double in max(0, grownPosition(t).gap - p.additional(year: t)) }
        let reductions = p.baseline.indices.map { i in min(max((i < p.reductionByRow.count ? p.reductionByRow[i] : nil)?[c] ?? p.demandReduction[c], 0), 1) }

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
            // The year's own workload: the forecast's volume for that year (growth and seasonality included).
            let yearHours = p.baseline.reduce(0) { $0 + $1.handledHours(year: t) }
            for (i, row) in p.baseline.enumerated() {
                // Avoidable demand is removed first; the shift applies to what is left, so nothing is counted twice.
                // Both act on handled calls: a need is one piece of work however many times its caller gave up.
                // Assisted-digital calls are neither removed nor moved: the base is the other handled calls.
                let handled = row.shiftableContacts(year: t)
                let removed = handled * reductions[i] * y.takeUp
                let remaining = handled - removed
                var shifted = 0.0
                for ch in Channel.allCases {
                    guard let share = effective[i][ch] else { continue }
                    let n = remaining * share * y.takeUp
                    y.contactsShifted[ch, default: 0] += n
                    shifted += n
                }
                // Leakage: the measured share of digital contacts followed by a call comes back to the phone.
                let rate = min(max(p.leakageOverride ?? row.leakageRate ?? 0, 0), 1)
                var step = LeakageWaterfall()
                step.grossContacts = shifted
                step.leakedContacts = shifted - Leakage.netShifted(shifted, rate: rate)
                step.grossHours = shifted * row.shiftHandleSeconds / 3600
                step.leakedHours = step.leakedContacts * row.shiftHandleSeconds / 3600
                y.leakage.add(step)
                y.contactsRemoved += removed
                hoursReleased += removed * row.shiftHandleSeconds / 3600 + step.netHours
            }
            y.handleHoursReleased = hoursReleased
            y.fteLinear = productive > 0 ? hoursReleased / productive : 0
            if let q = p.queue, yearHours > 0 {
                let scale = 1 - hoursReleased / yearHours
                // Agent-hours ÷ paid hours = agents in position all year; ÷ (1 − shrinkage) = scheduled FTE.
                y.fteQueue = Staffing.scheduledFTE(agents: (q.agentHours(scale: 1) - q.agentHours(scale: scale)) / p.hours.paidHours,
                                                   shrinkage: p.hours.shrinkage)
            }
            y.fteReleased = min(y.fteLinear, y.fteQueue ?? y.fteLinear)
            // Posts go only as people leave: vacancies now, plus each year's leavers (cumulative, never above release).
            y.postsRemovable = t == 0 ? 0 : establishment * (p.vacancyRate + p.turnoverRate * Double(t))
            // Capacity before cash: under service_first the release closes the gap to the target first.
            let gap = gapInYear(t)
            y.fteToGap = p.policy == .serviceFirst ? min(y.fteReleased, gap) : 0
            y.fteCashable = CapacityGap.cashableFTE(released: y.fteReleased, gap: gap, postsRemovable: y.postsRemovable, policy: p.policy)
            y.fteNonCashable = y.fteReleased - y.fteCashable
            y.costPerFTE = costPerFTE(t)
            y.cashableSaving = p.optimism.benefit(y.fteCashable * y.costPerFTE)
            y.capacityValue = y.fteNonCashable * y.costPerFTE
            y.capital = p.optimism.capital(t < p.capitalByYear.count ? p.capitalByYear[t] : 0)
            y.running = t == 0 ? 0 : p.optimism.running(p.runningCostPerYear)
            y.fteAdded = p.additional(year: t)
            y.additionalStaffCost = y.fteAdded * y.costPerFTE
            y.exitCost = max(0, y.fteCashable - (years.last?.fteCashable ?? 0)) * p.exitCostPerFTE
            // Each shifted contact still costs its channel's running cost and its back-office handling time.
            let handlingCost = productive > 0 ? p.digitalHandlingSeconds / 3600 * y.costPerFTE / productive : 0
            var digital = 0.0
            // Fixed channel order: a dictionary's order would change the float sum's last bit between runs.
            for ch in Channel.allCases { digital += (y.contactsShifted[ch] ?? 0) * ((p.costPerContact[ch] ?? 0) + handlingCost) }
            y.digitalCost = p.optimism.running(digital)
            y.leakage.digitalCost = y.digitalCost
            y.net = y.cashableSaving - y.capital - y.running - y.digitalCost - y.additionalStaffCost - y.exitCost
            cumulative += y.net
            y.cumulative = cumulative
            y.discounted = y.net * Appraisal.discountFactor(year: t, rate: p.discountRate)
            years.append(y)
        }
        let net = years.map(\.net)
        var slToday: Double?, slFinal: Double?, slUnchanged: Double?
        if serviceLevels, let s = p.service, let implied = impliedFTE, implied > 0, let last = years.last {
            // The same calibrated model gives today's level and the final year's, so the service level and the gap
            // in FTE tell one story. The final year is sized on its own forecast workload (the calls of the data
            // window scaled by that year's handled hours ÷ the window's), as its gap is, less the work released.
            slToday = s.serviceLevel(callScale: 1, staffScale: 1)
            let lastHours = p.baseline.reduce(0) { $0 + $1.handledHours(year: last.year) }
            let grownScale = windowHours > 0 ? lastHours / windowHours : 1
            let callScale = windowHours > 0 ? (lastHours - last.handleHoursReleased) / windowHours : 1
            slFinal = s.serviceLevel(callScale: callScale, staffScale: (implied + p.additional(year: last.year) - last.fteCashable) / implied)
            slUnchanged = s.serviceLevel(callScale: grownScale, staffScale: 1)
        }
        let finalYear = max(p.years, 0)
        var result = ProjectionResult(projectionCase: c, years: years, npv: Appraisal.npv(net, rate: p.discountRate),
                                      paybackYear: Appraisal.paybackYear(net), costPerFTE: costPerFTE(0), establishmentFTE: establishment,
                                      baselineHandleHours: baseHours, baselineQueueFTE: baseQueueFTE, ceilingBinds: binds,
                                      position: position, gapClosedFirst: p.policy == .serviceFirst ? gapInYear(finalYear) : 0,
                                      serviceLevelToday: slToday, serviceLevelFinal: slFinal)
        result.serviceLevelFinalUnchanged = slUnchanged
        result.additionalFTE = p.additional(year: finalYear)
        result.additionalFTEFirstYear = p.additional(year: min(1, finalYear))
        result.gapBeforeRecruitment = (0...finalYear).map { grownPosition($0).gap }
        result.requiredFinalFTE = grownPosition(finalYear).requiredFTE
        result.gapFinalBeforeRecruitment = grownPosition(finalYear).gap
        result.gapFinalAfterRecruitment = gapInYear(finalYear)
        return result
    }
}
