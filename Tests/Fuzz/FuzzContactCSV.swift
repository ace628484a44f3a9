// libFuzzer entry: bytes as a contact export through ContactReader.read, the path `profile` and every analysis take.
import Foundation

struct CountingSink: ContactSink {
    var n = 0
    mutating func add(_ r: ContactRecord) { n += 1 }
    mutating func merge(_ o: CountingSink) { n += o.n }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContactCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(data, size)
    // Two threads: the reader only splits files over 1 MiB, but the threaded path (hash + parse) still runs.
    let options = IngestOptions(threads: 2)
    do {
        let (sink, result) = try ContactReader.read(paths: [path], display: ["fuzz.csv"], options: options) { CountingSink() }
        // Row accounting is the reader's core promise: no row disappears.
        precondition(result.rowsRead == result.rowsAccepted + result.rowsRejected)
        precondition(sink.n == result.rowsAccepted)
    } catch {
        // Errors are fine; they must render (file:line:column) without trapping.
        _ = error.rendered
    }
    return 0
}
