// Workload is handled work: answered calls carry handle time (and after-call work), abandoned calls carry none.

/// Phone work in a set of contacts. Offered calls size the queue; handled calls measure the work and the FTE.
/// An abandoned call that the caller makes again is one piece of work: the abandon carries no time and the
/// recall, when answered, carries its own handle time, so nothing is counted twice.
public struct HandledWorkload: Sendable, Equatable {
    public var offered: Int
    public var abandoned: Int
    /// Handle time summed over the handled (not abandoned) calls that have one, and how many have one.
    public var handleSecondsSum: Double
    public var handleTimed: Int
    /// After-call work a handled call carries beyond the export's handle time (0 when the export includes wrap).
    public var afterCallWorkSeconds: Double

    public init(offered: Int, abandoned: Int, handleSecondsSum: Double, handleTimed: Int, afterCallWorkSeconds: Double = 0) {
        self.offered = offered
        self.abandoned = abandoned
        self.handleSecondsSum = handleSecondsSum
        self.handleTimed = handleTimed
        self.afterCallWorkSeconds = afterCallWorkSeconds
    }

    /// From a cube cell. The cube keeps no handle time for abandoned rows (CellStats.add), so an export that
    /// writes a talk time on an abandoned call does not turn it into work.
    public init(_ s: CellStats, afterCallWorkSeconds: Double = 0) {
        self.init(offered: s.contacts, abandoned: s.abandoned, handleSecondsSum: Double(s.handleSum), handleTimed: s.handleCount,
                  afterCallWorkSeconds: afterCallWorkSeconds)
    }

    /// Calls that were answered (or otherwise handled): offered − abandoned.
    public var handled: Int { offered - abandoned }

    /// Mean handle time of handled calls with a handle time.
    public var meanHandleSeconds: Double { handleTimed > 0 ? handleSecondsSum / Double(handleTimed) : 0 }

    /// Handled calls × (mean handle time + after-call work) ÷ 3600. Handled calls without a recorded handle
    /// time take the mean of those with one.
    public var handledHours: Double { Double(handled) * (meanHandleSeconds + afterCallWorkSeconds) / 3600 }

    /// FTE = handled hours ÷ productive hours per FTE (the one definition: ProductiveHours.perFTE).
    public func fte(_ hours: ProductiveHours, scale: Double = 1) -> Double {
        hours.perFTE > 0 ? handledHours * scale / hours.perFTE : 0
    }
}
