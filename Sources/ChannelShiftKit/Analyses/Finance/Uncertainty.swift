// Uncertainty over every ranged assumption: low and high cases built from the tornado's directions.

extension Sensitivity {
    /// The low case takes every ranged assumption to the end of its range that gives the lower outcome, the high
    /// case to the end that gives the higher one (from the tornado, which ran each one at each end). An
    /// assumption with no effect stays central. Combined ends are a stress test, not a probability: the Monte
    /// Carlo percentiles say how likely such outcomes are.
    public static func extremeCases(_ set: AssumptionSet, bars: [TornadoBar]) -> (low: AssumptionSet, high: AssumptionSet) {
        var low = set, high = set
        for b in bars.sorted(by: { $0.key < $1.key }) where b.atLow != b.atHigh {
            let lowIsWorse = b.atLow < b.atHigh
            low = low.withCentral(b.key, lowIsWorse ? b.lowInput : b.highInput)
            high = high.withCentral(b.key, lowIsWorse ? b.highInput : b.lowInput)
        }
        return (low, high)
    }
}
