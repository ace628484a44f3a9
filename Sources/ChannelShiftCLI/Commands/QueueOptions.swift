// Option values shared by `demand` and `capacity`: percentages ("90%" or 0.9) and durations ("180", "180s", "3min").
import ChannelShiftKit
import Foundation

enum QueueOptions {
    /// A fraction from "90%", "90 %" or "0.9"; nil when the option is absent. Usage error when unreadable or
    /// outside `range`.
    static func fraction(_ args: ParsedArguments, _ name: OptionName, range: ClosedRange<Double> = 0...1) throws(ToolError) -> Double? {
        guard let raw = args.value(name) else { return nil }
        do {
            return try Quantity.fraction(raw, QuantityFormat(bare: .fraction).within(range))
        } catch {
            // Bounds shown to the places that tell them apart: 0.9999 is "99.99%", not "100%" (which it excludes).
            func bound(_ x: Double) -> String {
                let d = (0...4).first { abs((x * 100 * Self.pow10($0)).rounded() - x * 100 * Self.pow10($0)) < 1e-6 } ?? 4
                return Format.percent(x, decimals: d)
            }
            let above = error.kind == .aboveRange
            throw .usage("--\(name) '\(raw)' is not a percentage between \(bound(range.lowerBound)) and \(bound(range.upperBound))",
                         hint: above && range.upperBound < 1 ? "\(bound(range.upperBound)) is the most this can be; write e.g. 95%" : "write it like 90% (or 0.9)")
        }
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { p, _ in p * 10 } }

    /// Seconds from "180", "180s", "180 s", "3min" or "1h"; nil when absent.
    static func seconds(_ args: ParsedArguments, _ name: OptionName, allowZero: Bool = true) throws(ToolError) -> Double? {
        guard let raw = args.value(name) else { return nil }
        do {
            return try Quantity.seconds(raw, QuantityFormat(bare: .plain, allowZero: allowZero, allowNegative: false))
        } catch {
            throw .usage("--\(name) '\(raw)' is not a duration", hint: "write seconds like 180 (or 180s, 3min)")
        }
    }

    /// A whole interval length in minutes that divides the cube's 15-minute slots evenly.
    static func intervalMinutes(_ args: ParsedArguments) throws(ToolError) -> Int {
        let minutes = try args.int(.interval, default: 30, range: 1...1440)
        guard [15, 30, 60].contains(minutes) else {
            throw .usage("--interval \(minutes) is not supported", hint: "use 15, 30 or 60 (minutes)")
        }
        return minutes
    }
}

extension QuantityFormat {
    /// A growth rate a year (`sample --growth`, `forecast --growth`): 2% or 0.02, above -50% and below +100%.
    static let growthRate = QuantityFormat(bare: .fraction, spaces: false, lower: .exclusive(-0.5), upper: .exclusive(1))
}
