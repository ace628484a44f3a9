// Value types shared by the queueing core: loads, targets, models and the performance of a staffed interval.

/// What a staffing level must achieve in one interval.
public enum ServiceTarget: Sendable, Equatable {
    /// `fraction` of calls answered within `withinSeconds` (e.g. 0.9 within 180 s), under the chosen
    /// `ServiceLevelDefinition`.
    case serviceLevel(fraction: Double, withinSeconds: Double)
    /// Average speed of answer (mean wait of answered calls) at most `seconds`.
    case averageWait(seconds: Double)
}

/// The queueing model used to turn a load and a number of agents into waits.
public enum QueueModel: Sendable, Equatable {
    /// M/M/N: callers wait for ever (Erlang 1917).
    case erlangC
    /// M/M/N+M: callers abandon after an exponential patience with this mean (Palm 1943;
    /// Garnett, Mandelbaum and Reiman 2002).
    case erlangA(patienceSeconds: Double)
}

/// The three service-level definitions in common use; they differ only when callers abandon.
public enum ServiceLevelDefinition: String, Sendable, CaseIterable {
    /// answered within T ÷ offered
    case ofOffered = "offered"
    /// answered within T ÷ answered
    case ofAnswered = "answered"
    /// answered within T ÷ (offered − abandoned within T)
    case ofOfferedLessShortAbandons = "offered_less_short_abandons"

    /// The definition in words, for reports.
    public var formula: String {
        switch self {
        case .ofOffered: return "calls answered within T ÷ calls offered"
        case .ofAnswered: return "calls answered within T ÷ calls answered"
        case .ofOfferedLessShortAbandons: return "calls answered within T ÷ (calls offered − calls abandoned within T)"
        }
    }
}

/// Calls offered in one interval and how long each takes.
public struct IntervalLoad: Sendable, Equatable {
    public var calls: Double
    public var ahtSeconds: Double
    public var intervalSeconds: Double

    public init(calls: Double, ahtSeconds: Double, intervalSeconds: Double) {
        self.calls = calls
        self.ahtSeconds = ahtSeconds
        self.intervalSeconds = intervalSeconds
    }

    /// Offered load A = calls × AHT ÷ interval length (Erlangs). Zero when there is nothing to do.
    public var erlangs: Double {
        guard calls > 0, ahtSeconds > 0, intervalSeconds > 0 else { return 0 }
        return calls * ahtSeconds / intervalSeconds
    }
}

/// How an interval performs with a given number of agents.
public struct QueuePerformance: Sendable, Equatable {
    /// Agents in position (logged in and available); fractional when interpolated.
    public var agents: Double
    /// Share of calls meeting the service-level definition (0–1).
    public var serviceLevel: Double
    /// Average speed of answer: mean wait of answered calls, including those answered at once (seconds).
    /// Infinite when the queue is unstable.
    public var asaSeconds: Double
    /// Share of offered calls that abandon (0 under Erlang C).
    public var abandonFraction: Double
    /// Share of agents' time spent handling calls (0–1).
    public var occupancy: Double
    /// Probability that an arriving call has to wait at all.
    public var probabilityWait: Double
    /// True when agents ≤ load under Erlang C: the queue grows without bound.
    public var isUnstable: Bool

    public init(agents: Double, serviceLevel: Double, asaSeconds: Double, abandonFraction: Double,
                occupancy: Double, probabilityWait: Double, isUnstable: Bool) {
        self.agents = agents
        self.serviceLevel = serviceLevel
        self.asaSeconds = asaSeconds
        self.abandonFraction = abandonFraction
        self.occupancy = occupancy
        self.probabilityWait = probabilityWait
        self.isUnstable = isUnstable
    }

    /// The performance of an interval with no calls: nothing waits, nobody is busy.
    static func idle(agents: Double) -> QueuePerformance {
        QueuePerformance(agents: agents, serviceLevel: 1, asaSeconds: 0, abandonFraction: 0,
                         occupancy: 0, probabilityWait: 0, isUnstable: false)
    }
}
