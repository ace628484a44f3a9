// Turns a scenario and its baseline into the "Financial implications" report: cases, years, FTE two ways, tornado.

public struct ProjectOptions: Sendable {
    public var suppressBelow = 10
    public var simulations = 0          // Monte Carlo draws; 0 = off
    public var seed: UInt64 = 42
    public var tornadoLimit = 8
    public var baselineNote = ""        // how the baseline was annualised, for the method list

    public init(suppressBelow: Int = 10, simulations: Int = 0, seed: UInt64 = 42, baselineNote: String = "") {
        self.suppressBelow = suppressBelow
        self.simulations = simulations
        self.seed = seed
        self.baselineNote = baselineNote
    }
}

public enum ProjectReport {
    public static func build(_ a: ProjectAnalysis, options: ProjectOptions) -> AnalysisReport {
        let (baseline, set, ceiling, queue) = (a.baseline, a.assumptions, a.ceiling, a.queue)
        let (inputs, results, bars, mc) = (a.inputs, a.results, a.tornado, a.monteCarlo)
        let low = results[0], central = results[1], high = results[2]
        let last = inputs.years
        let cy = central.years[last]

        var r = AnalysisReport(command: "project", title: "Channel shift: financial implications")
        let shiftedLast = cy.totalShifted + cy.contactsRemoved
        // Prose rounds (£238,000; about 62,300 contacts); the tables below keep the exact figures.
        func money(_ x: Double) -> String { Format.money(abs(x) >= 10_000 ? PaperShape.significant(x, 3) : x) }
        r.summary.append("In the central case, by year \(last) about \(Format.number(PaperShape.significant(shiftedLast, 3))) phone contacts a year are removed at source or moved to digital channels, releasing \(Format.number(cy.fteLinear, decimals: 1)) FTE of handling time by the linear method"
            + (cy.fteQueue.map { " and \(Format.number($0, decimals: 1)) FTE by the queue-aware (Erlang) method at the service-level target." } ?? "."))
        r.summary.append("Of the \(Format.number(cy.fteReleased, decimals: 1)) FTE released, \(Format.number(cy.fteCashable, decimals: 1)) can be removed through vacancies and staff turnover by year \(last): cashable savings total \(money(central.cashableTotal)) over the \(last) years"
            + (central.capacityTotal.rounded() == 0 ? ", and no capacity is left over that is not cash."
                                                      : ", and capacity worth a further \(money(central.capacityTotal)) is released but is not cash."))
        r.summary.append("The net present value at \(Format.percent(inputs.discountRate, decimals: 1)) is \(money(central.npv)) (low \(money(low.npv)), high \(money(high.npv))); payback is \(Appraisal.describePayback(central.paybackYear)).")
        if !central.ceilingBinds.isEmpty {
            r.summary.append("The shift asked for is more than is shiftable for \(central.ceilingBinds.count) reason\(central.ceilingBinds.count == 1 ? "" : "s"), so it was capped at the ceiling.")
        }

        r.blocks.append(.table(baselineTable(baseline, inputs: inputs, threshold: options.suppressBelow)))
        r.blocks.append(.table(yearsTable(central, inputs: inputs)))
        r.blocks.append(.table(casesTable(results, inputs: inputs)))
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
        let perContact = shiftedLast * inputs.phoneCostPerContact
        r.blocks.append(.paragraph("Multiplying the year-\(last) contacts moved or removed by a phone cost of \(Format.money(inputs.phoneCostPerContact, decimals: 2)) a contact gives \(Format.money(perContact)) a year, against cashable staff savings of \(Format.money(cy.cashableSaving)) in that year. The per-contact figure is a gross average cost, not a budget that falls: it counts capacity as cash, which is why this case uses posts removed instead."))
        r.blocks.append(.table(assumptionsTable(Scenario.uses(set))))

        let v = cy
        r.values = [
            "npv_central": .money(central.npv), "npv_low": .money(low.npv), "npv_high": .money(high.npv),
            "payback_year": NamedValue(Double(central.paybackYear ?? -1), display: Appraisal.describePayback(central.paybackYear), unit: "year"),
            "cashable_total": .money(central.cashableTotal), "capacity_total": .money(central.capacityTotal),
            "contacts_shifted_final": NamedValue(v.totalShifted, display: Format.number(v.totalShifted) + " contacts a year", unit: "contacts"),
            "cost_per_fte": .money(central.costPerFTE), "appraisal_years": NamedValue(Double(last), display: "\(last) years", unit: "years"),
        ]
        for t in 1...last {
            let y = central.years[t]
            r.values["fte_linear_year\(t)"] = .fte(y.fteLinear)
            if let q = y.fteQueue { r.values["fte_queue_year\(t)"] = .fte(q) }
            r.values["fte_cashable_year\(t)"] = .fte(y.fteCashable)
            r.values["net_year\(t)"] = .money(y.net)
        }
        r.values["productive_hours_per_fte"] = NamedValue(inputs.hours.perFTE, display: Format.number(inputs.hours.perFTE) + " hours a year", unit: "hours")
        if let b = inputs.serviceBudget, b > 0 { r.values["saving_share_of_budget"] = .percent(v.cashableSaving / b) }
        if let mc {
            r.values["npv_p10"] = .money(mc.p10); r.values["npv_p50"] = .money(mc.p50); r.values["npv_p90"] = .money(mc.p90)
        }
        r.assumptions = Scenario.uses(set)
        r.method = method(inputs, queue: queue, note: options.baselineNote)
        return r
    }

    // MARK: tables

    static func baselineTable(_ baseline: [WrapBaseline], inputs: ProjectionInputs, threshold: Int) -> Table {
        var rows: [[Cell]] = []
        for (i, b) in baseline.enumerated() {
            let share = Channel.allCases.reduce(0) { $0 + (inputs.shares[i][$1]?.central ?? 0) }
            let channels = Channel.allCases.compactMap { ch in inputs.shares[i][ch].map { "\(ch.name) \(Format.percent($0.central, decimals: 0))" } }
            rows.append([.text(b.code.line), .text(b.code.reason), .count(b.phoneContactsInData), .number(b.phoneContactsPerYear, decimals: 0),
                         .number(b.handleSeconds / 60, decimals: 1), share > 0 ? .text(channels.joined(separator: ", ")) : .text("none"),
                         inputs.ceilings[i].map { .percent($0.central, decimals: 0) } ?? .empty])
        }
        rows = Suppression.apply(to: rows, keyColumn: 2, threshold: threshold)
        let total = baseline.reduce(0) { $0 + $1.phoneContactsInData }
        var t = Table(id: "baseline", title: "Phone demand by reason today and the shift asked for",
                      columns: [Column("line", "Service line", .left), Column("reason", "Reason", .left),
                                Column("phone_contacts", "Phone contacts in data"), Column("phone_per_year", "Per year (annualised)"),
                                Column("aht_minutes", "Handle time (min)"), Column("shift_central", "Shift (central)", .left),
                                Column("ceiling_central", "Shiftable ceiling")],
                      rows: rows,
                      footer: [[.text("Total"), .text(""), .count(total), .number(baseline.reduce(0) { $0 + $1.phoneContactsPerYear }, decimals: 0),
                                .empty, .text(""), .empty]])
        t.notes = ["Each row is a reason's phone calls in the data, scaled to a year, with its average handle time and the share of its calls the scenario moves to each digital channel.",
                   Suppression.note(threshold: threshold)]
        return t
    }

    static func yearsTable(_ r: ProjectionResult, inputs: ProjectionInputs) -> Table {
        let rows: [[Cell]] = r.years.map { y in
            [.integer(y.year), .percent(y.takeUp, decimals: 0), .number(y.contactsRemoved + y.totalShifted, decimals: 0),
             .number(y.fteLinear, decimals: 1), y.fteQueue.map { .number($0, decimals: 1) } ?? .empty,
             .number(y.postsRemovable, decimals: 1), .number(y.fteCashable, decimals: 1), .number(y.fteNonCashable, decimals: 1),
             .money(y.cashableSaving, decimals: 0), .money(y.capacityValue, decimals: 0), .money(y.capital, decimals: 0),
             .money(y.running + y.digitalCost, decimals: 0), .money(y.net, decimals: 0), .money(y.cumulative, decimals: 0),
             .money(y.discounted, decimals: 0)]
        }
        let sum = { (f: (ProjectionYear) -> Double) in r.years.reduce(0) { $0 + f($1) } }
        var t = Table(id: "years", title: "Central case: contacts, FTE and money by year",
                      columns: [Column("year", "Year"), Column("take_up", "Take-up"), Column("contacts_moved", "Contacts moved or removed"),
                                Column("fte_linear", "FTE released (linear)"), Column("fte_queue", "FTE released (queue-aware)"),
                                Column("posts_removable", "Posts removable (cumulative)"), Column("fte_cashable", "Cashable FTE"),
                                Column("fte_capacity", "Capacity FTE"), Column("cashable_saving", "Cashable saving"),
                                Column("capacity_value", "Capacity released (not cash)"), Column("capital", "Capital"),
                                Column("running", "Running and channel costs"), Column("net", "Net"), Column("cumulative", "Cumulative net"),
                                Column("discounted", "Discounted net")],
                      rows: rows,
                      footer: [[.text("Total"), .empty, .empty, .empty, .empty, .empty, .empty, .empty,
                                .money(sum(\.cashableSaving), decimals: 0), .money(sum(\.capacityValue), decimals: 0), .money(sum(\.capital), decimals: 0),
                                .money(sum { $0.running + $0.digitalCost }, decimals: 0), .money(sum(\.net), decimals: 0), .empty,
                                .money(r.npv, decimals: 0)]])
        t.notes = ["Year 0 is the investment year and is not discounted; year t is discounted by 1/(1 + \(Format.percent(inputs.discountRate, decimals: 1)))^t. Costs include optimism bias. Only cashable savings (posts removed) count towards net and NPV; the capacity column is staff time freed but still paid for. The discounted total is the NPV."]
        return t
    }

    static func casesTable(_ results: [ProjectionResult], inputs: ProjectionInputs) -> Table {
        let last = inputs.years
        let rows: [[Cell]] = results.map { r in
            let y = r.years[last]
            return [.text(r.projectionCase.rawValue), .number(y.contactsRemoved + y.totalShifted, decimals: 0), .number(y.fteLinear, decimals: 1),
                    y.fteQueue.map { .number($0, decimals: 1) } ?? .empty, .number(y.fteCashable, decimals: 1),
                    .money(r.cashableTotal, decimals: 0), .money(r.npv, decimals: 0), .text(Appraisal.describePayback(r.paybackYear)),
                    inputs.serviceBudget.map { $0 > 0 ? .percent(y.cashableSaving / $0, decimals: 1) : .empty } ?? .empty]
        }
        var t = Table(id: "cases", title: "Low, central and high cases (year \(last) figures, totals over the period)",
                      columns: [Column("case", "Case", .left), Column("contacts_moved", "Contacts moved or removed a year"),
                                Column("fte_linear", "FTE (linear)"), Column("fte_queue", "FTE (queue-aware)"), Column("fte_cashable", "Cashable FTE"),
                                Column("cashable_total", "Cashable savings, all years"), Column("npv", "NPV"), Column("payback", "Payback", .left),
                                Column("share_of_budget", "Year-\(last) saving as % of budget")],
                      rows: rows)
        t.notes = ["Low and high take every shift share, the demand reduction and the ceiling at the low or high end of their ranges; every other assumption stays at its central value (the sensitivity table varies those one at a time)."
                   + (inputs.serviceBudget == nil ? " Give service_budget to see savings as a share of the budget." : "")]
        return t
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
        let baseLinear = inputs.hours.perFTE > 0 ? r.baselineHandleHours / inputs.hours.perFTE : 0
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
            "Contacts: each reason's annual phone calls are reduced first by the avoidable-demand reduction (removed at source), then the shift share of what remains moves to each digital channel, both scaled by the take-up of the year (\(p.takeUp.description)). Avoidable and shifted contacts are never counted twice. A reason's total shift is capped at its shiftable ceiling when one is given.",
            "Linear FTE released = handle hours released ÷ productive hours per FTE, where productive hours = paid hours × (1 − shrinkage) × occupancy (\(Format.number(p.hours.perFTE)) hours) unless the council states its own.",
            "Queue-aware FTE released = (agent-hours needed a year before − after) ÷ (paid hours × (1 − shrinkage)); agents per interval are the fewest that meet the service-level target by Erlang C (offered load = calls × AHT ÷ interval length; SL(T) = 1 − C·e^(−(N−A)T/AHT)). " + (queue?.description ?? "Not computed: no interval profile."),
            "Cashable FTE in year t = the smaller of FTE released and posts removable, where posts removable = establishment × (vacancy rate + turnover rate × t): posts go only when they fall vacant. The rest is capacity released, shown separately and not counted as cash.",
            "Cost per FTE = salary + max(0, salary − NI secondary threshold) × NI rate + salary × pension rate (\(Format.money(p.onCosts.fullCost(salary: p.salary))) a year).",
            "Net = cashable saving × (1 − optimism bias on benefits) − capital × (1 + optimism bias on capital) − (running cost + digital channel cost) × (1 + optimism bias on running costs).",
            "NPV = Σ net_t ÷ (1 + r)^t over t = 0…\(p.years), with year 0 (the investment year) undiscounted, at the HM Treasury Green Book rate unless set otherwise. Payback is the first year in which cumulative undiscounted net is zero or more (counting from the first year with any cost or benefit).",
            "Sensitivity: each assumption with a range is moved to its low and its high value, all others central, and the NPV recomputed. Monte Carlo, when asked for, draws every ranged assumption at once (most often near its central value, never outside its range: a triangular distribution) many times over and reports the 10th, 50th and 90th percentile NPV; the draws repeat exactly for the same seed, so the figures can be checked.",
        ]
        return m
    }
}
