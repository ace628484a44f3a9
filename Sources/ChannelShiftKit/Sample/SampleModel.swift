// The calibrated behaviour of the synthetic contact centre: volumes, clocks, waits, repeats, email on file.
//
// Calibration targets (issue 3, ../shared/DOMAIN.md, ../shared/bench/README.md):
// - ≈35,000 phone calls offered a month at the default 230,000 rows over July–November 2022, ≈12% abandoned;
// - channel mix phone ≈77%, email ≈8.5%, web form ≈6.6%, webchat ≈6.5%, face to face ≈1.9% (bench README);
// - Zipf-like reason volumes over the taxonomy's row order (Missed Collection ≈24% once repeats are in);
// - repeat contact within 7 days for ≈23% of keyed contacts, higher for failure demand; abandoners recall
//   at 85% (a county council found 87% within 7 days), most within the hour;
// - 31% of webchats moved to phone at the same council: here 22% of webchats and 10% of web forms are
//   followed by a phone call about the same reason (the rest of that council's movement is in the
//   ordinary repeat rate);
// - no email on file 23–35% by reason (the range the council published by call reason). Its 40.7% overall
//   figure includes reasons it did not show; we calibrate to the by-reason range, so the sample's overall
//   share is ≈28% of contacts with a known answer.
import Foundation

/// Seed-independent parameters derived from the taxonomy: the same taxonomy gives the same model.
struct SampleModel: Sendable {
    let codes: [WrapCode]
    let volume: CumulativeWeights         // first-contact reason choice, Zipf 1/rank over file order
    let followRate: [Double]               // chance a handled contact is followed by another (any delay)
    let noEmailShare: [Double]             // share of callers with no email on file, by reason
    let handleMultiplier: [Double]         // reason-specific handle-time scale
    /// Value reasons with an online route (self-serve full or partial): the ones an adviser can complete online
    /// for the caller (assisted digital). Nil for the rest.
    let assistRoute: [SelfServe?]

    /// Per-reason draws come from a fixed stream (not the user's seed), so `--seed` changes the contacts,
    /// never the reasons' character.
    init(taxonomy: Taxonomy) {
        var fixed = SplitMix64(seed: 20_220_701)
        var codes: [WrapCode] = [], vol: [Double] = [], follow: [Double] = [], noEmail: [Double] = [], hmult: [Double] = []
        for (rank, e) in taxonomy.entries.enumerated() {
            codes.append(e.code)
            vol.append(1 / Double(rank + 1))
            follow.append(Self.baseFollowRate(e) * (0.85 + 0.3 * fixed.uniform()))
            // Older and disabled customers (care, telecare, client transport) hold email least often.
            let older = ["Adult Social Care", "Telecare", "Client Transport"].contains(e.code.line)
            noEmail.append(older ? 0.30 + 0.05 * fixed.uniform() : 0.23 + 0.07 * fixed.uniform())
            hmult.append(0.75 + 0.55 * fixed.uniform())
        }
        self.codes = codes
        self.volume = CumulativeWeights(vol)
        self.followRate = follow
        self.noEmailShare = noEmail
        self.handleMultiplier = hmult
        self.assistRoute = taxonomy.entries.map { $0.demandClass == .value && $0.selfServe != .none ? $0.selfServe : nil }
    }

    /// Failure demand comes back: chasing and repeats most, information least; value demand that cannot
    /// be self-served (assessments, referrals) needs more conversations than a simple transaction.
    static func baseFollowRate(_ e: TaxonomyEntry) -> Double {
        switch (e.demandClass, e.failureType) {
        case (.failure, .progressChasing): return 0.30
        case (.failure, .repeatContact): return 0.32
        case (.failure, .failedDigital): return 0.25
        case (.failure, .errorCorrection): return 0.22
        case (.failure, _): return 0.17
        case (.unknown, _): return 0.10
        case (.value, _):
            switch e.selfServe {
            case .none: return 0.12
            case .partial: return 0.09
            case .full: return 0.06
            }
        }
    }

    // MARK: channels and clocks

    /// First-contact channel mix before repeats (abandoned calls recall by phone, which lifts phone to ≈77%).
    static let channelShare: [Double] = [0.735, 0.094, 0.072, 0.074, 0.02]   // Channel raw-value order
    static let channelMix = CumulativeWeights(channelShare)
    /// Channels on the 24/7 clock; the others follow office hours.
    static let online: [Bool] = [false, true, false, true, false]
    /// Relative demand per half hour 08:00–18:00 (morning peak), as the peer generator uses.
    static let officeShape: [Double] = [0.8, 1.3, 1.6, 1.7, 1.6, 1.5, 1.4, 1.3, 1.1, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.45]
    static let officeOpen = 8 * 3600, officeClose = 18 * 3600
    /// Relative demand per hour 00–23 for email and web forms: mostly daytime.
    static let onlineShape: [Double] = [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1.2, 1.2, 1.1, 1, 1, 1, 1, 0.9, 0.8, 0.7, 0.7, 0.6, 0.5, 0.3, 0.2]
    /// Day-of-week weights, Monday first: a Monday peak, closed at weekends for assisted channels.
    static let officeWeekday: [Double] = [1.25, 1.1, 1.0, 1.0, 0.9, 0, 0]
    static let onlineWeekday: [Double] = [1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.6]

    /// Half-hour slot choice (48 a day) per channel.
    static let slotWeights: [CumulativeWeights] = Channel.allCases.map { c in
        if online[Int(c.rawValue)] { return CumulativeWeights((0..<48).map { onlineShape[$0 / 2] }) }
        return CumulativeWeights((0..<48).map { $0 >= 16 && $0 < 36 ? officeShape[$0 - 16] : 0 })
    }

    /// Queue load by half hour relative to the office-hours mean: waits are longest at the morning peak.
    static let officeLoad: [Double] = {
        let mean = officeShape.reduce(0, +) / Double(officeShape.count)
        return (0..<48).map { $0 >= 16 && $0 < 36 ? officeShape[$0 - 16] / mean : 1 }
    }()

    static func weekdayWeight(_ channel: Int, _ weekday: Int) -> Double {
        online[channel] ? onlineWeekday[weekday] : officeWeekday[weekday]
    }

    static func isOpen(_ channel: Int, weekday: Int) -> Bool { weekdayWeight(channel, weekday) > 0 }

    // MARK: per-contact draws (constants from the peer generator, checked against the targets in tests)

    /// Phone queue wait before answer (lognormal, median e^4.8 ≈ 2 min, scaled by load) and the caller's
    /// patience (exponential, mean 25 min): the call is abandoned when patience runs out first.
    static let waitMu = 4.8, waitSigma = 1.0, patienceMeanSeconds = 1500.0, waitCapSeconds = 5400.0
    /// Talk + wrap: lognormal, median e^5.54 ≈ 255 s, mean ≈ 305 s before the reason and channel multipliers.
    static let handleMu = 5.54, handleSigma = 0.6
    static let channelHandle: [Double] = [1.0, 0.8, 1.3, 0.7, 1.5]
    static let handleRange = 20.0...14_400.0
    static let withheldShare = 0.08, emailUnknownShare = 0.05
    /// Share of first contacts from a pool of regular callers (they produce chance repeats).
    static let regularShare = 0.15
    static let doubleSubmitShare = 0.01
    static let abandonRecall = 0.85, abandonRecallByPhone = 0.85, abandonSameReason = 0.9
    /// Recall delay after abandoning: lognormal with median 12 minutes.
    static let recallMu = log(720.0), recallSigma = 1.2
    /// Digital contacts followed by a phone call about the same thing, and how soon.
    static let digitalToPhone: [Double] = [0, 0.03, 0.22, 0.10, 0]
    static let chatToPhoneMu = log(1800.0), formToPhoneMeanSeconds = 86_400.0   // chat: median 30 minutes
    /// Ordinary follow-ups: exponential delay (mean 2.5 days), same reason 70% of the time.
    static let followMeanSeconds = 2.5 * 86_400, followSameReason = 0.7
}
