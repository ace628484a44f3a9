// Options appraisal: business as usual (do nothing) and every option from one notebook, side by side, ranked.

/// One option's headline figures.
public struct AppraisedOption: Sendable, Equatable {
    public var name: String               // slug from the notebook, "do_nothing" for business as usual
    public var title: String
    public var npv: Double
    public var paybackYear: Int?
    public var netCashableTotal: Double   // cashable savings less every cost, all years, undiscounted
    public var fteReleased: Double        // final year
    public var fteCashable: Double        // final year
    public var serviceLevelReached: Double?
    public var risks: [String]

    public init(name: String, title: String, npv: Double, paybackYear: Int?, netCashableTotal: Double, fteReleased: Double,
                fteCashable: Double, serviceLevelReached: Double?, risks: [String]) {
        self.name = name
        self.title = title
        self.npv = npv
        self.paybackYear = paybackYear
        self.netCashableTotal = netCashableTotal
        self.fteReleased = fteReleased
        self.fteCashable = fteCashable
        self.serviceLevelReached = serviceLevelReached
        self.risks = risks
    }

    public var isDoNothing: Bool { name == OptionsAppraisal.doNothingName }
}

public enum OptionsAppraisal {
    public static let doNothingName = "do_nothing"

    /// Business as usual is the baseline every option is measured against: no cost and no saving beyond it, so
    /// its NPV is 0 by definition; its service level is today's.
    public static func doNothing(serviceLevelToday: Double?, risks: [String]) -> AppraisedOption {
        AppraisedOption(name: doNothingName, title: "Do nothing (business as usual)", npv: 0, paybackYear: nil, netCashableTotal: 0,
                        fteReleased: 0, fteCashable: 0, serviceLevelReached: serviceLevelToday, risks: risks)
    }

    /// Highest NPV first; equal NPVs (to the penny) by the higher service level reached, then by name, so the
    /// order is the same on every run. Do nothing is always in the list.
    public static func rank(_ options: [AppraisedOption]) -> [AppraisedOption] {
        options.sorted { a, b in
            let na = (a.npv * 100).rounded(), nb = (b.npv * 100).rounded()
            if na != nb { return na > nb }
            let sa = a.serviceLevelReached ?? -1, sb = b.serviceLevelReached ?? -1
            if sa != sb { return sa > sb }
            return a.name < b.name
        }
    }

    /// The preferred option (the first of `rank`) and why, in words for the paper.
    public static func preferred(_ options: [AppraisedOption]) -> (option: AppraisedOption, why: String)? {
        let ranked = rank(options)
        guard let best = ranked.first else { return nil }
        let next = ranked.dropFirst().first
        var why: String
        if best.isDoNothing {
            why = "No option has a positive net present value, so on value for money the council should not proceed with any of them as framed"
            if let n = next { why += "; the best of them, \(n.title), has an NPV of \(Format.money(n.npv))" }
        } else {
            why = "\(best.title) has the highest net present value (\(Format.money(best.npv))) and " +
                (best.paybackYear.map { "pays back in year \($0)" } ?? "does not pay back within the appraisal period")
            if let n = next { why += "; the next best, \(n.title), has \(Format.money(n.npv))" }
        }
        if let sl = best.serviceLevelReached { why += ". It reaches a service level of \(Format.percent(sl, decimals: 0))" }
        return (best, why + ".")
    }
}
