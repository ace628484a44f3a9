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
    /// Modelled in the final appraisal year, on that year's forecast workload: the year the gap is stated for.
    public var serviceLevelReached: Double?
    public var risks: [String]
    public var additionalFTE = 0.0        // posts added from year 1
    public var shortfallFTE = 0.0         // final year: FTE still short of the target after posts added and capacity kept

    public init(name: String, title: String, npv: Double, paybackYear: Int?, netCashableTotal: Double, fteReleased: Double,
                fteCashable: Double, serviceLevelReached: Double?, risks: [String], additionalFTE: Double = 0, shortfallFTE: Double = 0) {
        self.name = name
        self.title = title
        self.npv = npv
        self.paybackYear = paybackYear
        self.netCashableTotal = netCashableTotal
        self.fteReleased = fteReleased
        self.fteCashable = fteCashable
        self.serviceLevelReached = serviceLevelReached
        self.risks = risks
        self.additionalFTE = additionalFTE
        self.shortfallFTE = shortfallFTE
    }

    public var isDoNothing: Bool { name == OptionsAppraisal.doNothingName }
}

public enum OptionsAppraisal {
    public static let doNothingName = "do_nothing"

    /// Business as usual is the baseline every option is measured against: no cost and no saving beyond it, so
    /// its NPV is 0 by definition; its service level is the final year's with nothing changed (pass today's
    /// where no forecast workload is known), and its shortfall that year's whole gap.
    public static func doNothing(serviceLevelToday: Double?, risks: [String], shortfallFTE: Double = 0) -> AppraisedOption {
        AppraisedOption(name: doNothingName, title: "Do nothing (business as usual)", npv: 0, paybackYear: nil, netCashableTotal: 0,
                        fteReleased: 0, fteCashable: 0, serviceLevelReached: serviceLevelToday, risks: risks, shortfallFTE: shortfallFTE)
    }

    /// Does the option reach the service-level target (to the nearest 0.5 point)? Unknown counts as no.
    public static func meets(_ o: AppraisedOption, target: Double?) -> Bool {
        guard let target, let sl = o.serviceLevelReached else { return false }
        return sl >= target - 0.005
    }

    /// With a service-level target, the options that reach it come first: an option that leaves the telephone
    /// standard missed is not value for money however cheap. Within each group, highest NPV first; equal NPVs (to
    /// the penny) by the higher service level reached, then by name, so the order is the same on every run.
    public static func rank(_ options: [AppraisedOption], target: Double? = nil) -> [AppraisedOption] {
        options.sorted { a, b in
            let ma = meets(a, target: target), mb = meets(b, target: target)
            if ma != mb { return ma }
            let na = (a.npv * 100).rounded(), nb = (b.npv * 100).rounded()
            if na != nb { return na > nb }
            let sa = a.serviceLevelReached ?? -1, sb = b.serviceLevelReached ?? -1
            if sa != sb { return sa > sb }
            return a.name < b.name
        }
    }

    /// The preferred option (the first of `rank`) and why, in words for the paper. `when` says which year's
    /// service level the target is judged on, e.g. "in year 5 (2028/29), on that year's forecast workload".
    /// When no option reaches the target the sentence says so first, names the nearest and what it is short by,
    /// and never calls the cheapest option a way to restore the standard.
    public static func preferred(_ options: [AppraisedOption], target: Double? = nil, when: String = "") -> (option: AppraisedOption, why: String)? {
        let ranked = rank(options, target: target)
        guard let best = ranked.first else { return nil }
        // Prose rounds to three significant figures, as the rest of a paper's prose does; tables keep the pence.
        func money(_ x: Double) -> String { Format.money(abs(x) >= 10_000 ? PaperShape.significant(x, 3) : x) }
        func fte(_ x: Double) -> String { Format.number(x, decimals: 1) + " FTE" }
        let next = ranked.dropFirst().first
        let reach = { (o: AppraisedOption) -> String in
            o.serviceLevelReached.map { "a service level of about \(Format.percent($0, decimals: 0))" } ?? "an unknown service level"
        }
        let pays = { (o: AppraisedOption) -> String in
            o.paybackYear.map { "pays back in year \($0)" } ?? "does not pay back in cash within the appraisal period"
        }
        let when = when.isEmpty ? "" : " " + when
        var why: String
        if let target, meets(best, target: target) {
            let others = ranked.filter { meets($0, target: target) }.count - 1
            why = "Of the options that bring the telephone service to its \(Format.percent(target, decimals: 0)) target\(when), it has the highest net present value (\(money(best.npv)))"
            why += others == 0 ? "; it is the only one that does" : ""
            why += "; it reaches \(reach(best)) and \(pays(best))"
            if let n = next { why += ". Next: \(n.title) (NPV \(money(n.npv)), \(reach(n)))" }
        } else if let target {
            why = "No option brings the telephone service to its \(Format.percent(target, decimals: 0)) target\(when)"
            let nearest = ranked.filter { !$0.isDoNothing && $0.serviceLevelReached != nil }
                .max { ($0.serviceLevelReached!, $0.npv) < ($1.serviceLevelReached!, $1.npv) }
            if let n = nearest {
                why += ": the nearest is \(n.title), with \(reach(n))" + (n.shortfallFTE >= 0.05 ? ", still \(fte(n.shortfallFTE)) short of what the target needs" : "") + " (NPV \(money(n.npv)))"
            }
            if best.isDoNothing {
                why += ". On net present value alone doing nothing ranks first (£0 by definition), but it leaves \(reach(best))"
                    + (best.shortfallFTE >= 0.05 ? " and a gap of \(fte(best.shortfallFTE))" : "")
                    + ": none of the options restores the standard as framed, so none should be approved as the way to meet it"
            } else {
                why += ". On net present value \(best.title) ranks first (\(money(best.npv))), with \(reach(best)); it \(pays(best)) and does not restore the standard"
            }
        } else if best.isDoNothing {
            why = "No option has a positive net present value, so on value for money the council should not proceed with any of them as framed"
        } else {
            why = "It has the highest net present value (\(money(best.npv))); it reaches \(reach(best)) and \(pays(best))"
            if let n = next { why += ". Next: \(n.title) (NPV \(money(n.npv)), \(reach(n)))" }
        }
        return (best, why + ".")
    }
}
