// Tests savings claims (a claims CSV) against arithmetic, the FTE model, staff turnover, the shiftable ceiling
// and each other, and gives each a verdict in plain English with the figures.
import Foundation

public enum ClaimKind: String, Sendable, CaseIterable {
    case reduction                 // contacts fall by a share
    case conversion                // a share of a reason's calls moves to a digital channel
    case saving                    // £ from FTE × salary
    case fte                       // contacts × minutes = FTE
    case timePhasing = "time-phasing"   // £ in year 1 rising to £ in a later year
}

public enum Verdict: String, Sendable {
    case supported = "supported"
    case notSupported = "not supported"
    case needsEvidence = "needs evidence"

    /// Worst of two: not supported > needs evidence > supported.
    func worst(_ o: Verdict) -> Verdict {
        let rank: [Verdict: Int] = [.supported: 0, .needsEvidence: 1, .notSupported: 2]
        return rank[o]! > rank[self]! ? o : self
    }
}

/// One claim as written in the claims file. Blank fields are nil.
public struct Claim: Sendable, Equatable {
    public var id: String
    public var initiative: String
    public var kind: ClaimKind
    public var text: String
    public var line: String?                 // service line, or "*" for all
    public var reason: String?               // reason within the line, or "*" for all
    public var channels: [Channel]
    public var baseline: Double?             // contacts a year the claim starts from
    public var reduction: Double?            // fraction
    public var amount: Double?               // £, year 1 (saving, time-phasing)
    public var amountLater: Double?          // £ in `laterYear`
    public var laterYear: Int?
    public var fte: Double?
    public var salary: Double?
    public var onCosts: Bool?                // are on-costs in the amount? nil: not stated
    public var contacts: Double?
    public var minutesPerContact: Double?
    /// Running costs a year that the saving must pay for (a licence, a contract), when the file gives them.
    public var costs: Double? = nil
    /// Does the amount already deduct `costs`? nil: not stated.
    public var net: Bool? = nil
    /// The part of the amount that is one-off (a rebate, a vacancy saving in year 1), when the file gives it.
    public var oneOff: Double? = nil
    /// Is the amount claimed every year? nil: not stated.
    public var recurring: Bool? = nil
    public var location: SourceLocation
}

public struct ClaimResult: Sendable, Equatable {
    public var claim: Claim
    public var verdict: Verdict
    public var reasons: [String]
    /// The £ a year the claim puts into the plan (saving: its amount; time phasing: its full-year amount).
    public var annualPounds: Double? = nil
    /// Other claims with the same £, FTE or contacts (within the tolerance): possibly one saving counted twice.
    public var possibleDuplicates: [String] = []
}

/// What the claims are tested against.
public struct ClaimEvidence: Sendable {
    public var annualContacts: [WrapCode: [Channel: Double]]   // from the data, scaled to a year; empty without data
    public var ceiling: CeilingTable?
    /// Failure demand removable at source as a share of each reason's contacts by channel (from the avoidable
    /// analysis: central and low the strict share, high the broad one): the ceiling of a claim to remove demand.
    public var failureShares: [WrapCode: [Channel: Ranged]] = [:]
    /// Two figures within this relative difference are "the same" (assumption `claim_tolerance`).
    public var tolerance = ClaimCheck.toleranceKey.defaultValue!
    /// A stated baseline within this of the data's is reconciled (assumption `claim_tolerance.baseline`).
    public var baselineTolerance = ClaimCheck.baselineToleranceKey.defaultValue!
    /// Implied productive hours within this of the model's are reasonable (assumption `claim_tolerance.hours`).
    public var hoursTolerance = ClaimCheck.hoursToleranceKey.defaultValue!
    public var onCosts: OnCosts
    public var hours: ProductiveHours
    public var vacancyRate: Double
    public var turnoverRate: Double
    public var establishmentFTE: Double?

    public init(annualContacts: [WrapCode: [Channel: Double]] = [:], ceiling: CeilingTable? = nil, onCosts: OnCosts = OnCosts(),
                hours: ProductiveHours = ProductiveHours(), vacancyRate: Double = 0.05, turnoverRate: Double = 0.12, establishmentFTE: Double? = nil) {
        self.annualContacts = annualContacts
        self.ceiling = ceiling
        self.onCosts = onCosts
        self.hours = hours
        self.vacancyRate = vacancyRate
        self.turnoverRate = turnoverRate
        self.establishmentFTE = establishmentFTE
    }

    /// Wrap codes a claim's line and reason cover, from the data or else (no data) the ceiling file, sorted.
    func codes(line: String?, reason: String?) -> [WrapCode] {
        let known = annualContacts.isEmpty ? Set(ceiling?.shares.keys.map { $0 } ?? []) : Set(annualContacts.keys)
        return known.filter { c in
            (line == nil || line == "*" || Scenario.slug(line!) == Scenario.slug(c.line))
                && (reason == nil || reason == "*" || Scenario.slug(reason!) == Scenario.slug(c.reason))
        }.sorted()
    }
}

public enum ClaimCheck {
    public static let columns = ["id", "initiative", "kind", "text", "line", "reason", "channel", "baseline", "reduction", "amount",
                                 "amount_later", "later_year", "fte", "salary", "on_costs", "contacts", "minutes_per_contact",
                                 "costs", "net", "one_off", "recurring"]

    /// Within this relative difference two figures are "the same": a paper's rounding (£120k for £120,000; £165k
    /// for £168,000). An assumption, so the finance officer sets it and the Method shows it.
    public static let toleranceKey = AssumptionKey(
        "claim_tolerance", AssumptionUnit(.fraction), default: 0.02,
        source: "finance check convention: a paper's rounding to two or three significant figures",
        "two figures within this relative difference are treated as the same (£, FTE, contacts)")
    public static let baselineToleranceKey = AssumptionKey(
        "claim_tolerance.baseline", AssumptionUnit(.fraction), default: 0.10,
        source: "finance check convention: a year's baseline from part-year data varies by about this much",
        "a stated baseline within this of the data's is reconciled")
    public static let hoursToleranceKey = AssumptionKey(
        "claim_tolerance.hours", AssumptionUnit(.fraction), default: 0.15,
        source: "finance check convention: shrinkage 30–35% and occupancy 85–90% move productive hours by about this much",
        "implied productive hours per FTE within this of the model's are reasonable")
    public static let toleranceKeys = [toleranceKey, baselineToleranceKey, hoursToleranceKey]

    // MARK: reading

    public static func load(_ path: String, display: String) throws(ToolError) -> [Claim] { try parse(CSVTable.load(path, display: display)) }

    /// Reads every row; problems (bad kind, number, channel, missing field a kind needs) are reported together.
    public static func parse(_ t: CSVTable) throws(ToolError) -> [Claim] {
        let cols = try t.requireColumns(["id", "kind", "text"])
        func col(_ name: String) -> Int? { t.column(name) }
        var problems = DiagnosticCollector()
        var claims: [Claim] = []
        var seen: [String: Int] = [:]
        for row in t.rows {
            do { try t.checkWidth(row) } catch {
                for d in error.diagnostics { problems.add(d) }
                continue
            }
            func field(_ name: String) -> String? {
                guard let c = col(name) else { return nil }
                let v = row.fields[c].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func number(_ name: String, percent: Bool = false) -> Double? {
                guard let raw = field(name) else { return nil }
                if let v = parseNumber(raw, percent: percent) { return v }
                problems.add(Diagnostic("\(name) '\(raw)' is not a number", at: t.location(row, field: col(name)!),
                                        hint: percent ? "write a share as 20% or 0.2" : "write e.g. 120000, £120,000 or £120k"))
                return nil
            }
            let id = row.fields[cols[0]].trimmingCharacters(in: .whitespaces)
            let kindRaw = row.fields[cols[1]].trimmingCharacters(in: .whitespaces).lowercased()
            guard !id.isEmpty else {
                problems.add(Diagnostic("claim id is empty", at: t.location(row, field: cols[0]), hint: "give each claim a short id, e.g. C1"))
                continue
            }
            if let first = seen[id] {
                problems.add(Diagnostic("claim id '\(id)' is used twice (first on line \(first))", at: t.location(row, field: cols[0]),
                                        hint: "ids must be unique"))
                continue
            }
            seen[id] = row.line
            guard let kind = ClaimKind(rawValue: kindRaw) else {
                problems.add(Diagnostic("kind '\(kindRaw)' is not one of " + ClaimKind.allCases.map(\.rawValue).joined(separator: ", "),
                                        at: t.location(row, field: cols[1]),
                                        hint: Spelling.nearest(kindRaw, among: ClaimKind.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" } ?? "use one of the listed kinds"))
                continue
            }
            var channels: [Channel] = []
            if let raw = field("channel") {
                for part in raw.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
                    if let ch = Channel(name: part) { channels.append(ch) } else {
                        problems.add(Diagnostic("channel '\(part)' is not one of " + Channel.allCases.map(\.name).joined(separator: ", "),
                                                at: t.location(row, field: col("channel")!), hint: "separate several channels with ';'"))
                    }
                }
            }
            func yesNo(_ name: String) -> Bool? {
                guard let raw = field(name)?.lowercased() else { return nil }
                if ["yes", "y", "true", "included"].contains(raw) { return true }
                if ["no", "n", "false", "excluded"].contains(raw) { return false }
                problems.add(Diagnostic("\(name) '\(raw)' should be yes or no", at: t.location(row, field: col(name)!),
                                        hint: "leave it blank when the claim does not say"))
                return nil
            }
            let onCosts = yesNo("on_costs")
            let c = Claim(id: id, initiative: field("initiative") ?? "", kind: kind, text: row.fields[cols[2]].trimmingCharacters(in: .whitespaces),
                          line: field("line"), reason: field("reason"), channels: channels, baseline: number("baseline"),
                          reduction: number("reduction", percent: true), amount: number("amount"), amountLater: number("amount_later"),
                          laterYear: number("later_year").map { Int($0) }, fte: number("fte"), salary: number("salary"), onCosts: onCosts,
                          contacts: number("contacts"), minutesPerContact: number("minutes_per_contact"),
                          costs: number("costs"), net: yesNo("net"), oneOff: number("one_off"), recurring: yesNo("recurring"),
                          location: SourceLocation(file: t.file, line: row.line, column: 1))
            let needs: [String]
            switch kind {
            case .reduction, .conversion: needs = ["line", "reduction"]
            case .saving: needs = ["amount", "fte"]
            case .fte: needs = ["contacts", "minutes_per_contact", "fte"]
            case .timePhasing: needs = ["amount", "amount_later", "later_year"]
            }
            let missing = needs.filter { field($0) == nil }
            if !missing.isEmpty {
                problems.add(Diagnostic("a \(kind.rawValue) claim needs " + missing.joined(separator: ", "), at: c.location,
                                        hint: "fill the column" + (missing.count > 1 ? "s" : "") + " (see docs/commands/check.md)"))
                continue
            }
            if kind == .conversion, !channels.contains(where: \.isDigital) {
                problems.add(Diagnostic("a conversion claim names the digital channel contacts move to", at: c.location,
                                        hint: "channel: email, webchat or web_form"))
                continue
            }
            claims.append(c)
        }
        try problems.throwIfAny()
        return claims
    }

    /// "120000", "£120,000", "£120k", "1.2m", "20%", "0.2".
    static func parseNumber(_ raw: String, percent: Bool) -> Double? {
        var s = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "").lowercased()
        var scale = 1.0
        if s.hasSuffix("%") { s.removeLast(); scale = 0.01 } else if s.hasSuffix("k") { s.removeLast(); scale = 1_000 } else if s.hasSuffix("m") { s.removeLast(); scale = 1_000_000 }
        guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
        let x = v * scale
        // A share written as 20 means 20%, as 0.2 means 20%: a share above 1 without '%' is read as a percentage.
        return percent && scale == 1 && x > 1 ? x / 100 : x
    }

    // MARK: testing

    public static func check(_ claims: [Claim], evidence e: ClaimEvidence) -> [ClaimResult] {
        var results = claims.map { c -> ClaimResult in
            var r: ClaimResult
            switch c.kind {
            case .reduction, .conversion: r = checkShare(c, e)
            case .saving: r = checkSaving(c, e)
            case .fte: r = checkFTE(c, e)
            case .timePhasing: r = checkPhasing(c, e)
            }
            if c.kind == .saving || c.kind == .timePhasing {
                grossAndNet(&r, e)
                oneOffAndRecurring(&r, e)
            }
            return r
        }
        checkOverlaps(&results, e)
        checkDuplicates(&results, e)
        return results
    }

    static func money(_ x: Double) -> String { Format.money(x) }
    static func pct(_ x: Double) -> String { Format.percent(x, decimals: 1) }
    static func same(_ a: Double, _ b: Double, _ e: ClaimEvidence) -> Bool { abs(a - b) <= e.tolerance * max(abs(a), abs(b)) }

    /// The claim's ceiling, weighted by annual contacts in its channels where the data has them: removal at source
    /// (reduction) against failure demand, channel shift (conversion) against the shiftable ceiling.
    static func weightedCeiling(_ c: Claim, _ codes: [WrapCode], _ e: ClaimEvidence) -> (ceiling: Ranged, covered: Int)? {
        var w = 0.0, lo = 0.0, ce = 0.0, hi = 0.0, covered = 0
        for code in codes {
            var any = false
            for ch in channels(c) {
                let share: Ranged?
                if c.kind == .conversion { share = e.ceiling?.ceiling(for: code) } else { share = e.failureShares[code]?[ch] }
                guard let s = share else { continue }
                let weight = e.annualContacts[code]?[ch] ?? (e.annualContacts.isEmpty ? 1 : 0)
                w += weight; lo += weight * s.low; ce += weight * s.central; hi += weight * s.high
                any = true
            }
            if any { covered += 1 }
        }
        guard covered > 0, w > 0 else { return nil }
        return (Ranged(ce / w, low: lo / w, high: hi / w), covered)
    }

    /// Which ceiling a claim is tested against, in words.
    static func ceilingName(_ c: Claim) -> String {
        c.kind == .conversion ? "shiftable ceiling" : "failure-demand ceiling"
    }

    static func channels(_ c: Claim) -> [Channel] {
        c.kind == .conversion ? [Channel.phone] : (c.channels.isEmpty ? [Channel.phone] : c.channels)
    }

    static func scopeName(_ c: Claim) -> String {
        let line = c.line ?? "*", reason = c.reason ?? "*"
        if line == "*" { return "all reasons" }
        return reason == "*" ? "every reason in \(line)" : "\(line) / \(reason)"
    }

    /// The same baseline test for every claim that states or implies a volume of contacts: the stated figure is
    /// reconciled with the data for the claim's scope, and a claim with no stated volume, no scope or no data to
    /// reconcile it with needs evidence, whatever its kind.
    static func baselineTest(_ c: Claim, stated: Double?, what: String, _ e: ClaimEvidence) -> (verdict: Verdict, reasons: [String], data: Double) {
        let scoped = c.line != nil
        let codes = scoped ? e.codes(line: c.line, reason: c.reason) : []
        let chans = channels(c)
        let data = codes.reduce(0.0) { acc, code in acc + chans.reduce(0.0) { $0 + (e.annualContacts[code]?[$1] ?? 0) } }
        let by = chans.map(\.name).joined(separator: " and ")
        guard let b = stated else {
            return (.needsEvidence, [data > 0
                ? "No baseline is stated; the data shows \(Format.number(data)) contacts a year for \(scopeName(c)) by \(by)" + (c.reduction.map { ", so \(pct($0)) would be about \(Format.number(data * $0))" } ?? "") + "."
                : "No baseline is stated, so the size of the change cannot be checked."], data)
        }
        guard scoped else {
            return (.needsEvidence, ["The \(Format.number(b)) \(what) are not reconciled with the data: the claim does not say which reasons they are (give line and reason)."], data)
        }
        guard data > 0 else {
            return (.needsEvidence, ["The \(Format.number(b)) \(what) cannot be reconciled: " + (e.annualContacts.isEmpty ? "no contact data was given." : "the data has no \(by) contacts for \(scopeName(c)).")], data)
        }
        let gap = abs(b - data) / data
        if gap <= e.baselineTolerance {
            return (.supported, ["The \(Format.number(b)) \(what) agree with the data (\(Format.number(data)) a year for \(scopeName(c)) by \(by), within \(pct(e.baselineTolerance)))."], data)
        }
        return (.needsEvidence, ["The data shows \(Format.number(data)) a year for \(scopeName(c)) by \(by); the stated \(Format.number(b)) is \(pct(gap)) \(b > data ? "above" : "below") that, more than the \(pct(e.baselineTolerance)) allowed, so it needs reconciling."], data)
    }

    static func checkShare(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        var verdict = Verdict.supported
        var why: [String] = []
        let r = c.reduction ?? 0
        let codes = e.codes(line: c.line, reason: c.reason)
        if let b = c.baseline { why.append("The claim starts from \(Format.number(b)) contacts a year, so it falls by \(Format.number(b * r)).") }
        let base = baselineTest(c, stated: c.baseline, what: "contacts a year", e)
        verdict = verdict.worst(base.verdict)
        why += base.reasons
        // Ceiling: removal at source cannot remove more than the failure demand; a shift cannot move more than
        // the demand that is avoidable or self-serve and made by people likely to manage online.
        let name = ceilingName(c)
        if let (ceiling, covered) = weightedCeiling(c, codes, e) {
            let scope = covered == 1 ? "this reason" : "these \(covered) reasons (weighted by contacts)"
            let meaning = c.kind == .conversion ? "avoidable or self-serve, and made by people likely to manage online"
                                                : "failure demand removable at source: strict central, broad at most"
            if r > ceiling.high + 1e-9 {
                verdict = .notSupported
                why.append("A \(pct(r)) fall is more than the \(name) for \(scope): \(pct(ceiling.central)) central, \(pct(ceiling.high)) at most (\(meaning)).")
            } else if r > ceiling.central + 1e-9 {
                verdict = verdict.worst(.needsEvidence)
                why.append("A \(pct(r)) fall is above the central \(name) of \(pct(ceiling.central)) for \(scope) but within its upper end (\(pct(ceiling.high))): it needs evidence.")
            } else {
                why.append("A \(pct(r)) fall is within the \(name) of \(pct(ceiling.central)) for \(scope).")
            }
        } else {
            verdict = verdict.worst(.needsEvidence)
            why.append(codes.isEmpty ? "No reason in the data or ceiling file matches \(scopeName(c)), so it cannot be tested against the \(name)."
                                     : c.kind == .conversion ? "No shiftable ceiling is given for \(scopeName(c)) (use --ceiling, or contact data with --taxonomy)."
                                                             : "No failure-demand ceiling is known for \(scopeName(c)) (give contact data with --taxonomy).")
        }
        return ClaimResult(claim: c, verdict: verdict, reasons: why)
    }

    /// The simplest arithmetic that reproduces `amount`: a whole number of FTE × the salary, or × the cost with
    /// on-costs, within the tolerance; the fewest FTE first, salary before on-costs. nil when none does.
    static func simplestExplanation(_ amount: Double, salary: Double, fullCost: Double, _ e: ClaimEvidence) -> (fte: Int, text: String)? {
        guard amount > 0, salary > 0 else { return nil }
        let most = Int((amount / salary).rounded(.up)) + 1
        for n in 1...max(1, min(most, 500)) {
            for (per, basis) in [(salary, "salary only"), (fullCost, "with on-costs")] {
                let v = Double(n) * per
                if same(v, amount, e) {
                    let approx = abs(v - amount) < 0.5 ? "=" : "≈"
                    return (n, "\(money(amount)) \(approx) \(n) × \(money(per)) = \(money(v)) (\(basis))")
                }
            }
        }
        return nil
    }

    static func checkSaving(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        guard let amount = c.amount, let fte = c.fte else { return ClaimResult(claim: c, verdict: .needsEvidence, reasons: ["Amount and FTE are needed."], annualPounds: c.amount) }
        guard let salary = c.salary else {
            return ClaimResult(claim: c, verdict: .needsEvidence,
                               reasons: ["\(money(amount)) from \(Format.number(fte, decimals: 1)) FTE implies \(money(amount / fte)) per FTE, but no salary is stated to check it against."],
                               annualPounds: amount)
        }
        let perFTE = e.onCosts.fullCost(salary: salary)
        let gross = fte * salary, full = fte * perFTE
        var why = ["\(Format.number(fte, decimals: 1)) FTE × \(money(salary)) = \(money(gross)) in salary alone; with employer National Insurance and pension (\(money(perFTE)) per FTE) it is \(money(full))."]
        var verdict = Verdict.supported
        if same(amount, gross, e) {
            if c.onCosts == true {
                verdict = .notSupported
                why.append("The claim says on-costs are included, but \(money(amount)) is the salary-only figure: with on-costs it would be \(money(full)).")
            } else if c.onCosts == nil {
                verdict = .needsEvidence
                why.append("\(money(amount)) is the salary-only figure and the claim does not say so: state that on-costs are excluded, or use \(money(full)).")
            } else {
                why.append("\(money(amount)) is the salary-only figure, as stated; the full saving would be \(money(full)).")
            }
        } else if same(amount, full, e) {
            if c.onCosts == false {
                verdict = .notSupported
                why.append("The claim says on-costs are excluded, but \(money(amount)) includes them.")
            } else {
                why.append("\(money(amount)) matches the cost with on-costs (within \(pct(e.tolerance))).")
            }
        } else {
            verdict = .notSupported
            if let x = simplestExplanation(amount, salary: salary, fullCost: perFTE, e) {
                why.append("\(money(amount)) matches neither for \(Format.number(fte, decimals: 1)) FTE; the simplest arithmetic that gives it is \(x.text): \(x.fte) FTE, not \(Format.number(fte, decimals: 1)).")
            } else {
                why.append("\(money(amount)) matches neither: it implies \(money(amount / fte)) per FTE.")
            }
        }
        let cash = cashability(fte: fte, year: 1, e)
        why.append(contentsOf: cash.reasons)
        if let v = cash.verdict { verdict = verdict.worst(v) }
        return ClaimResult(claim: c, verdict: verdict, reasons: why, annualPounds: amount)
    }

    /// Gross shown as net: runs when the claim gives running costs.
    static func grossAndNet(_ r: inout ClaimResult, _ e: ClaimEvidence) {
        let c = r.claim
        guard let costs = c.costs, costs > 0, let amount = c.kind == .timePhasing ? c.amountLater : c.amount else { return }
        let net = amount - costs
        var staffCost: Double?
        if let fte = c.fte, let salary = c.salary {
            let candidates = [fte * salary, fte * e.onCosts.fullCost(salary: salary)]
            staffCost = candidates.first { same($0, amount, e) }
        }
        switch c.net {
        case true?:
            if let staffCost {
                r.verdict = .notSupported
                r.reasons.append("Gross shown as net: \(money(amount)) is the whole cost of the posts (\(money(staffCost))), yet the claim calls it net of \(money(costs)) a year of running costs; net it is \(money(net)).")
            } else {
                r.reasons.append("The claim is net of \(money(costs)) a year of running costs, as stated.")
            }
        case false?:
            r.reasons.append("The amount is gross, as stated; net of \(money(costs)) a year of running costs it is \(money(net)).")
        case nil:
            r.verdict = r.verdict.worst(.needsEvidence)
            r.reasons.append("The claim gives \(money(costs)) a year of running costs but does not say whether \(money(amount)) is net of them; if it is gross, the net saving is \(money(net)).")
        }
    }

    /// One-off counted as recurring: runs when the claim gives a one-off part or says whether it recurs.
    static func oneOffAndRecurring(_ r: inout ClaimResult, _ e: ClaimEvidence) {
        let c = r.claim
        guard c.oneOff != nil || c.recurring != nil, let amount = c.kind == .timePhasing ? c.amountLater : c.amount else { return }
        let oneOff = c.oneOff ?? 0
        switch c.recurring {
        case true? where oneOff > 0:
            r.verdict = .notSupported
            r.reasons.append("One-off counted as recurring: \(money(oneOff)) of the \(money(amount)) is one-off, so the recurring saving is \(money(amount - oneOff)) a year.")
            r.annualPounds = amount - oneOff
        case true?:
            r.reasons.append("The saving is stated to recur every year.")
        case false?:
            r.reasons.append("The saving is one-off: it is counted once, not in the recurring total.")
            r.annualPounds = 0
        case nil:
            r.verdict = r.verdict.worst(.needsEvidence)
            r.reasons.append("\(money(oneOff)) of the \(money(amount)) is one-off and the claim does not say whether the rest recurs.")
        }
    }

    /// Can `fte` posts be removed by year `year` through vacancies and turnover?
    static func cashability(fte: Double, year: Int, _ e: ClaimEvidence) -> (verdict: Verdict?, reasons: [String]) {
        guard let est = e.establishmentFTE, est > 0 else {
            return (.needsEvidence, ["Whether \(Format.number(fte, decimals: 1)) posts can go by year \(year) depends on vacancies and turnover; no establishment is known (give establishment_fte or contact data)."])
        }
        let posts = est * (e.vacancyRate + e.turnoverRate * Double(year))
        if fte <= posts + 1e-9 {
            return (nil, ["With \(Format.number(est, decimals: 1)) FTE in post, \(pct(e.vacancyRate)) vacant and \(pct(e.turnoverRate)) leaving a year, about \(Format.number(posts, decimals: 1)) posts can go by year \(year): enough for \(Format.number(fte, decimals: 1))."])
        }
        return (.notSupported, ["With \(Format.number(est, decimals: 1)) FTE in post, \(pct(e.vacancyRate)) vacant and \(pct(e.turnoverRate)) leaving a year, only about \(Format.number(posts, decimals: 1)) posts can go by year \(year), not \(Format.number(fte, decimals: 1)): the rest is capacity, not cash, unless there are redundancies (with their costs)."])
    }

    static func checkFTE(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        guard let n = c.contacts, let m = c.minutesPerContact, let fte = c.fte, fte > 0 else {
            return ClaimResult(claim: c, verdict: .needsEvidence, reasons: ["Contacts, minutes per contact and FTE are needed."])
        }
        let hours = n * m / 60
        let implied = hours / fte
        let model = e.hours.perFTE
        var why = ["\(Format.number(n)) contacts × \(Format.number(m, decimals: m.rounded() == m ? 0 : 1)) minutes = \(Format.number(hours)) hours a year; over \(Format.number(fte, decimals: 1)) FTE that is \(Format.number(implied)) productive hours per FTE (\(pct(implied / e.hours.paidHours)) of \(Format.number(e.hours.paidHours)) paid hours)."]
        why.append("The model's figure is \(Format.number(model)) hours (paid hours × (1 − \(pct(e.hours.shrinkage)) shrinkage) × \(pct(e.hours.occupancy)) occupancy), which gives \(Format.number(hours / model, decimals: 1)) FTE.")
        let ratio = implied / model
        var verdict: Verdict
        if abs(ratio - 1) <= e.hoursTolerance {
            verdict = .supported
            why.append("The implied hours are within \(pct(e.hoursTolerance)) of the model's, so the conversion is reasonable; state the productive hours used.")
        } else {
            verdict = .notSupported
            why.append(ratio < 1 ? "The claim assumes far fewer productive hours than is usual, which overstates the FTE."
                                 : "The claim assumes more productive hours than staff can give, which understates the FTE.")
        }
        // The contacts are a volume: the same baseline test as any other claim.
        let base = baselineTest(c, stated: n, what: "contacts", e)
        verdict = verdict.worst(base.verdict)
        why += base.reasons
        return ClaimResult(claim: c, verdict: verdict, reasons: why)
    }

    static func checkPhasing(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        guard let y1 = c.amount, let later = c.amountLater, let year = c.laterYear, year >= 1 else {
            return ClaimResult(claim: c, verdict: .needsEvidence, reasons: ["Year-1 amount, later amount and later year are needed."], annualPounds: c.amountLater)
        }
        var why = ["The saving rises from \(money(y1)) in year 1 to \(money(later)) in year \(year) (\(pct(later / max(y1, 1) - 1)) more)."]
        var verdict = Verdict.supported
        guard let salary = c.salary else {
            why.append("No salary is stated, so the FTE behind each year cannot be checked.")
            return ClaimResult(claim: c, verdict: .needsEvidence, reasons: why, annualPounds: later)
        }
        let full = e.onCosts.fullCost(salary: salary)
        let perFTE = c.onCosts == false ? salary : full
        let basis = c.onCosts == false ? "salary only" : "with on-costs"
        let fte1 = y1 / perFTE, fteLater = later / perFTE
        why.append("At \(money(perFTE)) per FTE (\(basis)) that is \(Format.number(fte1, decimals: 1)) FTE in year 1 and \(Format.number(fteLater, decimals: 1)) FTE in year \(year).")
        if c.onCosts == nil {
            verdict = .needsEvidence
            why.append("The claim does not say whether on-costs are in; salary only, the years would need \(Format.number(y1 / salary, decimals: 1)) and \(Format.number(later / salary, decimals: 1)) FTE.")
        }
        if let fte = c.fte, fteLater > fte * (1 + e.tolerance) {
            verdict = .notSupported
            var s = "The claim releases \(Format.number(fte, decimals: 1)) FTE, which at most saves \(money(fte * full)) a year with on-costs: \(money(later)) needs savings the claim does not explain."
            let x1 = simplestExplanation(y1, salary: salary, fullCost: full, e), x2 = simplestExplanation(later, salary: salary, fullCost: full, e)
            if let x1, let x2 {
                s += " The simplest arithmetic that reproduces the two years: year 1 \(x1.text); year \(year) \(x2.text). So year \(year) counts \(x2.fte) FTE"
                    + (x2.fte != Int(fte.rounded()) ? ", not the \(Format.number(fte, decimals: 0)) the claim releases." : ".")
            } else if let x2 {
                s += " The simplest arithmetic that gives year \(year) is \(x2.text)."
            }
            why.append(s)
        }
        if e.establishmentFTE == nil {
            verdict = verdict.worst(.needsEvidence)
            why.append("Whether the posts can go in time depends on vacancies and turnover; no establishment is known (give establishment_fte or contact data).")
        } else {
            for (t, f) in [(1, fte1), (year, fteLater)] {
                let check = cashability(fte: min(f, c.fte ?? f), year: t, e)
                if let v = check.verdict { verdict = verdict.worst(v) }
                if check.verdict != nil || t == year { why.append(contentsOf: check.reasons) }
            }
        }
        return ClaimResult(claim: c, verdict: verdict, reasons: why, annualPounds: later)
    }

    /// Claims that reduce or move the same contacts (same reason and channel) are double counting unless shown
    /// otherwise; their combined effect 1 − Π(1 − r) is tested against the broadest ceiling that applies to them
    /// (the failure-demand ceiling for removal at source, the shiftable ceiling for a shift).
    static func checkOverlaps(_ results: inout [ClaimResult], _ e: ClaimEvidence) {
        var touches: [WrapCode: [(index: Int, channel: Channel)]] = [:]
        for (i, r) in results.enumerated() where r.claim.kind == .reduction || r.claim.kind == .conversion {
            for code in e.codes(line: r.claim.line, reason: r.claim.reason) {
                for ch in channels(r.claim) { touches[code, default: []].append((i, ch)) }
            }
        }
        var notes: [Int: [String: [WrapCode]]] = [:]     // claim index → sentence → reasons it applies to
        var worst: [Int: Verdict] = [:]
        for code in touches.keys.sorted() {
            for ch in Channel.allCases {
                let idx = touches[code]!.filter { $0.channel == ch }.map(\.index)
                guard idx.count > 1 else { continue }
                let combined = 1 - idx.reduce(1.0) { $0 * (1 - (results[$1].claim.reduction ?? 0)) }
                let ceilings = idx.compactMap { i -> (Double, String)? in
                    let c = results[i].claim
                    let s = c.kind == .conversion ? e.ceiling?.ceiling(for: code) : e.failureShares[code]?[ch]
                    return s.map { ($0.high, ceilingName(c)) }
                }
                let broadest = ceilings.max { $0.0 < $1.0 }
                for i in idx {
                    let others = idx.filter { $0 != i }.map { "\(results[$0].claim.id)" + (results[$0].claim.initiative.isEmpty ? "" : " (\(results[$0].claim.initiative))") }
                    var s = "claim " + others.joined(separator: " and ") + " count\(others.count == 1 ? "s" : "") the same \(ch.name) contacts; together they remove \(pct(combined)), not the sum"
                    if let broadest, combined > broadest.0 + 1e-9 {
                        s += ", more than the \(broadest.1) (\(pct(broadest.0)) at most)"
                        worst[i] = (worst[i] ?? .supported).worst(.notSupported)
                    } else {
                        worst[i] = (worst[i] ?? .supported).worst(.needsEvidence)
                    }
                    s += ". Show which contacts each initiative removes, or count them once"
                    notes[i, default: [:]][s, default: []].append(code)
                }
            }
        }
        for (i, sentences) in notes {
            for (s, codes) in sentences.sorted(by: { $0.key < $1.key }) {
                let scope = codes.count == 1 ? "\(codes[0].line) / \(codes[0].reason)" : "\(codes.count) reasons"
                results[i].reasons.append("Double counting (\(scope)): " + s + ".")
            }
            results[i].verdict = results[i].verdict.worst(worst[i] ?? .supported)
        }
    }

    /// Two claims with the same £, the same FTE or the same contacts (within the tolerance) may be one saving
    /// written twice (e.g. in two business cases): each is flagged, and needs evidence until shown otherwise.
    static func checkDuplicates(_ results: inout [ClaimResult], _ e: ClaimEvidence) {
        func figures(_ c: Claim) -> [(String, Double, (Double) -> String)] {
            var f: [(String, Double, (Double) -> String)] = []
            for v in [c.amount, c.amountLater].compactMap({ $0 }) { f.append(("£", v, money)) }
            if let v = c.fte { f.append(("FTE", v, { Format.number($0, decimals: 1) + " FTE" })) }
            for v in [c.contacts, c.baseline].compactMap({ $0 }) { f.append(("contacts", v, { Format.number($0) + " contacts" })) }
            return f
        }
        for i in results.indices {
            var matches: [(id: String, what: [String])] = []
            for j in results.indices where j != i {
                var what: [String] = []
                for (kind, a, show) in figures(results[i].claim) {
                    if figures(results[j].claim).contains(where: { $0.0 == kind && same($0.1, a, e) }), !what.contains(show(a)) { what.append(show(a)) }
                }
                if !what.isEmpty { matches.append((results[j].claim.id, what)) }
            }
            guard !matches.isEmpty else { continue }
            results[i].possibleDuplicates = matches.map(\.id)
            results[i].verdict = results[i].verdict.worst(.needsEvidence)
            for m in matches {
                results[i].reasons.append("Possible duplicate of \(m.id): the same " + m.what.joined(separator: " and ") + " (within \(pct(e.tolerance))). If they are one saving, count it once.")
            }
        }
    }

    /// The failure-demand ceiling per reason and channel from the avoidable analysis: failure demand removable at
    /// source ÷ all contacts (central and low strict, high broad, i.e. with the follow-on contacts).
    public static func failureShares(_ res: AvoidableResult, cube: ContactCube) -> [WrapCode: [Channel: Ranged]] {
        var out: [WrapCode: [Channel: Ranged]] = [:]
        for row in res.reasons {
            for ch in Channel.allCases {
                let n = cube.stats(wrap: row.wrap, channel: ch).contacts
                guard n > 0 else { continue }
                let a = row.byChannel[Int(ch.rawValue)]
                out[row.code, default: [:]][ch] = Ranged(Double(a.failure) / Double(n), high: Double(a.broad) / Double(n))
            }
        }
        return out
    }

    /// £ a year claimed, per initiative and overall, split by verdict; possible duplicates counted once.
    public struct Totals: Sendable, Equatable {
        public var initiative: String            // "" for the overall row
        public var claimed = 0.0                 // £ a year as written, every claim
        public var supported = 0.0
        public var needsEvidence = 0.0
        public var notSupported = 0.0
        /// £ a year in claims flagged as possible duplicates of an earlier claim (by file order): if they are one
        /// saving, the plan holds this much too much.
        public var possibleDuplicate = 0.0
        /// The gap the plan carries until the claims are restated: claimed − supported.
        public var atRisk: Double { claimed - supported }
    }

    public static func totals(_ results: [ClaimResult]) -> (byInitiative: [Totals], overall: Totals) {
        var by: [String: Totals] = [:]
        var overall = Totals(initiative: "")
        let order = Dictionary(results.enumerated().map { ($1.claim.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, r) in results.enumerated() {
            guard let p = r.annualPounds, p != 0 else { continue }
            var t = by[r.claim.initiative] ?? Totals(initiative: r.claim.initiative)
            for k in [0, 1] {
                var x = k == 0 ? t : overall
                x.claimed += p
                switch r.verdict {
                case .supported: x.supported += p
                case .needsEvidence: x.needsEvidence += p
                case .notSupported: x.notSupported += p
                }
                if r.possibleDuplicates.contains(where: { (order[$0] ?? i) < i && results[order[$0]!].annualPounds != nil }) { x.possibleDuplicate += p }
                if k == 0 { t = x } else { overall = x }
            }
            by[r.claim.initiative] = t
        }
        return (by.values.sorted { $0.initiative < $1.initiative }, overall)
    }
}
