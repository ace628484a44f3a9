// libFuzzer entry: bytes as an `--assumptions` file (plain block or notebook) through AssumptionFile.parse.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAssumptions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let set = try AssumptionFile.parse(text, file: "fuzz.txt", knownKeys: Scenario.keys)
        // Every parsed value must be a finite number: NaN or infinity would poison every figure downstream.
        for a in set.items { precondition(a.central.isFinite && a.low.isFinite && a.high.isFinite, "non-finite assumption \(a.key)") }
    } catch {
        _ = error.rendered
    }
    return 0
}
