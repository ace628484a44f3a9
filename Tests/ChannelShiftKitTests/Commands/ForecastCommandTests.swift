// The forecast and outturn commands end to end: refusal of short histories, usage errors, byte-for-byte output.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

@Suite struct ForecastCommandTests {
    static func sample(days: Int, rows: Int) throws -> String {
        var o = SampleOptions(rows: rows, seed: 5, start: CivilDate(year: 2021, month: 4, day: 1), end: CivilDate(dayNumber: CivilDate(year: 2021, month: 4, day: 1).dayNumber + days - 1))
        var h = SampleHistory()
        h.seasonal = true
        o.history = h
        return TestFiles.write(try SampleFixture.generate(o), name: "h\(days).csv")
    }

    @Test func shortHistoryIsRefusedNotAnnualised() throws {
        let path = try Self.sample(days: 400, rows: 8_000)
        let out = runTool(["forecast", "--quiet", "--by", "line", path])
        #expect(out.status == .dataError)
        #expect(out.stderr.contains("under two years") && out.stderr.contains("hint: give --seasonal-profile"))
    }

    @Test func usageErrors() {
        #expect(runTool(["outturn", "--claims", "Models/waste-benefits.csv", "x.csv"]).status == .usage)
        #expect(runTool(["outturn", "--go-live", "2023-02-30", "--claims", "Models/waste-benefits.csv", "x.csv"]).status == .usage)
        #expect(runTool(["forecast", "--growth", "lots", "x.csv"]).status == .usage)
        #expect(runTool(["forecast", "--help"]).stdout.contains("example:"))
    }

    @Test func sameInputSameBytesInEveryFormat() throws {
        let path = try Self.sample(days: 800, rows: 20_000)
        for format in ["md", "csv", "json"] {
            let a = runTool(["forecast", "--quiet", "--by", "line", "--backtest-origins", "0", "--horizon-weeks", "8", "--format", format, path])
            let b = runTool(["forecast", "--quiet", "--by", "line", "--backtest-origins", "0", "--horizon-weeks", "8", "--format", format, path])
            #expect(a.status == .ok, "\(a.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout)
        }
    }
}
