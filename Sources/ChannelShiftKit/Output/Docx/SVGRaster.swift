// A PNG fallback for our own SVG charts, for Word versions that cannot show SVG: fills rectangles, draws lines
// and polylines. It draws no text (that needs a font), so the chart's data table always sits beside it.
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
        guard let s, s.hasPrefix("#"), s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) else { return nil }
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
            if tag.hasPrefix("<rect") {
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

    static func encodePNG(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(ZipArchive.crc32(body))
        }
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height { raw.append(0); raw += rgb[(y * width * 3)..<((y + 1) * width * 3)] }
        var z: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            let final: UInt8 = i + n >= raw.count ? 1 : 0
            z += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += raw[i..<(i + n)]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0                       // Adler-32 (RFC 1950 section 8)
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", [])
    }
}
