// libFuzzer entry: bytes as a mapping file and as a taxonomy, then a header resolved against the mapping.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSideFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(data, size)
    let mapping: MappingFile?
    do { mapping = try MappingFile.load(path, display: "mapping.csv") } catch { _ = error.rendered; mapping = nil }
    do {
        let t = try CSVTable.load(path, display: "fuzz.csv")
        _ = try? ResolvedColumns.resolve(headers: t.header, mapping: mapping, file: "fuzz.csv")
        _ = try Taxonomy.parse(t)
    } catch {
        _ = error.rendered
    }
    return 0
}
