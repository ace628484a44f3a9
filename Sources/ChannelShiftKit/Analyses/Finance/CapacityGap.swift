// Capacity before cash: the establishment, the staffing the phones actually deliver, the gap to target, and
// how much of a release can be cashed once that gap is closed.
import Foundation

/// What released capacity is used for first.
public enum ReleasedCapacityPolicy: String, Sendable, CaseIterable {
    /// Released capacity first closes the gap to the service-level target; only the remainder can be cashed.
    case serviceFirst = "service_first"
    /// Every released FTE may be cashed (posts removed as they fall vacant), whatever the service level.
    case cashFirst = "cash_first"

    /// The numeric code the assumption file carries: 0 service_first, 1 cash_first.
    public init?(code: Double) {
        switch code {
        case 0: self = .serviceFirst
        case 1: self = .cashFirst
        default: return nil
        }
    }
}

/// The staffing position of the phone team today.
public struct CapacityPosition: Sendable, Equatable {
    /// Budgeted posts (in post and vacant), as the council states it.
    public var establishmentFTE: Double
    public var vacancyRate: Double
    /// Scheduled FTE needed to meet the service-level target with today's calls.
    public var requiredFTE: Double
    /// Scheduled FTE the observed abandonment and waits imply (Erlang A calibrated per interval); nil when the
    /// data could not be calibrated (no abandonment or no waits).
    public var impliedFTE: Double?

    public init(establishmentFTE: Double, vacancyRate: Double, requiredFTE: Double, impliedFTE: Double?) {
        self.establishmentFTE = establishmentFTE
        self.vacancyRate = vacancyRate
        self.requiredFTE = requiredFTE
        self.impliedFTE = impliedFTE
    }

    /// Staff in post: establishment × (1 − vacancy rate).
    public var inPostFTE: Double { establishmentFTE * (1 - vacancyRate) }
    /// Gap by the establishment: required − in post (negative: more in post than the target needs).
    public var gapByEstablishment: Double { requiredFTE - inPostFTE }
    /// Gap by what the phones deliver: required − implied.
    public var gapByImplied: Double? { impliedFTE.map { requiredFTE - $0 } }
    /// The gap released capacity must close first: measured (implied) where the data allows, else by the
    /// establishment; never below zero.
    public var gap: Double { max(0, gapByImplied ?? gapByEstablishment) }
}

public enum CapacityGap {
    /// Cashable FTE in a year: under service_first, only the release beyond the gap (the target is met first);
    /// under cash_first, all of it; in both, no more than the posts that have fallen vacant by then.
    public static func cashableFTE(released: Double, gap: Double, postsRemovable: Double, policy: ReleasedCapacityPolicy) -> Double {
        let available: Double
        switch policy {
        case .serviceFirst: available = max(0, released - max(0, gap))
        case .cashFirst: available = max(0, released)
        }
        return min(available, max(0, postsRemovable))
    }

    /// Agents (fractional) in position that make Erlang A give `abandonFraction` of the calls abandoning: the
    /// staffing a queue with this abandonment actually had. Abandonment falls as agents rise, so the answer is
    /// found by bisection between 0 and a staffing at which nobody waits in practice. Abandonment below 0.1% is
    /// read as 0.1% (it says only "enough staff", not how many).
    public static func impliedAgents(load: IntervalLoad, patienceSeconds: Double, abandonFraction: Double, withinSeconds: Double) -> Double {
        let a = load.erlangs
        guard a > 0 else { return 0 }
        let target = min(max(abandonFraction, 0.001), 0.999)
        let model = QueueModel.erlangA(patienceSeconds: patienceSeconds)
        func abandon(_ n: Double) -> Double {
            Staffing.performance(agents: n, load: load, model: model, withinSeconds: withinSeconds).abandonFraction
        }
        var low = 0.0, high = a + 10 * a.squareRoot() + 10
        if abandon(high) > target { return high }
        for _ in 0..<40 {
            let mid = (low + high) / 2
            if abandon(mid) > target { low = mid } else { high = mid }
            if high - low < 0.005 { break }
        }
        return (low + high) / 2
    }

    /// One interval of a representative week: average calls offered and the share abandoned.
    public struct ObservedInterval: Sendable, Equatable {
        public var calls: Double
        public var abandonFraction: Double
        public init(calls: Double, abandonFraction: Double) { self.calls = calls; self.abandonFraction = abandonFraction }
    }

    /// Implied scheduled FTE over a representative week: Σ implied agents × interval hours × 52 weeks ÷ paid
    /// hours, ÷ (1 − shrinkage).
    public static func impliedFTE(_ intervals: [ObservedInterval], ahtSeconds: Double, intervalSeconds: Double, patienceSeconds: Double,
                                  withinSeconds: Double, hours: ProductiveHours) -> Double {
        var agentHours = 0.0
        for i in intervals where i.calls > 0 {
            let load = IntervalLoad(calls: i.calls, ahtSeconds: ahtSeconds, intervalSeconds: intervalSeconds)
            agentHours += impliedAgents(load: load, patienceSeconds: patienceSeconds, abandonFraction: i.abandonFraction,
                                        withinSeconds: withinSeconds) * intervalSeconds / 3600
        }
        return Staffing.scheduledFTE(agents: agentHours * 52 / hours.paidHours, shrinkage: hours.shrinkage)
    }
}
