// The telephony style: a messy export of the same contacts that Models/mappings/telephony.csv maps back.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct SampleTelephonyTests {
    typealias F = SampleFixture

    /// Seconds from `mm:ss` or `hh:mm:ss`.
    static func seconds(_ s: String) -> Int? {
        let p = s.split(separator: ":").map { Int($0) }
        guard (2...3).contains(p.count), p.allSatisfy({ $0 != nil }) else { return nil }
        return p.reduce(0) { $0 * 60 + $1! }
    }

    @Test func bytesAreBOMCRLFAndSemicolons() throws {
        let bytes = try F.generate(SampleOptions(rows: 300, seed: 3, style: .telephony))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let lf = bytes.indices.filter { bytes[$0] == 10 }
        #expect(lf.count == 301)
        #expect(lf.allSatisfy { $0 > 0 && bytes[$0 - 1] == 13 })
        let t = try F.table(bytes)
        #expect(t.delimiter == UInt8(ascii: ";"))
        #expect(t.header == SampleRowWriter.telephonyHeader.split(separator: ";").map(String.init))
    }

    /// Applying the committed mapping file to the telephony export gives back the canonical rows.
    @Test func mappingFileRecoversCanonicalRows() throws {
        let options = SampleOptions(rows: 3000, seed: 11)
        var telOptions = options
        telOptions.style = .telephony
        let canonical = try F.table(F.generate(options))
        let telephony = try F.table(F.generate(telOptions))
        let mapping = try CSVTable.load(F.projectRoot + "/Models/mappings/telephony.csv")
        #expect(mapping.header == ["kind", "field", "from", "to"])
        var column: [String: Int] = [:], values: [String: [String: String]] = [:]
        for r in mapping.rows {
            if r.fields[0] == "column" { column[r.fields[1]] = telephony.column(r.fields[2]) }
            if r.fields[0] == "value" { values[r.fields[1], default: [:]][r.fields[2]] = r.fields[3] }
        }
        for name in ["contact_id", "date", "time", "channel", "line", "reason", "outcome", "wait_s", "handle_s", "caller_key", "has_email"] {
            #expect(column[name] != nil, "mapping has no column for \(name)")
        }
        guard column.count == 11 else { return }
        func v(_ r: CSVTable.Row, _ name: String) -> String { r.fields[column[name]!] }
        #expect(canonical.rows.count == telephony.rows.count)
        var keyToCLI: [String: String] = [:], cliToKey: [String: String] = [:]
        var mismatches: [String] = []
        var previousID = ""
        for (c, t) in zip(canonical.rows, telephony.rows) {
            let d = v(t, "date").split(separator: "/").map(String.init)
            let startedAt = d.count == 3 ? "\(d[2])-\(d[1])-\(d[0]) \(v(t, "time"))" : "?"
            let mapped = [
                startedAt,
                values["channel"]?[v(t, "channel")] ?? "?",
                v(t, "line"), v(t, "reason"),
                values["outcome"]?[v(t, "outcome")] ?? "?",
                Self.seconds(v(t, "wait_s")).map(String.init) ?? "?",
                v(t, "handle_s").isEmpty ? "" : Self.seconds(v(t, "handle_s")).map(String.init) ?? "?",
                v(t, "has_email").isEmpty ? "" : values["has_email"]?[v(t, "has_email")] ?? "?",
            ]
            let expected = [c.fields[1], c.fields[2], c.fields[3], c.fields[4], c.fields[5], c.fields[6], c.fields[7], c.fields[9]]
            if mapped != expected && mismatches.count < 3 { mismatches.append("\(mapped) vs \(expected)") }
            // Call ids keep file order; caller hashes are one-to-one with canonical caller keys.
            let id = v(t, "contact_id")
            #expect(id.count == previousID.count || previousID.isEmpty)
            #expect(id > previousID)
            previousID = id
            let key = c.fields[8], cli = v(t, "caller_key")
            #expect(key.isEmpty == cli.isEmpty)
            if !key.isEmpty {
                #expect(keyToCLI[key, default: cli] == cli)
                #expect(cliToKey[cli, default: key] == key)
                keyToCLI[key] = cli
                cliToKey[cli] = key
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
