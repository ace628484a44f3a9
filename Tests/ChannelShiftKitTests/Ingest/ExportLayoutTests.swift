// Spreadsheet forms and layouts: Excel serial dates, AM/PM, two-digit years, date order from evidence,
// decimal commas, lone CRs, misaligned rows, and header names that must not be printed.
import Foundation
import Testing
@testable import ChannelShiftKit

private func date(_ s: String, _ order: DateOrder = .dmy) -> FieldParsers.DateResult {
    Array(s.utf8).withUnsafeBytes { FieldParsers.dateTime($0, order: order) }
}
private func dur(_ s: String, comma: Bool) -> FieldParsers.DurationResult {
    Array(s.utf8).withUnsafeBytes { FieldParsers.duration($0, decimalComma: comma) }
}

struct SpreadsheetFormTests {
    // 2022-07-01 is day 19174 since 1970-01-01 and Excel serial 44743 (python: date(1899,12,30)+timedelta(44743)).
    static let jul1: Int64 = 19174 * 86400

    @Test(arguments: [
        ("44743.3541666667", jul1 + 30600),           // 0.3541666667 × 86400 = 30600 s (08:30)
        ("44743,5", jul1 + 43200),
        ("01/07/2022 8:30 PM", jul1 + 73800),
        ("01/07/2022 08:30:15 am", jul1 + 30615),
        ("01/07/2022 12:15 AM", jul1 + 900),          // 12 AM is midnight
        ("01/07/2022 12:15 PM", jul1 + 44100),        // 12 PM is noon
        ("1/7/22 8:30", jul1 + 30600),                // two-digit year 22 → 2022
        ("2022-07-01 8:30PM", jul1 + 73800),
    ])
    func excelForms(text: String, expected: Int64) {
        #expect(date(text) == .ok(expected))
    }

    @Test func serialDateOnlyPivotAndOrder() {
        #expect(date("44743") == .dateOnly(Self.jul1))
        // Excel's pivot: 29 → 2029, 30 → 1930 (days from python's date(...) - date(1970,1,1)).
        #expect(date("1/7/29") == .dateOnly(Int64(21731) * 86400))
        #expect(date("1/7/30") == .dateOnly(Int64(-14429) * 86400))
        #expect(date("07/01/2022", .mdy) == .dateOnly(Self.jul1))
        #expect(date("7/1/2022 8:30", .mdy) == .ok(Self.jul1 + 30600))
        #expect(date("07/13/2022", .dmy) == .rejected(.impossibleDate))
        #expect(date("01/07/2022 13:00 PM") == .rejected(.badDate))
        #expect(date("19999") == .rejected(.badDate))           // below 1954: not taken as a serial date
    }

    @Test func timeColumnWithMeridiem() {
        #expect(Array("8:05 pm".utf8).withUnsafeBytes { FieldParsers.clock($0) } == 72300)
        #expect(Array("08:05".utf8).withUnsafeBytes { FieldParsers.clock($0) } == 29100)
    }

    @Test func decimalCommasAndThousands() {
        #expect(dur("12,5", comma: true) == .ok(13))
        #expect(dur("12,4", comma: true) == .ok(12))
        #expect(dur("1,234", comma: false) == .ok(1234))
        #expect(dur("12,5", comma: false) == .rejected(.badDuration))
        #expect(dur("1,234,5", comma: false) == .rejected(.badDuration))
        #expect(dur("86,401", comma: false) == .rejected(.absurdDuration))
    }

    @Test func dateOrderFromEvidence() {
        var e = DateOrderEvidence()
        e.ambiguous = 40
        #expect(e.decided == nil)
        e.secondAbove12 = 3
        #expect(e.decided == .mdy)
        e.firstAbove12 = 5
        #expect(e.decided == .dmy)
    }

    @Test func headerNamesThatLookPersonalAreWithheld() {
        for bad in ["07700 900123", "07700900123", "jo@example.org", "Flat 2, 14 Acacia Ave HP20 1AB", "SW1A 1AA", "12345678"] {
            #expect(!HeaderText.isSafe(bad), "\(bad)")
        }
        for ok in ["Call Reason", "lsoa11cd", "wait_s", "Queue Time", "LSOA21CD", "Call Start Time UTC", "2022"] {
            #expect(HeaderText.isSafe(ok), "\(ok)")
        }
    }
}

struct ExportLayoutTests {
    static let header = BadCorpus.header

    @Test(arguments: [1, 2])
    func loneCRInsideAnLFFileEndsARow(threads: Int) throws {
        // Rows 2 and 3 joined by a lone CR, and a bad row after: each is counted, none lost.
        let text = Self.header + "\n" + BadCorpus.row(1) + "\n" + BadCorpus.row(2) + "\r" + BadCorpus.row(3) + "\r" +
            "C4,2022-07-01 08:00:00,phone,Waste,Missed,answered,-5,100,K1,Y\n" + BadCorpus.row(5) + "\n"
        let (records, r) = try ingest(TestFiles.write(text), threads: threads)
        #expect(r.rowsRead == 5 && r.rowsAccepted == 4)
        #expect(r.rejections == ["negative_duration": 1])
        #expect(r.files[0].examples == ["data.csv:3: negative duration"])
        #expect(records.count == 4)
    }

    @Test func crOnlyFileReadsEveryRow() throws {
        let rows = (1...500).map { BadCorpus.row($0) }
        let text = ([Self.header] + rows).joined(separator: "\r") + "\r"
        let (records, r) = try ingest(TestFiles.write(text), threads: 2)
        #expect(r.rowsRead == 500 && r.rowsAccepted == 500 && records.count == 500)
        #expect(r.files[0].reading.loneCR)
    }

    @Test func misalignedRowsGetOneReasonWhateverTheirLastField() throws {
        // The same fault (an unquoted comma in the reason) with and without a value in the last field.
        let text = Self.header + "\n" +
            "C1,2022-07-01 08:00:00,phone,Waste,Missed, again,answered,10,100,K1,Y\n" +
            "C2,2022-07-01 08:00:00,phone,Waste,Missed, again,answered,10,100,K1,\n"
        let (_, r) = try ingest(TestFiles.write(text))
        #expect(r.rejections == ["too_many_fields": 2])
        // A header that itself ends with a delimiter allows the one empty field every row then has.
        let trailing = Self.header + ",\n" + BadCorpus.row(1) + ",\n" + BadCorpus.row(2) + ",x\n"
        let (_, t) = try ingest(TestFiles.write(trailing))
        #expect(t.rowsAccepted == 1 && t.rejections == ["too_many_fields": 1])
    }

    @Test func titleRowsAndSepLine() throws {
        let text = "sep=;\nCouncil contact report;;\nExported 01/08/2022\n\n" + Self.header.replacingOccurrences(of: ",", with: ";") + "\n" +
            "C1;2022-07-01 08:00:00;phone;Waste;Missed;answered;10,6;100;K1;Y\n"
        let (records, r) = try ingest(TestFiles.write(text))
        #expect(r.rowsAccepted == 1 && records[0].waitSeconds == 11)
        #expect(r.files[0].reading.headerLine == 5 && r.files[0].reading.sepLine && r.files[0].reading.delimiter == 59)
    }

    @Test func usDatesAreReadMonthFirstAndSaySo() throws {
        let text = Self.header + "\n" + BadCorpus.row(1).replacingOccurrences(of: "2022-07-01 08:00:00", with: "07/01/2022 08:00") + "\n" +
            BadCorpus.row(2).replacingOccurrences(of: "2022-07-01 08:00:00", with: "07/13/2022 08:00") + "\n"
        let (records, r) = try ingest(TestFiles.write(text))
        #expect(r.rowsAccepted == 2)
        #expect(records[0].startedAt == SpreadsheetFormTests.jul1 + 8 * 3600)
        #expect(r.files[0].reading.dateOrder == .mdy)
    }

    @Test func stdinIsReadLikeAFile() throws {
        // In-process the tool cannot be given a stdin, so the pipe path is checked through the binary.
        let bin = TestFiles.projectRoot.appendingPathComponent(".build/debug/channelshift").path
        guard FileManager.default.isExecutableFile(atPath: bin) else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        let good = TestFiles.fixture("bad/good.csv.gz")
        p.arguments = ["-c", "gzip -dc '\(good)' | '\(bin)' profile --quiet --format json -"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: out, as: UTF8.self).contains("\"rows_accepted\": 3"))
    }
}
