// Turns an AvoidableResult into the report a committee reads: four per-reason tables sharing one suppression grid.
import Foundation

public enum AvoidableReport {
    /// Columns of the suppression grid shared by every per-reason table, so a count hidden in one table is
    /// hidden in all of them and no table's figures can be combined with another's to recover it.
    enum G: Int, CaseIterable {
        case contacts, keyed, unkeyed, followed, sameReason, abandonedKeyed, recalled, digitalKeyed, digitalThenPhone
        case avoidable, tier0, tier1, tier2, tier3
    }

    static func gridRow(_ r: AvoidableResult.ReasonRow) -> [Int] {
        let s = r.signals
        return [r.stats.contacts, r.stats.keyed, r.unkeyed, s.followed, s.followedSameReason, s.abandonedKeyed,
                s.abandonedRecalled, s.digitalKeyed, s.digitalThenPhone, r.avoidable.avoidable] + r.avoidable.tiers
    }

    public static func build(_ res: AvoidableResult, windowLabel: String, threshold: Int, taxonomyFile: String?) -> AnalysisReport {
        let rows = res.reasons
        let counts = rows.map(gridRow)
        let hidden = mask(counts, keyColumn: G.contacts.rawValue,
                          rowTotals: [[G.contacts, .keyed, .unkeyed].map(\.rawValue),
                                      [G.avoidable, .tier0, .tier1, .tier2, .tier3].map(\.rawValue)],
                          threshold: threshold)
        let anyHidden = hidden.contains { $0.contains(true) }
        func count(_ r: Int, _ g: G) -> Cell { hidden[r][g.rawValue] ? .suppressed(below: threshold) : .count(counts[r][g.rawValue]) }
        /// A share shown only when neither its numerator nor its denominator is hidden.
        func rate(_ r: Int, _ num: G, _ den: G) -> Cell {
            let d = counts[r][den.rawValue]
            if hidden[r][num.rawValue] || hidden[r][den.rawValue] || d == 0 { return .empty }
            return .percent(Double(counts[r][num.rawValue]) / Double(d), decimals: 1)
        }
        let totalContacts = res.total.contacts
        let hours = { (s: Double) in s / 3600 }
        let suppressionNote = anyHidden ? [Suppression.note(threshold: threshold)] : []
        let window = windowWords(res.options.windowSeconds)

        // Main table.
        var main = Table(id: "reasons", title: "Avoidable contacts by reason", columns: [
            Column("line", "Service line", .left), Column("reason", "Reason", .left),
            Column("contacts", "Contacts"), Column("share_of_contacts", "Share of all"), Column("handle_hours", "Handle hours"),
            Column("demand", "Taxonomy class", .left), Column("self_serve", "Self-serve", .left),
            Column("repeat_rate", "Followed within \(window)"), Column("avoidable", "Avoidable"),
            Column("avoidable_share", "Avoidable share"), Column("avoidable_hours", "Avoidable hours"),
            Column("fte", "FTE"), Column("cost", "Cost"),
        ])
        for (i, r) in rows.enumerated() {
            let contactsHidden = hidden[i][G.contacts.rawValue], avoidHidden = hidden[i][G.avoidable.rawValue]
            main.rows.append([
                .text(r.code.line), .text(r.code.reason), count(i, .contacts),
                contactsHidden || totalContacts == 0 ? .empty : .percent(Double(r.stats.contacts) / Double(totalContacts), decimals: 1),
                contactsHidden ? .empty : .number(hours(Double(r.handleSeconds)), decimals: 0),
                .text(demandText(r.entry, hasTaxonomy: res.hasTaxonomy)), .text(r.entry?.selfServe.rawValue ?? "–"),
                rate(i, .followed, .keyed), count(i, .avoidable), rate(i, .avoidable, .contacts),
                avoidHidden ? .empty : .number(hours(r.avoidable.handleSeconds), decimals: 0),
                avoidHidden ? .empty : .number(res.fte(handleSeconds: r.avoidable.handleSeconds), decimals: 1),
                avoidHidden ? .empty : .money(r.avoidable.cost, decimals: 0),
            ])
        }
        let totalFTE = res.fte(handleSeconds: res.avoidable.handleSeconds)
        main.footer = [[
            .text("Total"), .text(""), .count(totalContacts), .percent(totalContacts > 0 ? 1 : 0, decimals: 1),
            .number(hours(Double(res.total.handleSum)), decimals: 0), .text(""), .text(""),
            res.signals.keyed > 0 ? .percent(Double(res.signals.followed) / Double(res.signals.keyed), decimals: 1) : .empty,
            .count(res.avoidable.avoidable),
            totalContacts > 0 ? .percent(Double(res.avoidable.avoidable) / Double(totalContacts), decimals: 1) : .empty,
            .number(hours(res.avoidable.handleSeconds), decimals: 0), .number(totalFTE, decimals: 1),
            .money(res.avoidable.cost, decimals: 0),
        ]]
        main.notes = ["Each contact counts once as avoidable, by the precedence in the method; avoidable hours are the handle time of the avoidable contacts, FTE is those hours over the period divided by an FTE's productive hours, and cost uses the assumed cost per contact of each channel."] + suppressionNote

        // Breakdown by tier.
        var breakdown = Table(id: "breakdown", title: "Why each avoidable contact counts (each contact once)", columns: [
            Column("line", "Service line", .left), Column("reason", "Reason", .left),
        ] + AvoidableTier.allCases.map { Column($0.id, $0.title) } + [
            Column("avoidable", "Avoidable"), Column("contacts", "Contacts"), Column("no_caller_key", "No caller key"),
        ])
        for (i, r) in rows.enumerated() {
            breakdown.rows.append([.text(r.code.line), .text(r.code.reason), count(i, .tier0), count(i, .tier1), count(i, .tier2),
                                   count(i, .tier3), count(i, .avoidable), count(i, .contacts), count(i, .unkeyed)])
        }
        breakdown.footer = [[.text("Total"), .text("")] + res.avoidable.tiers.map { .count($0) }
            + [.count(res.avoidable.avoidable), .count(totalContacts), .count(totalContacts - res.total.keyed)]]
        breakdown.notes = ["\"Phone after digital\" and \"Other repeat\" count the later contact of a pair from the same caller within \(window) (the one that would not have been needed); classified failure and self-serve count the remaining contacts of reasons the taxonomy marks so. Contacts without a caller key cannot be tested for repeats and are never guessed: they count only through their reason's classification."] + suppressionNote

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
        signals.notes = ["A keyed contact is followed when the same caller's next contact (any channel, ordered by start time then contact id) starts within \(window). Same reason: share of those repeats made for the same reason. Recalled: abandoned calls followed within \(window). Then phoned: webchat, email and web-form contacts whose caller's next contact was a phone call within \(window)."] + suppressionNote
        repeats.notes = ["Rows are sorted by line and reason in byte order, as the peer benchmark writes them, so `--format csv --table repeats --suppress 0` can be compared byte for byte."]
        // A cross-check for analysts (CSV and JSON); the committee reads the same counts in the signals table.
        repeats.inMarkdown = false

        let paretoBlocks = paretoSection(res, hidden: hidden, threshold: threshold)
        let channelTable = channelsTable(res, threshold: threshold, window: window)
        let pairsTable = pairsTable(res, threshold: threshold)
        let recallTable = recallTable(res, threshold: threshold)

        var blocks: [Block] = [.table(main)]
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
        var table = Table(id: "pareto", title: "Reasons ranked by avoidable contacts", columns: [
            Column("rank", "Rank"), Column("line", "Service line", .left), Column("reason", "Reason", .left),
            Column("avoidable", "Avoidable"), Column("share_of_avoidable", "Share"), Column("cumulative_share", "Cumulative"),
            Column("top_80", "In the 80% list", .left),
        ])
        // Once a row is hidden, later cumulative shares would reveal it: show none after the first hidden row.
        var revealed = true
        var chartLabels: [String] = [], chartValues: [Double] = []
        var hiddenSum = 0, hiddenRows = 0
        let total = Double(res.avoidable.avoidable)
        for (k, p) in ranked.enumerated() {
            let isHidden = rowIndex[p.row.wrap].map { hidden[$0][G.avoidable.rawValue] } ?? false
            if isHidden { revealed = false }
            let n = p.row.avoidable.avoidable
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
        table.notes = ["Reasons are ranked by avoidable contacts; the cumulative share is of all avoidable contacts. The first \(cut) of \(ranked.count) reasons cover at least 80% of them: the short list to fix first."]
            + (revealed ? [] : ["Shares of rows with hidden counts are not shown."])
        let chart = SVGChart.paretoChart(title: "Avoidable contacts by reason, largest first", labels: chartLabels, values: chartValues,
                                         valueTitle: "Avoidable contacts", categoryTitle: "Service line / reason")
        var blocks: [Block] = []
        let short = ranked.prefix(cut).map { label($0.row.code) }
        if !short.isEmpty {
            blocks.append(.paragraph("The short list covering 80% of avoidable contacts: " + short.joined(separator: "; ") + "."))
        }
        blocks.append(.table(table))
        blocks.append(.figure(Figure(id: "avoidable-pareto", title: "Avoidable contacts by reason, largest first, with the cumulative share",
                                     svg: chart.svg, description: chart.description, data: chart.data)))
        return blocks
    }

    static func channelsTable(_ res: AvoidableResult, threshold: Int, window: String) -> Table {
        let counts = res.channels.map { [$0.stats.contacts, $0.signals.keyed, $0.signals.followed, $0.signals.digitalThenPhone, $0.avoidable.avoidable] }
        let hidden = mask(counts, keyColumn: 0, rowTotals: [], threshold: threshold)
        var table = Table(id: "channels", title: "By channel", columns: [
            Column("channel", "Channel", .left), Column("contacts", "Contacts"), Column("keyed_contacts", "Keyed"),
            Column("repeat_rate", "Followed within \(window)"), Column("failed_digital_rate", "Then phoned"),
            Column("avoidable", "Avoidable"), Column("avoidable_hours", "Avoidable hours"), Column("cost", "Cost"),
        ])
        for (i, c) in res.channels.enumerated() where c.stats.contacts > 0 || c.signals.keyed > 0 {
            func cnt(_ j: Int) -> Cell { hidden[i][j] ? .suppressed(below: threshold) : .count(counts[i][j]) }
            func rt(_ n: Int, _ d: Int) -> Cell { hidden[i][n] || hidden[i][d] || counts[i][d] == 0 ? .empty : share(counts[i][n], counts[i][d]) }
            table.rows.append([.text(c.channel.name), cnt(0), cnt(1), rt(2, 1), c.channel.isDigital ? rt(3, 1) : .empty, cnt(4),
                               hidden[i][4] ? .empty : .number(c.avoidable.handleSeconds / 3600, decimals: 0),
                               hidden[i][4] ? .empty : (res.options.costPerContact[Int(c.channel.rawValue)] == nil ? .empty : .money(c.avoidable.cost, decimals: 0))])
        }
        table.notes = ["Repeat rates are by the channel of the earlier contact; avoidable contacts by their own channel. Cost is blank for a channel with no cost per contact assumed."]
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
        let a = res.avoidable
        func part(_ n: Int) -> String { "\(Format.count(n)) (\(Format.percent(Double(n) / Double(total))))" }
        var s: [String] = []
        s.append("Of \(Format.count(total)) contacts over \(res.periodDays) days, \(part(a.failure)) were failure demand that could have been avoided at source: repeats within \(window), phone calls after a digital attempt, or reasons classed as failure.")
        s.append("Their handle time, about \(Format.count(Int((a.failureHandleSeconds / 3600).rounded()))) hours, is \(Format.number(res.fte(handleSeconds: a.failureHandleSeconds), decimals: 1)) full-time staff over the period, and at the assumed cost per contact about \(Format.money(a.failureCost))" + uncosted(res) + ".")
        if a.tiers[3] > 0 {
            s.append("A further \(part(a.tiers[3])) were for reasons with a full or partial online route, so could have been done online (\(Format.number(res.fte(handleSeconds: a.tierHandleSeconds[3]), decimals: 1)) more full-time staff); together, counting each contact once, \(Format.percent(Double(a.avoidable) / Double(total))) of contacts need not have reached an adviser.")
        }
        if res.pareto80Count > 0 {
            s.append("\(res.pareto80Count) of \(res.pareto.count) " + (res.pareto80Count == 1 ? "reason accounts" : "reasons account") + " for 80% of the avoidable contacts.")
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

    /// " (email and webchat contacts carry no assumed cost)" when some channel with avoidable contacts has none.
    static func uncosted(_ res: AvoidableResult) -> String {
        let names = res.channels.filter { res.options.costPerContact[Int($0.channel.rawValue)] == nil && $0.avoidable.avoidable > 0 }.map(\.channel.name)
        guard !names.isEmpty else { return "" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return " (\(list) contacts carry no assumed cost, so are not in it)"
    }

    static func values(_ res: AvoidableResult) -> [String: NamedValue] {
        let t = res.total.contacts, a = res.avoidable, s = res.signals
        func frac(_ n: Int, _ d: Int) -> NamedValue { .percent(d > 0 ? Double(n) / Double(d) : 0) }
        var v: [String: NamedValue] = [
            "total_contacts": .count(t), "keyed_contacts": .count(res.total.keyed), "unkeyed_contacts": .count(t - res.total.keyed),
            "avoidable_contacts": .count(a.avoidable), "avoidable_share": frac(a.avoidable, t),
            "failure_contacts": .count(a.failure), "self_serve_contacts": .count(a.tiers[3]),
            "avoidable_hours": NamedValue(a.handleSeconds / 3600, display: Format.number(a.handleSeconds / 3600) + " hours", unit: "hours"),
            "total_fte": .fte(res.fte(handleSeconds: a.handleSeconds)), "total_cost": .money(a.cost),
            "failure_share": frac(a.failure, t), "failure_fte": .fte(res.fte(handleSeconds: a.failureHandleSeconds)),
            "failure_cost": .money(a.failureCost), "self_serve_share": frac(a.tiers[3], t),
            "self_serve_fte": .fte(res.fte(handleSeconds: a.tierHandleSeconds[3])),
            "followed_contacts": .count(s.followed), "repeat_rate": frac(s.followed, s.keyed),
            "same_reason_repeat_share": frac(s.followedSameReason, s.followed),
            "abandon_recall_rate": frac(s.abandonedRecalled, s.abandonedKeyed),
            "failed_digital_rate": frac(s.digitalThenPhone, s.digitalKeyed),
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
            "Repeat contact: for callers the system can recognise (contacts with a caller reference), each contact is compared with the same caller's next contact in time order; it counts as followed when that next contact starts no more than \(window) (\(Format.count(Int(res.options.windowSeconds))) seconds) later, by the clock times in the export with no adjustment for British Summer Time. Exactly \(window) counts; one second more does not. This is the same definition as the independent benchmark the tool is checked against.",
            "Avoidable total, each contact once, in this precedence: (1) phone after digital: a phone call whose caller's previous contact was a webchat, email or web form within \(window); (2) other repeat: any other contact whose caller's previous contact was within \(window); (3) classified failure: the remaining contacts of reasons the taxonomy classes as failure demand; (4) self-serve available: the remaining contacts of reasons with self_serve full or partial.",
            "Which contact of a repeat pair counts: the later one. Each followed contact has exactly one such successor, so the count equals the number of contacts followed (the per-reason repeat rates), but the later contact is the one that would not have been needed had the first resolved the matter, it is the one whose handle time would be saved, and a repeat that is also, say, a progress chase then counts once rather than twice. Phone after digital comes first because it is a subset of repeats: placed after them it would always be empty.",
            "Failure demand (tiers 1–3) should be removed at source; self-serve (tier 4) is demand that could move online, and counts every remaining contact of a reason with a full or partial online route, so for partial routes it is an upper bound. They are shown apart and never counted twice; the avoidable total adds them once each (failure demand after Seddon, Freedom from Command and Control, 2003).",
            "Contacts without a caller key cannot be tested for repeats and are never matched by guesswork; they count as avoidable only through their reason's classification, and are reported per reason.",
            "Abandon and recall: abandoned calls with a caller key followed by any contact within \(window); time to recall = next contact's start − the abandoned call's start; the median is the middle value (mean of the two middle values for an even count).",
            "Avoidable handle time is estimated per reason and channel as the avoidable contacts that were not abandoned calls × the mean handle time of that reason and channel (exact where a whole reason is avoidable). Hours = seconds ÷ 3,600.",
            "FTE = avoidable handle hours ÷ (productive hours per FTE × period in years), productive hours per FTE = paid hours × (1 − shrinkage) × occupancy, or the council's stated productive_hours (\(Format.number(res.options.productiveHours.perFTE, decimals: 0)) hours a year with the assumptions used); period = \(res.periodDays) calendar days from the first to the last contact ÷ 365. This is workload, not posts to delete: queueing makes staff savings at a fixed service level smaller than proportional in a small centre, and a centre missing its target banks the first reductions as better service (the capacity command models this).",
            "Cost = handled avoidable contacts × the assumed cost per contact of their channel, for the period of the data; channels with no cost assumed add nothing.",
            "Pareto: reasons ranked by avoidable contacts (ties by name); the short list is the fewest reasons from the top whose cumulative share reaches 80%.",
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
