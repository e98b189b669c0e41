import Foundation

/// A map drawn on the server as SVG: unit areas (optionally coloured by a value), labels and
/// markers. No tile server is reachable from the city's network, so every map is this.
///
/// Areas carry a `<title>` (hover text and screen readers) and may link somewhere; markers are
/// circles with a title. `data-lat`/`data-lon` on the root let a page turn a click into a
/// position with the projection's inverse (see `Projection.point(at:)`).
public struct SVGMap: Sendable {
    public struct Area: Sendable {
        public var id: String
        public var shape: MultiPolygon
        public var fill: String
        public var title: String
        public var href: String?
        public init(id: String, shape: MultiPolygon, fill: String, title: String, href: String? = nil) {
            self.id = id
            self.shape = shape
            self.fill = fill
            self.title = title
            self.href = href
        }
    }

    public struct Marker: Sendable {
        public var point: GeoPoint
        public var colour: String
        public var title: String
        public var href: String?
        /// Drawn with a thick dark ring, so it stands out on any fill (overdue reports).
        public var emphasised: Bool
        public init(point: GeoPoint, colour: String, title: String, href: String? = nil, emphasised: Bool = false) {
            self.point = point
            self.colour = colour
            self.title = title
            self.href = href
            self.emphasised = emphasised
        }
    }

    public struct Label: Sendable {
        public var point: GeoPoint
        public var text: String
        public init(point: GeoPoint, text: String) {
            self.point = point
            self.text = text
        }
    }

    public let projection: Projection
    public var areas: [Area] = []
    public var markers: [Marker] = []
    public var labels: [Label] = []
    /// Text in the bottom-left corner, e.g. "Ranh giới gần đúng".
    public var caption: String?
    public var ariaLabel: String

    public init(projection: Projection, ariaLabel: String) {
        self.projection = projection
        self.ariaLabel = ariaLabel
    }

    public func render() -> String {
        let width = Projection.format(projection.width, decimals: 0)
        let height = Projection.format(projection.height, decimals: 0)
        let box = projection.bounds
        // A picture unless it holds links: then a group, so the links stay reachable (an img has no interactive children).
        let role = areas.contains { $0.href != nil } || markers.contains { $0.href != nil } ? "group" : "img"
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="geo-map" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" \
            role="\(role)" aria-label="\(Self.escape(ariaLabel))" data-min-lat="\(box.minLat)" data-min-lon="\(box.minLon)" \
            data-max-lat="\(box.maxLat)" data-max-lon="\(box.maxLon)" data-padding="\(projection.padding)">
            <rect class="sea" x="0" y="0" width="\(width)" height="\(height)" fill="#dbeaf5"/>

            """
        out += "<g class=\"areas\" stroke=\"#ffffff\" stroke-width=\"0.6\" fill-rule=\"evenodd\">\n"
        for area in areas {
            let path =
                "<path d=\"\(projection.svgPath(area.shape))\" fill=\"\(Self.escape(area.fill))\" data-unit=\"\(Self.escape(area.id))\"><title>\(Self.escape(area.title))</title></path>"
            if let href = area.href {
                out += "<a href=\"\(Self.escape(href))\">\(path)</a>\n"
            } else {
                out += path + "\n"
            }
        }
        out += "</g>\n<g class=\"labels\" font-size=\"9\" text-anchor=\"middle\" fill=\"#1b2a38\" pointer-events=\"none\">\n"
        for label in labels {
            let pixel = projection.pixel(label.point)
            out +=
                "<text x=\"\(Projection.format(pixel.x, decimals: 1))\" y=\"\(Projection.format(pixel.y, decimals: 1))\">\(Self.escape(label.text))</text>\n"
        }
        out += "</g>\n<g class=\"markers\">\n"
        for marker in markers {
            let pixel = projection.pixel(marker.point)
            let stroke = marker.emphasised ? "stroke=\"#7a0000\" stroke-width=\"2.5\"" : "stroke=\"#ffffff\" stroke-width=\"1\""
            let circle =
                "<circle cx=\"\(Projection.format(pixel.x, decimals: 1))\" cy=\"\(Projection.format(pixel.y, decimals: 1))\" r=\"5\" fill=\"\(Self.escape(marker.colour))\" \(stroke)><title>\(Self.escape(marker.title))</title></circle>"
            if let href = marker.href {
                out += "<a href=\"\(Self.escape(href))\">\(circle)</a>\n"
            } else {
                out += circle + "\n"
            }
        }
        out += "</g>\n"
        if let caption {
            out +=
                "<text class=\"caption\" x=\"8\" y=\"\(Projection.format(projection.height - 8, decimals: 0))\" font-size=\"12\" fill=\"#7a0000\">\(Self.escape(caption))</text>\n"
        }
        out += "</svg>"
        return out
    }

    /// A sequential colour scale (light to dark blue) for a choropleth; `nil` value is grey.
    public static func choropleth(_ value: Double?, maximum: Double) -> String {
        guard let value, maximum > 0 else { return "#d9d9d9" }
        let steps = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
        let position = min(steps.count - 1, max(0, Int((value / maximum) * Double(steps.count - 1) + 0.5)))
        return steps[position]
    }

    /// A categorical palette for neighbouring units, picked by a stable hash of the id.
    public static func categorical(_ id: String) -> String {
        let palette = ["#e3eed5", "#f6e8c3", "#dfe7f2", "#f2dede", "#e6e0f0", "#d9efe9", "#f5e1cf", "#ececd4"]
        let sum = id.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xffff }
        return palette[sum % palette.count]
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
