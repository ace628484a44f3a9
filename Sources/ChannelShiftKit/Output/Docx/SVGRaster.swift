// A PNG fallback for our own SVG charts, for Word versions and LibreOffice releases that cannot show SVG: fills
// rectangles and circles, draws lines, polylines and text (DejaVu Sans coverage maps in RasterFont.swift).
// It reads only the SVG that SVGChart writes, not SVG in general.
// PNG per ISO/IEC 15948 (chunks with CRC-32), image data in a zlib stream (RFC 1950) of stored deflate blocks.

enum SVGRaster {
    /// Width and height from the root element's attributes (our charts always set both).
    static func size(of svg: String) -> (width: Double, height: Double) {
        guard let open = svg.range(of: "<svg"), let end = svg[open.upperBound...].firstIndex(of: ">") else { return (860, 400) }
        let tag = String(svg[open.lowerBound..<end])
        return (attribute("width", in: tag).flatMap(Double.init) ?? 860, attribute("height", in: tag).flatMap(Double.init) ?? 400)
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        guard let close = tag[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[r.upperBound..<close])
    }

    static func colour(_ s: String?) -> (UInt8, UInt8, UInt8)? {
        guard var s, s.hasPrefix("#") else { return nil }
        if s.count == 4 { s = "#" + s.dropFirst().map { "\($0)\($0)" }.joined() }
        guard s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) else { return nil }
        return (UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
    }

    static func png(_ svg: String) -> [UInt8] {
        let (w0, h0) = size(of: svg)
        let w = max(1, min(2000, Int(w0))), h = max(1, min(4000, Int(h0)))
        var px = [UInt8](repeating: 255, count: w * h * 3)
        func set(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
            guard x >= 0, y >= 0, x < w, y < h else { return }
            let i = (y * w + x) * 3
            px[i] = c.0; px[i + 1] = c.1; px[i + 2] = c.2
        }
        func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: (UInt8, UInt8, UInt8), width: Double) {
            let steps = Int(max(abs(x1 - x0), abs(y1 - y0)).rounded(.up)) + 1
            let r = max(0, Int((width / 2).rounded(.down)))
            for s in 0...steps {
                let t = Double(s) / Double(max(steps, 1))
                let x = Int((x0 + (x1 - x0) * t).rounded()), y = Int((y0 + (y1 - y0) * t).rounded())
                for dx in -r...r { for dy in -r...r { set(x + dx, y + dy, c) } }
            }
        }
        var rest = svg[...]
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { break }
            let tag = String(rest[lt...gt])
            rest = rest[rest.index(after: gt)...]
            func num(_ n: String) -> Double { attribute(n, in: tag).flatMap(Double.init) ?? 0 }
            if tag.hasPrefix("<text") {
                guard let close = rest.range(of: "</text>") else { break }
                let content = String(rest[..<close.lowerBound])
                rest = rest[close.upperBound...]
                drawText(tag: tag, content: content, into: &px, width: w, height: h)
            } else if tag.hasPrefix("<circle") {
                guard let c = colour(attribute("fill", in: tag)) else { continue }
                let cx = num("cx"), cy = num("cy"), r = num("r")
                for yy in Int(cy - r)...Int(cy + r) { for xx in Int(cx - r)...Int(cx + r) where (Double(xx) - cx) * (Double(xx) - cx) + (Double(yy) - cy) * (Double(yy) - cy) <= r * r { set(xx, yy, c) } }
            } else if tag.hasPrefix("<rect") {
                guard let c = colour(attribute("fill", in: tag)) else { continue }
                let x = Int(num("x").rounded()), y = Int(num("y").rounded())
                let rw = attribute("width", in: tag) == "100%" ? w : Int(num("width").rounded())
                let rh = attribute("height", in: tag) == "100%" ? h : Int(num("height").rounded())
                guard rw > 0, rh > 0 else { continue }
                for yy in y..<(y + rh) { for xx in x..<(x + rw) { set(xx, yy, c) } }
            } else if tag.hasPrefix("<line") {
                guard let c = colour(attribute("stroke", in: tag)) else { continue }
                line(num("x1"), num("y1"), num("x2"), num("y2"), c, width: num("stroke-width"))
            } else if tag.hasPrefix("<polyline") {
                guard let c = colour(attribute("stroke", in: tag)), let pts = attribute("points", in: tag) else { continue }
                let p = pts.split(separator: " ").compactMap { pair -> (Double, Double)? in
                    let xy = pair.split(separator: ",")
                    guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else { return nil }
                    return (x, y)
                }
                for (a, b) in zip(p, p.dropFirst()) { line(a.0, a.1, b.0, b.1, c, width: num("stroke-width")) }
            }
        }
        return encodePNG(width: w, height: h, rgb: px)
    }

    struct Face {
        let ascent: Int, height: Int
        let glyphs: [Character: (advance: Int, width: Int, left: Int, rows: [[UInt8]])]
    }

    static let regular = face(RasterFontData.size12)
    static let bold = face(RasterFontData.size15)

    static func face(_ d: (ascent: Int, height: Int, glyphs: String)) -> Face {
        var glyphs: [Character: (advance: Int, width: Int, left: Int, rows: [[UInt8]])] = [:]
        for line in d.glyphs.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 5, let cp = UInt32(f[0], radix: 16), let scalar = Unicode.Scalar(cp),
                  let adv = Int(f[1]), let w = Int(f[2]), let left = Int(f[3]) else { continue }
            let rows = f[4].split(separator: "|").map { row in row.map { UInt8($0.hexDigitValue ?? 0) } }
            glyphs[Character(scalar)] = (adv, w, left, rows)
        }
        return Face(ascent: d.ascent, height: d.height, glyphs: glyphs)
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// One <text> element, plain or with <tspan x= dy=> lines; anchors start/middle/end; rotate(-90) for axis titles.
    static func drawText(tag: String, content: String, into px: inout [UInt8], width w: Int, height h: Int) {
        let x0 = attribute("x", in: tag).flatMap(Double.init) ?? 0, y0 = attribute("y", in: tag).flatMap(Double.init) ?? 0
        let anchor = attribute("text-anchor", in: tag) ?? "start"
        let c = colour(attribute("fill", in: tag)) ?? (11, 12, 12)
        let big = attribute("font-size", in: tag) == "15"
        let heavy = attribute("font-weight", in: tag) == "bold" && !big
        let rotated = tag.contains("rotate(-90")
        let face = big ? bold : regular
        var lines: [(x: Double, y: Double, text: String)] = []
        if content.contains("<tspan") {
            var y = y0
            for part in content.components(separatedBy: "<tspan").dropFirst() {
                guard let gt = part.firstIndex(of: ">"), let end = part.range(of: "</tspan>") else { continue }
                let t = String(part[..<gt])
                y += attribute("dy", in: " " + t).flatMap(Double.init) ?? 0
                let x = attribute("x", in: " " + t).flatMap(Double.init) ?? x0
                lines.append((x, y, unescape(String(part[part.index(after: gt)..<end.lowerBound]))))
            }
        } else {
            lines.append((x0, y0, unescape(content)))
        }
        for line in lines {
            let glyphs = line.text.map { face.glyphs[$0] ?? face.glyphs["?"]! }
            let total = glyphs.reduce(0) { $0 + $1.advance }
            var pen = anchor == "end" ? -Double(total) : anchor == "middle" ? -Double(total) / 2 : 0
            for g in glyphs {
                for (ry, row) in g.rows.enumerated() {
                    for (rx, a) in row.enumerated() where a > 0 {
                        for extra in 0...(heavy ? 1 : 0) {
                            let dx = pen + Double(g.left + rx + extra), dy = Double(ry - face.ascent)
                            let (px0, py0) = rotated ? (line.x + dy, line.y - dx) : (line.x + dx, line.y + dy)
                            let xi = Int(px0.rounded(.down)), yi = Int(py0.rounded(.down))
                            guard xi >= 0, yi >= 0, xi < w, yi < h else { continue }
                            let i = (yi * w + xi) * 3
                            let alpha = Double(a) / 15
                            px[i] = UInt8((Double(px[i]) * (1 - alpha) + Double(c.0) * alpha).rounded())
                            px[i + 1] = UInt8((Double(px[i + 1]) * (1 - alpha) + Double(c.1) * alpha).rounded())
                            px[i + 2] = UInt8((Double(px[i + 2]) * (1 - alpha) + Double(c.2) * alpha).rounded())
                        }
                    }
                }
                pen += Double(g.advance)
            }
        }
    }

    static func encodePNG(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(ZipArchive.crc32(body))
        }
        // Each row filtered "Up" (PNG filter type 2): a row like the one above becomes zeros, which the run-length
        // deflate below packs to a few bits. Charts are mostly flat colour, so this is enough.
        let stride = width * 3
        var raw: [UInt8] = []
        raw.reserveCapacity((stride + 1) * height)
        for y in 0..<height {
            raw.append(2)
            for x in 0..<stride { raw.append(rgb[y * stride + x] &- (y > 0 ? rgb[(y - 1) * stride + x] : 0)) }
        }
        var z: [UInt8] = [0x78, 0x01]
        z += deflateRuns(raw)
        var a: UInt32 = 1, b: UInt32 = 0                       // Adler-32 (RFC 1950 section 8)
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", [])
    }

    /// Raw DEFLATE (RFC 1951) in one fixed-Huffman block, with runs of a repeated byte as matches at distance 1.
    static func deflateRuns(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var acc: UInt32 = 0, nbits: UInt32 = 0
        func put(_ value: UInt32, _ n: UInt32) {                // LSB first
            acc |= value << nbits
            nbits += n
            while nbits >= 8 { out.append(UInt8(acc & 0xFF)); acc >>= 8; nbits -= 8 }
        }
        func putHuffman(_ code: UInt32, _ n: UInt32) {          // Huffman codes go most significant bit first
            var r: UInt32 = 0
            for i in 0..<n { r |= ((code >> i) & 1) << (n - 1 - i) }
            put(r, n)
        }
        func literal(_ v: Int) {
            switch v {
            case 0...143: putHuffman(UInt32(0x30 + v), 8)
            case 144...255: putHuffman(UInt32(0x190 + v - 144), 9)
            case 256...279: putHuffman(UInt32(v - 256), 7)
            default: putHuffman(UInt32(0xC0 + v - 280), 8)
            }
        }
        put(1, 1); put(1, 2)                                     // final block, fixed Huffman
        var i = 0
        while i < data.count {
            var run = 0
            if i > 0 { while run < 258 && i + run < data.count && data[i + run] == data[i - 1] { run += 1 } }
            if run >= 3 {
                var code = Inflate.lengthBase.count - 1
                while Inflate.lengthBase[code] > run { code -= 1 }
                literal(257 + code)
                put(UInt32(run - Inflate.lengthBase[code]), UInt32(Inflate.lengthExtra[code]))
                putHuffman(0, 5)                                 // distance code 0: distance 1
                i += run
            } else {
                literal(Int(data[i]))
                i += 1
            }
        }
        literal(256)
        if nbits > 0 { out.append(UInt8(acc & 0xFF)) }
        return out
    }
}
