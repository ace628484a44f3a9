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
    public var location: SourceLocation
}

public struct ClaimResult: Sendable, Equatable {
    public var claim: Claim
    public var verdict: Verdict
    public var reasons: [String]
}

/// What the claims are tested against.
public struct ClaimEvidence: Sendable {
    public var annualContacts: [WrapCode: [Channel: Double]]   // from the data, scaled to a year; empty without data
    public var ceiling: CeilingTable?
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
                                 "amount_later", "later_year", "fte", "salary", "on_costs", "contacts", "minutes_per_contact"]

    /// Within this relative difference two figures are "the same" (rounding in a paper: £120k for £120,000).
    static let tolerance = 0.02

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
            var onCosts: Bool?
            if let raw = field("on_costs")?.lowercased() {
                if ["yes", "y", "true", "included"].contains(raw) { onCosts = true } else if ["no", "n", "false", "excluded"].contains(raw) { onCosts = false } else {
                    problems.add(Diagnostic("on_costs '\(raw)' should be yes or no", at: t.location(row, field: col("on_costs")!),
                                            hint: "leave it blank when the claim does not say"))
                }
            }
            let c = Claim(id: id, initiative: field("initiative") ?? "", kind: kind, text: row.fields[cols[2]].trimmingCharacters(in: .whitespaces),
                          line: field("line"), reason: field("reason"), channels: channels, baseline: number("baseline"),
                          reduction: number("reduction", percent: true), amount: number("amount"), amountLater: number("amount_later"),
                          laterYear: number("later_year").map { Int($0) }, fte: number("fte"), salary: number("salary"), onCosts: onCosts,
                          contacts: number("contacts"), minutesPerContact: number("minutes_per_contact"),
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
            switch c.kind {
            case .reduction, .conversion: return checkShare(c, e)
            case .saving: return checkSaving(c, e)
            case .fte: return checkFTE(c, e)
            case .timePhasing: return checkPhasing(c, e)
            }
        }
        checkOverlaps(&results, e)
        return results
    }

    static func money(_ x: Double) -> String { Format.money(x) }
    static func pct(_ x: Double) -> String { Format.percent(x, decimals: 1) }
    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance * max(abs(a), abs(b)) }

    /// Share of contacts the claim covers, weighted by annual phone contacts where the data has them.
    static func weightedCeiling(_ codes: [WrapCode], _ e: ClaimEvidence) -> (ceiling: Ranged, covered: Int)? {
        var w = 0.0, lo = 0.0, ce = 0.0, hi = 0.0, covered = 0
        for code in codes {
            guard let c = e.ceiling?.ceiling(for: code) else { continue }
            let weight = e.annualContacts[code]?[.phone] ?? (e.annualContacts.isEmpty ? 1 : 0)
            w += weight; lo += weight * c.low; ce += weight * c.central; hi += weight * c.high; covered += 1
        }
        guard covered > 0, w > 0 else { return nil }
        return (Ranged(ce / w, low: lo / w, high: hi / w), covered)
    }

    static func scopeName(_ c: Claim) -> String {
        let line = c.line ?? "*", reason = c.reason ?? "*"
        if line == "*" { return "all reasons" }
        return reason == "*" ? "every reason in \(line)" : "\(line) / \(reason)"
    }

    static func checkShare(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        var verdict = Verdict.supported
        var why: [String] = []
        let r = c.reduction ?? 0
        let codes = e.codes(line: c.line, reason: c.reason)
        let channels = c.kind == .conversion ? [Channel.phone] : (c.channels.isEmpty ? [Channel.phone] : c.channels)
        // Baseline: stated, and compared with the data when there is some.
        let dataBaseline = codes.reduce(0.0) { acc, code in acc + channels.reduce(0.0) { $0 + (e.annualContacts[code]?[$1] ?? 0) } }
        if let b = c.baseline {
            why.append("The claim starts from \(Format.number(b)) contacts a year, so it falls by \(Format.number(b * r)).")
            if dataBaseline > 0 && !(abs(b - dataBaseline) <= 0.1 * dataBaseline) {
                verdict = verdict.worst(.needsEvidence)
                why.append("The data shows \(Format.number(dataBaseline)) a year for \(scopeName(c)) by \(channels.map(\.name).joined(separator: " and ")); the stated baseline is \(pct(abs(b - dataBaseline) / dataBaseline)) \(b > dataBaseline ? "above" : "below") that, so it needs reconciling.")
            }
        } else {
            verdict = verdict.worst(.needsEvidence)
            why.append(dataBaseline > 0
                       ? "No baseline is stated; the data shows \(Format.number(dataBaseline)) contacts a year for \(scopeName(c)), so \(pct(r)) would be about \(Format.number(dataBaseline * r))."
                       : "No baseline is stated, so the size of the fall cannot be checked.")
        }
        // Ceiling: a fall that needs more than the avoidable and digitally included share of demand cannot happen by shift.
        if let (ceiling, covered) = weightedCeiling(codes, e) {
            let scope = covered == 1 ? "this reason" : "these \(covered) reasons (weighted by phone calls)"
            if r > ceiling.high + 1e-9 {
                verdict = .notSupported
                why.append("A \(pct(r)) fall is more than the shiftable ceiling for \(scope): \(pct(ceiling.central)) central, \(pct(ceiling.high)) at most (avoidable and made by people likely to manage online).")
            } else if r > ceiling.central + 1e-9 {
                verdict = verdict.worst(.needsEvidence)
                why.append("A \(pct(r)) fall is above the central shiftable ceiling of \(pct(ceiling.central)) for \(scope) but within its upper end (\(pct(ceiling.high))): it needs evidence of take-up.")
            } else {
                why.append("A \(pct(r)) fall is within the shiftable ceiling of \(pct(ceiling.central)) for \(scope).")
            }
        } else {
            verdict = verdict.worst(.needsEvidence)
            why.append(codes.isEmpty ? "No reason in the data or ceiling file matches \(scopeName(c)), so it cannot be tested against the shiftable ceiling."
                                     : "No shiftable ceiling is given for \(scopeName(c)) (use --ceiling).")
        }
        return ClaimResult(claim: c, verdict: verdict, reasons: why)
    }

    static func checkSaving(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        guard let amount = c.amount, let fte = c.fte else { return ClaimResult(claim: c, verdict: .needsEvidence, reasons: ["Amount and FTE are needed."]) }
        guard let salary = c.salary else {
            return ClaimResult(claim: c, verdict: .needsEvidence,
                               reasons: ["\(money(amount)) from \(Format.number(fte, decimals: 1)) FTE implies \(money(amount / fte)) per FTE, but no salary is stated to check it against."])
        }
        let gross = fte * salary, full = fte * e.onCosts.fullCost(salary: salary)
        var why = ["\(Format.number(fte, decimals: 1)) FTE × \(money(salary)) = \(money(gross)) in salary alone; with employer National Insurance and pension (\(money(e.onCosts.fullCost(salary: salary))) per FTE) it is \(money(full))."]
        var verdict = Verdict.supported
        if same(amount, gross) {
            if c.onCosts == true {
                verdict = .notSupported
                why.append("The claim says on-costs are included, but \(money(amount)) is the salary-only figure: with on-costs it would be \(money(full)).")
            } else if c.onCosts == nil {
                verdict = .needsEvidence
                why.append("\(money(amount)) is the salary-only figure and the claim does not say so: state that on-costs are excluded, or use \(money(full)).")
            } else {
                why.append("\(money(amount)) is the salary-only figure, as stated; the full saving would be \(money(full)).")
            }
        } else if same(amount, full) {
            if c.onCosts == false {
                verdict = .notSupported
                why.append("The claim says on-costs are excluded, but \(money(amount)) includes them.")
            } else {
                why.append("\(money(amount)) matches the cost with on-costs.")
            }
        } else {
            verdict = .notSupported
            why.append("\(money(amount)) matches neither: it implies \(money(amount / fte)) per FTE.")
        }
        let cash = cashability(fte: fte, year: 1, e)
        why.append(contentsOf: cash.reasons)
        if let v = cash.verdict { verdict = verdict.worst(v) }
        return ClaimResult(claim: c, verdict: verdict, reasons: why)
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
        let verdict: Verdict
        if abs(ratio - 1) <= 0.15 {
            verdict = .supported
            why.append("The implied hours are within 15% of the model's, so the conversion is reasonable; state the productive hours used.")
        } else {
            verdict = .notSupported
            why.append(ratio < 1 ? "The claim assumes far fewer productive hours than is usual, which overstates the FTE."
                                 : "The claim assumes more productive hours than staff can give, which understates the FTE.")
        }
        return ClaimResult(claim: c, verdict: verdict, reasons: why)
    }

    static func checkPhasing(_ c: Claim, _ e: ClaimEvidence) -> ClaimResult {
        guard let y1 = c.amount, let later = c.amountLater, let year = c.laterYear, year >= 1 else {
            return ClaimResult(claim: c, verdict: .needsEvidence, reasons: ["Year-1 amount, later amount and later year are needed."])
        }
        var why = ["The saving rises from \(money(y1)) in year 1 to \(money(later)) in year \(year) (\(pct(later / max(y1, 1) - 1)) more)."]
        var verdict = Verdict.supported
        guard let salary = c.salary else {
            why.append("No salary is stated, so the FTE behind each year cannot be checked.")
            return ClaimResult(claim: c, verdict: .needsEvidence, reasons: why)
        }
        let perFTE = c.onCosts == false ? salary : e.onCosts.fullCost(salary: salary)
        let basis = c.onCosts == false ? "salary only" : "with on-costs"
        let fte1 = y1 / perFTE, fteLater = later / perFTE
        why.append("At \(money(perFTE)) per FTE (\(basis)) that is \(Format.number(fte1, decimals: 1)) FTE in year 1 and \(Format.number(fteLater, decimals: 1)) FTE in year \(year).")
        if c.onCosts == nil {
            verdict = .needsEvidence
            why.append("The claim does not say whether on-costs are in; salary only, the years would need \(Format.number(y1 / salary, decimals: 1)) and \(Format.number(later / salary, decimals: 1)) FTE.")
        }
        if let fte = c.fte, fteLater > fte * (1 + tolerance) {
            let salaryOnlyYear1 = same(y1, fte * salary)
            verdict = .notSupported
            why.append("The claim releases \(Format.number(fte, decimals: 1)) FTE, which at most saves \(money(fte * e.onCosts.fullCost(salary: salary))) a year with on-costs: \(money(later)) needs savings the claim does not explain" + (salaryOnlyYear1 ? " (year 1 looks like salary only and year \(year) like a different basis: the two years are not on the same footing)." : "."))
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
        return ClaimResult(claim: c, verdict: verdict, reasons: why)
    }

    /// Claims that reduce or move the same contacts (same reason and channel) are double counting unless shown
    /// otherwise; their combined effect 1 − Π(1 − r) is tested against the ceiling.
    static func checkOverlaps(_ results: inout [ClaimResult], _ e: ClaimEvidence) {
        var touches: [WrapCode: [(index: Int, channel: Channel)]] = [:]
        for (i, r) in results.enumerated() where r.claim.kind == .reduction || r.claim.kind == .conversion {
            let channels = r.claim.kind == .conversion ? [Channel.phone] : (r.claim.channels.isEmpty ? [.phone] : r.claim.channels)
            for code in e.codes(line: r.claim.line, reason: r.claim.reason) {
                for ch in channels { touches[code, default: []].append((i, ch)) }
            }
        }
        var notes: [Int: [String: [WrapCode]]] = [:]     // claim index → sentence → reasons it applies to
        var worst: [Int: Verdict] = [:]
        for code in touches.keys.sorted() {
            for ch in Channel.allCases {
                let idx = touches[code]!.filter { $0.channel == ch }.map(\.index)
                guard idx.count > 1 else { continue }
                let combined = 1 - idx.reduce(1.0) { $0 * (1 - (results[$1].claim.reduction ?? 0)) }
                let ceiling = e.ceiling?.ceiling(for: code)
                for i in idx {
                    let others = idx.filter { $0 != i }.map { "\(results[$0].claim.id)" + (results[$0].claim.initiative.isEmpty ? "" : " (\(results[$0].claim.initiative))") }
                    var s = "claim " + others.joined(separator: " and ") + " count\(others.count == 1 ? "s" : "") the same \(ch.name) contacts; together they remove \(pct(combined)), not the sum"
                    if let ceiling, combined > ceiling.high + 1e-9 {
                        s += ", more than the shiftable ceiling (\(pct(ceiling.high)) at most)"
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
}
