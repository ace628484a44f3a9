// Leakage: a contact moved online is saved only if it does not come back by phone, and it still costs its
// back-office handling. Gross shift → leakage → digital cost → net.

public enum Leakage {
    /// The measured leakage rate of a reason: its digital contacts from known callers followed by a phone call
    /// within the repeat window ÷ its digital contacts from known callers. Nil when none was measured.
    public static func rate(digitalKeyed: Int, digitalThenPhone: Int) -> Double? {
        digitalKeyed > 0 ? Double(min(digitalThenPhone, digitalKeyed)) / Double(digitalKeyed) : nil
    }

    /// Phone contacts that actually leave the phone when `gross` contacts move online: gross × (1 − rate).
    public static func netShifted(_ gross: Double, rate: Double) -> Double { gross * (1 - min(max(rate, 0), 1)) }
}

/// One year (or a total) of the shift in steps, for the report's gross-to-net table.
public struct LeakageWaterfall: Sendable, Equatable {
    public var grossContacts = 0.0        // moved to a digital channel
    public var leakedContacts = 0.0       // of those, back on the phone
    public var grossHours = 0.0           // phone handle hours of the gross shift
    public var leakedHours = 0.0
    public var digitalCost = 0.0          // channel running cost and back-office handling of every gross contact

    public init() {}

    public var netContacts: Double { grossContacts - leakedContacts }
    public var netHours: Double { grossHours - leakedHours }
    public var leakageShare: Double { grossContacts > 0 ? leakedContacts / grossContacts : 0 }

    public mutating func add(_ o: LeakageWaterfall) {
        grossContacts += o.grossContacts; leakedContacts += o.leakedContacts
        grossHours += o.grossHours; leakedHours += o.leakedHours; digitalCost += o.digitalCost
    }
}
