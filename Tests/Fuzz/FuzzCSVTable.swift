// libFuzzer entry: bytes through CSVTable.parse, the strict reader every side file (mapping, taxonomy, tables) uses.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let t = try CSVTable.parse(bytes, file: "fuzz.csv")
        for row in t.rows {
            precondition(row.fields.count == row.columns.count)
            precondition(row.line >= 1)
            _ = try? t.checkWidth(row)
            for k in row.fields.indices { _ = t.location(row, field: k) }
        }
        _ = try? t.requireColumns(["kind", "field"])
    } catch {
        _ = error.rendered
    }
    return 0
}
