import Foundation
import HaiCapDomain

/// Charts drawn on the server as SVG (no scripts, no tile or chart service needed; prints well).
enum SVGChart {
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Bars (counts, left axis) with a line (a percentage, right axis) over labelled periods.
    static func trend(labels: [String], bars: [Int], line: [Double?], title: String, barLabel: String, lineLabel: String) -> String {
        let width = 760.0, height = 260.0, left = 48.0, right = 48.0, top = 28.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxBar = Double(max(bars.max() ?? 1, 1))
        let step = labels.isEmpty ? plotWidth : plotWidth / Double(labels.count)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(SVGMap.escape(title))\" class=\"chart\">"
        svg += "<title>\(SVGMap.escape(title))</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(top + plotHeight)\" stroke=\"#888\"/>"
        for tick in 0...4 {
            let y = top + plotHeight - plotHeight * Double(tick) / 4
            svg += "<line x1=\"\(left)\" y1=\"\(number(y))\" x2=\"\(left + plotWidth)\" y2=\"\(number(y))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(number(y + 4))\" font-size=\"10\" text-anchor=\"end\">\(Int(maxBar * Double(tick) / 4))</text>"
            svg += "<text x=\"\(left + plotWidth + 6)\" y=\"\(number(y + 4))\" font-size=\"10\">\(tick * 25)%</text>"
        }
        var points: [String] = []
        for (index, label) in labels.enumerated() {
            let x = left + step * Double(index)
            let barHeight = plotHeight * Double(bars[index]) / maxBar
            svg +=
                "<rect x=\"\(number(x + step * 0.15))\" y=\"\(number(top + plotHeight - barHeight))\" width=\"\(number(step * 0.7))\" height=\"\(number(barHeight))\" fill=\"#c9a227\"><title>\(SVGMap.escape(label)): \(bars[index]) \(SVGMap.escape(barLabel))</title></rect>"
            if let value = line[index] {
                points.append("\(number(x + step / 2)),\(number(top + plotHeight - plotHeight * value / 100))")
            }
            if labels.count <= 26 || index % 2 == 0 {
                svg +=
                    "<text x=\"\(number(x + step / 2))\" y=\"\(number(top + plotHeight + 14))\" font-size=\"9\" text-anchor=\"middle\">\(SVGMap.escape(label))</text>"
            }
        }
        if points.count > 1 { svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#a50e0e\" stroke-width=\"2\"/>" }
        svg +=
            "<text x=\"\(left)\" y=\"16\" font-size=\"11\"><tspan fill=\"#8a6d00\">■ \(SVGMap.escape(barLabel))</tspan>  <tspan fill=\"#a50e0e\">— \(SVGMap.escape(lineLabel))</tspan></text>"
        return svg + "</svg>"
    }

    /// Horizontal bars of percentages, one row per item, best first.
    static func ranking(_ rows: [(label: String, value: Double, detail: String)], title: String) -> String {
        let rowHeight = 20.0, labelWidth = 250.0, width = 760.0, top = 8.0
        let height = top * 2 + rowHeight * Double(max(rows.count, 1))
        let barWidth = width - labelWidth - 70
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(SVGMap.escape(title))\" class=\"chart\">"
        svg += "<title>\(SVGMap.escape(title))</title>"
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            let colour = row.value >= 95 ? "#2e7d32" : row.value >= 80 ? "#c9a227" : "#a50e0e"
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(number(y + 14))\" font-size=\"11\" text-anchor=\"end\">\(SVGMap.escape(row.label))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(number(y + 3))\" width=\"\(number(barWidth * row.value / 100))\" height=\"\(number(rowHeight - 6))\" fill=\"\(colour)\"><title>\(SVGMap.escape(row.label)): \(SVGMap.escape(row.detail))</title></rect>"
            svg +=
                "<text x=\"\(number(labelWidth + barWidth * row.value / 100 + 4))\" y=\"\(number(y + 14))\" font-size=\"11\">\(SVGMap.escape(DossierViews.percent(row.value)))</text>"
        }
        return svg + "</svg>"
    }
}
