// The memory-mapped reader: the same rows, counts and offsets as read(), window sizes that cut records anywhere,
// and a file that shrinks while mapped reported as changed (SIGBUS caught by the CMappedScan guard), not a crash.
import Foundation
import Testing
@testable import ChannelShiftKit
#if canImport(Glibc)
import Glibc
#endif

struct MappedReadTests {
    /// About 2.3 MB of rows with the shapes a window cut can land in: quoted fields holding commas, quotes and
    /// newlines, CRLF endings, blank lines, bad rows, and a row several pages long.
    static let export: String = {
        var rows = [BadCorpus.header]
        let long = String(repeating: "z", count: 3 * 4096 + 17)
        for i in 1...25_000 {
            switch i % 97 {
            case 3: rows.append("C\(i),2022-07-\(10 + i % 18) 09:15:00,phone,\"Roads, Pavements\",\"Pot \"\"hole\"\"\nreported\",answered,\(i % 60),\(i % 300),K\(i % 700),N")
            case 11: rows.append("C\(i),2022-07-02 10:00:00,email,Waste,Missed,handled,0,\(i % 90),K\(i % 700),Y\r")
            case 29: rows.append("")
            case 41: rows.append("C\(i),2022-07-03 11:00:00,phone,Waste,Missed,answered,-5,100,K1,Y")
            case 57: rows.append("C\(i),2022-07-04 12:00:00,phone,Waste,\"\(long)\",answered,1,2,K2,Y")
            default: rows.append("C\(i),2022-07-\(10 + i % 18) 08:\(10 + i % 50):00,phone,Waste,Missed \(i % 9),answered,\(i % 90),\(i % 400),K\(i % 500),Y")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }()

    static func read(_ path: String, threads: Int, window: Int?) throws -> ([String], FileIngestResult) {
        var o = IngestOptions(threads: threads)
        o.mapWindowBytes = window
        let (s, r) = try ContactReader.read(paths: [path], display: ["data.csv"], options: o) { CollectingSink() }
        // Sinks merge in worker order: compare as a sorted list, keyed by each row's byte offset.
        let rows = s.records.map { "\($0.fileOrder) \($0.startedAt) \(r.wraps.code($0.wrap).line)|\(r.wraps.code($0.wrap).reason) \($0.waitSeconds) \($0.handleSeconds) \($0.hasEmail)" }
        return (rows.sorted(), r.files[0])
    }

    @Test(arguments: [(1, 4096), (2, 4096), (2, 3 * 4096), (1, 1 << 20), (2, 8 << 20)])
    func mappedWindowsReadWhatReadDoes(threads: Int, window: Int) throws {
        let path = TestFiles.write(Self.export)
        let (expected, e) = try Self.read(path, threads: 1, window: nil)
        let (rows, f) = try Self.read(path, threads: threads, window: window)
        #expect(e.rowsRead > 24_000 && e.rowsRejected > 200 && e.blankLines > 200)
        #expect(rows.count == expected.count)
        #expect(rows == expected)
        #expect(f.rowsRead == e.rowsRead && f.rowsAccepted == e.rowsAccepted && f.blankLines == e.blankLines)
        #expect(f.rejections == e.rejections)
        #expect(f.examples == e.examples)
        #expect(f.sha256 == e.sha256 && !f.sha256.isEmpty)
    }

    /// Cuts the file it is reading to nothing on its first row: the rest of the mapped window is gone.
    struct ShrinkingSink: ContactSink {
        let path: String
        var done = false
        mutating func add(_ r: ContactRecord) {
            if !done { _ = truncate(path, 0); done = true }
        }
        mutating func merge(_ o: ShrinkingSink) { done = done || o.done }
    }

    @Test(arguments: [1, 2])
    func aFileShrinkingWhileMappedIsReportedNotACrash(threads: Int) throws {
        let path = TestFiles.write(Self.export)
        let faultsBefore = MappedFile.faultsCaught
        do {
            _ = try ContactReader.read(paths: [path], display: ["data.csv"], options: IngestOptions(threads: threads)) { ShrinkingSink(path: path) }
            Issue.record("a file cut short while mapped was not reported")
        } catch {
            #expect(error.status == .dataError)     // exit 1
            #expect(error.rendered.hasPrefix("data.csv: error: data.csv changed while it was being read"))
        }
        // The scan read past the new end and the guard turned the SIGBUS into that error.
        #expect(MappedFile.faultsCaught > faultsBefore)
    }

    @Test func theGuardReportsAFaultOnlyWhenThePageIsGone() throws {
        let page = MappedFile.pageSize
        let path = TestFiles.write([UInt8](repeating: 65, count: 3 * page), name: "pages.bin")
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let base = try #require(mmap(nil, 3 * page, PROT_READ, MAP_SHARED, fd, 0))
        defer { munmap(base, 3 * page) }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        nonisolated(unsafe) var sum = 0
        #expect(MappedFile.guarded(base, 3 * page) { sum = Int(bytes[2 * page]) })
        #expect(sum == 65)
        _ = truncate(path, off_t(page))
        #expect(MappedFile.guarded(base, 3 * page) { sum = Int(bytes[0]) })       // the first page is still there
        #expect(!MappedFile.guarded(base, 3 * page) { sum = Int(bytes[2 * page]) })
        #expect(MappedFile.guarded(base, 3 * page) { sum = Int(bytes[page - 1]) })  // and the guard works again after
    }
}

struct ByteKeyTableTests {
    /// Free-text reasons that share their start, middle and end (a long common tail) must still hash apart:
    /// a fingerprint of only those bytes put 20,000 such keys in one probe chain.
    @Test func keysDifferingOnlyInsideHashApartAndAreFound() {
        let pad = String(repeating: "r", count: 150)
        let keys = (0..<2_000).map { Array("Waste\u{1F}Reason \($0) \(pad)".utf8) }
        let prints = Set(keys.map { k in k.withUnsafeBytes { ByteKeyTable.fingerprint($0) } })
        #expect(prints.count == keys.count)
        var table = ByteKeyTable()
        for (i, k) in keys.enumerated() { k.withUnsafeBytes { table.insert($0, Int32(i)) } }
        for (i, k) in keys.enumerated() { #expect(k.withUnsafeBytes { table.find($0) } == Int32(i)) }
        // Short keys and keys whose tail overlaps the last full word.
        for n in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33] {
            let a = [UInt8](repeating: 65, count: n), b = a.dropLast() + [66]
            #expect(a.withUnsafeBytes { ByteKeyTable.fingerprint($0) } != b.withUnsafeBytes { ByteKeyTable.fingerprint($0) }, "\(n)")
        }
    }
}
