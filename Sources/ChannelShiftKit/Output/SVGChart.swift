// Small, dependency-free SVG charts with fixed-precision coordinates (same data, same bytes).

public enum SVGChart {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public init(_ name: String, _ values: [Double]) { self.name = name; self.values = values }
    }

    static let palette = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f"]

    /// Horizontal bar chart (labels are long wrap codes), optional interval whiskers and a reference line.
    public static func bars(title: String, labels: [String], values: [Double], whiskers: [(low: Double, high: Double)]? = nil,
                            reference: (value: Double, label: String)? = nil, format: (Double) -> String = { Format.number($0) }) -> String {
        let rowH = 22.0, left = 300.0, right = 90.0, top = 40.0, width = 860.0
        let height = top + rowH * Double(max(labels.count, 1)) + 30
        let maxV = max(values.max() ?? 0, whiskers?.map(\.high).max() ?? 0, reference?.value ?? 0, 1e-12)
        let scale = (width - left - right) / maxV
        var s = header(width: width, height: height, title: title)
        for (i, label) in labels.enumerated() {
            let y = top + rowH * Double(i)
            let v = values[i]
            s += text(left - 8, y + rowH * 0.65, truncate(label, 46), anchor: "end")
            s += "<rect x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(max(0, v) * scale))\" height=\"\(f(rowH - 6))\" fill=\"\(palette[0])\"/>\n"
            if let w = whiskers?[i] {
                let y0 = y + rowH / 2
                s += "<line x1=\"\(f(left + w.low * scale))\" y1=\"\(f(y0))\" x2=\"\(f(left + w.high * scale))\" y2=\"\(f(y0))\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>\n"
                for x in [w.low, w.high] {
                    s += "<line x1=\"\(f(left + x * scale))\" y1=\"\(f(y0 - 5))\" x2=\"\(f(left + x * scale))\" y2=\"\(f(y0 + 5))\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>\n"
                }
            }
            s += text(left + max(0, whiskers?[i].high ?? v) * scale + 6, y + rowH * 0.65, format(v))
        }
        if let reference {
            let x = left + reference.value * scale
            s += "<line x1=\"\(f(x))\" y1=\"\(f(top - 6))\" x2=\"\(f(x))\" y2=\"\(f(height - 24))\" stroke=\"\(palette[1])\" stroke-dasharray=\"4 3\"/>\n"
            s += text(x, height - 10, reference.label, anchor: "middle", color: palette[1])
        }
        return s + "</svg>\n"
    }

    /// Pareto: bars of `values` (already sorted descending) and the cumulative share as a line.
    public static func pareto(title: String, labels: [String], values: [Double], cutoff: Double = 0.8) -> String {
        let n = max(labels.count, 1)
        let left = 60.0, right = 60.0, top = 40.0, bottom = 190.0, width = max(640.0, 120 + 18 * Double(n))
        let height = 520.0, plotH = height - top - bottom
        let total = values.reduce(0, +)
        let maxV = max(values.max() ?? 0, 1e-12)
        let barW = (width - left - right) / Double(n)
        var s = header(width: width, height: height, title: title)
        s += axis(left: left, right: width - right, top: top, bottom: height - bottom)
        var cum = 0.0
        var points: [String] = []
        for (i, v) in values.enumerated() {
            let x = left + barW * Double(i)
            let h = v / maxV * plotH
            s += "<rect x=\"\(f(x + 1))\" y=\"\(f(height - bottom - h))\" width=\"\(f(max(1, barW - 2)))\" height=\"\(f(h))\" fill=\"\(palette[0])\"/>\n"
            cum += v
            let share = total > 0 ? cum / total : 0
            points.append("\(f(x + barW / 2)),\(f(height - bottom - share * plotH))")
            let lx = x + barW / 2, ly = height - bottom + 8
            s += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-60 \(f(lx)) \(f(ly)))\">\(escape(truncate(labels[i], 34)))</text>\n"
        }
        s += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(palette[1])\" stroke-width=\"2\"/>\n"
        let cy = height - bottom - cutoff * plotH
        s += "<line x1=\"\(f(left))\" y1=\"\(f(cy))\" x2=\"\(f(width - right))\" y2=\"\(f(cy))\" stroke=\"\(palette[1])\" stroke-dasharray=\"4 3\"/>\n"
        s += text(width - right + 4, cy + 4, Format.percent(cutoff, decimals: 0), color: palette[1])
        s += text(left - 6, top + 4, Format.number(maxV), anchor: "end")
        s += text(width - right + 4, top + 4, "100%", color: palette[1])
        return s + "</svg>\n"
    }

    /// Line chart over categories (intervals, staff levels, years).
    public static func lines(title: String, xLabels: [String], series: [Series], yLabel: String,
                             format: (Double) -> String = { Format.number($0) }) -> String {
        let left = 70.0, right = 150.0, top = 40.0, bottom = 60.0, width = 860.0, height = 420.0
        let plotW = width - left - right, plotH = height - top - bottom
        let all = series.flatMap(\.values).filter(\.isFinite)
        let maxV = max(all.max() ?? 1, 1e-12), minV = min(all.min() ?? 0, 0)
        let n = max(xLabels.count - 1, 1)
        func x(_ i: Int) -> Double { left + plotW * Double(i) / Double(n) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - minV) / (maxV - minV)) }
        var s = header(width: width, height: height, title: title)
        s += axis(left: left, right: width - right, top: top, bottom: height - bottom)
        s += text(left - 6, top + 4, format(maxV), anchor: "end")
        s += text(left - 6, height - bottom, format(minV), anchor: "end")
        s += text(14, top + plotH / 2, yLabel, anchor: "middle", rotate: true)
        let step = max(1, xLabels.count / 12)
        for (i, l) in xLabels.enumerated() where i % step == 0 {
            s += text(x(i), height - bottom + 16, l, anchor: "middle")
        }
        for (k, ser) in series.enumerated() {
            let pts = ser.values.enumerated().filter { $0.element.isFinite }.map { "\(f(x($0.offset))),\(f(y($0.element)))" }
            let color = palette[k % palette.count]
            s += "<polyline points=\"\(pts.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            s += text(width - right + 8, top + 16 + 18 * Double(k), ser.name, color: color)
        }
        return s + "</svg>\n"
    }

    /// Tornado: for each assumption, the outcome at its low and high value around the base case.
    public static func tornado(title: String, labels: [String], low: [Double], high: [Double], base: Double,
                               format: (Double) -> String = { Format.money($0) }) -> String {
        let rowH = 26.0, left = 260.0, right = 110.0, top = 50.0, width = 860.0
        let height = top + rowH * Double(max(labels.count, 1)) + 30
        let lo = min(low.min() ?? base, high.min() ?? base, base), hi = max(low.max() ?? base, high.max() ?? base, base)
        let span = max(hi - lo, 1e-12)
        func x(_ v: Double) -> Double { left + (width - left - right) * (v - lo) / span }
        var s = header(width: width, height: height, title: title)
        for (i, label) in labels.enumerated() {
            let y = top + rowH * Double(i)
            s += text(left - 8, y + rowH * 0.65, truncate(label, 40), anchor: "end")
            for (v, color) in [(low[i], palette[1]), (high[i], palette[2])] {
                let a = min(x(v), x(base)), w = abs(x(v) - x(base))
                s += "<rect x=\"\(f(a))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(rowH - 8))\" fill=\"\(color)\" fill-opacity=\"0.85\"/>\n"
            }
            s += text(x(max(low[i], high[i], base)) + 6, y + rowH * 0.65, format(max(low[i], high[i])))
        }
        s += "<line x1=\"\(f(x(base)))\" y1=\"\(f(top - 8))\" x2=\"\(f(x(base)))\" y2=\"\(f(height - 24))\" stroke=\"#0b0c0c\"/>\n"
        s += text(x(base), height - 8, "base " + format(base), anchor: "middle")
        return s + "</svg>\n"
    }

    // MARK: pieces

    static func header(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"\(escape(title))\">\n"
            + "<title>\(escape(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
            + "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
    }

    static func axis(left: Double, right: Double, top: Double, bottom: Double) -> String {
        "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#505a5f\"/>\n"
            + "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#505a5f\"/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ t: String, anchor: String = "start", color: String = "#0b0c0c", rotate: Bool = false) -> String {
        let r = rotate ? " transform=\"rotate(-90 \(f(x)) \(f(y)))\"" : ""
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" fill=\"\(color)\"\(r)>\(escape(t))</text>\n"
    }

    static func f(_ v: Double) -> String { Format.plain(v.isFinite ? v : 0, decimals: 1) }

    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
