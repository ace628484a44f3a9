// Wilson score interval against references computed independently in 50-digit arithmetic.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct WilsonTests {
    /// (x, n, low, high). Computed with python3 + mpmath (mp.dps = 50), z = 1.959963984540054:
    ///   p = x/n; d = 1 + z²/n; c = (p + z²/2n)/d; h = z·√(p(1−p)/n + z²/4n²)/d; low = c − h, high = c + h
    /// (Wilson 1927; formula as in /work/shared/DOMAIN.md), printed with mp.nstr(·, 17).
    /// mpmath gives −3.3e−52 for the lower bound at x = 0, n = 10: rounding of exactly 0.
    static let references: [(Int, Int, Double, Double)] = [
        (0, 1, 0.0, 0.79345068562276257),
        (1, 1, 0.20654931437723743, 1.0),
        (0, 10, 0.0, 0.2775327998628892),
        (10, 10, 0.7224672001371108, 1.0),
        (1, 10, 0.017876213095072907, 0.40415002679523846),
        (3, 10, 0.10779126740630103, 0.60322185253885465),
        (50, 100, 0.40383153036599564, 0.59616846963400436),
        (407, 1000, 0.37696314855245063, 0.43774862852586262),
        (8, 26, 0.16501315595463761, 0.49988258322198366),
        (2310, 7000, 0.31908064112317471, 0.34110584168154256),
        (1, 1_000_000, 1.765245767453715e-7, 5.664911804311442e-6),
        (999_999, 1_000_000, 0.99999433508819569, 0.99999982347542325),
        (12345, 30012, 0.40578001156318727, 0.41691361482402051),
    ]

    @Test(arguments: references.indices)
    func matchesMpmath(_ i: Int) throws {
        let (x, n, low, high) = Self.references[i]
        let w = try #require(Wilson.interval(successes: x, trials: n))
        #expect(abs(w.low - low) < 1e-9, "low for \(x)/\(n): \(w.low) vs \(low)")
        #expect(abs(w.high - high) < 1e-9, "high for \(x)/\(n): \(w.high) vs \(high)")
        #expect(w.low <= w.estimate && w.estimate <= w.high)
    }

    @Test func edges() throws {
        #expect(Wilson.interval(successes: 0, trials: 0) == nil)
        #expect(Wilson.interval(successes: 3, trials: 2) == nil)
        #expect(Wilson.interval(successes: -1, trials: 2) == nil)
        let zero = try #require(Wilson.interval(successes: 0, trials: 37))
        #expect(zero.low == 0 && zero.high > 0)
        let all = try #require(Wilson.interval(successes: 37, trials: 37))
        #expect(all.high == 1 && all.low < 1)
    }

    @Test func flagsAgainstARate() throws {
        let w = try #require(Wilson.interval(successes: 407, trials: 1000))   // 0.377 – 0.438
        #expect(w.isAbove(0.37) && !w.isAbove(0.38))
        #expect(w.isBelow(0.44) && !w.isBelow(0.43))
    }
}
