// A paper as a Word document (Office Open XML, ECMA-376 Part 1), written directly: Word headings, tables with
// repeating header rows, numbered and bulleted lists, charts as SVG images with a PNG fallback and alt text,
// each chart's data as a table beside it. Styles come from our own styles.xml or a reference .docx.

public enum DocxPaper {
    /// The .docx bytes. `referenceStyles` is the styles.xml of a council's template (`--reference-docx`).
    public static func render(_ p: Paper, referenceStyles: [UInt8]? = nil) -> [UInt8] {
        var w = Writer()
        w.paragraph(style: "Title", runs: [Run(p.title)])
        w.table(p.detailsTable, header: false)
        w.lastLevel = 1
        for b in p.body + p.appendices { w.block(b) }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document \(namespaces)><w:body>\(w.body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>\
        <w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>\
        </w:sectPr></w:body></w:document>
        """
        var entries: [ZipArchive.Entry] = [
            .init("[Content_Types].xml", contentTypes),
            .init("_rels/.rels", rootRels),
            .init("docProps/core.xml", core(title: p.title, note: p.generatedNote)),
            .init("word/document.xml", document),
            .init("word/styles.xml", referenceStyles ?? Array(styles.utf8)),
            .init("word/numbering.xml", numbering(orderedLists: w.orderedLists)),
            .init("word/settings.xml", settings),
            .init("word/_rels/document.xml.rels", documentRels(w.relationships)),
        ]
        for m in w.media { entries.append(.init("word/media/" + m.name, m.data)) }
        return ZipArchive.write(entries)
    }

    struct Run {
        var text: String
        var bold = false, italic = false, code = false
        var link: String?
        init(_ text: String, bold: Bool = false, italic: Bool = false, code: Bool = false, link: String? = nil) {
            self.text = text; self.bold = bold; self.italic = italic; self.code = code; self.link = link
        }
    }

    struct Writer {
        var body = ""
        var lastLevel = 1
        var relationships: [(id: String, type: String, target: String, external: Bool)] = []
        var media: [(name: String, data: [UInt8])] = []
        var orderedLists: [Int] = []          // start number of each ordered list; numId = 2 + index
        var drawingID = 0
        var figureNumber = 0
        var landscape = false

        mutating func relationship(type: String, target: String, external: Bool = false) -> String {
            let id = "rId\(relationships.count + 10)"
            relationships.append((id, type, target, external))
            return id
        }

        mutating func runs(_ inl: [ProseMarkdown.Inline], bold: Bool = false, italic: Bool = false, link: String? = nil) -> [Run] {
            inl.flatMap { i -> [Run] in
                switch i {
                case .text(let s): return [Run(s, bold: bold, italic: italic, link: link)]
                case .code(let s): return [Run(s, bold: bold, italic: italic, code: true, link: link)]
                case .strong(let x): return runs(x, bold: true, italic: italic, link: link)
                case .emphasis(let x): return runs(x, bold: bold, italic: true, link: link)
                case .link(let x, let url):
                    let external = url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("mailto:")
                    return runs(x, bold: bold, italic: italic, link: external ? url : nil)
                }
            }
        }

        mutating func runXML(_ runs: [Run], size: Int? = nil) -> String {
            var out = ""
            for r in runs {
                var props = ""
                if r.bold { props += "<w:b/>" }
                if r.italic { props += "<w:i/>" }
                if r.code { props += "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/>" }
                if r.link != nil { props += "<w:rStyle w:val=\"Hyperlink\"/><w:color w:val=\"1D70B8\"/><w:u w:val=\"single\"/>" }
                if let size { props += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
                let run = "<w:r>\(props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>")<w:t xml:space=\"preserve\">\(xml(r.text))</w:t></w:r>"
                if let link = r.link {
                    let id = relationship(type: "hyperlink", target: link, external: true)
                    out += "<w:hyperlink r:id=\"\(id)\">\(run)</w:hyperlink>"
                } else {
                    out += run
                }
            }
            return out
        }

        mutating func paragraph(style: String? = nil, runs: [Run], align: String? = nil, keepNext: Bool = false,
                                numbering: (id: Int, level: Int)? = nil, size: Int? = nil) {
            var ppr = ""
            if let style { ppr += "<w:pStyle w:val=\"\(style)\"/>" }
            if keepNext { ppr += "<w:keepNext/>" }
            if let numbering { ppr += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>" }
            if let align { ppr += "<w:jc w:val=\"\(align)\"/>" }
            body += "<w:p>\(ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>")\(runXML(runs, size: size))</w:p>"
        }

        /// Heading 1 for the paper's sections (`##`), deeper levels below it, never skipping a level.
        mutating func heading(_ level: Int, _ runs: [Run]) {
            let l = max(2, min(level, lastLevel + 1, 6))
            lastLevel = l
            paragraph(style: "Heading\(l - 1)", runs: runs, keepNext: true)
        }

        mutating func block(_ b: PaperBlock) {
            switch b {
            case .heading(let level, let text): heading(level, runs(ProseMarkdown.inlines(text)))
            case .prose(let md): for pb in ProseMarkdown.blocks(md) { prose(pb) }
            case .paragraph(let text): paragraph(runs: runs(ProseMarkdown.inlines(text)))
            case .bullets(let items): for i in items { paragraph(style: "ListParagraph", runs: runs(ProseMarkdown.inlines(i)), numbering: (1, 0)) }
            case .table(let t, let level):
                let wide = DocxPaper.needsLandscape(t)
                if wide { body += DocxPaper.sectionBreak(landscape: false); landscape = true }
                if let level, !t.title.isEmpty { heading(level, [Run(t.title)]) }
                table(t, header: true)
                if wide { body += DocxPaper.sectionBreak(landscape: true); landscape = false }
            case .figure(let f, _): figure(f)
            }
        }

        mutating func prose(_ b: ProseMarkdown.Block) {
            switch b {
            case .heading(let level, let inl): heading(level, runs(inl))
            case .paragraph(let inl): paragraph(runs: runs(inl))
            case .list(let ordered, let start, let items):
                var id = 1
                if ordered { orderedLists.append(start); id = 1 + orderedLists.count }
                for item in items { paragraph(style: "ListParagraph", runs: runs(item), numbering: (id, 0)) }
            case .table(let header, let rows, let right):
                let cols = header.enumerated().map { i, h in
                    Column("c\(i)", ProseMarkdown.plainText(h), i < right.count && right[i] ? .right : .left)
                }
                table(Table(id: "prose", title: "", columns: cols, rows: rows.map { $0.map { .text(ProseMarkdown.plainText($0)) } }), header: true)
            case .code(let code):
                for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
                    paragraph(style: "Code", runs: [Run(String(line), code: true)])
                }
            case .quote(let inl): paragraph(style: "Quote", runs: runs(inl, italic: true))
            case .rule: paragraph(runs: [])
            }
        }

        /// A table with its first row repeated on every page (w:tblHeader) and numbers aligned right.
        mutating func table(_ t: Table, header: Bool) {
            let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\""
            let (widths, fontSize) = DocxPaper.columnWidths(t, header: header,
                                                            available: landscape ? DocxPaper.landscapeWidth : DocxPaper.portraitWidth)
            body += "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
            body += "<w:tblBorders><w:top \(border)/><w:bottom \(border)/><w:insideH \(border)/></w:tblBorders>"
            body += "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/></w:tblCellMar>"
            body += "<w:tblLook w:val=\"04A0\" w:firstRow=\"\(header ? 1 : 0)\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
            body += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            func row(_ cells: [String], bold: Bool, isHeader: Bool) {
                body += "<w:tr>" + (isHeader ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
                for (i, c) in cells.enumerated() {
                    let right = i < t.columns.count && t.columns[i].alignment == .right
                    let shade = isHeader ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F2F1\"/>" : ""
                    body += "<w:tc><w:tcPr><w:tcW w:w=\"\(i < widths.count ? widths[i] : 0)\" w:type=\"dxa\"/>\(shade)</w:tcPr>"
                    body += "<w:p><w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/>\(right ? "<w:jc w:val=\"right\"/>" : "")</w:pPr>"
                    body += runXML([Run(c, bold: bold || (!header && i == 0))], size: fontSize) + "</w:p></w:tc>"
                }
                body += "</w:tr>"
            }
            if header { row(t.columns.map(\.title), bold: true, isHeader: true) }
            for r in t.rows { row(r.map(\.displayText), bold: false, isHeader: false) }
            for r in t.footer { row(r.map(\.displayText), bold: true, isHeader: false) }
            body += "</w:tbl>"
            if !t.notes.isEmpty { paragraph(style: "TableNote", runs: runs(ProseMarkdown.inlines(t.notes.joined(separator: " "))), size: 18) }
            else { paragraph(runs: [], size: 8) }
        }

        /// The chart as an inline picture: PNG in a:blip (what every Word reads), the SVG in the Office 2016
        /// svgBlip extension (what Word 2016+ and LibreOffice show), alt text in docPr's descr.
        mutating func figure(_ f: Figure) {
            figureNumber += 1
            drawingID += 1
            let size = SVGRaster.size(of: f.svg)
            let png = SVGRaster.png(f.svg)
            let base = "figure\(figureNumber)"
            media.append((base + ".png", png))
            media.append((base + ".svg", Array(f.svg.utf8)))
            let pngID = relationship(type: "image", target: "media/\(base).png")
            let svgID = relationship(type: "image", target: "media/\(base).svg")
            let cx = 6_120_000                                  // 17 cm: the text width of A4 with 2 cm margins
            let cy = Int((Double(cx) * size.height / max(size.width, 1)).rounded())
            let alt = xml(f.altText)
            body += """
            <w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/></w:pPr><w:r><w:drawing>\
            <wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\(cx)" cy="\(cy)"/>\
            <wp:docPr id="\(drawingID)" name="\(base)" descr="\(alt)" title="\(xml(f.title))"/>\
            <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>\
            <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
            <pic:nvPicPr><pic:cNvPr id="\(drawingID)" name="\(base).png" descr="\(alt)"/><pic:cNvPicPr/></pic:nvPicPr>\
            <pic:blipFill><a:blip r:embed="\(pngID)"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">\
            <asvg:svgBlip r:embed="\(svgID)"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
            <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\(cx)" cy="\(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>\
            </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
            """
            paragraph(style: "Caption", runs: [Run("Figure \(figureNumber): \(f.title)")], keepNext: f.data != nil)
            if let data = f.data {
                paragraph(style: "TableNote", runs: [Run("Data for figure \(figureNumber)" + (data.title.isEmpty ? "" : ": " + data.title))],
                          keepNext: true, size: 18)
                table(data, header: true)
            }
        }
    }

    /// Column widths in twentieths of a point for the 17 cm text width, and the font size (half-points): every
    /// column at least as wide as its longest word (Word would otherwise break "Offered" into "Offere/d"), the
    /// rest of the width shared by how much more each column's longest cell wants; 8 pt where 9 pt cannot fit.
    static func columnWidths(_ t: Table, header: Bool, available: Double = portraitWidth) -> (widths: [Int], fontSize: Int) {
        func longestWord(_ s: String) -> Int { s.split(separator: " ").map(\.count).max() ?? 0 }
        var minChars = [Int](repeating: 1, count: t.columns.count), wantChars = minChars
        for (i, c) in t.columns.enumerated() {
            let texts = (header ? [c.title] : []) + (t.rows + t.footer).compactMap { i < $0.count ? $0[i].displayText : nil }
            minChars[i] = max(1, texts.map(longestWord).max() ?? 1)
            wantChars[i] = max(minChars[i], min(40, texts.map(\.count).max() ?? 1))
        }
        // Widths allow for a wider substitute font (DejaVu Sans where Arial is missing) and bold headers.
        for (size, charWidth, pad) in [(18, 128.0, 240.0), (16, 114.0, 200.0), (14, 100.0, 170.0)] {
            let minW = minChars.map { Double($0) * charWidth + pad }, wantW = wantChars.map { Double($0) * charWidth + pad }
            let minSum = minW.reduce(0, +), wantSum = wantW.reduce(0, +)
            if wantSum <= available { return (wantW.map { Int($0.rounded()) }, size) }
            if minSum <= available || size == 14 {
                let extra = max(0, available - minSum), spare = max(wantSum - minSum, 1)
                let scale = minSum > available ? available / minSum : 1
                return (zip(minW, wantW).map { Int((($0 + extra * ($1 - $0) / spare) * scale).rounded()) }, size)
            }
        }
        return (t.columns.map { _ in Int(available) / max(t.columns.count, 1) }, 14)
    }

    static let portraitWidth = 9638.0, landscapeWidth = 14570.0      // A4 less 2 cm margins, in twips

    /// A table too wide for a portrait page even at 7 pt gets a landscape page of its own.
    static func needsLandscape(_ t: Table) -> Bool {
        let (widths, size) = columnWidths(t, header: true)
        guard size == 14 else { return false }
        var minChars = 0
        for (i, c) in t.columns.enumerated() {
            let texts = [c.title] + (t.rows + t.footer).compactMap { i < $0.count ? $0[i].displayText : nil }
            minChars += texts.map { $0.split(separator: " ").map(\.count).max() ?? 0 }.max() ?? 0
        }
        return Double(minChars) * 100 + Double(t.columns.count) * 170 > portraitWidth && widths.count > 0
    }

    static func sectionBreak(landscape: Bool) -> String {
        let size = landscape ? "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
        return "<w:p><w:pPr><w:sectPr>\(size)<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:pPr></w:p>"
    }

    /// Text for an XML attribute or element: escaped, and without the control characters XML 1.0 forbids.
    static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default: if u.value >= 0x20 { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    static let namespaces = """
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
    xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
    xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" \
    xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main"
    """

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Default Extension="png" ContentType="image/png"/>\
    <Default Extension="svg" ContentType="image/svg+xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
    <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    </Types>
    """

    static let rootRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    </Relationships>
    """

    static func core(title: String, note: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(xml(title))</dc:title>\
        <dc:description>\(xml(note))</dc:description><dc:language>en-GB</dc:language></cp:coreProperties>
        """
    }

    static func documentRels(_ rels: [(id: String, type: String, target: String, external: Bool)]) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
        """
        for r in rels {
            out += "<Relationship Id=\"\(r.id)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/\(r.type)\" Target=\"\(xml(r.target))\"\(r.external ? " TargetMode=\"External\"" : "")/>"
        }
        return out + "</Relationships>"
    }

    static let settings = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
    <w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
    <w:themeFontLang w:val="en-GB"/></w:settings>
    """

    /// numId 1: bullets; numId 2…: one per ordered list so each starts at its own number.
    static func numbering(orderedLists: [Int]) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>\
        <w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>\
        <w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>\
        <w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>\
        <w:pPr><w:ind w:left="567" w:hanging="397"/></w:pPr></w:lvl></w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        """
        for (i, start) in orderedLists.enumerated() {
            out += "<w:num w:numId=\"\(i + 2)\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"\(start)\"/></w:lvlOverride></w:num>"
        }
        return out + "</w:numbering>"
    }

    static func style(_ id: String, _ name: String, basedOn: String? = "Normal", ppr: String = "", rpr: String = "", type: String = "paragraph") -> String {
        "<w:style w:type=\"\(type)\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>" + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "")
            + "<w:qFormat/>" + (ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>") + (rpr.isEmpty ? "" : "<w:rPr>\(rpr)</w:rPr>") + "</w:style>"
    }

    static let styles: String = {
        var s = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>\
        <w:color w:val="0B0C0C"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
        """
        s += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
        s += style("Title", "Title", ppr: "<w:spacing w:after=\"240\"/>", rpr: "<w:b/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/>")
        let headings = [(1, 32, 360), (2, 26, 240), (3, 23, 200), (4, 22, 160), (5, 22, 120)]
        for (n, size, before) in headings {
            s += style("Heading\(n)", "heading \(n)",
                       ppr: "<w:keepNext/><w:spacing w:before=\"\(before)\" w:after=\"120\"/><w:outlineLvl w:val=\"\(n - 1)\"/>",
                       rpr: "<w:b/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>")
        }
        s += style("Caption", "caption", ppr: "<w:spacing w:after=\"120\"/>", rpr: "<w:b/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
        s += style("TableNote", "Table note", ppr: "<w:spacing w:before=\"60\" w:after=\"160\"/>", rpr: "<w:color w:val=\"383F43\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
        s += style("ListParagraph", "List Paragraph", ppr: "<w:spacing w:after=\"60\"/><w:ind w:left=\"567\"/>")
        s += style("Code", "Code", ppr: "<w:spacing w:after=\"0\"/>", rpr: "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/><w:sz w:val=\"18\"/>")
        s += style("Quote", "Quote", ppr: "<w:ind w:left=\"567\"/>", rpr: "<w:i/>")
        s += style("Hyperlink", "Hyperlink", basedOn: nil, rpr: "<w:color w:val=\"1D70B8\"/><w:u w:val=\"single\"/>", type: "character")
        return s + "</w:styles>"
    }()

    /// The styles.xml of a reference document, for `--reference-docx`.
    public static func referenceStyles(_ docx: [UInt8]) throws(ZipArchive.ReadError) -> [UInt8] {
        guard let styles = try ZipArchive.read(docx).first(where: { $0.name == "word/styles.xml" }) else {
            throw .corrupt("no word/styles.xml")
        }
        return styles.data
    }
}
