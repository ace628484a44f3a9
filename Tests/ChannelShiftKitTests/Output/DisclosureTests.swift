// Disclosure modes on a hand-made table: the GSS symbol, ONS 10/5 and NHS 1–7/5 rules, shares from rounded counts.
import Testing
@testable import ChannelShiftKit

struct DisclosureTests {
    // Hand-made column: 0 is shown, 1–9 small, 12 and 13 either side of a rounding boundary, 17 and 18 too.
    static let counts = [0, 3, 7, 8, 9, 12, 13, 17, 18, 250]
    static func shown(_ p: [Disclosure.Published]) -> [String] { p.map { $0.value.map(String.init) ?? "[c]" } }

    @Test func thresholdHidesBelowTenWithoutRounding() {
        #expect(Self.shown(Disclosure.publish(Self.counts, mode: .threshold(10))) == ["0", "[c]", "[c]", "[c]", "[c]", "12", "13", "17", "18", "250"])
        // One small count alone is recoverable from the total: the smallest other non-zero count is hidden with it.
        #expect(Self.shown(Disclosure.publish([40, 3, 25, 0], mode: .threshold(10))) == ["40", "[c]", "[c]", "0"])
    }

    @Test func ons10Round5() {
        #expect(Self.shown(Disclosure.publish(Self.counts, mode: .ons10Round5)) == ["0", "[c]", "[c]", "[c]", "[c]", "10", "15", "15", "20", "250"])
        // Rounding protects the total, so a lone small count does not take a second one with it.
        #expect(Self.shown(Disclosure.publish([40, 3, 25, 0], mode: .ons10Round5)) == ["40", "[c]", "25", "0"])
    }

    @Test func nhs5HidesOneToSevenAndRoundsTheRest() {
        #expect(Self.shown(Disclosure.publish(Self.counts, mode: .nhs5)) == ["0", "[c]", "[c]", "10", "10", "10", "15", "15", "20", "250"])
        // Percentages come from the rounded counts: 13 of 18 is 72.2% exactly, but 15 of 20 (75%) as published.
        let part = Disclosure.publish(13, mode: .nhs5), total = Disclosure.publish(18, mode: .nhs5)
        #expect(Disclosure.share(part, of: total) == 0.75)
        #expect(Disclosure.share(Disclosure.publish(5, mode: .nhs5), of: total) == nil)
    }

    @Test(arguments: [(12, 10), (13, 15), (15, 15), (17, 15), (18, 20), (2, 0), (3, 5), (-13, -15), (0, 0)])
    func roundsHalfAwayFromZeroToFive(n: Int, expected: Int) {
        #expect(Disclosure.round(n, toMultipleOf: 5) == expected)
    }

    @Test func everyHiddenCellIsC() {
        #expect(Cell.suppressed(below: 10).markdown == "[c]" && Cell.suppressed(below: 0).markdown == "[c]")
        let rows = Suppression.apply(to: [[.text("a"), .count(4)], [.text("b"), .count(40)], [.text("c"), .count(25)]], keyColumn: 1, threshold: 10)
        #expect(rows.map { $0[1].markdown } == ["[c]", "40", "[c]"])
        #expect(!Suppression.note(threshold: 10).contains("<10"))
        #expect(Disclosure.Mode(name: "nhs-5") == .nhs5 && Disclosure.Mode(name: "ons-10-5") == .ons10Round5 && Disclosure.Mode(name: "x") == nil)
    }

    @Test func proseFollowsTheSamePattern() {
        #expect(PaperShape.prose(.count(7), disclosure: .threshold(10)) == "[c] contacts")
        #expect(PaperShape.prose(.count(13), disclosure: .nhs5) == "15 contacts")
        #expect(PaperShape.prose(.count(230_017), disclosure: .threshold(10)) == "230,000 contacts")
        #expect(PaperShape.prose(.money(238_259), disclosure: .threshold(10)) == "£238,000")
        #expect(PaperShape.prose(.money(2_830), disclosure: .threshold(10)) == "£2,830")
        #expect(PaperShape.prose(.fte(4.5678), disclosure: .threshold(10)) == "4.6 FTE")
    }
}

struct DisclosureTableTests {
    // A hand-made table: counts by reason with a share of the column total, and a total row.
    static let table = Table(id: "t", title: "", columns: [Column("reason", "Reason", .left), Column("n", "Contacts"), Column("share", "Share")],
                             rows: [[.text("a"), .count(13), .percent(13.0 / 43, decimals: 1)],
                                    [.text("b"), .count(6), .percent(6.0 / 43, decimals: 1)],
                                    [.text("c"), .count(24), .percent(24.0 / 43, decimals: 1)]],
                             footer: [[.text("Total"), .count(43), .percent(1, decimals: 1)]],
                             notes: [Disclosure.note(.threshold(10))])

    @Test func nhs5RoundsCountsAndWorksSharesFromThem() {
        let t = Disclosure.apply(.nhs5, to: Self.table, shareOf: [2: (count: 1, of: nil)])
        #expect(t.rows.map { $0[1].markdown } == ["15", "[c]", "25"])
        #expect(t.footer[0][1].markdown == "45", "the total is rounded on its own, not summed from rounded rows")
        #expect(t.rows.map { $0[2].markdown } == ["33.3%", "–", "55.6%"], "15/45 and 25/45, from the published counts")
        #expect(t.notes == [Disclosure.note(.nhs5)], "one note, the mode's")
    }

    @Test func ons10Round5AndThresholdLeaveTheRightThingsAlone() {
        let t = Disclosure.apply(.ons10Round5, to: Self.table)
        #expect(t.rows.map { $0[1].markdown } == ["15", "[c]", "25"] && t.rows[0][2] == Self.table.rows[0][2])
        #expect(Disclosure.apply(.threshold(10), to: Self.table) == Self.table)
    }
}
