// A paper as one self-contained, accessible HTML file: inline SVG charts, a heading hierarchy without gaps,
// tables with scoped headers, lang="en-GB", and print CSS for A4. Checked with axe-core by `make check-html`.

public enum HTMLPaper {
    public static func render(_ p: Paper) -> String {
        var w = Writer()
        w.out += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        w.out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        w.out += "<title>\(escape(p.title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        w.out += "<!-- \(escapeComment(p.generatedNote)) -->\n<main>\n"
        w.out += "<h1 id=\"top\">\(escape(p.title))</h1>\n"
        w.lastLevel = 1
        w.detailsTable(p.detailsTable)
        for b in p.body { w.block(b) }
        if !p.appendices.isEmpty {
            for b in p.appendices { w.block(b) }
        }
        w.out += "</main>\n</body>\n</html>\n"
        return w.out
    }

    struct Writer {
        var out = ""
        var lastLevel = 1
        var usedIDs: Set<String> = ["top"]

        /// A heading no deeper than one below the last, so assistive technology sees no gaps in the outline.
        mutating func heading(_ level: Int, _ inner: String, plain: String) -> String {
            let l = max(2, min(level, lastLevel + 1, 6))
            lastLevel = l
            let id = uniqueID(plain)
            out += "<h\(l) id=\"\(id)\">\(inner)</h\(l)>\n"
            return id
        }

        mutating func uniqueID(_ text: String) -> String {
            var slug = ""
            for ch in text.lowercased() {
                if ch.isASCII && (ch.isLetter || ch.isNumber) { slug.append(ch) } else if !slug.hasSuffix("-") && !slug.isEmpty { slug.append("-") }
            }
            while slug.hasSuffix("-") { slug.removeLast() }
            if slug.isEmpty { slug = "section" }
            if slug.first?.isNumber == true { slug = "s-" + slug }
            var id = slug, n = 2
            while usedIDs.contains(id) { id = "\(slug)-\(n)"; n += 1 }
            usedIDs.insert(id)
            return id
        }

        mutating func block(_ b: PaperBlock) {
            switch b {
            case .heading(let level, let text):
                _ = heading(level, inline(ProseMarkdown.inlines(text)), plain: ProseMarkdown.plainText(ProseMarkdown.inlines(text)))
            case .prose(let md):
                for pb in ProseMarkdown.blocks(md) { prose(pb) }
            case .paragraph(let text):
                out += "<p>\(inline(ProseMarkdown.inlines(text)))</p>\n"
            case .bullets(let items):
                out += "<ul>\n" + items.map { "<li>\(inline(ProseMarkdown.inlines($0)))</li>\n" }.joined() + "</ul>\n"
            case .table(let t, let level):
                var labelledBy: String?
                if let level, !t.title.isEmpty { labelledBy = heading(level, escape(t.title), plain: t.title) }
                table(t, labelledBy: labelledBy, caption: labelledBy == nil && !t.title.isEmpty ? t.title : nil)
            case .figure(let f, _):
                figure(f)
            }
        }

        mutating func prose(_ b: ProseMarkdown.Block) {
            switch b {
            case .heading(let level, let inl):
                _ = heading(level, inline(inl), plain: ProseMarkdown.plainText(inl))
            case .paragraph(let inl): out += "<p>\(inline(inl))</p>\n"
            case .list(let ordered, let start, let items):
                let tag = ordered ? "ol" : "ul"
                out += "<\(tag)\(ordered && start != 1 ? " start=\"\(start)\"" : "")>\n"
                out += items.map { "<li>\(inline($0))</li>\n" }.joined()
                out += "</\(tag)>\n"
            case .table(let header, let rows, let right):
                out += "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>"
                for (i, h) in header.enumerated() {
                    out += "<th scope=\"col\"\(i < right.count && right[i] ? " class=\"num\"" : "")>\(inline(h))</th>"
                }
                out += "</tr>\n</thead>\n<tbody>\n"
                for row in rows {
                    out += "<tr>"
                    for (i, c) in row.enumerated() {
                        let cls = i < right.count && right[i] ? " class=\"num\"" : ""
                        out += i == 0 ? "<th scope=\"row\"\(cls)>\(inline(c))</th>" : "<td\(cls)>\(inline(c))</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody>\n</table>\n</div>\n"
            case .code(let code): out += "<pre><code>\(escape(code))</code></pre>\n"
            case .quote(let inl): out += "<blockquote><p>\(inline(inl))</p></blockquote>\n"
            case .rule: out += "<hr>\n"
            }
        }

        mutating func detailsTable(_ t: Table) {
            out += "<table class=\"details\">\n<caption>Report details</caption>\n<tbody>\n"
            for row in t.rows where row.count == 2 {
                out += "<tr><th scope=\"row\">\(escape(row[0].displayText))</th><td>\(inline(ProseMarkdown.inlines(row[1].displayText)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }

        /// A table from the report model: header cells scoped to their column, the first column's cells to their row.
        mutating func table(_ t: Table, labelledBy: String?, caption: String?) {
            let label = labelledBy.map { " role=\"region\" aria-labelledby=\"\($0)\" tabindex=\"0\"" } ?? ""
            out += "<div class=\"table-wrap\"\(label)>\n<table\(t.columns.count > 8 ? " class=\"wide\"" : "")>\n"
            if let caption { out += "<caption>\(escape(caption))</caption>\n" }
            out += "<thead>\n<tr>"
            for c in t.columns { out += "<th scope=\"col\"\(c.alignment == .right ? " class=\"num\"" : "")>\(escape(c.title))</th>" }
            out += "</tr>\n</thead>\n<tbody>\n"
            let rowHeader = t.columns.first?.alignment == .left
            for row in t.rows { self.row(row, t.columns, rowHeader: rowHeader) }
            out += "</tbody>\n"
            if !t.footer.isEmpty {
                out += "<tfoot>\n"
                for row in t.footer { self.row(row, t.columns, rowHeader: rowHeader) }
                out += "</tfoot>\n"
            }
            out += "</table>\n</div>\n"
            if !t.notes.isEmpty { out += "<p class=\"note\">\(inline(ProseMarkdown.inlines(t.notes.joined(separator: " "))))</p>\n" }
        }

        mutating func row(_ row: [Cell], _ columns: [Column], rowHeader: Bool) {
            out += "<tr>"
            for (i, c) in row.enumerated() {
                let num = i < columns.count && columns[i].alignment == .right ? " class=\"num\"" : ""
                let text = escape(c.displayText)
                // Short labels (months, channels) stay on one line; long ones (reasons) may wrap.
                let cls = num.isEmpty && c.displayText.count <= 12 && !c.displayText.contains(" ") ? " class=\"nowrap\"" : num
                if i == 0 && rowHeader { out += "<th scope=\"row\"\(cls)>\(text)</th>" } else { out += "<td\(cls)>\(text)</td>" }
            }
            out += "</tr>\n"
        }

        mutating func figure(_ f: Figure) {
            let id = uniqueID("figure-" + f.id)
            out += "<figure aria-labelledby=\"\(id)\">\n"
            out += HTMLPaper.inlineSVG(f.svg, label: f.altText)
            out += "<figcaption id=\"\(id)\">\(escape(f.title))</figcaption>\n"
            if let data = f.data {
                out += "<details>\n<summary>Data for this chart</summary>\n"
                table(data, labelledBy: nil, caption: data.title.isEmpty ? "Data for: " + f.title : data.title)
                out += "</details>\n"
            }
            out += "</figure>\n"
        }
    }

    /// The SVG without any XML prolog, its accessible name set to `label` (role="img" with aria-label).
    static func inlineSVG(_ svg: String, label: String) -> String {
        var s = Substring(svg)
        if let prolog = s.range(of: "?>"), s.hasPrefix("<?xml") { s = s[prolog.upperBound...] }
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        var out = String(s)
        if let open = out.range(of: "<svg"), let end = out[open.upperBound...].firstIndex(of: ">") {
            var tag = String(out[open.lowerBound..<end])
            if !tag.contains("role=") { tag += " role=\"img\"" }
            if let a = tag.range(of: " aria-label=\"") , let close = tag[a.upperBound...].firstIndex(of: "\"") {
                tag.replaceSubrange(a.lowerBound...close, with: "")
            }
            tag += " aria-label=\"\(escape(label))\" focusable=\"false\""
            out.replaceSubrange(open.lowerBound..<end, with: tag)
        }
        return out.hasSuffix("\n") ? out : out + "\n"
    }

    static func inline(_ inl: [ProseMarkdown.Inline]) -> String {
        inl.map { i -> String in
            switch i {
            case .text(let s): return escape(s)
            case .strong(let x): return "<strong>\(inline(x))</strong>"
            case .emphasis(let x): return "<em>\(inline(x))</em>"
            case .code(let s): return "<code>\(escape(s))</code>"
            case .link(let x, let url):
                // Links to other files of the repository would break once the paper is published on its own.
                let safe = url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("#") || url.hasPrefix("mailto:")
                return safe ? "<a href=\"\(escape(url))\">\(inline(x))</a>" : inline(x)
            }
        }.joined()
    }

    public static func escape(_ s: String) -> String { SVGChart.escape(s) }

    static func escapeComment(_ s: String) -> String { s.replacingOccurrences(of: "--", with: "- -") }

    static let css = """
    :root { color: #0b0c0c; background: #ffffff; }
    body { font-family: Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5; margin: 0; }
    main { max-width: 54rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
    h2 { font-size: 1.45rem; margin: 2rem 0 0.75rem; border-top: 1px solid #b1b4b6; padding-top: 0.75rem; }
    h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
    h4, h5, h6 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
    p, li { max-width: 46rem; }
    a { color: #1d70b8; }
    a:focus, .table-wrap:focus { outline: 3px solid #ffdd00; }
    code, pre { font-family: "Courier New", monospace; font-size: 0.9em; }
    pre { white-space: pre-wrap; background: #f3f2f1; padding: 0.5rem; }
    .table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
    table { border-collapse: collapse; font-size: 0.9rem; }
    caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
    th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3rem 0.6rem 0.3rem 0; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #0b0c0c; }
    tbody th { font-weight: normal; }
    tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #0b0c0c; }
    .nowrap { white-space: nowrap; }
    table.wide { font-size: 0.8rem; }
    table.wide th, table.wide td { padding-right: 0.4rem; }
    .num { text-align: right; font-variant-numeric: tabular-nums; padding-left: 0.8rem; white-space: nowrap; }
    table.details { margin-bottom: 1.5rem; }
    table.details th { font-weight: bold; padding-right: 1.5rem; }
    .note { font-size: 0.9rem; color: #383f43; }
    figure { margin: 1rem 0 1.5rem; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { font-weight: bold; margin-top: 0.25rem; }
    details { margin-top: 0.5rem; }
    summary { cursor: pointer; color: #1d70b8; text-decoration: underline; }
    @page { size: A4; margin: 18mm 16mm 20mm; }
    @media print {
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; border-top: none; }
      h3, h4 { break-after: avoid; }
      figure, tr, .details { break-inside: avoid; }
      .table-wrap { overflow: visible; }
      table { font-size: 8.5pt; }
      table.wide { font-size: 7pt; }
      details { display: none; }
      a { color: inherit; text-decoration: none; }
    }

    """
}

extension Cell {
    /// The text a reader sees, without Markdown escaping: for HTML and Word.
    public var displayText: String {
        if case .text(let s) = self { return s }
        return markdown
    }
}
