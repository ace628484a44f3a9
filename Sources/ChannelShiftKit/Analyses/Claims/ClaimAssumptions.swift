// The assumptions the claim check reads: on-costs, productive hours, vacancies and turnover, the establishment.

extension ClaimCheck {
    /// The scenario keys `check` reads; the report lists exactly these.
    public static var assumptionKeys: [AssumptionKey] {
        let read = Set([AssumptionKey.niRate, .niThreshold, .pensionRate, .paidHours, .shrinkage, .occupancy, .productiveHours,
                        .vacancyRate, .turnoverRate, .establishmentFTE].map(\.name))
        // in declaration order, as the report lists them; then the check's own tolerances
        return Scenario.keys.filter { read.contains($0.name) } + toleranceKeys
    }

    public static var assumptionKeyNames: [String] { assumptionKeys.map(\.name) }
}
