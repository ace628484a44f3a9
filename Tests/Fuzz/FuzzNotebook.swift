// libFuzzer entry: bytes as a notebook through NotebookParser.parse, what `render` does before running cells.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // `render` refuses non-UTF-8 files before parsing; repaired text keeps the fuzzer inside the parser.
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try NotebookParser.parse(text, file: "fuzz.md", knownKeys: Scenario.keys)
    } catch {
        _ = error.rendered
    }
    return 0
}
