// The claim check as a report: a verdict per claim with reasons, ready to paste under "Financial implications".

public enum ClaimReport {
    public static func build(_ results: [ClaimResult], assumptions set: AssumptionSet, dataNote: String?,
                             onCosts: OnCosts? = nil, onCostBasis: String = "") -> AnalysisReport {
        let count = { (v: Verdict) in results.filter { $0.verdict == v }.count }
        var r = AnalysisReport(command: "check", title: "Savings claims checked")
        r.summary = ["Of \(results.count) claim\(results.count == 1 ? "" : "s") checked, " + verdictCounts(supported: count(.supported), notSupported: count(.notSupported), needsEvidence: count(.needsEvidence)) + "."]
        let failed = results.filter { $0.verdict == .notSupported }.map(\.claim.id)
        if !failed.isEmpty { r.summary.append("Not supported: " + failed.joined(separator: ", ") + "; the reasons are in the table.") }
        r.blocks.append(.table(Table(
            id: "claims", title: "Verdict per claim",
            columns: [Column("id", "Claim", .left), Column("initiative", "Initiative", .left), Column("kind", "Kind", .left),
                      Column("text", "As written", .left), Column("verdict", "Verdict", .left), Column("reasons", "Why", .left)],
            rows: results.map { x in [.text(x.claim.id), .text(x.claim.initiative), .text(x.claim.kind.rawValue), .text(x.claim.text),
                                      .text(x.verdict.rawValue), .text(x.reasons.joined(separator: " "))] },
            notes: ["Supported: the figures add up and fit the data and models. Not supported: they do not, for the reason given. Needs evidence: they might, but the claim leaves out something a finance officer needs (a baseline, whether on-costs are in, which contacts each initiative removes)."])))
        let totals = ClaimCheck.totals(results)
        if totals.overall.claimed != 0 {
            r.blocks.append(.table(totalsTable(totals)))
            let o = totals.overall
            r.summary.append("The claims put \(Format.money(o.claimed)) a year into the plan; " + supportedClause(o, money: { Format.money($0) }) + (o.atRisk == 0 ? "" : " (" + splitClause(o, money: { Format.money($0) }) + ")") + (o.possibleDuplicate > 0 ? ", and \(Format.money(o.possibleDuplicate)) may be the same saving counted twice." : "."))
        }
        let dups = results.filter { !$0.possibleDuplicates.isEmpty }.map(\.claim.id)
        if !dups.isEmpty { r.summary.append("Possible duplicates (the same £, FTE or contacts): " + dups.joined(separator: ", ") + ".") }
        var uses = Scenario.uses(set).filter { u in ClaimCheck.assumptionKeyNames.contains(u.key) }
        for key in ClaimCheck.toleranceKeys { uses.append(set[key.name]?.use ?? AssumptionUse(key: key.name, display: Scenario.display(key.defaultValue!, key.unit), unit: key.unit.display, source: key.defaultSource + " (default)")) }
        r.blocks.append(.table(ProjectReport.assumptionsTable(uses, what: "check")))
        r.assumptions = uses
        r.values = ["claims": NamedValue(Double(results.count), display: "\(results.count) claims", unit: "claims"),
                    "supported": NamedValue(Double(count(.supported)), display: "\(count(.supported))", unit: "claims"),
                    "not_supported": NamedValue(Double(count(.notSupported)), display: "\(count(.notSupported))", unit: "claims"),
                    "needs_evidence": NamedValue(Double(count(.needsEvidence)), display: "\(count(.needsEvidence))", unit: "claims"),
                    "claimed_pounds": .money(totals.overall.claimed), "supported_pounds": .money(totals.overall.supported),
                    "needs_evidence_pounds": .money(totals.overall.needsEvidence), "not_supported_pounds": .money(totals.overall.notSupported),
                    "at_risk_pounds": .money(totals.overall.atRisk), "possible_duplicate_pounds": .money(totals.overall.possibleDuplicate),
                    "possible_duplicates": NamedValue(Double(dups.count), display: dups.isEmpty ? "none" : dups.joined(separator: ", "), unit: "claims"),
                    "not_supported_claims": NamedValue(Double(failed.count), display: failed.isEmpty ? "none" : failed.joined(separator: ", "), unit: "claims")]
        // Sentences for a paper's prose that read well whatever the counts and amounts, zero included ("none of it
        // is supported", not "£0 of it is supported"); money rounded as the rest of a paper's prose is.
        let prose = { (x: Double) in Format.money(abs(x) >= 10_000 ? PaperShape.significant(x, 3) : x) }
        let o = totals.overall
        let evidence = results.filter { $0.verdict == .needsEvidence }.map(\.claim.id)
        r.values["verdict_counts"] = NamedValue(Double(results.count), display: verdictCounts(supported: count(.supported), notSupported: count(.notSupported),
                                                                                               needsEvidence: count(.needsEvidence)), unit: "")
        r.values["supported_clause"] = NamedValue(o.supported, display: o.claimed == 0 ? "none of the claims puts a £ figure into the plan" : supportedClause(o, money: prose), unit: "")
        r.values["split_clause"] = NamedValue(o.atRisk, display: splitClause(o, money: prose), unit: "")
        r.values["needs_evidence_claims"] = NamedValue(Double(evidence.count), display: evidence.isEmpty ? "none" : evidence.joined(separator: ", "), unit: "claims")
        r.values["needs_evidence_amount"] = NamedValue(o.needsEvidence, display: o.needsEvidence != 0 ? prose(o.needsEvidence) + " a year between them"
            : (evidence.count == 1 ? "it puts no £ figure into the plan of its own" : "none of them puts a £ figure into the plan of its own"), unit: "")
        func tol(_ k: AssumptionKey, _ v: Double) -> String {
            let shown = Format.percent(v, decimals: abs((v * 100).rounded() - v * 100) < 1e-9 ? 0 : 1)
            if let a = set[k.name] { return "\(shown) (\(k.name), set at \(a.location.description)" + (a.source.isEmpty ? ")" : ": \(a.source))") }
            return "\(shown) (\(k.name), the default: \(k.defaultSource))"
        }
        let claims = results.map(\.claim)
        // The tolerances the check used: the notebook's value, else the default (the command reads them the same way).
        func used(_ k: AssumptionKey) -> Double { set[k.name]?.central ?? k.defaultValue! }
        let grossNet = claims.filter { ($0.kind == .saving || $0.kind == .timePhasing) && ($0.costs ?? 0) > 0 }.map(\.id)
        let oneOff = claims.filter { ($0.kind == .saving || $0.kind == .timePhasing) && ($0.oneOff != nil || $0.recurring != nil) }.map(\.id)
        r.method = (dataNote.map { [$0] } ?? []) + [
            "Tolerance: two figures count as the same when they differ by at most \(tol(ClaimCheck.toleranceKey, used(ClaimCheck.toleranceKey))) of the larger; this covers a paper's rounding (£120k for £120,000) and no more.",
            "Baseline, the same test for every claim that states or implies a volume of contacts (reductions, conversions and FTE conversions): the stated figure is compared with the data's contacts a year for the claim's reasons and channels; within \(tol(ClaimCheck.baselineToleranceKey, used(ClaimCheck.baselineToleranceKey))) it is reconciled. A claim with no stated baseline, no reasons named, or no data to reconcile with needs evidence, whatever its kind.",
            "Arithmetic: FTE × salary is compared with the claimed amount with and without employer on-costs (salary + max(0, salary − NI threshold) × NI rate + salary × pension rate). Where neither matches, the explanation is the simplest arithmetic that reproduces the figure: the fewest whole FTE × the salary (or the cost with on-costs) within the tolerance.",
            "FTE conversions: contacts × minutes ÷ 60 ÷ FTE gives the productive hours per FTE the claim implies, compared with paid hours × (1 − shrinkage) × occupancy; within \(tol(ClaimCheck.hoursToleranceKey, used(ClaimCheck.hoursToleranceKey))) is reasonable.",
            "Time phasing: each year's amount ÷ cost per FTE gives the FTE it needs; posts can go only through vacancies and turnover, about establishment × (vacancy rate + turnover rate × year) by a year.",
            "Ceilings follow what the claim does. Removing demand at source (kind reduction) is tested against failure demand removable at source for the claim's reasons and channels (the avoidable analysis: strict share central, broad share at most). Moving demand to another channel (kind conversion) is tested against the shiftable ceiling per reason (avoidable or self-serve, and made by people likely to manage online: the most conservative proxy central, the broadest at most). Several reasons are weighted by their contacts; above the ceiling's upper end is not supported, above its central value needs evidence.",
            "Double counting: claims that reduce the same reason's contacts in the same channel are flagged; together they remove 1 − Π(1 − share), not the sum, and that combined share is tested against the broadest ceiling that applies. Claims with the same £, FTE or contacts (within the tolerance) are flagged as possible duplicates and need evidence that they are separate savings.",
            "Gross shown as net: tested when the claims file gives running costs (column costs), " + (grossNet.isEmpty ? "which it does for no claim here, so the test did not run." : "here for " + grossNet.joined(separator: ", ") + ".") + " One-off counted as recurring: tested when it gives a one-off part or says whether the saving recurs (columns one_off, recurring), " + (oneOff.isEmpty ? "which it does for no claim here, so the test did not run." : "here for " + oneOff.joined(separator: ", ") + "."),
            "Totals: £ a year as each claim puts it into the plan (a saving's amount; a phased saving's full-year amount; a one-off saving adds nothing a year), by initiative and overall, split by verdict; at risk = claimed − supported. A claim flagged as a possible duplicate of an earlier one is shown apart, not removed.",
            onCostLine(onCosts, basis: onCostBasis),
            "Sources: National Audit Office reviews of savings claims list these faults (no baseline, double counting, gross shown as net, one-off counted as recurring, capacity counted as cash); on-costs from the NI rates and pension rate in the Assumptions.",
        ].filter { !$0.isEmpty }
        return r
    }

    static func totalsTable(_ t: (byInitiative: [ClaimCheck.Totals], overall: ClaimCheck.Totals)) -> Table {
        func row(_ x: ClaimCheck.Totals, _ name: String) -> [Cell] {
            [.text(name), .money(x.claimed, decimals: 0), .money(x.supported, decimals: 0), .money(x.needsEvidence, decimals: 0),
             .money(x.notSupported, decimals: 0), .money(x.atRisk, decimals: 0), .money(x.possibleDuplicate, decimals: 0)]
        }
        var table = Table(id: "totals", title: "£ a year claimed, by initiative", columns: [
            Column("initiative", "Initiative", .left), Column("claimed", "Claimed a year"), Column("supported", "Supported"),
            Column("needs_evidence", "Needs evidence"), Column("not_supported", "Not supported"), Column("at_risk", "At risk (claimed − supported)"),
            Column("possible_duplicate", "Possible duplicate"),
        ])
        table.rows = t.byInitiative.map { row($0, $0.initiative.isEmpty ? "(no initiative)" : $0.initiative) }
        table.footer = [row(t.overall, "Total")]
        table.notes = ["Claims with a £ figure only (reductions, conversions and FTE conversions state none). The at-risk column is the gap the medium-term financial plan carries until the claims are restated with evidence; a possible duplicate is a claim with the same £, FTE or contacts as an earlier one, which may be the same saving counted twice."]
        return table
    }

    /// The on-cost basis in words: rates, where they came from, and the cost of a £24,000 post.
    static func onCostLine(_ onCosts: OnCosts?, basis: String) -> String {
        guard let c = onCosts else { return "" }
        let ni = Format.percent(c.niRate, decimals: 2)
        let threshold = Format.money(c.niThresholdPounds)
        let pension = Format.percent(c.pensionRate, decimals: 1)
        let example = Format.money(c.fullCost(salary: 24_000), decimals: 2)
        let from = basis.isEmpty ? "" : " (" + basis + ")"
        return "Employer on-costs used for every claim: National Insurance " + ni + " on pay above " + threshold
            + " a year and pension " + pension + " of salary" + from + "; a £24,000 post then costs " + example + " a year."
    }

    /// "none is supported, 3 are not supported and 4 need more evidence": counts in words where they are zero.
    static func verdictCounts(supported: Int, notSupported: Int, needsEvidence: Int) -> String {
        func part(_ n: Int, _ one: String, _ many: String) -> String { n == 0 ? "none " + one : "\(n) " + (n == 1 ? one : many) }
        return part(supported, "is supported", "are supported") + ", " + part(notSupported, "is not supported", "are not supported")
            + " and " + (needsEvidence == 0 ? "none needs more evidence" : part(needsEvidence, "needs more evidence", "need more evidence"))
    }

    /// "£120,000 of it is supported, so £228,000 a year is at risk until ...", "none of it is supported, so all of it
    /// is at risk until ...", or "all of it is supported".
    static func supportedClause(_ o: ClaimCheck.Totals, money: (Double) -> String) -> String {
        if o.atRisk == 0 { return "all of it is supported" }
        if o.supported == 0 { return "none of it is supported, so all of it is at risk until the claims are restated" }
        return "\(money(o.supported)) of it is supported, so \(money(o.atRisk)) a year is at risk until the claims are restated"
    }

    /// Where the amount at risk sits: "all of it in claims that are not supported", or "£X in claims not supported,
    /// £Y in claims needing evidence" (a claim with no verdict yet is neither).
    static func splitClause(_ o: ClaimCheck.Totals, money: (Double) -> String) -> String {
        if o.atRisk == 0 { return "nothing is at risk" }
        if o.notSupported == o.atRisk { return "all of it in claims that are not supported" }
        if o.needsEvidence == o.atRisk { return "all of it in claims that need more evidence" }
        let parts = [o.notSupported == 0 ? nil : money(o.notSupported) + " in claims not supported",
                     o.needsEvidence == 0 ? nil : money(o.needsEvidence) + " in claims needing evidence"].compactMap { $0 }
        return parts.isEmpty ? money(o.atRisk) + " at risk" : parts.joined(separator: ", ")
    }
}
