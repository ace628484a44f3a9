// The streaming reader on messy exports: exact accepted/rejected counts, mapping, and the parallel split.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct ContactReaderTests {
    @Test func bomCRLFQuotesBlankLinesTrailingDelimiter() throws {
        let (records, r) = try ingest(TestFiles.fixture("messy/bom-crlf-quotes.csv"))
        #expect(r.rowsRead == 4)
        #expect(r.rowsAccepted == 4)
        #expect(r.rowsRejected == 0)
        #expect(r.files[0].blankLines == 1)
        let reasons = records.map { r.wraps.code($0.wrap).reason }
        #expect(reasons == ["Missed Collection", "Roads, Pavements, Verges", "Charges for \"Lifeline\" service", "Multi-line\r\nreason"])
        #expect(records[1].outcome == .abandoned && records[1].handleSeconds == -1 && records[1].waitSeconds == 95)
        #expect(records[2].caller.isNone && records[2].hasEmail == .unknown)
        #expect(records[0].caller == records[1].caller)
        #expect(records[3].hasEmail == .yes)
    }

    @Test func telephonyExportWithMapping() throws {
        let (records, r) = try ingest(TestFiles.fixture("messy/telephony.csv"), mapping: TestFiles.fixture("messy/telephony-mapping.csv"))
        #expect(r.rowsRead == 4)
        #expect(r.rowsAccepted == 3)
        #expect(r.rejections == ["impossible_date": 1])
        #expect(r.files[0].examples == ["data.csv:5: impossible date (e.g. 31/02)"])
        let jul1 = Int64(CivilTime.days(year: 2022, month: 7, day: 1)) * 86400
        #expect(records[0].startedAt == jul1 + 8 * 3600)
        #expect(records[1].startedAt == jul1 + 8 * 3600 + 5 * 60 + 10)
        #expect(records[0].waitSeconds == 30 && records[0].handleSeconds == 300)
        #expect(records[1].waitSeconds == 95 && records[1].outcome == .abandoned)
        #expect(records[2].channel == .webchat && records[2].handleSeconds == 3723 && records[2].startedAt == jul1 + 86400 + 9 * 3600)
        #expect(records[0].hasEmail == .yes && records[1].hasEmail == .no)
    }

    @Test func autoDetectsCommonHeadersWithoutMapping() throws {
        let path = TestFiles.write("Call ID,Date,Time,Channel,Service,Call Reason,Outcome,Queue Time,Talk Time,Caller\n7,13/07/2022,10:00,Telephone,Waste,Missed,Answered,5,1:00,abc\n")
        let (records, r) = try ingest(path)
        #expect(r.rowsAccepted == 1)
        #expect(r.files[0].mappedColumns["reason"] == "Call Reason")
        #expect(r.files[0].mappedColumns["line"] == "Service")
        #expect(records[0].handleSeconds == 60)
    }

    @Test func everyBadRowCountedByReason() throws {
        let (records, r) = try ingest(TestFiles.fixture("messy/bad-rows.csv"))
        #expect(r.rowsRead == 16)
        #expect(r.rowsAccepted == 2)          // C01, and C16 (an email with no outcome is handled)
        #expect(r.rowsRead == r.rowsAccepted + r.rowsRejected)
        #expect(r.rejections == [
            "impossible_date": 1, "bad_date": 1, "unknown_channel": 1, "missing_reason": 1, "negative_duration": 1,
            "excel_overflow": 1, "too_few_fields": 1, "too_many_fields": 1, "bad_boolean": 1, "absurd_duration": 1,
            "missing_outcome": 1, "unknown_outcome": 1, "missing_contact_id": 1, "missing_line": 1,
        ])
        #expect(records.map(\.channel) == [.phone, .email])
        #expect(r.files[0].examples.first == "data.csv:3: impossible date (e.g. 31/02)")
        #expect(r.files[0].examples.count == 10)
    }

    @Test func badBytesRejected() throws {
        let (_, r) = try ingest(TestFiles.fixture("messy/bad-bytes.csv"))
        #expect(r.rowsRead == 4)
        #expect(r.rowsAccepted == 1)
        #expect(r.rejections == ["invalid_utf8": 1, "nul_byte": 1, "malformed_quote": 1])
        #expect(r.files[0].examples == ["data.csv:2: invalid UTF-8", "data.csv:3: NUL byte in row", "data.csv:4: text after a closing quote"])
    }

    @Test func semicolonAndTabDelimitersDetected() throws {
        for d in [";", "\t"] {
            let text = ["contact_id", "started_at", "channel", "line", "reason"].joined(separator: d) + "\n"
                + ["C1", "2022-07-01 08:00:00", "email", "Waste, Recycling", "Missed"].joined(separator: d) + "\n"
            let (records, r) = try ingest(TestFiles.write(text))
            #expect(r.rowsAccepted == 1)
            #expect(r.wraps.code(records[0].wrap).line == "Waste, Recycling")
        }
    }

    @Test func headerOnlyHasNoRows() throws {
        let (_, r) = try ingest(TestFiles.write("contact_id,started_at,channel,line,reason\n"))
        #expect(r.rowsRead == 0 && r.rowsAccepted == 0)
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: ToolError.self) { try ingest(TestFiles.write("")) }
        do { _ = try ingest(TestFiles.write("")) } catch {
            #expect(error.rendered.hasPrefix("data.csv:1:1: error: file is empty"))
            #expect(error.status == .dataError)
        }
    }

    @Test func missingColumnNamesTheHeaderAndHint() {
        do {
            _ = try ingest(TestFiles.write("contact_id,started_at,channel,line\nC1,2022-07-01,phone,Waste\n"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].message == "no reason column found")
            #expect(error.diagnostics[0].hint?.contains("--mapping") == true)
        }
    }

    @Test func duplicateHeadersAreAnError() {
        do {
            _ = try ingest(TestFiles.write("contact_id,started_at,channel,line,reason,reason\nC1,2022-07-01,phone,Waste,A,B\n"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].message.contains("duplicate column header 'reason'"))
        }
    }

    @Test func unclosedQuoteAtEndIsAnErrorWithPosition() {
        do {
            _ = try ingest(TestFiles.write("contact_id,started_at,channel,line,reason\nC1,2022-07-01,phone,Waste,A\nC2,2022-07-01,phone,\"Waste,A\n"))
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered.hasPrefix("data.csv:3:21: error: quoted field is never closed"))
        }
    }

    @Test func strictMakesRejectionsAnError() {
        do {
            _ = try ingest(TestFiles.fixture("messy/bad-rows.csv"), strict: true)
            Issue.record("expected an error")
        } catch {
            #expect(error.status == .dataError)
            #expect(error.diagnostics[0].message == "14 of 16 rows rejected and --strict is set")
        }
    }

    /// Two workers give the same records as one, including when the split point falls inside a quoted
    /// field that holds newlines (the reader must notice and re-read the file in one range).
    @Test(arguments: [false, true])
    func parallelEqualsSequential(quotedFieldAcrossSplit: Bool) throws {
        var lines = ["contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email"]
        func row(_ i: Int, reason: String) -> String {
            "C\(i),2022-07-0\(1 + i % 9) 0\(i % 10):00:00,phone,Line \(i % 5),\(reason),answered,\(i % 300),\(i % 900),K\(i % 5000),Y"
        }
        for i in 1...16_000 { lines.append(row(i, reason: i % 97 == 0 ? "\"Two\nlines, here\"" : "Reason \(i % 13)")) }
        if quotedFieldAcrossSplit {
            lines.append(row(16_001, reason: "\"" + String(repeating: "note line\n", count: 30_000) + "\""))
        }
        for i in 16_002...32_000 { lines.append(row(i, reason: "Reason \(i % 13)")) }
        let text = lines.joined(separator: "\n") + "\n"
        let path = TestFiles.write(text)
        let (one, r1) = try ingest(path, threads: 1)
        let (two, r2) = try ingest(path, threads: 2)
        let rows = 31_999 + (quotedFieldAcrossSplit ? 1 : 0)
        #expect(r1.rowsRead == rows && r2.rowsRead == rows)
        #expect(r1.rowsAccepted == rows && r2.rowsAccepted == rows)
        #expect(r2.files[0].rereadInOneRange == quotedFieldAcrossSplit)
        #expect(one.map(\.fileOrder) == two.map(\.fileOrder).sorted())
        #expect(r1.files[0].sha256 == r2.files[0].sha256)
        #expect(r1.files[0].sha256 == SHA256.hex(Array(text.utf8)))
    }
}
