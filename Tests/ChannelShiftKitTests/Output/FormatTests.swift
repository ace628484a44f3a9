// Negative money in papers carries the minus sign (U+2212); CSV and JSON keep plain numbers a machine reads back.
import Testing
@testable import ChannelShiftKit

struct FormatTests {
    @Test(arguments: [(-773_401.0, 0, "\u{2212}£773,401"), (-0.5, 2, "\u{2212}£0.50"), (-1_200, 0, "\u{2212}£1,200"),
                      (1_200, 0, "£1,200"), (-0.004, 2, "£0.00"), (0, 0, "£0")])
    func negativeMoneyUsesTheMinusSign(_ pounds: Double, _ decimals: Int, _ expected: String) {
        let s = Format.money(pounds, decimals: decimals)
        #expect(s == expected)
        #expect(!s.contains("-"), "an ASCII hyphen is read as a dash, not as minus")
    }

    @Test func tablesShowTheMinusSignButCSVAndJSONStayPlain() {
        let cell = Cell.money(-773_401.4, decimals: 0)
        #expect(cell.markdown == "\u{2212}£773,401")
        #expect(cell.plain == "-773401.40")
        #expect(Double(cell.plain) == -773_401.4)
        if case .number(let x, _) = cell.json { #expect(x == -773_401.4) } else { Issue.record("money is a JSON number") }
    }

    /// Signed counts, numbers and shares read like money in tables: "−3,559", "−14.7%"; CSV keeps "-".
    @Test func negativeCellsUseTheMinusSignForReadersOnly() {
        #expect(Cell.count(-3_559).markdown == "\u{2212}3,559")
        #expect(Cell.percent(-0.147, decimals: 1).markdown == "\u{2212}14.7%")
        #expect(Cell.number(-2.5, decimals: 1).markdown == "\u{2212}2.5")
        #expect(Cell.percent(0.4, decimals: 1).markdown == "40.0%")
        #expect(Cell.count(-3_559).plain == "-3559" && Cell.percent(-0.147, decimals: 1).plain == "-0.147")
    }
}
