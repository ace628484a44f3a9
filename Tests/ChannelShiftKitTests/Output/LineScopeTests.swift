// Scoping tables to a paper's service lines: kept rows, one "All other lines" row that adds up, hidden cells kept hidden.
import Testing
@testable import ChannelShiftKit

struct LineScopeTests {
    static let table = Table(id: "t", title: "By reason", columns: [
        Column("line", "Service line", .left), Column("reason", "Reason", .left), Column("contacts", "Contacts"), Column("share", "Share"),
    ], rows: [
        [.text("Waste"), .text("Missed bin"), .count(500), .percent(0.5, decimals: 1)],
        [.text("Parking"), .text("Permit"), .count(300), .percent(0.3, decimals: 1)],
        [.text("Parking"), .text("Appeal"), .suppressed(below: 10), .empty],
        [.text("Council Tax"), .text("Bill"), .count(195), .percent(0.195, decimals: 1)],
    ], footer: [[.text("Total"), .text(""), .count(1_000), .percent(1, decimals: 1)]])

    @Test func keepsTheLinesAndAddsUpTheRestFromTheTotal() {
        let t = LineScope.scope(Self.table, to: ["Waste"])
        #expect(t.rows.count == 2 && t.rows[0][1] == .text("Missed bin"))
        // 1,000 − 500: exact although one of the other rows is hidden, and no more than total − shown reveals.
        #expect(t.rows[1] == [.text("All other lines"), .empty, .count(500), .empty])
        #expect(t.footer == Self.table.footer)
        #expect(t.notes.last?.contains("3 rows") == true)
    }

    @Test func withoutATotalAHiddenOtherRowHidesTheSum() {
        var noTotal = Self.table
        noTotal.footer = []
        #expect(LineScope.scope(noTotal, to: ["Waste"]).rows[1][2] == .suppressed(below: 0))
        #expect(LineScope.scope(noTotal, to: ["Waste", "Parking"]).rows.last?[2] == .count(195))
    }

    /// A design effect (or a mean) does not add across rows: summing it once printed a design effect of −7.78.
    @Test func nonAdditiveNumbersAreLeftBlankInTheOtherRow() {
        let t = Table(id: "d", title: "No email by reason", columns: [
            Column("line", "Service line", .left), Column("known", "Known"), Column("design_effect", "Design effect", additive: false),
        ], rows: [
            [.text("Waste"), .count(400), .number(2.4, decimals: 2)],
            [.text("Parking"), .count(300), .number(1.1, decimals: 2)],
            [.text("Council Tax"), .count(300), .number(1.3, decimals: 2)],
        ], footer: [[.text("Total"), .count(1_000), .number(2.2, decimals: 2)]])
        let scoped = LineScope.scope(t, to: ["Waste"])
        #expect(scoped.rows[1] == [.text("All other lines"), .count(600), .empty])
        var additive = t
        additive.columns[2].additive = true
        #expect(LineScope.scope(additive, to: ["Waste"]).rows[1][2] != .empty)
    }

    @Test func tablesWithoutALineColumnAreUnchanged() {
        let months = Table(id: "m", title: "By month", columns: [Column("month", "Month", .left), Column("n", "Contacts")],
                           rows: [[.text("2022-07"), .count(5)]])
        #expect(LineScope.scope(months, to: ["Waste"]) == months)
        #expect(LineScope.scope(Self.table, to: []) == Self.table)
    }
}
