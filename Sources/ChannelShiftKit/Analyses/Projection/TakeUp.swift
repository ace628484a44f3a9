// Take-up of a digital channel over the appraisal years: how much of the target shift is achieved each year.
import Foundation

public enum TakeUpCurve: Sendable, Equatable {
    /// Reaches the target in `rampYears` years in equal steps: min(1, t / rampYears) for year t ≥ 1; 0 in year 0.
    case linear(rampYears: Double)
    /// Logistic S-curve 1 / (1 + e^(−k (t − m))) for year t ≥ 1 (0 in year 0): half the target by year m,
    /// steepness k per year. It approaches but never reaches the target, as real adoption does.
    case logistic(midpointYear: Double, steepness: Double)

    /// Share (0–1) of the target shift achieved in year t (year 0 is the investment year: nothing shifts yet).
    public func share(year t: Int) -> Double {
        guard t >= 1 else { return 0 }
        switch self {
        case .linear(let ramp):
            return ramp <= 0 ? 1 : min(1, Double(t) / ramp)
        case .logistic(let m, let k):
            return 1 / (1 + exp(-k * (Double(t) - m)))
        }
    }

    public var description: String {
        switch self {
        case .linear(let r): return "linear ramp to the full shift over \(Format.number(r, decimals: r.rounded() == r ? 0 : 1)) years"
        case .logistic(let m, let k):
            return "S-curve (logistic) with half the shift by year \(Format.number(m, decimals: 1)) and steepness \(Format.number(k, decimals: 2)) per year"
        }
    }
}
