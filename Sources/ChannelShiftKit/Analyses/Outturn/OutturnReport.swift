// Formats an OutturnResult: verdict per benefit and year, hours/FTE/£ against the projection, change per reason.
import Foundation

/// How released time is valued: productive hours per FTE and the full employee cost of one FTE.
public struct OutturnValuation: Sendable, Equatable {
    public var productiveHoursPerFTE: Double
    public var costPerFTE: Double

    public init(productiveHoursPerFTE: Double, costPerFTE: Double) {
        self.productiveHoursPerFTE = productiveHoursPerFTE
        self.costPerFTE = costPerFTE
    }

    /// From the business case's assumptions (central values): productive hours, salary with employer on-costs.
    public static func from(_ set: AssumptionSet) throws(ToolError) -> OutturnValuation {
        OutturnValuation(productiveHoursPerFTE: try Scenario.hours(set).perFTE,
                         costPerFTE: try Scenario.onCosts(set).fullCost(salary: try Scenario.central(set, .salary)))
    }

    /// The assumption keys the valuation reads.
    public static var keys: [AssumptionKey] { [.salary, .niRate, .niThreshold, .pensionRate, .paidHours, .shrinkage, .occupancy, .productiveHours] }
}

public enum OutturnReport {
    static func date(_ d: Int) -> String { CivilTime.formatDate(days: d) }
    static func signed(_ x: Double) -> String { (x > 0 ? "+" : x < 0 ? "−" : "") + Format.percent(abs(x)) }
    static func yearLabel(_ r: RealisedChange) -> String {
        "Year \(r.year)" + (r.isFullYear ? "" : " (first \(r.days) days)")
    }
    static func scope(_ c: BenefitClaim) -> String { c.line + " / " + (c.reason == "*" ? "all reasons" : c.reason) }

    public static func build(_ r: OutturnResult, valuation: OutturnValuation, threshold: Int, assumptions: [AssumptionUse]) -> AnalysisReport {
        let level = Format.percent(r.options.level, decimals: 0)
        var blocks: [Block] = []
        var summary: [String] = []
        blocks.append(.paragraph("Go-live: \(date(r.options.goLive)). For each benefit the business case claimed, actual contacts after go-live are compared with what the data before go-live forecast would have happened without the change (the counterfactual). Ranges are \(level) intervals."))

        var verdicts = Table(id: "benefits", title: "Benefits: expected and realised change, year by year",
                             columns: [Column("benefit", "Benefit", .left), Column("scope", "Line / reason", .left), Column("channel", "Channel", .left),
                                       Column("year", "Year", .left), Column("expected", "Expected change"), Column("realised", "Realised change"),
                                       Column("low", "Low"), Column("high", "High"), Column("verdict", "Verdict", .left)])
        var value = Table(id: "benefit_value", title: "Hours, FTE and value released: projected against realised",
                          columns: [Column("benefit", "Benefit", .left), Column("year", "Year", .left), Column("contacts_projected", "Fewer contacts: projected"),
                                    Column("contacts_realised", "realised"), Column("hours_projected", "Hours: projected"), Column("hours_realised", "realised"),
                                    Column("fte_projected", "FTE: projected"), Column("fte_realised", "realised"), Column("fte_low", "low"), Column("fte_high", "high"),
                                    Column("value_projected", "Value: projected"), Column("value_realised", "realised")])
        var counts: [BenefitVerdict: Int] = [:]
        var fteProjected: [Int: Double] = [:], fteRealised: [Int: Double] = [:], valueProjected: [Int: Double] = [:], valueRealised: [Int: Double] = [:]
        for b in r.benefits {
            let x = b.realised
            counts[b.verdict, default: 0] += 1
            verdicts.rows.append([.text(b.claim.benefit), .text(scope(b.claim)), .text(b.claim.channel.name), .text(yearLabel(x)),
                                  .percent(b.claim.expectedChange, decimals: 1), .percent(x.change, decimals: 1), .percent(x.low, decimals: 1),
                                  .percent(x.high, decimals: 1), .text(b.verdict.rawValue)])
            guard let aht = b.handleSeconds else {
                value.rows.append([.text(b.claim.benefit), .text(yearLabel(x)), .number(b.projectedReduction, decimals: 0), .number(b.realisedReduction, decimals: 0)]
                                  + [Cell](repeating: .empty, count: 8))
                continue
            }
            let hours = { (contacts: Double) in contacts * aht / 3600 }
            let fte = { (contacts: Double) in hours(contacts) / valuation.productiveHoursPerFTE }
            let range = b.realisedReductionRange
            value.rows.append([.text(b.claim.benefit), .text(yearLabel(x)), .number(b.projectedReduction, decimals: 0), .number(b.realisedReduction, decimals: 0),
                               .number(hours(b.projectedReduction), decimals: 0), .number(hours(b.realisedReduction), decimals: 0),
                               .number(fte(b.projectedReduction), decimals: 1), .number(fte(b.realisedReduction), decimals: 1),
                               .number(fte(range.low), decimals: 1), .number(fte(range.high), decimals: 1),
                               .money(fte(b.projectedReduction) * valuation.costPerFTE, decimals: 0), .money(fte(b.realisedReduction) * valuation.costPerFTE, decimals: 0)])
            fteProjected[x.year, default: 0] += fte(b.projectedReduction)
            fteRealised[x.year, default: 0] += fte(b.realisedReduction)
            valueProjected[x.year, default: 0] += fte(b.projectedReduction) * valuation.costPerFTE
            valueRealised[x.year, default: 0] += fte(b.realisedReduction) * valuation.costPerFTE
        }
        verdicts.notes = ["On track: the \(level) interval reaches the expected change (or goes beyond it). Behind: the interval excludes no change but falls short of the expectation, or shows a change the wrong way. Not evidenced: the interval includes no change, so the data cannot show the benefit yet."]
        value.notes = ["Fewer contacts is the counterfactual minus the actual (negative: more contacts than forecast). Hours use the mean handle time of those contacts before go-live; FTE divides by \(Format.number(valuation.productiveHoursPerFTE)) productive hours per FTE; value is FTE × \(Format.money(valuation.costPerFTE)) full employee cost. This is capacity released, not cash: cash follows only when posts are removed. Where a business case's benefits overlap (the same contacts claimed twice), their rows here overlap too and must not be added."]
        let total = r.benefits.count
        let on = counts[.onTrack] ?? 0, behind = counts[.behind] ?? 0, none = counts[.notEvidenced] ?? 0
        summary.append("Of \(total) benefit-year\(total == 1 ? "" : "s") assessed, \(on) \(on == 1 ? "is" : "are") on track, \(behind) behind and \(none) not evidenced.")
        for y in fteRealised.keys.sorted() {
            summary.append("Year \(y): \(Format.number(fteRealised[y]!, decimals: 1)) FTE of capacity released against \(Format.number(fteProjected[y] ?? 0, decimals: 1)) FTE projected (\(Format.money(valueRealised[y]!)) against \(Format.money(valueProjected[y] ?? 0)) at full employee cost), adding the benefits as listed.")
        }
        blocks.append(.table(verdicts))
        blocks.append(.table(value))

        var cells = Table(id: "reason_channel", title: "Realised change by reason and channel, first year after go-live",
                          columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left), Column("channel", "Channel", .left),
                                    Column("counterfactual", "Forecast without the change"), Column("actual", "Actual"),
                                    Column("change", "Change"), Column("low", "Low"), Column("high", "High")])
        for c in r.cells {
            guard let x = c.years.first else { continue }
            cells.rows.append([.text(c.line), .text(c.reason), .text(c.channel.name), .number(x.counterfactual.mean, decimals: 0),
                               Suppression.cell(Int(x.actual), threshold: threshold), .percent(x.change, decimals: 1), .percent(x.low, decimals: 1), .percent(x.high, decimals: 1)])
        }
        cells.notes = ["Every reason and channel of the service lines the claims name, with at least \(Format.count(r.options.minimumCellContacts)) contacts before go-live. A change whose interval includes 0 is not evidence of an effect; with many rows, about one in twenty will exclude 0 by chance alone."]
        if !cells.rows.isEmpty { blocks.append(.table(cells)) }
        if !r.unmatched.isEmpty {
            blocks.append(.paragraph("Claims naming no contacts in the data, not assessed: " + r.unmatched.map { "\($0.benefit) (\(scope($0)), \($0.channel.name); \($0.location.description))" }.joined(separator: "; ") + "."))
        }
        var values: [String: NamedValue] = [
            "benefits": NamedValue(Double(total), display: Format.count(total), unit: ""),
            "on_track": NamedValue(Double(on), display: Format.count(on), unit: ""),
            "behind": NamedValue(Double(behind), display: Format.count(behind), unit: ""),
            "not_evidenced": NamedValue(Double(none), display: Format.count(none), unit: ""),
            "go_live": NamedValue(Double(r.options.goLive), display: date(r.options.goLive), unit: "date"),
        ]
        for y in fteRealised.keys.sorted() {
            values["fte_realised_y\(y)"] = .fte(fteRealised[y]!)
            values["fte_projected_y\(y)"] = .fte(fteProjected[y] ?? 0)
            values["value_realised_y\(y)"] = .money(valueRealised[y]!)
            values["value_projected_y\(y)"] = .money(valueProjected[y] ?? 0)
        }
        for b in r.benefits {
            let key = Scenario.slug(b.claim.benefit) + "_" + b.claim.channel.name + "_y\(b.realised.year)"
            values[key + "_change"] = NamedValue(b.realised.change, display: signed(b.realised.change) + " (" + signed(b.realised.low) + " to " + signed(b.realised.high) + ")", unit: "%")
            values[key + "_expected"] = NamedValue(b.claim.expectedChange, display: signed(b.claim.expectedChange), unit: "%")
            values[key + "_verdict"] = NamedValue(0, display: b.verdict.rawValue, unit: "")
        }
        return AnalysisReport(command: "outturn", title: "Benefits realisation: outturn against the business case", summary: summary, blocks: blocks, values: values,
                              assumptions: assumptions, method: method(r))
    }

    static func method(_ r: OutturnResult) -> [String] {
        let s = r.options.settings
        var m = [
            "Data: \(date(r.firstDay)) to \(date(r.lastDay)); go-live \(date(r.options.goLive)). Years after go-live run from each anniversary; a final part-year is labelled with its days.",
            "Counterfactual: the forecast model (quasi-Poisson daily regression with trend, weekday, annual Fourier terms, \(s.calendar.nation.title) bank holidays, catch-up day and Christmas fortnight; see `forecast`) fitted only on the data before go-live, projected over each year after it.",
            "Why forecast-versus-actual and not segmented regression: the baseline is fitted on data the change cannot have touched, so a gradual take-up cannot leak into it, and the effect's shape (step or ramp) need not be chosen in advance; it is also the model `forecast` backtests.",
            "Realised change = actual ÷ counterfactual − 1. Its interval is computed on the log of the ratio, adding the counterfactual's parameter variance (delta method) to the overdispersed Poisson variance of the actual contacts (φ from the pre-go-live fit).",
            "Growth: " + (s.growthPerYear.map { "fixed by assumption at \(Format.percent($0)) a year." } ?? (s.pooledTrend.map { "estimated once on \($0.source) (\(signed(exp($0.logRatePerYear) - 1)) a year) and fixed in every series, its uncertainty carried into each interval: growth is a property of the area (households), and two years of one seasonal reason pin a trend down poorly." } ?? "estimated per series.")),
            "Verdict: on track when the interval reaches the expected change or beyond; behind when it excludes no change but falls short (or moved the wrong way); not evidenced when it includes no change.",
            "Not covered: effects of other changes at the same time (e.g. a new collection contract) are attributed to the go-live; the tool cannot separate them, so the paper must name them.",
        ]
        if r.cells.count > 1 { m.append("Many reason × channel rows are tested at once; the per-row intervals are not adjusted for multiplicity.") }
        return m
    }
}
