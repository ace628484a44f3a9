// The golden-file helper itself: a mismatch leaves NAME.actual beside the golden; a match clears it.
import Foundation
import Testing

struct GoldenTests {
    @Test func mismatchWritesTheActualOutputBesideTheGolden() throws {
        guard !Golden.recording else { return }
        let golden = TestFiles.tempDir() + "/report.md"
        try "one\n".write(toFile: golden, atomically: true, encoding: .utf8)
        #expect(Golden.mismatch("two\n", golden) != nil)
        #expect(FileManager.default.contents(atPath: golden + ".actual") == Data("two\n".utf8))
        #expect(Golden.mismatch("one\n", golden) == nil)
        #expect(!FileManager.default.fileExists(atPath: golden + ".actual"))
        #expect(Golden.mismatch("x", golden + ".missing") != nil)
    }
}
