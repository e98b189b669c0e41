import Foundation
import HaiCapDomain
import HaiCapStorage

/// The maps pages show, composed from the boundaries in force. Côn Đảo lies 180 km out at sea:
/// the city view leaves it out (and says so) so that the mainland stays legible.
public enum CityMaps {
    static let conDao = "26732"

    /// The part of the city a map shows: one unit and its surroundings, or the mainland.
    static func view(_ geography: Geography, around unitCode: String?) -> BoundingBox {
        if let unitCode, let box = geography.shape(of: unitCode)?.bbox {
            // Show the neighbours too: at least about 3 km across.
            let metres = max(600, 0.35 * max(box.heightDegrees, box.widthDegrees) * GeoPoint.metresPerDegree)
            return box.expanded(byMetres: metres)
        }
        return mainland(geography)
    }

    /// The box of every unit but Côn Đảo.
    public static func mainland(_ geography: Geography) -> BoundingBox {
        let boxes = geography.shapes.filter { $0.code != conDao }.compactMap(\.shape.bbox)
        return boxes.dropFirst().reduce(boxes.first ?? BoundingBox(minLat: 10.3, minLon: 106.3, maxLat: 11.6, maxLon: 107.6)) { $0.union($1) }
    }

    /// Areas whose box meets the view, coloured by `fill`, each with its name as title.
    static func map(
        _ geography: Geography, reference: ReferenceData, view: BoundingBox, width: Double = 900, height: Double = 640,
        ariaLabel: String, fill: (String) -> String = SVGMap.categorical, href: ((String) -> String?)? = nil,
        titles: [String: String] = [:], labelUnits: Bool = false
    ) -> SVGMap {
        let projection = Projection(fitting: view, width: width, height: height, padding: 8)
        var map = SVGMap(projection: projection, ariaLabel: ariaLabel)
        // The frame keeps the map's aspect ratio, so it shows more than `view` along one side.
        let northWest = projection.point(at: PixelPoint(x: 0, y: 0)), southEast = projection.point(at: PixelPoint(x: width, y: height))
        let visible = BoundingBox(minLat: southEast.lat, minLon: northWest.lon, maxLat: northWest.lat, maxLon: southEast.lon)
        for entry in geography.shapes {
            guard let box = entry.shape.bbox, box.intersects(visible) else { continue }
            let name = reference.unitsByCode[entry.code]?.name ?? entry.code
            map.areas.append(
                SVGMap.Area(
                    id: entry.code, shape: entry.shape, fill: fill(entry.code), title: titles[entry.code] ?? name,
                    href: href?(entry.code)))
            if labelUnits, let unit = reference.unitsByCode[entry.code], visible.contains(GeoPoint(lat: unit.latitude, lon: unit.longitude)) {
                map.labels.append(
                    SVGMap.Label(
                        point: GeoPoint(lat: unit.latitude, lon: unit.longitude),
                        text: unit.name.replacingOccurrences(of: "Phường ", with: "").replacingOccurrences(of: "Xã ", with: "")))
            }
        }
        var notes: [String] = []
        if geography.isApproximate { notes.append(Geography.approximateNotice) }
        if !view.contains(GeoPoint(lat: 8.68, lon: 106.61)), view.heightDegrees > 0.5 { notes.append("Đặc khu Côn Đảo nằm ngoài khung") }
        map.caption = notes.isEmpty ? nil : notes.joined(separator: " · ")
        return map
    }

    /// The 168 units in Vietnamese alphabetical order, for the ward pickers next to the maps.
    static func unitsInOrder(_ reference: ReferenceData) -> [AdministrativeUnit] {
        reference.units.sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
    }

    /// Marker colours by status; overdue reports get a dark ring as well.
    static func colour(_ status: ReportStatus) -> String {
        switch status {
        case .new: "#d7301f"
        case .inProgress: "#fc8d59"
        case .waitingForInformation: "#9e9ac8"
        case .answered: "#1a9850"
        case .closed: "#737373"
        }
    }
}
