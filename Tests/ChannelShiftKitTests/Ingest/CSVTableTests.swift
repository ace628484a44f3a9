// The strict side-file reader: exact positions for NUL bytes and duplicate headers.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct CSVTableTests {
    @Test func nulByteReportedAtItsLineAndColumn() {
        do {
            _ = try CSVTable.parse(Array("a,b\nxy,z\u{0}w\n".utf8), file: "t.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered.hasPrefix("t.csv:2:5: error: file contains a NUL byte"))
        }
    }

    @Test(arguments: [("a,b,A\n1,2,3\n", 5), ("line,Reason,re ason\n1,2,3\n", 13)])
    func duplicateHeadersRejectedAtTheSecondOne(_ text: String, _ col: Int) {
        do {
            _ = try CSVTable.parse(Array(text.utf8), file: "t.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered.hasPrefix("t.csv:1:\(col): error: duplicate column header"))
        }
    }

    @Test func emptyHeadersMayRepeat() throws {
        let t = try CSVTable.parse(Array("a,,b,,\n1,2,3,4,\n".utf8), file: "t.csv")
        #expect(t.header == ["a", "", "b", ""])
    }
}
