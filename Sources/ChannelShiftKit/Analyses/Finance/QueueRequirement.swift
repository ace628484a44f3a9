// Agents needed in one interval at a service-level target: the queue-aware side of FTE released.
import Foundation

public enum QueueRequirement {
    /// The fewest agents N > A meeting SL(T) = 1 − C·e^(−(N−A)·T/AHT) ≥ target, with Erlang C from the Erlang B
    /// recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), C = N·B / (N − A·(1 − B)) (DOMAIN: Erlang C).
    /// Interim until Analyses/Queue's Staffing lands on this branch.
    public static func agents(calls: Double, handleSeconds: Double, intervalSeconds: Double, serviceLevel: Double, withinSeconds: Double) -> Double {
        guard calls > 0, handleSeconds > 0, intervalSeconds > 0 else { return 0 }
        let a = calls * handleSeconds / intervalSeconds
        var b = 1.0
        var n = 0
        while true {
            n += 1
            b = a * b / (Double(n) + a * b)
            guard Double(n) > a else { continue }
            let c = Double(n) * b / (Double(n) - a * (1 - b))
            let sl = 1 - c * exp(-(Double(n) - a) * withinSeconds / handleSeconds)
            if sl >= serviceLevel || n > 100_000 { return Double(n) }
        }
    }
}
