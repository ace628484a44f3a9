// Reads the Markdown an author writes in a notebook's prose (headings, paragraphs, lists, pipe tables, code,
// emphasis, links) into blocks that the HTML and Word writers render. Analysis output never passes through here.

public enum ProseMarkdown {
    public indirect enum Inline: Sendable, Equatable {
        case text(String)
        case strong([Inline])
        case emphasis([Inline])
        case code(String)
        case link([Inline], url: String)
    }

    public enum Block: Sendable, Equatable {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case list(ordered: Bool, start: Int, items: [[Inline]])
        case table(header: [[Inline]], rows: [[[Inline]]], rightAligned: [Bool])
        case code(String)
        case quote([Inline])
        case rule
    }

    // MARK: - Blocks

    public static func blocks(_ text: String) -> [Block] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var out: [Block] = []
        var para: [Substring] = []
        func flush() {
            if !para.isEmpty { out.append(.paragraph(inlines(para.map { $0.trimmed }.joined(separator: " ")))) }
            para = []
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmed
            if t.isEmpty { flush(); i += 1; continue }
            if t.hasPrefix("<!--") {                       // an HTML comment is a note to the author, not the reader
                flush()
                while i < lines.count && !lines[i].contains("-->") { i += 1 }
                i += 1
                continue
            }
            if t.hasPrefix("```") || t.hasPrefix("~~~") {
                flush()
                let fence = String(t.prefix(3))
                var code: [Substring] = []
                i += 1
                while i < lines.count && !lines[i].trimmed.hasPrefix(fence) { code.append(lines[i]); i += 1 }
                out.append(.code(code.joined(separator: "\n")))
                i += 1
                continue
            }
            if let (level, title) = heading(t) {
                flush()
                out.append(.heading(level: level, inlines(title)))
                i += 1
                continue
            }
            if t == "---" || t == "***" || t == "___" { flush(); out.append(.rule); i += 1; continue }
            if t.hasPrefix(">") {
                flush()
                var q: [String] = []
                while i < lines.count, lines[i].trimmed.hasPrefix(">") { q.append(String(lines[i].trimmed.dropFirst()).trimmed); i += 1 }
                out.append(.quote(inlines(q.joined(separator: " "))))
                continue
            }
            if t.hasPrefix("|"), i + 1 < lines.count, isDelimiterRow(lines[i + 1].trimmed) {
                flush()
                let header = cells(t)
                let right = cells(lines[i + 1].trimmed).map { $0.hasSuffix(":") && !$0.hasPrefix(":") }
                var rows: [[[Inline]]] = []
                i += 2
                while i < lines.count, lines[i].trimmed.hasPrefix("|") { rows.append(cells(lines[i].trimmed).map(inlines)); i += 1 }
                out.append(.table(header: header.map(inlines), rows: rows, rightAligned: right))
                continue
            }
            if let first = listMarker(t) {
                flush()
                var items: [[Inline]] = []
                var current = first.rest
                i += 1
                while i < lines.count {
                    let l = lines[i], lt = l.trimmed
                    if lt.isEmpty {
                        // A blank line ends the list unless the next line is another item of the same kind.
                        if i + 1 < lines.count, let m = listMarker(lines[i + 1].trimmed), m.ordered == first.ordered { i += 1; continue }
                        break
                    }
                    if let m = listMarker(lt), m.ordered == first.ordered, l.prefix(while: { $0 == " " }).count < 2 {
                        items.append(inlines(current))
                        current = m.rest
                    } else if l.first == " " || l.first == "\t" || listMarker(lt) != nil {
                        current += " " + lt
                    } else {
                        break
                    }
                    i += 1
                }
                items.append(inlines(current))
                out.append(.list(ordered: first.ordered, start: first.start, items: items))
                continue
            }
            para.append(line)
            i += 1
        }
        flush()
        return out
    }

    static func heading(_ t: String) -> (Int, String)? {
        let hashes = t.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), t.dropFirst(hashes).first == " " else { return nil }
        return (hashes, String(t.dropFirst(hashes)).trimmed)
    }

    static func listMarker(_ t: String) -> (ordered: Bool, start: Int, rest: String)? {
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return (false, 1, String(t.dropFirst(2)).trimmed) }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let after = t.dropFirst(digits.count)
        guard after.hasPrefix(". ") || after.hasPrefix(") ") else { return nil }
        return (true, Int(digits) ?? 1, String(after.dropFirst(2)).trimmed)
    }

    static func isDelimiterRow(_ t: String) -> Bool {
        t.hasPrefix("|") && t.contains("-") && t.allSatisfy { "|-: ".contains($0) }
    }

    /// The cells of a pipe-table row; `\|` is a literal bar.
    static func cells(_ row: String) -> [String] {
        var s = Substring(row.trimmed)
        if s.hasPrefix("|") { s = s.dropFirst() }
        if s.hasSuffix("|") && !s.hasSuffix("\\|") { s = s.dropLast() }
        var out: [String] = [], cur = ""
        var escaped = false
        for ch in s {
            if escaped { cur.append(ch == "|" ? "|" : "\\"); if ch != "|" { cur.append(ch) }; escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "|" { out.append(cur.trimmed); cur = ""; continue }
            cur.append(ch)
        }
        if escaped { cur.append("\\") }
        out.append(cur.trimmed)
        return out
    }

    // MARK: - Inlines

    public static func inlines(_ s: String) -> [Inline] {
        var out: [Inline] = []
        var text = ""
        func flush() { if !text.isEmpty { out.append(.text(text)); text = "" } }
        let chars = Array(s)
        var i = 0
        func find(_ pattern: [Character], from: Int) -> Int? {
            guard pattern.count <= chars.count else { return nil }
            var j = from
            while j + pattern.count <= chars.count {
                if chars[j] == "\\" { j += 2; continue }
                if Array(chars[j..<j + pattern.count]) == pattern { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_{}[]()#+-.!|<>".contains(chars[i + 1]) {
                text.append(chars[i + 1]); i += 2; continue
            }
            if c == "`", let end = find(["`"], from: i + 1) {
                flush(); out.append(.code(String(chars[(i + 1)..<end]))); i = end + 1; continue
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find(["*", "*"], from: i + 2), end > i + 2 {
                flush(); out.append(.strong(inlines(String(chars[(i + 2)..<end])))); i = end + 2; continue
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] != " ", let end = find(["*"], from: i + 1), end > i + 1 {
                flush(); out.append(.emphasis(inlines(String(chars[(i + 1)..<end])))); i = end + 1; continue
            }
            if c == "_", i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber), i + 1 < chars.count, chars[i + 1] != " ",
               let end = find(["_"], from: i + 1), end > i + 1, end + 1 == chars.count || !(chars[end + 1].isLetter || chars[end + 1].isNumber) {
                flush(); out.append(.emphasis(inlines(String(chars[(i + 1)..<end])))); i = end + 1; continue
            }
            if c == "[", let close = find(["]", "("], from: i + 1), let end = find([")"], from: close + 2) {
                flush()
                out.append(.link(inlines(String(chars[(i + 1)..<close])), url: String(chars[(close + 2)..<end])))
                i = end + 1
                continue
            }
            text.append(c)
            i += 1
        }
        flush()
        return out
    }

    /// The words of inline content, without markup: for headings' ids, alt text and word counts.
    public static func plainText(_ inlines: [Inline]) -> String {
        inlines.map { i -> String in
            switch i {
            case .text(let s), .code(let s): return s
            case .strong(let x), .emphasis(let x), .link(let x, _): return plainText(x)
            }
        }.joined()
    }
}
