// The Word paper: a valid ZIP (CRC-32, inflate), Word's own heading and table semantics, alt text, styles.
import Foundation
import Testing
@testable import ChannelShiftKit

struct DocxPaperTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        // Check value of CRC-32/ISO-HDLC for "123456789" (Greg Cook's CRC catalogue).
        #expect(ZipArchive.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipArchive.crc32([]) == 0)
    }

    @Test func zipRoundTripsAndIsDeterministic() throws {
        let entries = [ZipArchive.Entry("a.txt", "hello"), ZipArchive.Entry("dir/b.xml", "<x/>"), ZipArchive.Entry("empty", [])]
        let z = ZipArchive.write(entries)
        #expect(try ZipArchive.read(z) == entries)
        #expect(ZipArchive.write(entries) == z)
        var corrupt = z
        corrupt[30 + 5 + 1] ^= 0xFF                              // a byte of "hello": after the header and the name
        #expect(throws: ZipArchive.ReadError.self) { try ZipArchive.read(corrupt) }
    }

    @Test func inflateReadsZlibsDynamicHuffmanStreams() throws {
        // zlib.compressobj(9, zlib.DEFLATED, -15) of the text below (Python 3.11): one dynamic-Huffman block (BTYPE 2).
        let text = String(repeating: "Waste and recycling contacts: business case for moving routine requests online. ", count: 3)
            + "abcdefghijklmnopqrstuvwxyz0123456789 The quick brown fox jumps over the lazy dog; Council Tax, Parking. "
        let hex = "cd8dc911833010045399005c94eff3e904fca08ab7100b88430b5a892b7acb59f8ddd33d99124f50b68023bdeaced80a9aad57dacb1379106349045a09a164879ea7dfc471f09144690c245ec036aa9420fbf39eca754165559ba6ed7acbc3e8c487695ed66d7f389ece97ebedfe405a13c660748bdcf16c63784113fa21662672f011776a5b5170f5c29b83d5a643aa961d3ecab5f13fc117"
        let raw = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
            UInt8(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 2)], radix: 16)!
        }
        #expect((raw[0] >> 1) & 3 == 2)
        #expect(try Inflate.inflate(raw, expectedSize: text.utf8.count) == Array(text.utf8))
        // Our own run-length encoder's output inflates back to its input.
        let runs: [UInt8] = [0, 0, 0, 0, 0, 7, 7, 7, 1, 2, 3] + [UInt8](repeating: 9, count: 700)
        #expect(try Inflate.inflate(SVGRaster.deflateRuns(runs), expectedSize: runs.count) == runs)
    }

    static func paper() -> Paper {
        let chart = SVGChart.barChart(title: "Rows by channel", labels: ["phone", "web"], values: [3, 5], axisTitle: "Rows")
        return Paper(title: "Test paper", generatedNote: "test", details: [("Committee", "Resources")],
                     body: [.heading(level: 2, text: "Purpose"), .prose("To test.\n\n1. Note **this**.\n2. And that."),
                            .heading(level: 3, text: "Rows"),
                            .table(Table(id: "t", title: "Rows", columns: [Column("c", "Channel", .left), Column("n", "Rows")],
                                         rows: [[.text("phone"), .count(3)], [.text("web"), .suppressed(below: 10)]]), headingLevel: 4),
                            .figure(Figure(id: "rows", chart: chart), link: nil)],
                     appendices: [])
    }

    @Test func documentUsesWordHeadingsHeaderRowsAndAltText() throws {
        let entries = try ZipArchive.read(DocxPaper.render(Self.paper()))
        let names = entries.map(\.name)
        for required in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml",
                         "word/media/figure1.png", "word/media/figure1.svg"] {
            #expect(names.contains(required), "\(required)")
        }
        let doc = String(decoding: entries.first { $0.name == "word/document.xml" }!.data, as: UTF8.self)
        #expect(doc.contains("<w:pStyle w:val=\"Title\"/>") && doc.contains("<w:pStyle w:val=\"Heading1\"/>") && doc.contains("<w:pStyle w:val=\"Heading2\"/>"))
        #expect(doc.contains("<w:tblHeader/>"))
        #expect(doc.contains(">[c]<"), "a hidden cell is [c] in Word too")
        #expect(doc.contains("descr=\"\(DocxPaper.xml(SVGChart.barChart(title: "Rows by channel", labels: ["phone", "web"], values: [3, 5], axisTitle: "Rows").description))\""))
        #expect(doc.contains("asvg:svgBlip") && doc.contains("Data for figure 1"))
        let png = entries.first { $0.name == "word/media/figure1.png" }!.data
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(DocxPaper.render(Self.paper()) == DocxPaper.render(Self.paper()), "same paper, same bytes")
    }

    @Test func referenceDocxSuppliesTheStyles() throws {
        let council = "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><!-- council template --></w:styles>"
        let reference = ZipArchive.write([.init("word/styles.xml", council), .init("word/document.xml", "<w:document/>")])
        let styles = try DocxPaper.referenceStyles(reference)
        let entries = try ZipArchive.read(DocxPaper.render(Self.paper(), referenceStyles: styles))
        #expect(entries.first { $0.name == "word/styles.xml" }?.data == Array(council.utf8))
        #expect(throws: ZipArchive.ReadError.self) { try DocxPaper.referenceStyles(ZipArchive.write([.init("a", "b")])) }
    }
}
