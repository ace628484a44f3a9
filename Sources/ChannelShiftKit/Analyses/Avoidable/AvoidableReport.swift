// Turns an AvoidableResult into the report a committee reads: four per-reason tables sharing one suppression grid.
import Foundation

public enum AvoidableReport {
    /// Columns of the suppression grid shared by every per-reason table, so a count hidden in one table is
    /// hidden in all of them and no table's figures can be combined with another's to recover it.
    enum G: Int, CaseIterable {
        case contacts, keyed, unkeyed, followed, sameReason, abandonedKeyed, recalled, digitalKeyed, digitalThenPhone
        case handled, failure, failedDigital, sameReasonRepeat, classifiedFailure, followOn, selfServe, assisted, abandoned
    }

    static func gridRow(_ r: AvoidableResult.ReasonRow) -> [Int] {
        let s = r.signals, a = r.avoidable
        return [r.stats.contacts, r.stats.keyed, r.unkeyed, s.followed, s.followedSameReason, s.abandonedKeyed,
                s.abandonedRecalled, s.digitalKeyed, s.digitalThenPhone, r.handledContacts, a.failure,
                a[.failedDigital], a[.sameReasonRepeat], a[.classifiedFailure], a[.followOn], a[.selfServe], a[.assisted], a[.abandoned]]
    }

    static func column(_ t: AvoidableTier) -> G {
        switch t {
        case .failedDigital: return .failedDigital
        case .sameReasonRepeat: return .sameReasonRepeat
        case .classifiedFailure: return .classifiedFailure
        case .followOn: return .followOn
        case .selfServe: return .selfServe
        case .assisted: return .assisted
        case .abandoned: return .abandoned
        }
    }

    public static func build(_ res: AvoidableResult, windowLabel: String, threshold: Int, taxonomyFile: String?) -> AnalysisReport {
        let rows = res.reasons
        let counts = rows.map(gridRow)
        let hidden = mask(counts, keyColumn: G.contacts.rawValue,
                          rowTotals: [[G.contacts, .keyed, .unkeyed].map(\.rawValue),
                                      [G.contacts, .handled, .abandoned].map(\.rawValue),
                                      [G.failure, .failedDigital, .sameReasonRepeat, .classifiedFailure].map(\.rawValue)],
                          threshold: threshold)
        let anyHidden = hidden.contains { $0.contains(true) }
        func count(_ r: Int, _ g: G) -> Cell { hidden[r][g.rawValue] ? .suppressed(below: threshold) : .count(counts[r][g.rawValue]) }
        /// A share shown only when neither its numerator nor its denominator is hidden.
        func rate(_ r: Int, _ num: G, _ den: G) -> Cell {
            let d = counts[r][den.rawValue]
            if hidden[r][num.rawValue] || hidden[r][den.rawValue] || d == 0 { return .empty }
            return .percent(Double(counts[r][num.rawValue]) / Double(d), decimals: 1)
        }
        let hours = { (s: Double) in s / 3600 }
        let suppressionNote = anyHidden ? [Suppression.note(threshold: threshold)] : []
        let window = windowWords(res.options.windowSeconds)
        let handledTotal = res.handledContacts
        let a = res.avoidable

        // Headline: each tier once, strict and broad side by side, in handled contacts and hours.
        var headline = Table(id: "tiers", title: "Avoidable, follow-on, could self-serve, assisted and abandoned: each contact once", columns: [
            Column("measure", "What is counted", .left), Column("contacts", "Contacts"),
            Column("share_of_handled", "Share of handled contacts"), Column("handle_hours", "Handle hours"),
            Column("fte", "FTE over the period"), Column("cost", "Cost"),
        ])
        func headlineRow(_ name: String, _ n: Double, _ secs: Double, _ cost: Double, whole: Bool = true) -> [Cell] {
            [.text(name), whole ? .count(Int(n.rounded())) : .number(n, decimals: 0),
             handledTotal > 0 ? .percent(n / Double(handledTotal), decimals: 1) : .empty,
             .number(hours(secs), decimals: 0), .number(res.fte(handleSeconds: secs), decimals: 1), .money(cost, decimals: 0)]
        }
        headline.rows = [
            headlineRow("Failure demand removable at source, handled (strict avoidable)", Double(a.failure), a.failureHandleSeconds, a.failureCost),
            headlineRow("… plus follow-on contacts for another reason (broad avoidable)", Double(a.broad), a.broadHandleSeconds, a.broadCost),
            headlineRow("Value demand that could self-serve, phone and face to face (partial routes × \(Format.percent(res.options.partialShare, decimals: 0)))",
                        a.selfServeEstimate, a.tierHandleSeconds[AvoidableTier.selfServe.rawValue], a.tierCost[AvoidableTier.selfServe.rawValue], whole: false),
            headlineRow("Assisted digital: adviser completed an online transaction for the caller", Double(a[.assisted]),
                        a.tierHandleSeconds[AvoidableTier.assisted.rawValue], a.tierCost[AvoidableTier.assisted.rawValue]),
            [.text("Abandoned calls (lost demand, no handle time)"), .count(a[.abandoned]), .empty, .number(0, decimals: 0), .number(0, decimals: 1), .money(0, decimals: 0)],
        ]
        headline.footer = [[.text("Handled contacts (all contacts except abandoned calls)"), .count(handledTotal),
                            .percent(handledTotal > 0 ? 1 : 0, decimals: 1), .number(hours(Double(res.total.handleSum)), decimals: 0),
                            .number(res.fte(handleSeconds: Double(res.total.handleSum)), decimals: 1), .empty]]
        headline.notes = ["Strict avoidable is the headline: handled contacts that are failure demand (a same-reason repeat within \(window), a phone call after a digital contact for the same reason, or a reason the taxonomy classes as failure). Broad adds contacts that followed a handled contact for a different reason within \(window) (often the next step of a request, so not failure by default). Could self-serve is shiftable demand, not avoidable, and is never added to either. Assisted-digital contacts are the support people who cannot self-serve still need: neither avoidable nor shiftable. Abandoned calls carry no handle time: the caller's next contact is the work, counted once."]

        // Per reason.
        var main = Table(id: "reasons", title: "Failure demand and could self-serve by reason (handled contacts)", columns: [
            Column("line", "Service line", .left), Column("reason", "Reason", .left),
            Column("contacts", "Contacts"), Column("handled_contacts", "Handled"),
            Column("demand", "Taxonomy class", .left), Column("self_serve", "Online route", .left),
            Column("failure_contacts", "Failure demand (handled)"), Column("failure_share_of_handled", "Share of handled"),
            Column("failure_hours", "Failure hours"), Column("failure_fte", "Failure FTE"), Column("failure_cost", "Failure cost"),
            Column("follow_on", "Follow-on"), Column("self_serve_estimate", "Could self-serve"), Column("abandoned_calls", "Abandoned calls"),
        ])
        for (i, r) in rows.enumerated() {
            let failHidden = hidden[i][G.failure.rawValue], ssHidden = hidden[i][G.selfServe.rawValue]
            main.rows.append([
                .text(r.code.line), .text(r.code.reason), count(i, .contacts), count(i, .handled),
                .text(demandText(r.entry, hasTaxonomy: res.hasTaxonomy)), .text(r.entry?.selfServe.rawValue ?? "–"),
                count(i, .failure), rate(i, .failure, .handled),
                failHidden ? .empty : .number(hours(r.avoidable.failureHandleSeconds), decimals: 0),
                failHidden ? .empty : .number(res.fte(handleSeconds: r.avoidable.failureHandleSeconds), decimals: 1),
                failHidden ? .empty : .money(r.avoidable.failureCost, decimals: 0),
                count(i, .followOn),
                ssHidden ? .suppressed(below: threshold) : .number(r.avoidable.selfServeEstimate, decimals: 0),
                count(i, .abandoned),
            ])
        }
        main.footer = [[
            .text("Total"), .text(""), .count(res.total.contacts), .count(handledTotal), .text(""), .text(""),
            .count(a.failure), handledTotal > 0 ? .percent(Double(a.failure) / Double(handledTotal), decimals: 1) : .empty,
            .number(hours(a.failureHandleSeconds), decimals: 0), .number(res.fte(handleSeconds: a.failureHandleSeconds), decimals: 1),
            .money(a.failureCost, decimals: 0), .count(a[.followOn]), .number(a.selfServeEstimate, decimals: 0), .count(a[.abandoned]),
        ]]
        main.notes = ["Failure demand counts handled contacts only (abandoned calls have no handle time); hours are those contacts × the mean handle time of their reason and channel, FTE is hours over the period ÷ an FTE's productive hours, cost uses the assumed cost per contact of each channel" + uncosted(res) + ". Could self-serve counts phone and face-to-face contacts of value reasons with an online route, partial routes × \(Format.percent(res.options.partialShare, decimals: 0)) (self_serve.partial_share); contacts already made online are not counted."] + suppressionNote

        // Breakdown by tier.
        var breakdown = Table(id: "breakdown", title: "Where each contact counts (each contact once)", columns: [
            Column("line", "Service line", .left), Column("reason", "Reason", .left),
        ] + AvoidableTier.allCases.map { Column($0.id, $0.title) } + [
            Column("contacts", "Contacts"), Column("no_caller_key", "No caller key"),
        ])
        for (i, r) in rows.enumerated() {
            breakdown.rows.append([.text(r.code.line), .text(r.code.reason)] + AvoidableTier.allCases.map { count(i, column($0)) }
                                  + [count(i, .contacts), count(i, .unkeyed)])
        }
        breakdown.footer = [[.text("Total"), .text("")] + a.tiers.map { .count($0) }
            + [.count(res.total.contacts), .count(res.total.contacts - res.total.keyed)]]
        breakdown.notes = ["Same-reason repeats and phone after digital count the later of two handled contacts from the same caller within \(window) (the one that would not have been needed); an abandoned call in between is skipped, so a recall after an abandon is one piece of work. Follow-on counts the later contact when the reason differs, in reasons not classed as failure. Could self-serve here counts contacts whole (partial routes are weighted in the totals above). Contacts without a caller key cannot be tested for repeats and are never guessed: they count only through their reason's classification."] + suppressionNote

        // Measured signals per reason, including the table that must match the peer benchmark's query b.
        var signals = Table(id: "signals", title: "Measured repeat, recall and failed digital by reason", columns: [
            Column("line", "Service line", .left), Column("reason", "Reason", .left),
            Column("keyed_contacts", "Keyed contacts"), Column("followed", "Followed within \(window)"),
            Column("repeat_rate", "Repeat rate"), Column("same_reason_share", "Same reason"),
            Column("abandoned_keyed", "Abandoned calls"), Column("recall_rate", "Recalled"),
            Column("digital_keyed", "Digital contacts"), Column("failed_digital_rate", "Then phoned"),
        ])
        var repeats = Table(id: "repeats", title: "Keyed contacts followed within \(window) (the peer benchmark's query b)", columns: [
            Column("line", "Service line", .left), Column("reason", "Reason", .left),
            Column("keyed_contacts", "Keyed contacts"), Column("followed_within_\(windowLabel)", "Followed within \(window)"),
        ])
        for (i, r) in rows.enumerated() where r.stats.keyed > 0 || r.signals.keyed > 0 {
            signals.rows.append([.text(r.code.line), .text(r.code.reason), count(i, .keyed), count(i, .followed),
                                 rate(i, .followed, .keyed), rate(i, .sameReason, .followed), count(i, .abandonedKeyed),
                                 rate(i, .recalled, .abandonedKeyed), count(i, .digitalKeyed), rate(i, .digitalThenPhone, .digitalKeyed)])
            repeats.rows.append([.text(r.code.line), .text(r.code.reason), count(i, .keyed), count(i, .followed)])
        }
        let t = res.signals
        signals.footer = [[.text("Total"), .text(""), .count(t.keyed), .count(t.followed), share(t.followed, t.keyed),
                           share(t.followedSameReason, t.followed), .count(t.abandonedKeyed), share(t.abandonedRecalled, t.abandonedKeyed),
                           .count(t.digitalKeyed), share(t.digitalThenPhone, t.digitalKeyed)]]
        signals.notes = ["A keyed contact is followed when the same caller's next contact (any channel, ordered by start time then contact id) starts within \(window), whatever its outcome: these are measured signals, not the tiers above. Same reason: share of those repeats made for the same reason. Recalled: abandoned calls followed within \(window). Then phoned: webchat, email and web-form contacts whose caller's next contact was a phone call within \(window), for any reason."] + suppressionNote
        repeats.notes = ["Rows are sorted by line and reason in byte order, as the peer benchmark writes them, so `--format csv --table repeats --suppress 0` can be compared byte for byte."]
        // A cross-check for analysts (CSV and JSON); the committee reads the same counts in the signals table.
        repeats.inMarkdown = false

        let paretoBlocks = paretoSection(res, hidden: hidden, threshold: threshold)
        let channelTable = channelsTable(res, threshold: threshold, window: window)
        let pairsTable = pairsTable(res, threshold: threshold)
        let recallTable = recallTable(res, threshold: threshold)

        var blocks: [Block] = [.table(headline), .table(main)]
        blocks += paretoBlocks
        blocks += [.table(breakdown), .table(signals), .table(channelTable), .table(pairsTable), .table(recallTable), .table(repeats)]

        return AnalysisReport(command: "avoidable", title: "Avoidable demand by call reason",
                              summary: summary(res, window: window), blocks: blocks,
                              values: values(res), method: method(res, window: window, taxonomyFile: taxonomyFile))
    }

    /// A whole duration in words: 604800 → "7 days", 7200 → "2 hours", 300 → "5 minutes", 90 → "90 seconds", 0 → "0".
    static func windowWords(_ s: Int64) -> String {
        func unit(_ n: Int64, _ w: String) -> String { "\(n) \(w)" + (n == 1 ? "" : "s") }
        if s == 0 { return "0" }
        if s % 86_400 == 0 { return unit(s / 86_400, "day") }
        if s % 3_600 == 0 { return unit(s / 3_600, "hour") }
        if s % 60 == 0 { return unit(s / 60, "minute") }
        return unit(s, "second")
    }

    /// Suppression over a row-major grid whose every column has a published total (`Suppression.hidden`),
    /// with `rowTotals` column sets [total, parts...] that add up in each row. Returns hidden[row][column].
    static func mask(_ counts: [[Int]], keyColumn: Int, rowTotals: [[Int]], threshold: Int) -> [[Bool]] {
        guard let width = counts.first?.count else { return [] }
        let columns = (0..<width).map { c in counts.map { $0[c] } }
        let h = Suppression.hidden(columns: columns, keyColumn: keyColumn, rowTotals: rowTotals,
                                      relations: [Array(counts.indices)], threshold: threshold)
        return counts.indices.map { r in (0..<width).map { h[$0][r] } }
    }

    static func share(_ n: Int, _ d: Int) -> Cell { d > 0 ? .percent(Double(n) / Double(d), decimals: 1) : .empty }

    static func demandText(_ e: TaxonomyEntry?, hasTaxonomy: Bool) -> String {
        guard let e else { return hasTaxonomy ? "not in taxonomy" : "–" }
        return e.demandClass == .failure ? "failure: " + e.failureType.rawValue : e.demandClass.rawValue
    }

    static func label(_ c: WrapCode) -> String { c.line + " / " + c.reason }

    static func paretoSection(_ res: AvoidableResult, hidden: [[Bool]], threshold: Int) -> [Block] {
        let ranked = res.pareto
        let rowIndex = Dictionary(uniqueKeysWithValues: res.reasons.enumerated().map { ($1.wrap, $0) })
        let cut = res.pareto80Count
        var table = Table(id: "pareto", title: "Reasons ranked by failure demand (handled contacts)", columns: [
            Column("rank", "Rank"), Column("line", "Service line", .left), Column("reason", "Reason", .left),
            Column("failure_contacts", "Failure demand"), Column("share_of_failure", "Share"), Column("cumulative_share", "Cumulative"),
            Column("top_80", "In the 80% list", .left),
        ])
        // Once a row is hidden, later cumulative shares would reveal it: show none after the first hidden row.
        var revealed = true
        var chartLabels: [String] = [], chartValues: [Double] = []
        var hiddenSum = 0, hiddenRows = 0
        let total = Double(res.avoidable.failure)
        for (k, p) in ranked.enumerated() {
            let isHidden = rowIndex[p.row.wrap].map { hidden[$0][G.failure.rawValue] } ?? false
            if isHidden { revealed = false }
            let n = p.row.avoidable.failure
            table.rows.append([
                .integer(k + 1), .text(p.row.code.line), .text(p.row.code.reason),
                isHidden ? .suppressed(below: threshold) : .count(n),
                isHidden ? .empty : .percent(Double(n) / total, decimals: 1),
                revealed ? .percent(p.cumulativeShare, decimals: 1) : .empty,
                .text(k < cut ? "yes" : ""),
            ])
            if isHidden { hiddenSum += n; hiddenRows += 1 } else { chartLabels.append(label(p.row.code)); chartValues.append(Double(n)) }
        }
        if hiddenRows > 0 && !Suppression.hides(hiddenSum, threshold: threshold) {
            chartLabels.append("\(hiddenRows) smaller reasons"); chartValues.append(Double(hiddenSum))
        }
        table.notes = ["Reasons are ranked by failure demand removable at source (handled contacts); the cumulative share is of all such contacts. The first \(cut) of \(ranked.count) reasons cover at least 80% of them: the short list to fix first."]
            + (revealed ? [] : ["Shares of rows with hidden counts are not shown."])
        let chart = SVGChart.paretoChart(title: "Failure demand by reason, largest first", labels: chartLabels, values: chartValues,
                                         valueTitle: "Failure demand (handled contacts)", categoryTitle: "Service line / reason")
        var blocks: [Block] = []
        let short = ranked.prefix(cut).map { label($0.row.code) }
        if !short.isEmpty {
            blocks.append(.paragraph("The short list covering 80% of failure demand: " + short.joined(separator: "; ") + "."))
        }
        blocks.append(.table(table))
        blocks.append(.figure(Figure(id: "avoidable-pareto", title: "Failure demand (handled contacts) by reason, largest first, with the cumulative share",
                                     svg: chart.svg, description: chart.description, data: chart.data)))
        return blocks
    }

    static func channelsTable(_ res: AvoidableResult, threshold: Int, window: String) -> Table {
        let counts = res.channels.map { [$0.stats.contacts, $0.signals.keyed, $0.signals.followed, $0.signals.digitalThenPhone, $0.avoidable.failure] }
        let hidden = mask(counts, keyColumn: 0, rowTotals: [], threshold: threshold)
        var table = Table(id: "channels", title: "By channel", columns: [
            Column("channel", "Channel", .left), Column("contacts", "Contacts"), Column("keyed_contacts", "Keyed"),
            Column("repeat_rate", "Followed within \(window)"), Column("failed_digital_rate", "Then phoned"),
            Column("failure_contacts", "Failure demand (handled)"), Column("failure_hours", "Failure hours"), Column("failure_cost", "Failure cost"),
        ])
        for (i, c) in res.channels.enumerated() where c.stats.contacts > 0 || c.signals.keyed > 0 {
            func cnt(_ j: Int) -> Cell { hidden[i][j] ? .suppressed(below: threshold) : .count(counts[i][j]) }
            func rt(_ n: Int, _ d: Int) -> Cell { hidden[i][n] || hidden[i][d] || counts[i][d] == 0 ? .empty : share(counts[i][n], counts[i][d]) }
            table.rows.append([.text(c.channel.name), cnt(0), cnt(1), rt(2, 1), c.channel.isDigital ? rt(3, 1) : .empty, cnt(4),
                               hidden[i][4] ? .empty : .number(c.avoidable.failureHandleSeconds / 3600, decimals: 0),
                               hidden[i][4] ? .empty : (res.options.costPerContact[Int(c.channel.rawValue)] == nil ? .empty : .money(c.avoidable.failureCost, decimals: 0))])
        }
        table.notes = ["Repeat rates are by the channel of the earlier contact; failure demand by its own channel. Cost is blank for a channel with no cost per contact assumed."]
        return table
    }

    static func pairsTable(_ res: AvoidableResult, threshold: Int) -> Table {
        // All pairs are shown when there are few: then a column total exists and secondary suppression applies.
        let mask = res.pairs.count == res.pairCount ? Suppression.mask(res.pairs.map(\.count), threshold: threshold)
                                                   : res.pairs.map { Suppression.hides($0.count, threshold: threshold) }
        var table = Table(id: "repeat_pairs", title: "Most common repeat pairs (reason → reason of the repeat)", columns: [
            Column("from_line", "From line", .left), Column("from_reason", "From reason", .left),
            Column("to_line", "Repeat line", .left), Column("to_reason", "Repeat reason", .left),
            Column("repeats", "Repeats"), Column("share_of_repeats", "Share of repeats"),
        ])
        for (p, h) in zip(res.pairs, mask) {
            table.rows.append([.text(p.from.line), .text(p.from.reason), .text(p.to.line), .text(p.to.reason),
                               h ? .suppressed(below: threshold) : .count(p.count),
                               h ? .empty : share(p.count, res.signals.followed)])
        }
        table.notes = ["The \(res.pairs.count) most common of \(Format.count(res.pairCount)) (reason, reason of the repeat) pairs; a pair with the same reason twice is the same need raised again."]
        return table
    }

    static func recallTable(_ res: AvoidableResult, threshold: Int) -> Table {
        let counts = res.recallBuckets.map(\.count)
        let mask = Suppression.mask(counts, threshold: threshold)
        let total = counts.reduce(0, +)
        var table = Table(id: "recall_time", title: "Time from an abandoned call to the caller's next contact", columns: [
            Column("from", "From", .left), Column("to", "Up to", .left), Column("recalls", "Recalls"), Column("share", "Share"),
        ])
        for (b, h) in zip(res.recallBuckets, mask) {
            table.rows.append([.text(windowWords(b.lowerSeconds)), .text(windowWords(b.upperSeconds)),
                               h ? .suppressed(below: threshold) : .count(b.count), h ? .empty : share(b.count, total)])
        }
        table.footer = [[.text("Total"), .text(""), .count(total), share(total, total)]]
        let median = res.medianRecallSeconds.map { "The median time to recall is \(approximate(seconds: $0))." } ?? "No abandoned call was recalled within the window."
        table.notes = [median + " A recall is the same caller's next contact on any channel."]
        return table
    }

    /// A measured duration for prose: "45 s", "11.8 min", "3.2 hours", "2.5 days".
    static func approximate(seconds s: Double) -> String {
        if s < 60 { return Format.number(s, decimals: 0) + " s" }
        if s < 3_600 { return Format.number(s / 60, decimals: 1) + " min" }
        if s < 86_400 { return Format.number(s / 3_600, decimals: 1) + " hours" }
        return Format.number(s / 86_400, decimals: 1) + " days"
    }

    static func summary(_ res: AvoidableResult, window: String) -> [String] {
        let total = res.total.contacts
        guard total > 0 else { return ["The data holds no contacts, so nothing can be said about avoidable demand."] }
        let a = res.avoidable, handled = res.handledContacts
        func part(_ n: Double) -> String { "\(Format.count(Int(n.rounded()))) (\(Format.percent(handled > 0 ? n / Double(handled) : 0)) of handled contacts)" }
        func hoursText(_ secs: Double) -> String { "\(Format.count(Int((secs / 3600).rounded()))) hours, \(Format.number(res.fte(handleSeconds: secs), decimals: 1)) FTE over the period" }
        var s: [String] = []
        s.append("Of \(Format.count(total)) contacts over \(res.periodDays) days, \(Format.count(handled)) were handled and \(Format.count(a[.abandoned])) were abandoned calls (lost demand with no handle time; the caller's next contact is the work, counted once).")
        s.append("Strict: \(part(Double(a.failure))) handled contacts were failure demand that could be removed at source (a same-reason repeat within \(window), a phone call after a digital contact for the same reason, or a reason classed as failure): \(hoursText(a.failureHandleSeconds)), about \(Format.money(a.failureCost)) at the assumed cost per contact" + uncosted(res) + ".")
        if a[.followOn] > 0 {
            s.append("Broad: counting also the \(Format.count(a[.followOn])) follow-on contacts for a different reason within \(window), \(part(Double(a.broad))): \(hoursText(a.broadHandleSeconds)). Follow-ons are often the next step of a request, so the strict figure is the one to plan on.")
        }
        if a.selfServeEstimate > 0 {
            s.append("Separately, \(part(a.selfServeEstimate)) phone and face-to-face contacts were value demand that could have been done online (partial routes counted at \(Format.percent(res.options.partialShare, decimals: 0))): \(hoursText(a.tierHandleSeconds[AvoidableTier.selfServe.rawValue])). This is shiftable, not avoidable, and is not added to the figures above.")
        }
        if a[.assisted] > 0 {
            s.append("\(Format.count(a[.assisted])) contacts were assisted digital (an adviser completed an online transaction for the caller, \(Format.count(res.total.assistedFull)) in full and \(Format.count(res.total.assistedPart)) in part): \(hoursText(a.tierHandleSeconds[AvoidableTier.assisted.rawValue])), the support people who cannot self-serve still need, counted as neither avoidable nor shiftable.")
        }
        if res.pareto80Count > 0 {
            s.append("\(res.pareto80Count) of \(res.pareto.count) " + (res.pareto80Count == 1 ? "reason accounts" : "reasons account") + " for 80% of the failure demand.")
        }
        if res.signals.keyed > 0 {
            var m = "\(Format.percent(Double(res.signals.followed) / Double(res.signals.keyed))) of contacts with a caller key were followed by another from the same caller within \(window)"
            if res.signals.abandonedKeyed > 0 {
                m += ", as were \(Format.percent(Double(res.signals.abandonedRecalled) / Double(res.signals.abandonedKeyed))) of abandoned calls"
            }
            s.append(m + ".")
        }
        let unkeyed = total - res.total.keyed
        if unkeyed > 0 {
            s.append("\(Format.count(unkeyed)) contact\(unkeyed == 1 ? "" : "s") (\(Format.percent(Double(unkeyed) / Double(total)))) had no caller key, so whether they were repeats is unknown.")
        }
        return s
    }

    /// " (email and webchat contacts carry no assumed cost)" when some channel with failure demand has none.
    static func uncosted(_ res: AvoidableResult) -> String {
        let names = res.channels.filter { res.options.costPerContact[Int($0.channel.rawValue)] == nil && $0.avoidable.failure > 0 }.map(\.channel.name)
        guard !names.isEmpty else { return "" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        return " (\(list) contacts carry no assumed cost, so are not in it)"
    }

    /// Inline values for notebooks. Names kept from earlier versions now carry the strict definitions:
    /// `failure_*` and `avoidable_*` are failure demand removable at source in handled contacts; `self_serve_*` is
    /// weighted by the partial share and excludes digital contacts. `*_share` is of all contacts, as before (so
    /// "of N contacts, X%" reads true); `*_share_of_handled` is of handled contacts, the base the report's tables use.
    static func values(_ res: AvoidableResult) -> [String: NamedValue] {
        let t = res.total.contacts, a = res.avoidable, s = res.signals, h = res.handledContacts
        func frac(_ n: Double, _ d: Int) -> NamedValue { .percent(d > 0 ? n / Double(d) : 0) }
        func hrs(_ secs: Double) -> NamedValue { NamedValue(secs / 3600, display: Format.number(secs / 3600) + " hours", unit: "hours") }
        let ss = AvoidableTier.selfServe.rawValue, asd = AvoidableTier.assisted.rawValue
        var v: [String: NamedValue] = [
            "total_contacts": .count(t), "keyed_contacts": .count(res.total.keyed), "unkeyed_contacts": .count(t - res.total.keyed),
            "handled_contacts": .count(h),
            "failure_contacts": .count(a.failure), "failure_share": frac(Double(a.failure), t),
            "failure_share_of_handled": frac(Double(a.failure), h), "failure_hours": hrs(a.failureHandleSeconds),
            "failure_fte": .fte(res.fte(handleSeconds: a.failureHandleSeconds)), "failure_cost": .money(a.failureCost),
            "avoidable_contacts": .count(a.failure), "avoidable_share": frac(Double(a.failure), t), "avoidable_hours": hrs(a.failureHandleSeconds),
            "total_fte": .fte(res.fte(handleSeconds: a.failureHandleSeconds)), "total_cost": .money(a.failureCost),
            "broad_contacts": .count(a.broad), "broad_share": frac(Double(a.broad), t), "broad_share_of_handled": frac(Double(a.broad), h),
            "broad_hours": hrs(a.broadHandleSeconds),
            "broad_fte": .fte(res.fte(handleSeconds: a.broadHandleSeconds)), "broad_cost": .money(a.broadCost),
            "follow_on_contacts": .count(a[.followOn]), "follow_on_share": frac(Double(a[.followOn]), t),
            "self_serve_contacts": .count(Int(a.selfServeEstimate.rounded())), "self_serve_share": frac(a.selfServeEstimate, t),
            "self_serve_share_of_handled": frac(a.selfServeEstimate, h),
            "self_serve_hours": hrs(a.tierHandleSeconds[ss]), "self_serve_fte": .fte(res.fte(handleSeconds: a.tierHandleSeconds[ss])),
            "self_serve_partial_share": .percent(res.options.partialShare, decimals: 0),
            "assisted_contacts": .count(a[.assisted]), "assisted_hours": hrs(a.tierHandleSeconds[asd]),
            "assisted_fte": .fte(res.fte(handleSeconds: a.tierHandleSeconds[asd])), "assisted_cost": .money(a.tierCost[asd]),
            "abandoned_calls": .count(a[.abandoned], unit: "calls"), "abandoned_share": frac(Double(a[.abandoned]), t),
            "followed_contacts": .count(s.followed), "repeat_rate": frac(Double(s.followed), s.keyed),
            "same_reason_repeat_share": frac(Double(s.followedSameReason), s.followed),
            "abandon_recall_rate": frac(Double(s.abandonedRecalled), s.abandonedKeyed),
            "failed_digital_rate": frac(Double(s.digitalThenPhone), s.digitalKeyed),
            "pareto_80_reasons": .count(res.pareto80Count, unit: "reasons"),
            "period_days": .count(res.periodDays, unit: "days"),
            // The divisor of every FTE figure, exact in JSON (the Method text rounds it for people).
            "productive_hours_per_fte": NamedValue(res.options.productiveHours.perFTE,
                                                   display: Format.number(res.options.productiveHours.perFTE) + " hours a year", unit: "hours"),
        ]
        for tier in AvoidableTier.allCases { v["avoidable_" + tier.id] = .count(a.tiers[tier.rawValue]) }
        if let m = res.medianRecallSeconds {
            v["median_recall_minutes"] = NamedValue(m / 60, display: Format.number(m / 60, decimals: 0) + " min", unit: "min")
        }
        return v
    }

    static func method(_ res: AvoidableResult, window: String, taxonomyFile: String?) -> [String] {
        var m = [
            "Repeat contact: for callers the system can recognise (contacts with a caller reference), each contact is compared with the same caller's next contact in time order; it counts as followed when that next contact starts no more than \(window) (\(Format.count(Int(res.options.windowSeconds))) seconds) later, by the clock times in the export with no adjustment for British Summer Time. Exactly \(window) counts; one second more does not. This is the same definition as the independent benchmark the tool is checked against. These measured rates are signals; the tiers below use handled contacts only.",
            "Tiers, each contact in at most one, in this precedence: (1) abandoned calls: lost demand, with no handle time; (2) assisted digital: an adviser completed an online transaction for the caller (outcome assisted_full or assisted_part), neither avoidable nor shiftable; (3) phone after digital, same reason: a handled phone call whose caller's previous handled contact within \(window) was a webchat, email or web form for the same reason; (4) same-reason repeat: a handled contact whose caller's previous handled contact within \(window) was for the same reason; (5) classified failure: the other handled contacts of reasons the taxonomy classes as failure demand; (6) follow-on: a handled contact whose caller's previous handled contact within \(window) was for a different reason, in a reason not classed as failure; (7) could self-serve: the other phone and face-to-face contacts of value reasons with an online route.",
            "Strict avoidable (the headline) is tiers 3–5: failure demand removable at source, in handled contacts and their handle time (failure demand after Seddon, Freedom from Command and Control, 2003). Broad adds the follow-on contacts. Could self-serve is shiftable demand, reported apart and never added to avoidable (avoidable demand should be removed at source; shiftable demand moves to a cheaper channel). Shares in these tables are of handled contacts (every contact except abandoned calls), the work the contact centre does; a paper's inline failure_share, broad_share and self_serve_share are of all contacts, and the _share_of_handled values of handled contacts.",
            "Abandoned calls and recalls: an abandoned call carries no handle time, so it never adds avoidable hours. When comparing a contact with the caller's previous one, abandoned calls are skipped: a recall after an abandon is compared with the last handled contact, so the abandon and its recall are one piece of work, counted once.",
            "Which contact of a repeat pair counts: the later one: it is the one that would not have been needed had the first resolved the matter, and the one whose handle time would be saved.",
            "Could self-serve: full online routes count every remaining phone and face-to-face contact of the reason; partial routes count × self_serve.partial_share = \(Format.percent(res.options.partialShare, decimals: 0)) (a partial route serves only some of the reason's requests); contacts already made by webchat, email or web form are not counted, since they are already online.",
            "Contacts without a caller key cannot be tested for repeats and are never matched by guesswork; they count only through their reason's classification, and are reported per reason.",
            "Abandon and recall: abandoned calls with a caller key followed by any contact within \(window); time to recall = next contact's start − the abandoned call's start; the median is the middle value (mean of the two middle values for an even count).",
            "Handle time per tier is estimated per reason and channel as the tier's contacts × the mean handle time of that reason and channel's handled contacts (exact where a whole reason falls in one tier); assisted-digital contacts carry their own recorded handle time. Hours = seconds ÷ 3,600.",
            "FTE = handle hours ÷ (productive hours per FTE × period in years), productive hours per FTE = paid hours × (1 − shrinkage) × occupancy, or the council's stated productive_hours (\(Format.number(res.options.productiveHours.perFTE, decimals: 0)) hours a year with the assumptions used); period = \(res.periodDays) calendar days from the first to the last contact ÷ 365. This is workload, not posts to delete: queueing makes staff savings at a fixed service level smaller than proportional in a small centre, and a centre missing its target banks the first reductions as better service (the capacity command models this).",
            "Cost = contacts in the tier × the assumed cost per contact of their channel, for the period of the data; channels with no cost assumed add nothing; abandoned calls cost nothing.",
            "Pareto: reasons ranked by failure demand in handled contacts (ties by name); the short list is the fewest reasons from the top whose cumulative share reaches 80%.",
            "Suppression: counts below the threshold are hidden per reason in every table alike, with secondary suppression so no hidden count can be recovered from a column total or from a row's parts; shares of hidden counts are not shown; totals include every contact. Caller keys never appear.",
        ]
        if let taxonomyFile {
            m.append("Taxonomy: \(taxonomyFile) (demand_class, failure_type, self_serve).")
            if !res.missingFromTaxonomy.isEmpty {
                m.append("\(res.missingFromTaxonomy.count) reasons in the data are not in the taxonomy, so they have no classified failure or self-serve contacts: " + res.missingFromTaxonomy.map(label).joined(separator: "; ") + ".")
            }
        } else {
            m.append("No taxonomy was given (--taxonomy), so only measured repeats count as avoidable: classified failure and self-serve are zero.")
        }
        return m
    }
}
