// The assumptions the claim check reads: on-costs, productive hours, vacancies and turnover, the establishment.

extension ClaimCheck {
    /// The scenario keys `check` reads; the report lists exactly these.
    public static let assumptionKeyNames = ["ni.rate", "ni.threshold", "pension.rate", "paid_hours", "shrinkage", "occupancy", "productive_hours",
                           "vacancy_rate", "turnover_rate", "establishment_fte"]
}
