// The capacity report: the FTE answer in both models, why they differ, interval tables, charts and method.

public enum CapacityReport {
    static func agentsCell(_ x: Double, fractional: Bool) -> Cell {
        fractional ? .number(x, decimals: 2) : .whole(x)
    }

    static func waitCell(_ p: QueuePerformance) -> Cell {
        p.isUnstable || !p.asaSeconds.isFinite ? .text("unstable") : .number(p.asaSeconds, decimals: 0)
    }

    static func targetWords(_ s: CapacitySettings) -> String {
        switch s.target {
        case .serviceLevel(let f, let t):
            return "\(Format.percent(f, decimals: 0)) of calls answered within \(Format.number(t)) seconds"
        case .averageWait(let t):
            return "an average speed of answer of \(Format.number(t)) seconds"
        }
    }

    public static func build(_ r: CapacityResult, data: CapacityData, assumptions: [AssumptionUse]) -> AnalysisReport {
        let s = r.settings
        let fractional = s.fractional
        let erlangAUsed = r.patienceSeconds != nil
        let target = targetWords(s)
        let shrink = Format.percent(s.shrinkage, decimals: 0)
        let occupancy = s.maxOccupancy.map { " and occupancy capped at " + Format.percent($0, decimals: 0) } ?? ""
        var summary = [
            "To have \(target) (service level measured as \(s.definition.formula)), the phone line needs "
                + "\(Format.number(r.fteC, decimals: 1)) FTE under Erlang C and \(Format.number(r.fteA, decimals: 1)) FTE under Erlang A, "
                + "with \(shrink) shrinkage\(occupancy).",
        ]
        if let p = r.patienceSeconds {
            summary.append("Erlang A needs fewer because some callers hang up rather than wait (mean patience \(Format.number(p)) seconds, "
                + (r.patienceEstimated ? "estimated from the data's abandoned calls" : (s.patienceSource ?? "as given"))
                + "), and each one who leaves shortens the queue for everyone behind; Erlang C assumes nobody hangs up, so it is the cautious figure.")
        } else {
            summary.append("No abandoned call in the data has a wait time (an interval summary has none) and no patience was given, so Erlang A cannot be estimated and is shown equal to Erlang C; give --patience SECONDS to size under Erlang A.")
        }
        if let peak = r.peak {
            summary.append("The busiest interval, \(r.peakWeekday) \(peak.label), averages \(Format.number(peak.calls, decimals: 1)) calls "
                + "and needs \(Format.number(peak.erlangC.agents, decimals: fractional ? 2 : 0)) advisers taking calls under Erlang C "
                + "(\(Format.number(peak.erlangA.agents, decimals: fractional ? 2 : 0)) under Erlang A).")
        }
        if data.dateOnlyCalls > 0 {
            let n = data.dateOnlyCalls
            summary.append("\(Format.count(n)) phone call\(n == 1 ? " has" : "s have") a date but no time of day and \(n == 1 ? "is" : "are") left out of "
                + "the interval figures (their interval is unknown; counted at midnight they would make a peak that never happened), "
                + "so the advisers and FTE above cover the \(Format.count(max(0, data.offered - n))) calls with a time.")
        }
        if let rostered = s.rosteredFTE, let gapC = r.gapC, let gapA = r.gapA {
            summary.append("Against \(Format.number(rostered, decimals: 1)) rostered FTE the capacity gap is \(Format.percent(gapC, decimals: 1)) "
                + "under Erlang C and \(Format.percent(gapA, decimals: 1)) under Erlang A (positive: short of the requirement).")
        }

        var blocks: [Block] = []
        var fteColumns = [Column("model", "Model", .left), Column("agent_hours_week", "Agent-hours a week"),
                          Column("scheduled_fte", "Scheduled FTE"), Column("whole_posts", "Whole posts"),
                          Column("peak_agents", "Peak agents")]
        if s.rosteredFTE != nil { fteColumns.append(Column("gap", "Capacity gap")) }
        func fteRow(_ name: String, _ hours: Double, _ fte: Double, _ peak: Double?, _ gap: Double?) -> [Cell] {
            var row: [Cell] = [.text(name), .number(hours, decimals: 1), .number(fte, decimals: 1),
                               .whole(Staffing.wholePosts(fte)), peak.map { agentsCell($0, fractional: fractional) } ?? .empty]
            if s.rosteredFTE != nil { row.append(gap.map { .percent($0, decimals: 1) } ?? .empty) }
            return row
        }
        blocks.append(.table(Table(id: "fte", title: "FTE to meet the target in a typical week", columns: fteColumns, rows: [
            fteRow("Erlang C (callers wait)", r.weeklyAgentHoursC, r.fteC, r.peak?.erlangC.agents, r.gapC),
            fteRow("Erlang A (callers may hang up)", r.weeklyAgentHoursA, r.fteA, r.peak?.erlangA.agents, r.gapA),
        ], notes: [
            "Agent-hours are the hours advisers must be logged in and taking calls in a typical week (each weekday's average "
                + "profile, sized interval by interval); scheduled FTE = agent-hours ÷ \(Format.number(s.paidHoursPerWeek)) paid hours a week "
                + "÷ (1 − \(shrink) shrinkage); whole posts round that up.",
        ])))

        // Why a cut in calls releases less than a proportional cut in staff: size the peak at 80% of its calls
        // for the service level alone (an occupancy cap, where it binds, scales staff in proportion to calls).
        var shiftSentence = "Queues have economies of scale: at a fixed service level the advisers needed grow more slowly than the calls, "
            + "so moving calls to digital channels releases less than a proportional share of staff, most of all in a small centre."
        if let peak = r.peak, peak.erlangC.agents > 0 {
            let reduced = Staffing.requiredAgents(load: IntervalLoad(calls: peak.calls * 0.8, ahtSeconds: r.ahtSeconds, intervalSeconds: s.intervalSeconds),
                                                  target: s.target, model: .erlangC, fractional: true, definition: s.definition)
            let full = Staffing.requiredAgents(load: IntervalLoad(calls: peak.calls, ahtSeconds: r.ahtSeconds, intervalSeconds: s.intervalSeconds),
                                               target: s.target, model: .erlangC, fractional: true, definition: s.definition)
            if full.agents > 0 {
                shiftSentence += " In the busiest interval, 20% fewer calls would need \(Format.percent(1 - reduced.agents / full.agents, decimals: 0)) fewer advisers "
                    + "for the service level (Erlang C, fractional agents: \(Format.number(full.agents, decimals: 1)) → \(Format.number(reduced.agents, decimals: 1)))."
            }
        }
        if let cap = s.maxOccupancy {
            let binding = r.weekday.filter { i in
                let uncapped = Staffing.requiredAgents(load: IntervalLoad(calls: i.calls, ahtSeconds: r.ahtSeconds, intervalSeconds: s.intervalSeconds),
                                                       target: s.target, model: .erlangC, fractional: fractional, definition: s.definition)
                return uncapped.agents < i.erlangC.agents
            }.count
            if binding > 0 {
                shiftSentence += " In \(Format.count(binding)) of the \(Format.count(r.weekday.count)) weekday intervals the \(Format.percent(cap, decimals: 0)) occupancy cap, "
                    + "not the service level, sets the number of advisers; there staff do fall in proportion to calls, because advisers are kept at the cap."
            }
        }
        blocks.append(.paragraph("Why the two models differ: Erlang C assumes every caller waits until answered, so a queue that is "
            + "briefly overloaded grows without limit. In reality some callers hang up; each who does relieves the queue, so the calls "
            + "that remain are answered sooner and fewer advisers meet the same target. Erlang A models this with the callers' patience. "
            + "Its saving is not free: it comes from callers giving up, which is why the service level here counts abandoned calls "
            + "(\(s.definition.formula)) and why the abandonment each staffing level implies is shown."))
        blocks.append(.paragraph(shiftSentence))

        var columns = [Column("interval", "Interval", .left), Column("calls", "Calls"), Column("erlangs", "Load (Erlangs)"),
                       Column("agents_erlang_c", "Agents (Erlang C)"), Column("agents_erlang_a", "Agents (Erlang A)"),
                       Column("asa_erlang_c_s", "ASA at C staffing (s)"), Column("abandoned_erlang_a", "Abandoned at A staffing")]
        var rows = r.weekday.map { i -> [Cell] in
            [.text(i.label), .number(i.calls, decimals: 1), .number(i.erlangs, decimals: 2), agentsCell(i.erlangC.agents, fractional: fractional),
             agentsCell(i.erlangA.agents, fractional: fractional), waitCell(i.erlangC), .percent(i.erlangA.abandonFraction, decimals: 1)]
        }
        if !erlangAUsed { columns.removeLast(); rows = rows.map { Array($0.dropLast()) } }
        blocks.append(.table(Table(id: "intervals", title: "Advisers needed per \(s.intervalMinutes)-minute interval, average Monday–Friday",
                                   columns: columns, rows: rows, notes: [
            "Calls are the average offered in each interval over the \(Format.count(r.daysWithCalls)) days with phone calls that fall on a weekday; "
                + "load = calls × AHT (\(Format.number(r.ahtSeconds)) s) ÷ interval length. Agents are those logged in and taking calls, before shrinkage.",
        ])))
        if let n = s.agents {
            let rev = r.weekday.map { i -> [Cell] in
                guard let c = i.reverseC, let a = i.reverseA else { return [] }
                return [.text(i.label), .number(i.calls, decimals: 1), .percent(c.serviceLevel, decimals: 1), waitCell(c),
                        .percent(a.serviceLevel, decimals: 1), waitCell(a), .percent(a.abandonFraction, decimals: 1), .percent(a.occupancy, decimals: 1)]
            }
            blocks.append(.table(Table(id: "reverse", title: "With \(Format.count(n)) advisers taking calls",
                                       columns: [Column("interval", "Interval", .left), Column("calls", "Calls"),
                                                 Column("sl_erlang_c", "SL (Erlang C)"), Column("asa_erlang_c_s", "ASA C (s)"),
                                                 Column("sl_erlang_a", "SL (Erlang A)"), Column("asa_erlang_a_s", "ASA A (s)"),
                                                 Column("abandoned_erlang_a", "Abandoned (A)"), Column("occupancy_erlang_a", "Occupancy (A)")],
                                       rows: rev, notes: [
                "Service level is \(s.definition.formula), within \(Format.number(s.withinSeconds)) s. \"Unstable\" means calls arrive faster "
                    + "than \(Format.count(n)) advisers can handle them: under Erlang C the queue grows without limit.",
            ])))
        }
        if !r.months.isEmpty {
            blocks.append(.table(Table(id: "months", title: "FTE requirement by month",
                                       columns: [Column("month", "Month", .left), Column("calls", "Phone calls"),
                                                 Column("fte_erlang_c", "FTE (Erlang C)"), Column("fte_erlang_a", "FTE (Erlang A)")],
                                       rows: r.months.map { [.text(CivilTime.formatMonth($0.month)), .whole($0.calls),
                                                             .number($0.fteC, decimals: 1), .number($0.fteA, decimals: 1)] },
                                       notes: ["Each day of the data sized interval by interval; FTE = agent-hours in the month ÷ paid hours in the weeks "
                                               + "of that month the data covers ÷ (1 − shrinkage). A part month at either end is scaled to the days it covers."])))
        }

        if !r.weekday.isEmpty {
            // One quantity on the axis: advisers. The load in Erlangs is the number of advisers busy on average.
            let chart = SVGChart.lineChart(title: "Advisers busy and advisers needed by half hour, average weekday",
                                           xLabels: r.weekday.map(\.label),
                                           series: [SVGChart.Series("Busy on average (the load)", r.weekday.map(\.erlangs)),
                                                    SVGChart.Series("Needed, Erlang C (no one hangs up)", r.weekday.map { Double($0.erlangC.agents) }),
                                                    SVGChart.Series("Needed, Erlang A (with hang-ups)", r.weekday.map { Double($0.erlangA.agents) })],
                                           xTitle: "\(s.intervalMinutes)-minute interval starting at", yTitle: "Advisers on the phones")
            blocks.append(.figure(Figure(id: "capacity-demand", title: "Advisers busy and advisers needed by interval, average weekday",
                                         svg: chart.svg, description: chart.description, data: chart.data)))
        }
        if !r.curve.isEmpty {
            var target: (value: Double, label: String)?
            var yTitle = "Share of calls answered within \(Format.number(s.withinSeconds)) seconds (%)"
            if case .serviceLevel(let f, let t) = s.target {
                target = (f, "target " + Format.percent(f, decimals: 0))
                yTitle = "Share of calls answered within \(Format.number(t)) seconds (%)"
            }
            let chart = SVGChart.lineChart(title: "Service level against advisers in the busiest interval",
                                           xLabels: r.curve.map { String($0.agents) },
                                           series: [SVGChart.Series("Erlang C (no one hangs up)", r.curve.map(\.c)),
                                                    SVGChart.Series("Erlang A (with hang-ups)", r.curve.map(\.a))],
                                           xTitle: "Advisers on the phones in the busiest interval", yTitle: yTitle, target: target,
                                           format: { Format.percent($0, decimals: 0) })
            blocks.append(.figure(Figure(id: "capacity-sl-curve", title: "Service level against advisers in the busiest interval",
                                         svg: chart.svg, description: chart.description, data: chart.data)))
            blocks.append(.paragraph("Each extra adviser buys less service level than the one before: the curve flattens as it nears 100%."))
        }

        var values: [String: NamedValue] = [
            "fte_erlang_c": .fte(r.fteC), "fte_erlang_a": .fte(r.fteA),
            "posts_erlang_c": NamedValue(Staffing.wholePosts(r.fteC), display: Format.number(Staffing.wholePosts(r.fteC)) + " posts", unit: "posts"),
            "posts_erlang_a": NamedValue(Staffing.wholePosts(r.fteA), display: Format.number(Staffing.wholePosts(r.fteA)) + " posts", unit: "posts"),
            "aht_s": NamedValue(r.ahtSeconds, display: Format.number(r.ahtSeconds) + " s", unit: "s"),
            "shrinkage": .percent(s.shrinkage, decimals: 0),
        ]
        if let p = r.peak {
            values["peak_agents_c"] = NamedValue(p.erlangC.agents, display: Format.number(p.erlangC.agents, decimals: fractional ? 2 : 0) + " agents", unit: "agents")
            values["peak_agents_a"] = NamedValue(p.erlangA.agents, display: Format.number(p.erlangA.agents, decimals: fractional ? 2 : 0) + " agents", unit: "agents")
        }
        if let p = r.patienceSeconds { values["patience_s"] = NamedValue(p, display: Format.number(p) + " s", unit: "s") }
        if let g = r.gapC { values["gap_erlang_c"] = .percent(g) }
        if let g = r.gapA { values["gap_erlang_a"] = .percent(g) }

        let method = [
            "Offered load A (Erlangs) = calls offered in the interval × average handle time ÷ interval length; AHT is the mean handle time of answered phone calls (talk, hold and wrap).",
            "Erlang C (M/M/N): probability of waiting C from the Erlang B recursion B(0) = 1, B(k) = A·B(k−1) ÷ (k + A·B(k−1)), C = N·B ÷ (N − A·(1 − B)); service level SL(T) = 1 − C·e^(−(N−A)·T/AHT); ASA = C·AHT ÷ (N − A). N ≤ A is unstable and never meets a target (Cooper, Introduction to Queueing Theory, 1981).",
            "Erlang A (M/M/N+M: Palm 1943; Garnett, Mandelbaum and Reiman 2002): callers abandon after an exponential patience. Solved exactly from its birth–death chain (death rate N·μ + j·θ with j callers waiting), with the waiting-time distribution of Mandelbaum and Zeltyn (2007); no simulation.",
            "Service level definition: \(s.definition.formula). The three common definitions differ only when callers abandon.",
            "Patience: " + (r.patienceEstimated ? "the maximum-likelihood estimate for exponential patience, total time all callers waited ÷ number of abandoned calls (answered callers' waits count as patience at least that long; Brown et al. 2005)." : (r.patienceSeconds == nil ? "not estimable (no abandoned calls)." : (r.settings.patienceSource.map { $0 + ": the staff in each interval are those with which Erlang A gives the abandonment observed there, and the patience is the one (found by bisection) with which the modelled service level equals the measured one." } ?? "as given."))),
            "Agents required: the fewest whole agents that meet the target\(s.maxOccupancy != nil ? " and the occupancy cap" : ""), found by search from the smallest stable number (Erlang C) and downward from the Erlang C answer (Erlang A)"
                + (fractional ? "; with --fractional, interpolated between whole numbers to the point where the target is just met." : "."),
            "Scheduled FTE = agent-hours ÷ paid hours per FTE ÷ (1 − shrinkage), computed exactly on whole-percent shrinkage so 7 ÷ (1 − 30%) is 10, not 10.000…1; occupancy is already inside the Erlang agents (they include idle time), so it is not applied again.",
            "The typical week sizes each weekday's average profile; sizing an average underestimates a little on days busier than average, so the monthly table sizes every actual day.",
        ]
        return AnalysisReport(command: "capacity", title: "Phone capacity: advisers needed for \(target)", summary: summary,
                              blocks: blocks, values: values, assumptions: assumptions, method: method)
    }
}
