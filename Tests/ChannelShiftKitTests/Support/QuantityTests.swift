// The one quantity reader: each difference between readers is a parameter, tested here with its error text.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct QuantityTests {
    let share = QuantityFormat(bare: .fraction).within(0...1)
    let percent = QuantityFormat(bare: .percent)
    let plain = QuantityFormat(bare: .plain)

    enum Reader { case fraction, seconds, number }

    /// What the reader makes of `text`: the value, or the error.
    static func outcome(_ r: Reader, _ text: String, _ f: QuantityFormat) -> Result<Double, QuantityError> {
        do {
            switch r {
            case .fraction: return .success(try Quantity.fraction(text, f))
            case .seconds: return .success(try Quantity.seconds(text, f))
            case .number: return .success(try Quantity.number(text, f))
            }
        } catch { return .failure(error) }
    }

    func read(_ r: Reader, _ text: String, _ f: QuantityFormat) -> Double? { try? Self.outcome(r, text, f).get() }

    func failure(_ r: Reader, _ text: String, _ f: QuantityFormat) -> QuantityError? {
        if case .failure(let e) = Self.outcome(r, text, f) { return e }
        return nil
    }

    @Test func aBareNumberIsAFractionOrAPercentageAsTheFormatSays() throws {
        // 20 vs 20% vs 0.2
        #expect(read(.fraction, "0.2", share) == 0.2)
        #expect(read(.fraction, "20%", share) == 0.2)
        let twenty = try #require(failure(.fraction, "20", share))
        #expect(twenty.kind == .aboveRange && twenty.value == 20)
        #expect(twenty.description == "'20' is above 100%")
        #expect(read(.fraction, "20", percent) == 0.2)
        #expect(read(.fraction, "20%", percent) == 0.2)
        #expect(abs((read(.fraction, "0.2", percent) ?? 0) - 0.002) < 1e-15)
        // A share's % is refused where the quantity is not a share.
        let pct = try #require(failure(.number, "5%", plain))
        #expect(pct.kind == .notANumber && pct.description == "'5%' is not a number")
    }

    @Test func decimalCommaAndThousandsSeparatorAreParameters() throws {
        var comma = percent
        comma.decimalComma = true
        #expect(read(.fraction, "2,5%", comma) == 0.025)
        #expect(read(.fraction, "2,5", comma) == 0.025)
        #expect(failure(.fraction, "1,5,0", comma)?.description
                == "'1,5,0' is not a number or a percentage (a comma is the decimal point)")
        #expect(failure(.fraction, "1.000,5", comma)?.kind == .notANumber)
        // Without either, a comma is not part of a number.
        #expect(failure(.fraction, "2,5%", percent)?.description
                == "'2,5%' is not a number or a percentage")
        var thousands = plain
        thousands.thousands = true
        #expect(read(.number, "1,924", thousands) == 1924)
        #expect(read(.number, "12,345.5", thousands) == 12345.5)
        #expect(read(.number, "-1,000,000", thousands) == -1_000_000)
        for bad in ["1,92", "1,0000", ",100", "1234,567", "1,,000"] {
            #expect(failure(.number, bad, thousands)?.description
                    == "'\(bad)' is not a number (commas only between thousands)", "\(bad)")
        }
        // A decimal comma wins over thousands: 1,924 is 1.924 there.
        var both = thousands
        both.decimalComma = true
        #expect(read(.number, "1,924", both) == 1.924)
    }

    @Test func negativeZeroAndRangeAreParameters() throws {
        var positive = plain
        positive.allowNegative = false
        positive.allowZero = false
        #expect(failure(.number, "-5", positive)?.description == "'-5' is negative")
        #expect(failure(.number, "0", positive)?.description == "'0' is zero")
        #expect(read(.number, "-5", plain) == -5 && read(.number, "0", plain) == 0)
        // Inclusive bounds: the bound itself reads.
        #expect(read(.fraction, "100%", share) == 1 && read(.fraction, "0%", share) == 0)
        #expect(failure(.fraction, "-1%", share)?.description == "'-1%' is below 0%")
        // Exclusive bounds (growth a year): -50% and +100% themselves are refused.
        let growth = QuantityFormat.growthRate
        #expect(read(.fraction, "99%", growth) == 0.99 && read(.fraction, "-0.49", growth) == -0.49)
        #expect(failure(.fraction, "100%", growth)?.description == "'100%' is not below 100%")
        #expect(failure(.fraction, "-50%", growth)?.description == "'-50%' is not above -50%")
        // Not finite is not a number.
        for bad in ["inf", "nan", "", "%", "abc"] {
            #expect(failure(.fraction, bad, share)?.kind == .notANumber, "\(bad)")
        }
    }

    @Test func spacesAndDurationUnits() throws {
        #expect(read(.fraction, " 90 % ", share) == 0.9)
        var tight = share
        tight.spaces = false
        #expect(failure(.fraction, "90 %", tight)?.kind == .notANumber)
        let duration = QuantityFormat(bare: .plain, allowNegative: false)
        #expect(read(.seconds, "180", duration) == 180)
        #expect(read(.seconds, "180 s", duration) == 180)
        #expect(read(.seconds, "3min", duration) == 180)
        #expect(read(.seconds, "1H", duration) == 3600)
        #expect(failure(.seconds, "-1s", duration)?.description == "'-1s' is negative")
        #expect(failure(.seconds, "2%", duration)?.description == "'2%' is not a number")
        #expect(failure(.seconds, "3 days", duration)?.kind == .notANumber)
    }

    /// The options that read through it keep their messages, with exit 64.
    @Test func optionsReadThroughItSayWhatIsWrong() {
        let cases: [([String], String)] = [
            (["capacity", "--target-sl", "20", "x.csv"], "error: --target-sl '20' is not a percentage between 1% and 99.99%"),
            (["capacity", "--shrinkage", "0,3", "x.csv"], "error: --shrinkage '0,3' is not a percentage between 0% and 95%"),
            (["capacity", "--within", "-3", "x.csv"], "error: --within '-3' is not a duration"),
            (["capacity", "--target-asa", "0", "x.csv"], "error: --target-asa '0' is not a duration"),
            (["forecast", "--growth", "100%", "x.csv"], "error: --growth expects a rate a year such as 1.5% (between -50% and +100%), got '100%'"),
            (["sample", "--rows", "10", "--out", "x.csv", "--growth", "2 %"], "error: --growth expects a yearly rate such as 2% (between -50% and +100%), got '2 %'"),
        ]
        for (argv, message) in cases {
            let out = runTool(argv)
            #expect(out.status == .usage, "\(argv): \(out.stderr)")
            #expect(out.stderr.hasPrefix(message), "\(argv): \(out.stderr)")
        }
    }
}
