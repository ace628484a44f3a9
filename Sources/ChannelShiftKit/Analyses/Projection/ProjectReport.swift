// Formats the business case computed by ProjectAnalysis: staffing position, years, leakage, financial years,
// cases, options, tornado, assumptions. Nothing here computes a figure the analysis did not.

public struct ProjectOptions: Sendable {
    public var suppressBelow = 10
    public var simulations = 0          // Monte Carlo draws; 0 = off
    public var seed: UInt64 = 42
    public var tornadoLimit = Int.max   // every ranged assumption
    public var baselineNote = ""        // how the baseline was annualised, for the method list
    public var asOfDay: Int?            // the paper's date, for dated on-costs and financial years
    public var service: ServiceForecast?
    public var notes: [String] = []     // plausibility warnings, shown in the report

    public init(suppressBelow: Int = 10, simulations: Int = 0, seed: UInt64 = 42, baselineNote: String = "",
                asOfDay: Int? = nil, service: ServiceForecast? = nil, notes: [String] = []) {
        self.suppressBelow = suppressBelow
        self.simulations = simulations
        self.seed = seed
        self.baselineNote = baselineNote
        self.asOfDay = asOfDay
        self.service = service
        self.notes = notes
    }
}

public enum ProjectReport {
    public static func build(_ a: ProjectAnalysis, options: ProjectOptions) -> AnalysisReport {
        let (baseline, set, fullSet, ceiling, queue) = (a.baseline, a.assumptions, a.allAssumptions, a.ceiling, a.queue)
        let (inputs, results, bars, mc) = (a.inputs, a.results, a.tornado, a.monteCarlo)
        let (appraised, preferred, target) = (a.options, a.preferred, a.target)
        let low = results[0], central = results[1], high = results[2]
        let last = inputs.years
        let cy = central.years[last]

        var r = AnalysisReport(command: "project", title: "Channel shift: financial implications")
        let pos = central.position
        r.summary.append(positionSentence(central, inputs: inputs))
        let shiftedLast = cy.totalShifted + cy.contactsRemoved
        // Prose rounds (£238,000; about 62,300 contacts); the tables below keep the exact figures.
        func money(_ x: Double) -> String { Format.money(abs(x) >= 10_000 ? PaperShape.significant(x, 3) : x) }
        r.summary.append("In the central case, by year \(last) about \(Format.number(PaperShape.significant(shiftedLast, 3))) handled phone contacts a year are removed at source or moved online; \(Format.number(PaperShape.significant(cy.leakage.leakedContacts, 3))) of those moved (\(Format.percent(cy.leakage.leakageShare, decimals: 1))) are expected back on the phone, as measured for the same reasons. The work released is \(Format.number(cy.fteLinear, decimals: 1)) FTE by the linear method"
            + (cy.fteQueue.map { " and \(Format.number($0, decimals: 1)) FTE by the queue-aware (Erlang) method at the service-level target." } ?? "."))
        if inputs.policy == .serviceFirst && central.gapClosedFirst > 0 {
            r.summary.append("Released capacity goes first to the year-\(last) service-level gap of \(Format.number(central.gapClosedFirst, decimals: 1)) FTE (the gap grows with the forecast workload)" + (central.additionalFTE > 0 ? " left after \(Format.number(central.additionalFTE, decimals: 1)) FTE of recruitment" + (inputs.recruitToTarget ? " (posts follow each year's need: \(Format.number(central.additionalFTEFirstYear, decimals: 1)) FTE in year 1)" : "") : "") + " under \(ReleasedCapacityPolicy.serviceFirst.rawValue): \(Format.number(cy.fteToGap, decimals: 1)) FTE of the year-\(last) release closes it and \(Format.number(cy.fteCashable, decimals: 1)) FTE can be cashed through vacancies and turnover.")
        } else {
            r.summary.append("Of the \(Format.number(cy.fteReleased, decimals: 1)) FTE released, \(Format.number(cy.fteCashable, decimals: 1)) can be removed through vacancies and staff turnover by year \(last).")
        }
        r.summary.append("Net of every cost (capital \(money(sum(central, \.capital))), running and digital handling \(money(sum(central) { $0.running + $0.digitalCost })), added posts and exit costs \(money(sum(central) { $0.additionalStaffCost + $0.exitCost }))), the \(last)-year cash position is \(money(central.netTotal)) against cashable savings of \(money(central.cashableTotal)). The net present value at \(Format.percent(inputs.discountRate, decimals: 1)) is \(money(central.npv)) (low \(money(low.npv)), high \(money(high.npv))); payback is \(Appraisal.describePayback(central.paybackYear)).")
        if let p = preferred { r.summary.append("Preferred option: \(p.option.title). " + p.why) }
        if !central.ceilingBinds.isEmpty {
            r.summary.append("The shift asked for is more than is shiftable for \(central.ceilingBinds.count) reason\(central.ceilingBinds.count == 1 ? "" : "s"), so it was capped at the ceiling.")
        }
        if !options.notes.isEmpty { r.blocks.append(.bullets(options.notes)) }

        r.blocks.append(.table(baselineTable(baseline, inputs: inputs, threshold: options.suppressBelow)))
        r.blocks.append(.table(positionTable(central, inputs: inputs, service: options.service)))
        r.blocks.append(.table(yearsTable(central, inputs: inputs)))
        r.blocks.append(.table(leakageTable(central, inputs: inputs)))
        let assisted = ProjectAssistedReport.build(baseline, inputs: inputs, central: central, threshold: options.suppressBelow)
        r.summary += assisted.summary
        r.blocks += assisted.blocks
        let phased = financialYearTable(central, inputs: inputs, set: set)
        if let phased { r.blocks.append(.table(phased.table)) }
        r.blocks.append(.table(casesTable(results, inputs: inputs)))
        r.blocks.append(.table(optionsTable(OptionsAppraisal.rank(appraised, target: target), target: target, finalYear: last,
                                            when: finalYearPhrase(inputs, baseline: baseline))))
        if let p = preferred { r.blocks.append(.paragraph("**Preferred option: \(p.option.title).** " + p.why)) }
        r.blocks.append(.heading("Why the two FTE figures differ"))
        r.blocks.append(.paragraph(fteExplanation(central, inputs: inputs)))
        if !central.ceilingBinds.isEmpty || !low.ceilingBinds.isEmpty || !high.ceilingBinds.isEmpty {
            r.blocks.append(.table(ceilingTable(results, ceiling: ceiling)))
        }
        if bars.isEmpty {
            r.blocks.append(.heading("Sensitivity"))
            r.blocks.append(.paragraph("No assumption has a range, so there is no sensitivity table: give ranges such as `40% (25%–60%)`."))
        } else {
            r.blocks.append(.table(tornadoTable(bars, base: central.npv, set: set)))
            let chart = SVGChart.tornadoChart(title: "What moves the net present value most", labels: bars.map { displayName($0.key) },
                                              low: bars.map(\.atLow), high: bars.map(\.atHigh), base: central.npv,
                                              axisTitle: "Net present value over \(inputs.years) years (£)")
            r.blocks.append(.figure(Figure(id: "project-tornado", title: "Net present value when one assumption moves to its low or high value",
                                           svg: chart.svg, description: chart.description, data: chart.data)))
        }
        if let mc {
            r.blocks.append(.paragraph("With every ranged assumption drawn at once (\(Format.count(mc.draws)) draws, triangular distributions, seed \(mc.seed)), the NPV is \(Format.money(mc.p10)) at the 10th percentile, \(Format.money(mc.p50)) at the median and \(Format.money(mc.p90)) at the 90th; \(Format.percent(mc.shareNegative, decimals: 0)) of draws are negative."))
        }
        r.blocks.append(.heading("Cross-check against cost per contact"))
        let offPhone = cy.contactsRemoved + cy.leakage.netContacts
        let perContact = offPhone * inputs.phoneCostPerContact
        r.blocks.append(.paragraph("Multiplying the year-\(last) contacts that leave the phone (removed, or moved and not back) by a phone cost of \(Format.money(inputs.phoneCostPerContact, decimals: 2)) a contact gives \(Format.money(perContact)) a year, against cashable staff savings of \(Format.money(cy.cashableSaving)) in that year. The per-contact figure is a gross average cost, not a budget that falls: it counts capacity as cash, which is why this case uses posts removed instead."))
        let uses = assumptionUses(set: fullSet, inputs: inputs, asOfDay: options.asOfDay)
        r.blocks.append(.table(assumptionsTable(uses)))

        r.values = [
            "npv_central": .money(central.npv), "npv_low": .money(low.npv), "npv_high": .money(high.npv),
            "payback_year": NamedValue(Double(central.paybackYear ?? -1), display: Appraisal.describePayback(central.paybackYear), unit: "year"),
            "cashable_total": .money(central.cashableTotal), "capacity_total": .money(central.capacityTotal),
            "net_total": .money(central.netTotal), "net_total_low": .money(low.netTotal), "net_total_high": .money(high.netTotal),
            // The same figures as a cost (positive when the scheme costs more than it saves), for prose.
            "net_cost_total": .money(-central.netTotal), "net_cost_total_low": .money(-low.netTotal), "net_cost_total_high": .money(-high.netTotal),
            "capital_total": .money(sum(central, \.capital)), "running_total": .money(sum(central) { $0.running + $0.digitalCost }),
            "costs_total": .money(sum(central) { $0.capital + $0.running + $0.digitalCost + $0.additionalStaffCost + $0.exitCost }),
            "contacts_shifted_final": NamedValue(cy.totalShifted, display: Format.number(cy.totalShifted) + " contacts a year", unit: "contacts"),
            "contacts_removed_final": NamedValue(cy.contactsRemoved, display: Format.number(cy.contactsRemoved) + " contacts a year", unit: "contacts"),
            "contacts_leaked_final": NamedValue(cy.leakage.leakedContacts, display: Format.number(cy.leakage.leakedContacts) + " contacts a year", unit: "contacts"),
            "leakage_share": .percent(cy.leakage.leakageShare),
            "cost_per_fte": .money(central.costPerFTE), "appraisal_years": NamedValue(Double(last), display: "\(last) years", unit: "years"),
            "establishment_fte": .fte(pos.establishmentFTE), "in_post_fte": .fte(pos.inPostFTE), "required_fte": .fte(pos.requiredFTE),
            "gap_fte": .fte(central.gapClosedFirst), "gap_by_establishment_fte": .fte(pos.gapByEstablishment),
            "fte_released_final": .fte(cy.fteReleased), "fte_to_gap_final": .fte(cy.fteToGap), "fte_cashable_final": .fte(cy.fteCashable),
            "policy": NamedValue(inputs.policy == .serviceFirst ? 0 : 1, display: inputs.policy.rawValue, unit: ""),
        ]
        r.values.merge(assisted.values) { kept, _ in kept }
        if let i = pos.impliedFTE { r.values["implied_fte"] = .fte(i) }
        if let g = pos.gapByImplied { r.values["gap_by_implied_fte"] = .fte(g) }
        if let sl = central.serviceLevelToday { r.values["service_level_today"] = .percent(sl, decimals: 0) }
        if let sl = central.serviceLevelFinal { r.values["service_level_final"] = .percent(sl, decimals: 0) }
        if let sl = central.serviceLevelFinalUnchanged { r.values["service_level_final_unchanged"] = .percent(sl, decimals: 0) }
        r.values["additional_fte"] = .fte(central.additionalFTE)
        r.values["additional_fte_first_year"] = .fte(central.additionalFTEFirstYear)
        r.values["required_final_fte"] = .fte(central.requiredFinalFTE)
        r.values["gap_final_before_recruitment_fte"] = .fte(central.gapFinalBeforeRecruitment)
        r.values["final_year"] = NamedValue(Double(last), display: finalYearPhrase(inputs, baseline: baseline), unit: "")
        if let sl = options.service?.measuredToday { r.values["service_level_measured"] = .percent(sl, decimals: 0) }
        if let t = options.service?.target { r.values["service_level_target"] = .percent(t, decimals: 0) }
        if let s = inputs.onCostSchedule {
            let rule = s.rule(year: 0)
            r.values["ni_rule"] = NamedValue(s.onCosts(year: 0)?.niRate ?? 0, display: s.niRateOverride != nil ? "\(Format.percent(s.niRateOverride!, decimals: 2)) above \(Format.money(s.niThresholdOverride ?? 0))" : (rule.map { Format.percent($0.rate, decimals: 2) + " above " + Format.money($0.thresholdPounds) } ?? ""), unit: "%")
            r.values["price_base"] = NamedValue(0, display: "real terms at \(s.priceBase.baseYearLabel) prices", unit: "")
            r.values["first_financial_year"] = NamedValue(Double(FinancialYear(containing: s.startDay).startYear), display: FinancialYear(containing: s.startDay).label, unit: "")
        }
        if let fy = phased?.years {
            for (i, y) in fy.years.enumerated() {
                r.values["net_fy_" + y.label.replacingOccurrences(of: "/", with: "_")] = .money(fy.net[i])
            }
        }
        if let p = preferred {
            r.values["preferred_option"] = NamedValue(p.option.npv, display: p.option.title, unit: "")
            r.values["preferred_why"] = NamedValue(0, display: p.why, unit: "")
        }
        for o in appraised where !o.isDoNothing {
            r.values["option_\(o.name)_npv"] = .money(o.npv)
            r.values["option_\(o.name)_net"] = .money(o.netCashableTotal)
            if let sl = o.serviceLevelReached { r.values["option_\(o.name)_service_level"] = .percent(sl, decimals: 0) }
            r.values["option_\(o.name)_additional_fte"] = .fte(o.additionalFTE)
            r.values["option_\(o.name)_shortfall_fte"] = .fte(o.shortfallFTE)
        }
        for t in 1...last {
            let y = central.years[t]
            r.values["fte_linear_year\(t)"] = .fte(y.fteLinear)
            if let q = y.fteQueue { r.values["fte_queue_year\(t)"] = .fte(q) }
            r.values["fte_cashable_year\(t)"] = .fte(y.fteCashable)
            r.values["net_year\(t)"] = .money(y.net)
        }
        r.values["productive_hours_per_fte"] = NamedValue(inputs.hours.perFTE, display: Format.number(inputs.hours.perFTE) + " hours a year", unit: "hours")
        if let b = inputs.serviceBudget, b > 0 { r.values["saving_share_of_budget"] = .percent(cy.cashableSaving / b) }
        if let mc {
            r.values["npv_p10"] = .money(mc.p10); r.values["npv_p50"] = .money(mc.p50); r.values["npv_p90"] = .money(mc.p90)
            r.values["npv_share_negative"] = .percent(mc.shareNegative, decimals: 0)
        }
        r.assumptions = uses
        r.method = method(inputs, queue: queue, note: options.baselineNote)
        return r
    }

    static func sum(_ r: ProjectionResult, _ f: (ProjectionYear) -> Double) -> Double { r.years.reduce(0) { $0 + f($1) } }

    static func positionSentence(_ r: ProjectionResult, inputs: ProjectionInputs) -> String {
        let p = r.position
        var s = "The phones have an establishment of \(Format.number(p.establishmentFTE, decimals: 1)) FTE (about \(Format.number(p.inPostFTE, decimals: 1)) in post with \(Format.percent(inputs.vacancyRate, decimals: 0)) vacant); meeting the service-level target with today's calls needs \(Format.number(p.requiredFTE, decimals: 1)) FTE"
        if let i = p.impliedFTE {
            s += ", and the abandonment and waits observed imply the phones are staffed at about \(Format.number(i, decimals: 1)) FTE: a gap of \(Format.number(max(0, p.gapByImplied ?? 0), decimals: 1)) FTE to the target"
        } else {
            s += ": a gap of \(Format.number(max(0, p.gapByEstablishment), decimals: 1)) FTE to the target"
        }
        if let today = r.serviceLevelToday { s += " (service level today about \(Format.percent(today, decimals: 0)))" }
        if abs(r.requiredFinalFTE - p.requiredFTE) >= 0.05 {
            s += ". By year \(inputs.years) the forecast workload needs \(Format.number(r.requiredFinalFTE, decimals: 1)) FTE: a gap of \(Format.number(r.gapFinalBeforeRecruitment, decimals: 1)) FTE before any posts are added"
            if let u = r.serviceLevelFinalUnchanged { s += " (with nothing changed, a service level of about \(Format.percent(u, decimals: 0)))" }
        }
        return s + "."
    }

    static func appraise(_ name: String, title: String, _ r: ProjectionResult, low: ProjectionResult, inputs: ProjectionInputs) -> AppraisedOption {
        let y = r.years[inputs.years]
        var risks: [String] = []
        // A tenth of an FTE either way is within the rounding of the figures shown.
        if r.gapClosedFirst > y.fteReleased + 0.05 && inputs.policy == .serviceFirst {
            risks.append("release (\(Format.number(y.fteReleased, decimals: 1)) FTE) smaller than the service gap (\(Format.number(r.gapClosedFirst, decimals: 1)) FTE): no cash")
        }
        if y.leakage.leakageShare > 0.15 { risks.append("\(Format.percent(y.leakage.leakageShare, decimals: 0)) of moved contacts come back by phone") }
        if low.npv < 0 && r.npv >= 0 { risks.append("NPV negative in the low case (\(Format.money(low.npv)))") }
        if sum(r, \.capital) > 0 { risks.append("capital of \(Format.money(sum(r, \.capital))) at risk if take-up is slow") }
        if y.additionalStaffCost > 0 { risks.append("recruiting \(Format.number(r.additionalFTE, decimals: 1)) FTE by year \(inputs.years) in a tight labour market") }
        if risks.isEmpty { risks.append("take-up slower than assumed") }
        return AppraisedOption(name: name, title: title, npv: r.npv, paybackYear: r.paybackYear, netCashableTotal: r.netTotal,
                               fteReleased: y.fteReleased, fteCashable: y.fteCashable, serviceLevelReached: r.serviceLevelFinal, risks: risks,
                               additionalFTE: r.additionalFTE, shortfallFTE: r.shortfallFinalFTE)
    }

    static func doNothingRisks(_ r: ProjectionResult, inputs: ProjectionInputs) -> [String] {
        var risks: [String] = []
        if r.gapFinalBeforeRecruitment > 0.05 || r.position.gap > 0.05 {
            risks.append("the telephone standard stays missed (gap \(Format.number(r.gapFinalBeforeRecruitment, decimals: 1)) FTE in year \(inputs.years), \(Format.number(r.position.gap, decimals: 1)) FTE today)")
        }
        risks.append("failure demand and its cost continue")
        return risks
    }

    /// Which year options are judged in, for the paper: "in year 5 (2028/29), on that year's forecast workload"
    /// (`short`: "in year 5 (2028/29)", where the sentence before has said on what).
    public static func finalYearPhrase(_ inputs: ProjectionInputs, baseline: [WrapBaseline], short: Bool = false) -> String {
        let t = inputs.years
        let fy = inputs.onCostSchedule.map { " (" + FinancialYear(containing: $0.yearStart(t)).label + ")" } ?? ""
        let forecast = baseline.contains { !$0.phoneContactsByYear.isEmpty }
        return "in year \(t)\(fy)" + (short ? "" : ", on that year's " + (forecast ? "forecast workload" : "workload"))
    }

    // MARK: tables

    static func baselineTable(_ baseline: [WrapBaseline], inputs: ProjectionInputs, threshold: Int) -> Table {
        var rows: [[Cell]] = []
        for (i, b) in baseline.enumerated() {
            let share = Channel.allCases.reduce(0) { $0 + (inputs.shares[i][$1]?.central ?? 0) }
            let channels = Channel.allCases.compactMap { ch in inputs.shares[i][ch].map { "\(ch.name) \(Format.percent($0.central, decimals: 0))" } }
            let reduction = (i < inputs.reductionByRow.count ? inputs.reductionByRow[i] : nil) ?? inputs.demandReduction
            rows.append([.text(b.code.line), .text(b.code.reason), .count(b.phoneContactsInData), .number(b.phoneContactsPerYear, decimals: 0),
                         .number(b.handledContactsPerYear, decimals: 0), .number(b.handleSeconds / 60, decimals: 1),
                         reduction.central > 0 ? .percent(reduction.central, decimals: 0) : .text("none"),
                         share > 0 ? .text(channels.joined(separator: ", ")) : .text("none"),
                         b.leakageRate.map { .percent(inputs.leakageOverride ?? $0, decimals: 1) } ?? .empty,
                         inputs.ceilings[i].map { .percent($0.central, decimals: 0) } ?? .empty])
        }
        rows = Suppression.apply(to: rows, keyColumn: 2, threshold: threshold)
        let total = baseline.reduce(0) { $0 + $1.phoneContactsInData }
        var t = Table(id: "baseline", title: "Phone demand by reason today, and what the scenario does to it",
                      columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left),
                                Column("phone_contacts", "Phone calls in data"), Column("offered_per_year", "Offered a year"),
                                Column("handled_per_year", "Handled a year"), Column("aht_minutes", "Handle time (min)", additive: false),
                                Column("removed_at_source", "Removed at source"), Column("shift_central", "Moved online (central)", .left),
                                Column("leakage", "Back to phone (measured)"), Column("ceiling_central", "Shiftable ceiling")],
                      rows: rows,
                      footer: [[.text("Total"), .text(""), .count(total), .number(baseline.reduce(0) { $0 + $1.phoneContactsPerYear }, decimals: 0),
                                .number(baseline.reduce(0) { $0 + $1.handledContactsPerYear }, decimals: 0), .empty, .text(""), .text(""), .empty, .empty]])
        let basis = baseline.contains { !$0.phoneContactsByYear.isEmpty }
            ? "Each row is a reason's phone calls forecast for appraisal year 1 (later years follow the forecast; see Method)"
            : "Each row is a reason's phone calls in the data, scaled to a year"
        t.notes = [basis + ": offered calls size the queue, handled calls (offered − abandoned) are the work. 'Removed at source' is failure demand fixed before anything moves; 'moved online' is the share of what remains that the scenario moves to each digital channel; 'back to phone' is the measured share of the reason's digital contacts followed by a call within 7 days, which the scenario takes off the contacts moved.",
                   Suppression.note(threshold: threshold)]
        return t
    }

    static func positionTable(_ r: ProjectionResult, inputs: ProjectionInputs, service: ServiceForecast?) -> Table {
        let p = r.position
        var rows: [[Cell]] = [
            [.text("Establishment (budgeted posts, in post and vacant)"), .number(p.establishmentFTE, decimals: 1), .text("establishment_fte, from the assumptions")],
            [.text("In post (establishment × (1 − vacancy rate))"), .number(p.inPostFTE, decimals: 1), .text("vacancy_rate \(Format.percent(inputs.vacancyRate, decimals: 0))")],
            [.text("Needed to meet the service-level target with today's calls"), .number(p.requiredFTE, decimals: 1), .text(inputs.queue == nil ? "handled hours ÷ productive hours" : "queueing model per 15-minute interval (Method)")],
        ]
        if let i = p.impliedFTE {
            rows.append([.text("Staffing the observed abandonment implies (Erlang A calibrated per interval)"), .number(i, decimals: 1), .text("what the phones actually deliver")])
        }
        rows.append([.text("Gap to target by the establishment (needed − in post)"), .number(p.gapByEstablishment, decimals: 1), .text(p.gapByEstablishment > 0 ? "short of the target" : "more than the target needs")])
        if let g = p.gapByImplied {
            rows.append([.text("Gap to target by the staffing delivered (needed − implied)"), .number(g, decimals: 1), .text(g > 0 ? "short of the target" : "more than the target needs")])
        }
        let last = inputs.years
        if abs(r.requiredFinalFTE - p.requiredFTE) >= 0.05 {
            rows.append([.text("Needed to meet the target in year \(last), on its forecast workload"), .number(r.requiredFinalFTE, decimals: 1),
                         .text("grows with the forecast handled hours (Method)")])
            rows.append([.text("Gap in year \(last) before posts are added (needed − delivered)"), .number(r.gapFinalBeforeRecruitment, decimals: 1),
                         .text(r.gapFinalBeforeRecruitment > 0 ? "short of the target" : "no gap")])
        }
        if r.additionalFTE > 0 || inputs.recruitToTarget {
            rows.append([.text("Posts added (recruitment) by year \(last)"), .number(r.additionalFTE, decimals: 1),
                         .text(inputs.recruitToTarget ? "to_target: each year's gap less the release (\(Format.number(r.additionalFTEFirstYear, decimals: 1)) in year 1)" : "additional_fte, from year 1")])
        }
        rows.append([.text("Gap released capacity closes first in year \(last), after posts added (\(inputs.policy.rawValue))"), .number(r.gapClosedFirst, decimals: 1),
                     .text(inputs.policy == .serviceFirst ? "only release beyond this is cashable" : "cash_first: not closed first")])
        if let s = service {
            rows.append([.text("Service level target"), .percent(s.target, decimals: 0), .text("answered within \(Format.number(s.withinSeconds)) s ÷ offered")])
            if let m = s.measuredToday {
                rows.append([.text("Service level today, measured from the waits"), .percent(m, decimals: 1), .text("answered within \(Format.number(s.withinSeconds)) s ÷ offered")])
            }
            rows.append([.text("Service level today, modelled at the staffing delivered"), .percent(s.serviceLevel(callScale: 1, staffScale: 1), decimals: 1),
                         .text("Erlang A, patience \(Format.number(s.patienceSeconds, decimals: 0)) s" + (s.measuredToday == nil ? "" : ", set so that this matches the measured level"))])
        }
        if let u = r.serviceLevelFinalUnchanged {
            rows.append([.text("Service level in year \(last) with nothing changed, modelled"), .percent(u, decimals: 1),
                         .text("same model and staff, year-\(last) workload (do nothing)")])
        }
        if let f = r.serviceLevelFinal {
            rows.append([.text("Service level in year \(last) with the proposal, modelled"), .percent(f, decimals: 1),
                         .text("same model, year-\(last) workload less the release, posts added or removed")])
        }
        var t = Table(id: "position", title: "Staffing position: capacity before cash",
                      columns: [Column("measure", "Measure", .left), Column("value", "FTE or share"), Column("basis", "Basis", .left)], rows: rows)
        t.notes = ["A service that misses its target has fewer staff than it needs: released capacity first closes that gap (the target is met with fewer calls), and only what is left can be cashed, as posts fall vacant. The gap is measured on the staffing the phones actually deliver where the data allows (abandonment and waits per interval), otherwise on the establishment."]
        return t
    }

    static func yearsTable(_ r: ProjectionResult, inputs: ProjectionInputs) -> Table {
        let fyLabel = { (t: Int) -> Cell in inputs.onCostSchedule.map { .text(FinancialYear(containing: $0.yearStart(t)).label) } ?? .empty }
        let rows: [[Cell]] = r.years.map { y in
            [.integer(y.year), fyLabel(y.year), .percent(y.takeUp, decimals: 0), .number(y.contactsRemoved + y.leakage.netContacts, decimals: 0),
             .number(y.fteLinear, decimals: 1), y.fteQueue.map { .number($0, decimals: 1) } ?? .empty, .number(y.fteAdded, decimals: 1), .number(y.fteToGap, decimals: 1),
             .number(y.postsRemovable, decimals: 1), .number(y.fteCashable, decimals: 1), .money(y.costPerFTE, decimals: 0),
             .money(y.cashableSaving, decimals: 0), .money(y.capital, decimals: 0),
             .money(y.running + y.digitalCost + y.additionalStaffCost + y.exitCost, decimals: 0), .money(y.net, decimals: 0),
             .money(y.cumulative, decimals: 0), .money(y.discounted, decimals: 0)]
        }
        let sum = { (f: (ProjectionYear) -> Double) in r.years.reduce(0) { $0 + f($1) } }
        var t = Table(id: "years", title: "Central case: contacts, FTE and money by year",
                      columns: [Column("year", "Year"), Column("financial_year", "Financial year", .left), Column("take_up", "Take-up"),
                                Column("contacts_off_phone", "Contacts off the phone (net of leakage)"),
                                Column("fte_linear", "FTE released (linear)"), Column("fte_queue", "FTE released (queue-aware)"),
                                Column("fte_added", "Posts added (in force)"), Column("fte_to_gap", "FTE to the service gap"), Column("posts_removable", "Posts removable (cumulative)"),
                                Column("fte_cashable", "Cashable FTE"), Column("cost_per_fte", "Cost per FTE"), Column("cashable_saving", "Cashable saving"),
                                Column("capital", "Capital"), Column("revenue_costs", "Revenue costs"), Column("net", "Net"),
                                Column("cumulative", "Cumulative net"), Column("discounted", "Discounted net")],
                      rows: rows,
                      footer: [[.text("Total"), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty,
                                .money(sum(\.cashableSaving), decimals: 0), .money(sum(\.capital), decimals: 0),
                                .money(sum { $0.running + $0.digitalCost + $0.additionalStaffCost + $0.exitCost }, decimals: 0),
                                .money(sum(\.net), decimals: 0), .empty, .money(r.npv, decimals: 0)]])
        t.notes = ["Year 0 is the investment year and is not discounted; year t is discounted by 1/(1 + \(Format.percent(inputs.discountRate, decimals: 1)))^t. Money is in real terms at the prices of the paper's date; the cost per FTE includes employer NI at the rate in force for the paper's date and pension. Costs include optimism bias. Revenue costs are running costs, digital channel and back-office handling, added posts and exit costs. Only cashable savings (posts removed) count towards net and NPV; released capacity that closes the service gap or cannot yet be cashed is not cash. The discounted total is the NPV."]
        return t
    }

    static func leakageTable(_ r: ProjectionResult, inputs: ProjectionInputs) -> Table {
        let rows: [[Cell]] = r.years.filter { $0.year > 0 }.map { y in
            [.integer(y.year), .number(y.leakage.grossContacts, decimals: 0), .number(y.leakage.leakedContacts, decimals: 0),
             .number(y.leakage.netContacts, decimals: 0), .number(y.leakage.grossHours, decimals: 0), .number(y.leakage.leakedHours, decimals: 0),
             .number(y.leakage.netHours, decimals: 0), .money(y.digitalCost, decimals: 0)]
        }
        var total = LeakageWaterfall()
        for y in r.years { total.add(y.leakage) }
        var t = Table(id: "leakage", title: "Contacts moved online: gross, leakage back to the phone, net, and their digital cost",
                      columns: [Column("year", "Year"), Column("gross_contacts", "Moved online (gross)"), Column("leaked_contacts", "Back to phone"),
                                Column("net_contacts", "Off the phone (net)"), Column("gross_hours", "Handle hours (gross)"),
                                Column("leaked_hours", "Hours back to phone"), Column("net_hours", "Handle hours released (net)"),
                                Column("digital_cost", "Digital channel and handling cost")],
                      rows: rows,
                      footer: [[.text("Total"), .number(total.grossContacts, decimals: 0), .number(total.leakedContacts, decimals: 0),
                                .number(total.netContacts, decimals: 0), .number(total.grossHours, decimals: 0), .number(total.leakedHours, decimals: 0),
                                .number(total.netHours, decimals: 0), .money(r.years.reduce(0) { $0 + $1.digitalCost }, decimals: 0)]])
        t.notes = ["A contact moved online is saved only if it does not come back by phone: each reason's measured share of digital contacts followed by a call within 7 days is taken off (\(inputs.leakageOverride.map { "here the assumed \(Format.percent($0, decimals: 1)) for every reason" } ?? "per reason, as measured")). Every contact moved still costs its channel's running cost and \(Format.number(inputs.digitalHandlingSeconds / 60, decimals: 1)) minutes of back-office handling at the full cost of a productive hour, with optimism bias on running costs."]
        return t
    }

    static func financialYearTable(_ r: ProjectionResult, inputs: ProjectionInputs, set: AssumptionSet) -> (table: Table, years: FinancialYearTable)? {
        guard let schedule = inputs.onCostSchedule else { return nil }
        let capitalSource = set.items.first { $0.key.hasPrefix("investment.capital.") }?.source ?? ""
        let lines = [
            CashFlowLine("Cashable staff savings (posts removed)", kind: .revenue, recurrence: .recurring, isSaving: true,
                         byYear: r.years.map(\.cashableSaving), funding: "contact-centre staffing budget falls"),
            CashFlowLine("Capital investment (with optimism bias)", kind: .capital, recurrence: .oneOff, isSaving: false,
                         byYear: r.years.map(\.capital), funding: capitalSource.isEmpty ? "not stated" : capitalSource),
            CashFlowLine("Running costs (with optimism bias)", kind: .revenue, recurrence: .recurring, isSaving: false,
                         byYear: r.years.map(\.running), funding: "service revenue budget"),
            CashFlowLine("Digital channel and back-office handling", kind: .revenue, recurrence: .recurring, isSaving: false,
                         byYear: r.years.map(\.digitalCost), funding: "service revenue budget"),
            CashFlowLine("Added posts", kind: .revenue, recurrence: .recurring, isSaving: false,
                         byYear: r.years.map(\.additionalStaffCost), funding: "service revenue budget"),
            CashFlowLine("Exit costs", kind: .revenue, recurrence: .oneOff, isSaving: false,
                         byYear: r.years.map(\.exitCost), funding: "corporate redundancy reserve"),
        ].filter { $0.byYear.contains { $0 != 0 } }
        let fy = FinancialYears.table(lines, startDay: schedule.startDay)
        guard !fy.years.isEmpty else { return nil }
        var rows: [[Cell]] = fy.lines.map { l in
            [.text(l.line.name), .text(l.line.kind.rawValue), .text(l.line.recurrence.rawValue), .text(l.line.funding)]
                + l.amounts.map { .money(l.line.isSaving ? $0 : -$0, decimals: 0) }
                + [.money((l.line.isSaving ? 1 : -1) * l.amounts.reduce(0, +), decimals: 0)]
        }
        let total = { (xs: [Double], sign: Double) -> [Cell] in xs.map { .money(sign * $0, decimals: 0) } + [.money(sign * xs.reduce(0, +), decimals: 0)] }
        rows.append([.text("Gross cashable savings"), .empty, .empty, .empty] + total(fy.grossSavings, 1))
        rows.append([.text("Capital costs"), .empty, .empty, .empty] + total(fy.capitalCosts, -1))
        rows.append([.text("Revenue costs"), .empty, .empty, .empty] + total(fy.revenueCosts, -1))
        var t = Table(id: "financial_years", title: "By financial year (April to March): capital and revenue, gross and net",
                      columns: [Column("line", "Line", .left), Column("kind", "Capital or revenue", .left), Column("recurrence", "One-off or recurring", .left),
                                Column("funding", "Funding or budget", .left)]
                          + fy.years.map { Column("fy_" + $0.label.replacingOccurrences(of: "/", with: "_"), $0.label) } + [Column("total", "Total")],
                      rows: rows,
                      footer: [[.text("Net (savings less all costs)"), .empty, .empty, .empty] + total(fy.net, 1)])
        t.notes = ["Year 0 starts on \(CivilTime.formatDate(days: schedule.startDay)) (financial year \(FinancialYear(containing: schedule.startDay).label)). Savings are positive, costs negative; recurring amounts accrue evenly over the days of their appraisal year, one-off amounts fall in the financial year their appraisal year starts. Figures are undiscounted, in \(schedule.priceBase.description). The net line is the figure to take into the medium-term financial plan; gross savings are shown so that nothing is netted off unseen."]
        return (t, fy)
    }

    static func optionsTable(_ ranked: [AppraisedOption], target: Double?, finalYear: Int, when: String) -> Table {
        let rows: [[Cell]] = ranked.enumerated().map { i, o in
            [.integer(i + 1), .text(o.title), .money(o.npv, decimals: 0), .text(o.isDoNothing ? "–" : Appraisal.describePayback(o.paybackYear)),
             .money(o.netCashableTotal, decimals: 0), .number(o.additionalFTE, decimals: 1), .number(o.fteReleased, decimals: 1), .number(o.fteCashable, decimals: 1),
             o.serviceLevelReached.map { .percent($0, decimals: 0) } ?? .empty, .number(o.shortfallFTE, decimals: 1),
             .text(target == nil ? "–" : (OptionsAppraisal.meets(o, target: target) ? "yes" : "no")), .text(o.risks.joined(separator: "; "))]
        }
        var t = Table(id: "options", title: "Options appraisal",
                      columns: [Column("rank", "Rank"), Column("option", "Option", .left), Column("npv", "NPV"), Column("payback", "Payback", .left),
                                Column("net_total", "Net cash, all years"), Column("fte_added", "Posts added by year \(finalYear)"),
                                Column("fte_released", "FTE released (year \(finalYear))"), Column("fte_cashable", "Cashable FTE (year \(finalYear))"),
                                Column("service_level", "Service level in year \(finalYear)"), Column("shortfall_fte", "FTE still short of the target (year \(finalYear))"),
                                Column("meets_target", "Meets target", .left), Column("risks", "Key risks", .left)],
                      rows: rows)
        t.notes = ["Do nothing (business as usual) is the baseline every option is measured against, so its NPV is £0 by definition. Options that reach the service-level target rank first, then by NPV. Each option is the base scenario with its own `option.<name>.*` assumptions in place; all use the same establishment, productive hours and on-costs. Service levels and shortfalls are \(when), the year the gap is stated for: Erlang A at the staffing delivered plus posts added less posts removed, on that year's calls less the work released (do nothing keeps today's staffing)."]
        return t
    }

    static func casesTable(_ results: [ProjectionResult], inputs: ProjectionInputs) -> Table {
        let last = inputs.years
        let rows: [[Cell]] = results.map { r in
            let y = r.years[last]
            return [.text(r.projectionCase.rawValue), .number(y.contactsRemoved + y.leakage.netContacts, decimals: 0), .number(y.fteLinear, decimals: 1),
                    y.fteQueue.map { .number($0, decimals: 1) } ?? .empty, .number(y.fteCashable, decimals: 1),
                    .money(r.cashableTotal, decimals: 0), .money(r.netTotal, decimals: 0), .money(r.npv, decimals: 0), .text(Appraisal.describePayback(r.paybackYear)),
                    inputs.serviceBudget.map { $0 > 0 ? .percent(y.cashableSaving / $0, decimals: 1) : .empty } ?? .empty]
        }
        var t = Table(id: "cases", title: "Low, central and high cases (year \(last) figures, totals over the period)",
                      columns: [Column("case", "Case", .left), Column("contacts_off_phone", "Contacts off the phone a year"),
                                Column("fte_linear", "FTE (linear)"), Column("fte_queue", "FTE (queue-aware)"), Column("fte_cashable", "Cashable FTE"),
                                Column("cashable_total", "Cashable savings, all years"), Column("net_total", "Net, all years"), Column("npv", "NPV"),
                                Column("payback", "Payback", .left), Column("share_of_budget", "Year-\(last) saving as % of budget")],
                      rows: rows)
        t.notes = ["Low takes every assumption with a range to the end of its range that lowers the NPV, high to the end that raises it, all at once (the sensitivity table moves them one at a time). That is a stress test, not a forecast."
                   + (inputs.serviceBudget == nil ? " Give service_budget to see savings as a share of the budget." : "")]
        return t
    }

    /// The appendix: every key the scenario reads, plus the dated rules the tool applied for the paper's date.
    static func assumptionUses(set: AssumptionSet, inputs: ProjectionInputs, asOfDay: Int?) -> [AssumptionUse] {
        var uses = Scenario.uses(set)
        if let s = inputs.onCostSchedule, s.niRateOverride == nil || s.niThresholdOverride == nil, let rule = s.rule(year: 0) {
            uses.append(AssumptionUse(key: "ni (dated)", display: Format.percent(rule.rate, decimals: 2) + " above " + Format.money(rule.thresholdPounds),
                                      unit: "% of salary above £ a year",
                                      source: "HMRC employer NI in force at the paper's date \(CivilTime.formatDate(days: s.asOfDay)): \(rule.label) (default)"))
            uses.append(AssumptionUse(key: "price base", display: "real, \(s.priceBase.baseYearLabel) prices", unit: "",
                                      source: "consistent with the real Green Book discount rate (default)"))
        }
        uses.append(AssumptionUse(key: "productive hours (derived)", display: Format.number(inputs.hours.perFTE, decimals: 0) + " h", unit: "h per FTE per year",
                                  source: inputs.hours.stated == nil ? "paid hours × (1 − shrinkage) × occupancy: the one definition every cell uses" : "stated by the council (productive_hours)"))
        return uses
    }

    static func ceilingTable(_ results: [ProjectionResult], ceiling: CeilingTable?) -> Table {
        var rows: [[Cell]] = []
        for r in results {
            for b in r.ceilingBinds {
                rows.append([.text(r.projectionCase.rawValue), .text(b.code.line), .text(b.code.reason), .percent(b.requested, decimals: 1), .percent(b.ceiling, decimals: 1)])
            }
        }
        var t = Table(id: "ceiling", title: "Shift asked for above the shiftable ceiling",
                      columns: [Column("case", "Case", .left), Column("line", "Service line", .left), Column("reason", "Reason", .left),
                                Column("requested", "Shift asked for"), Column("ceiling", "Ceiling used")], rows: rows)
        t.notes = ["The ceiling is the share of a reason's phone calls that is both avoidable or self-serve and made by people likely to be able to go online" + (ceiling.map { " (from \($0.file))" } ?? "") + ". Where the scenario asks for more, every channel's share is scaled down so the total equals the ceiling; a reason the ceiling file does not list is not shiftable (ceiling 0%)."]
        if let hidden = ceiling?.hidden, !hidden.isEmpty {
            t.notes.append("The ceiling file hides (suppresses) the ceiling of " + hidden.map { "\($0.line) / \($0.reason)" }.joined(separator: "; ") + ", so those reasons are not capped.")
        }
        return t
    }

    /// An assumption as a reader names it, from the registry's description of its key (never the key itself).
    static func displayName(_ key: String) -> String {
        DisplayNames.assumption(key, description: Scenario.keys.first { $0.matches(key) }?.description)
    }

    static func tornadoTable(_ bars: [TornadoBar], base: Double, set: AssumptionSet) -> Table {
        let rows: [[Cell]] = bars.map { b in
            let unit = set[b.key]?.unit ?? AssumptionUnit(.number)
            return [.text(displayName(b.key)), .text(Scenario.display(b.lowInput, unit)), .text(Scenario.display(b.highInput, unit)),
                    .money(b.atLow, decimals: 0), .money(b.atHigh, decimals: 0), .money(b.swing, decimals: 0)]
        }
        var t = Table(id: "tornado", title: "What moves the NPV most",
                      columns: [Column("assumption", "Assumption", .left), Column("low", "Low value"), Column("high", "High value"),
                                Column("npv_at_low", "NPV at low"), Column("npv_at_high", "NPV at high"), Column("swing", "Swing")],
                      rows: rows)
        t.notes = ["Each row moves one assumption to the ends of its range with every other assumption central (central NPV \(Format.money(base))); the largest swings come first. These are the figures to check hardest."]
        return t
    }

    static func assumptionsTable(_ uses: [AssumptionUse], what: String = "business case") -> Table {
        Table(id: "assumptions", title: "Assumptions used",
              columns: [Column("key", "Assumption", .left), Column("value", "Value", .left), Column("unit", "Unit", .left), Column("source", "Source", .left)],
              rows: uses.map { [.text($0.key), .text($0.display), .text($0.unit), .text($0.source)] },
              notes: ["Every figure the \(what) rests on, with where it came from; '(default)' marks a value the tool supplied because the scenario did not set it."])
    }

    static func fteExplanation(_ r: ProjectionResult, inputs: ProjectionInputs) -> String {
        let y = r.years[inputs.years]
        guard let q = y.fteQueue, let baseQ = r.baselineQueueFTE else {
            return "Only the linear method was used (handle hours released ÷ \(Format.number(inputs.hours.perFTE)) productive hours per FTE): no interval profile was available for the queue-aware method."
        }
        let baseLinear = inputs.hours.perFTE > 0 ? r.baselineHandleHours / inputs.hours.perFTE : 0   // handled hours
        let erlangOccupancy = baseQ > 0 ? r.baselineHandleHours / (baseQ * inputs.hours.availablePerFTE) : 0
        var s = "The linear method divides the handling hours released by \(Format.number(inputs.hours.perFTE)) productive hours per FTE, as if staff were always \(Format.percent(inputs.hours.occupancy, decimals: 0)) busy. The queue-aware method asks how many advisers each 15-minute interval needs to keep the service level, before and after the shift. "
        s += "Today the centre needs about \(Format.number(baseQ, decimals: 1)) FTE by Erlang against \(Format.number(baseLinear, decimals: 1)) by the linear method, so advisers are busy about \(Format.percent(erlangOccupancy, decimals: 0)) of the time. "
        if q < y.fteLinear - 0.05 {
            s += "Queue-aware release is lower (\(Format.number(q, decimals: 1)) against \(Format.number(y.fteLinear, decimals: 1)) FTE): in quiet intervals a fixed minimum of advisers is needed whatever the volume, and advisers come in whole people, so fewer calls free less than proportional staff at a fixed service level. The difference is capacity that cannot be banked as cash."
        } else if q > y.fteLinear + 0.05 {
            s += "Queue-aware release is higher (\(Format.number(q, decimals: 1)) against \(Format.number(y.fteLinear, decimals: 1)) FTE): the linear method assumes \(Format.percent(inputs.hours.occupancy, decimals: 0)) occupancy, but at this centre's volume the service level holds advisers well below that, so each hour of calls removed frees more than an hour of staff time. Cash is counted on the lower, linear figure."
            return s
        } else {
            s += "The two agree to within 0.1 FTE (\(Format.number(q, decimals: 1)) queue-aware, \(Format.number(y.fteLinear, decimals: 1)) linear)."
        }
        return s + " Cashable savings use the smaller of the two figures."
    }

    static func method(_ p: ProjectionInputs, queue: QueueCurve?, note: String) -> [String] {
        var m: [String] = []
        if !note.isEmpty { m.append(note) }
        m += [
            "Contacts: each reason's handled phone calls a year are reduced first by the demand removed at source (failure demand fixed), then the shift share of what remains moves to each digital channel, both scaled by the take-up of the year (\(p.takeUp.description)). Removed and shifted contacts are never counted twice. A reason's total shift is capped at its shiftable ceiling when one is given.",
            "Leakage: of the contacts moved online, the reason's measured share of digital contacts followed by a phone call within 7 days comes back to the phone, so hours released = (removed + moved × (1 − leakage)) × handle time. Each contact moved still costs its channel's running cost plus the back-office handling time at the full cost of a productive hour.",
            "Linear FTE released = handle hours released ÷ productive hours per FTE, where productive hours = paid hours × (1 − shrinkage) × occupancy (\(Format.number(p.hours.perFTE)) hours) unless the council states its own.",
            "Queue-aware FTE released = (agent-hours needed a year before − after) ÷ (paid hours × (1 − shrinkage)); agents per interval are the fewest that meet the service-level target (offered load = calls offered × AHT ÷ interval length). " + (queue?.description ?? "Not computed: no interval profile."),
            "Staffing delivered: in each weekday × 15-minute interval, the agents with which Erlang A (Palm 1943; Garnett, Mandelbaum and Reiman 2002) gives the abandonment observed there, summed over a representative week × 52 weeks ÷ paid hours ÷ (1 − shrinkage). The callers' mean patience starts from time waited ÷ abandoned calls (Brown et al. 2005) and is set by bisection so that the modelled service level today equals the measured one: abandonment fixes the staff, waits fix patience. The service level an option reaches is stated for the final appraisal year, the year its gap is stated for: the same model with that staffing (plus posts added, less posts removed) and the data window's calls scaled to that year's forecast handled hours less the work released.",
            "Options: do nothing is the baseline (NPV £0); each option is the base scenario with its `option.<name>.*` assumptions; options reaching the service-level target in the final appraisal year rank first, then by NPV. With recruitment = to_target, posts added in year t = year t's gap before recruitment − the capacity the release keeps that year (released, not cashed), so each year's requirement is met as calls grow; otherwise additional_fte from year 1.",
            "Capacity before cash (\(p.policy.rawValue)): the gap in year t = FTE needed at the service-level target in year t − FTE the phones deliver (Erlang A calibrated to the observed abandonment per interval; the establishment in post when the data cannot be calibrated), less any posts added; the staff needed to meet the standard grows with the forecast workload: the requirement on the data window × year t's handled hours ÷ the data window's annualised handled hours. Under service_first, cashable FTE in year t = min(max(0, FTE released − gap), posts removable); under cash_first, min(FTE released, posts removable). Posts removable = establishment × (vacancy rate + turnover rate × t): posts go only when they fall vacant. The rest is capacity released, shown separately and not counted as cash.",
            "Cost per FTE in year t = salary_t + max(0, salary_t − NI secondary threshold) × NI rate + salary_t × pension rate, with salary_t = salary × (1 + real pay growth)^t; " + (p.onCostSchedule.map { $0.describe(years: p.years) + ". Money is in " + $0.priceBase.description } ?? "NI as given (\(Format.money(p.onCosts.fullCost(salary: p.salary))) a year)") + ".",
            "Net = cashable saving × (1 − optimism bias on benefits) − capital × (1 + optimism bias on capital) − (running cost + digital channel and handling cost) × (1 + optimism bias on running costs) − added posts − exit costs.",
            "NPV = Σ net_t ÷ (1 + r)^t over t = 0…\(p.years), with year 0 (the investment year) undiscounted, at the HM Treasury Green Book rate unless set otherwise. Payback is the first year in which cumulative undiscounted net is zero or more (counting from the first year with any cost or benefit).",
            "Sensitivity: every assumption with a range is moved to its low and its high value, all others central, and the NPV recomputed; all are shown. The low and high cases move them all at once to the ends that lower or raise the NPV. Monte Carlo, when asked for, draws every ranged assumption at once (most often near its central value, never outside its range: a triangular distribution) many times over and reports the 10th, 50th and 90th percentile NPV; the draws repeat exactly for the same seed, so the figures can be checked.",
        ]
        return m
    }
}
