// The claim check as a report: a verdict per claim with reasons, ready to paste under "Financial implications".

public enum ClaimReport {
    public static func build(_ results: [ClaimResult], assumptions set: AssumptionSet, dataNote: String?) -> AnalysisReport {
        let count = { (v: Verdict) in results.filter { $0.verdict == v }.count }
        var r = AnalysisReport(command: "check", title: "Savings claims checked")
        r.summary = ["Of \(results.count) claim\(results.count == 1 ? "" : "s") checked, \(count(.supported)) \(count(.supported) == 1 ? "is" : "are") supported, \(count(.notSupported)) \(count(.notSupported) == 1 ? "is" : "are") not supported and \(count(.needsEvidence)) need\(count(.needsEvidence) == 1 ? "s" : "") more evidence."]
        let failed = results.filter { $0.verdict == .notSupported }.map(\.claim.id)
        if !failed.isEmpty { r.summary.append("Not supported: " + failed.joined(separator: ", ") + "; the reasons are in the table.") }
        r.blocks.append(.table(Table(
            id: "claims", title: "Verdict per claim",
            columns: [Column("id", "Claim", .left), Column("initiative", "Initiative", .left), Column("kind", "Kind", .left),
                      Column("text", "As written", .left), Column("verdict", "Verdict", .left), Column("reasons", "Why", .left)],
            rows: results.map { x in [.text(x.claim.id), .text(x.claim.initiative), .text(x.claim.kind.rawValue), .text(x.claim.text),
                                      .text(x.verdict.rawValue), .text(x.reasons.joined(separator: " "))] },
            notes: ["Supported: the figures add up and fit the data and models. Not supported: they do not, for the reason given. Needs evidence: they might, but the claim leaves out something a finance officer needs (a baseline, whether on-costs are in, which contacts each initiative removes)."])))
        let uses = Scenario.uses(set).filter { u in ClaimCheck.assumptionKeyNames.contains(u.key) }
        r.blocks.append(.table(ProjectReport.assumptionsTable(uses, what: "check")))
        r.assumptions = uses
        r.values = ["claims": NamedValue(Double(results.count), display: "\(results.count) claims", unit: "claims"),
                    "supported": NamedValue(Double(count(.supported)), display: "\(count(.supported))", unit: "claims"),
                    "not_supported": NamedValue(Double(count(.notSupported)), display: "\(count(.notSupported))", unit: "claims"),
                    "needs_evidence": NamedValue(Double(count(.needsEvidence)), display: "\(count(.needsEvidence))", unit: "claims")]
        r.method = (dataNote.map { [$0] } ?? []) + [
            "Arithmetic: FTE × salary is compared with the claimed amount with and without employer on-costs (salary + max(0, salary − NI threshold) × NI rate + salary × pension rate); figures within 2% count as the same.",
            "FTE conversions: contacts × minutes ÷ 60 ÷ FTE gives the productive hours per FTE the claim implies, compared with paid hours × (1 − shrinkage) × occupancy; within 15% is reasonable.",
            "Time phasing: each year's amount ÷ cost per FTE gives the FTE it needs; posts can go only through vacancies and turnover, about establishment × (vacancy rate + turnover rate × year) by a year.",
            "Reductions and conversions: the claimed share is compared with the shiftable ceiling per reason (avoidable or self-serve, and made by people likely to manage online), weighted by phone calls where the claim covers several reasons; above the ceiling's upper end is not supported, above its central value needs evidence.",
            "Double counting: claims that reduce the same reason's contacts in the same channel are flagged; together they remove 1 − Π(1 − share), not the sum, and that combined share is tested against the ceiling.",
            "Sources: National Audit Office reviews of savings claims list these faults (no baseline, double counting, gross shown as net, capacity counted as cash); on-costs from HMRC 2025/26 rates.",
        ]
        return r
    }
}
