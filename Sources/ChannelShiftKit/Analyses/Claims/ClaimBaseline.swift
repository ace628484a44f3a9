// The evidence the data gives the claim check: contacts a year per reason and channel, and phone handling hours.

extension ClaimCheck {
    /// Contacts a year per reason and channel (× 365 ÷ days covered), the note saying so, and phone handle hours a year.
    public static func annualContacts(_ cube: ContactCube, wraps: WrapDictionary) -> ([WrapCode: [Channel: Double]], String, Double) {
        let days = PhoneBaseline.spanDays(cube)
        let factor = 365 / Double(days)
        var out: [WrapCode: [Channel: Double]] = [:]
        for id in wraps.sortedIDs {
            var row: [Channel: Double] = [:]
            for ch in Channel.allCases {
                let n = cube.stats(wrap: id, channel: ch).contacts
                if n > 0 { row[ch] = Double(n) * factor }
            }
            if !row.isEmpty { out[wraps.code(id)] = row }
        }
        let (baseline, _) = PhoneBaseline.fromCube(cube, wraps: wraps)
        // Workload is handled work: handled calls × handle time; abandoned calls carry none (DOMAIN "Workload").
        let hours = baseline.reduce(0) { $0 + $1.handledHours }
        return (out, "Baselines from the data are contacts per reason and channel scaled to a year (× 365 ÷ \(Format.count(days)) days covered); the establishment, unless given, is the phone handling hours a year (handled calls × handle time: abandoned calls carry none) ÷ productive hours per FTE.", hours)
    }
}
