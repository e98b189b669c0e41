import Foundation
import Testing
import HaiCapDomain

/// Shapes shared by the geometry tests, written in (lat, lon) order like the API.
enum GeoFixtures {
    static func p(_ lat: Double, _ lon: Double) -> GeoPoint { GeoPoint(lat: lat, lon: lon) }

    /// An axis-aligned rectangle, counter-clockwise, closed.
    static func rectangle(_ minLat: Double, _ minLon: Double, _ maxLat: Double, _ maxLon: Double) throws -> Ring {
        try Ring([p(minLat, minLon), p(minLat, maxLon), p(maxLat, maxLon), p(maxLat, minLon), p(minLat, minLon)])
    }

    /// A "C" open to the east: the 0…3 square minus the notch lat 1…2, lon 1…3.
    static func cShape() throws -> Ring {
        try Ring(closing: [p(0, 0), p(0, 3), p(1, 3), p(1, 1), p(2, 1), p(2, 3), p(3, 3), p(3, 0)])
    }

    /// A convex outline around central Hồ Chí Minh City (a hexagon, counter-clockwise).
    static func convexOutline() throws -> Ring {
        try Ring(closing: [
            p(10.60, 106.55), p(10.62, 106.80), p(10.75, 106.90),
            p(10.92, 106.85), p(10.95, 106.62), p(10.80, 106.50)
        ])
    }

    static func randomPoint(in box: BoundingBox, _ random: inout SeededGenerator) -> GeoPoint {
        p(
            Double.random(in: box.minLat...box.maxLat, using: &random),
            Double.random(in: box.minLon...box.maxLon, using: &random))
    }

    /// Squared distance in the Voronoi diagram's plane (x = lon·cos(lat₀), y = lat), computed
    /// here independently of the module: the oracle for "nearest site".
    static func planarDistanceSquared(_ a: GeoPoint, _ b: GeoPoint, referenceLatitude: Double) -> Double {
        let dx = (a.lon - b.lon) * cos(referenceLatitude * Double.pi / 180)
        let dy = a.lat - b.lat
        return dx * dx + dy * dy
    }
}

@Suite("Geo: points and boxes")
struct GeoPointTests {
    typealias F = GeoFixtures

    @Test("Haversine distance between Nhà thờ Đức Bà and Chợ Bến Thành is about 819 m")
    func cathedralToMarket() {
        // By hand: Δφ = −0.0073° → 0.0073 × 111 195.08 m = 811.7 m north–south;
        // Δλ = −0.001° at φ ≈ 10.776° → 0.001 × cos(10.776°) × 111 195.08 = 109.2 m east–west;
        // √(811.7² + 109.2²) = 819.0 m. The full haversine with R = 6 371 008.8 m gives 819.04 m.
        let cathedral = F.p(10.7798, 106.6990), market = F.p(10.7725, 106.6980)
        let distance = cathedral.distanceMetres(to: market)
        #expect(abs(distance - 819.04) < 0.5)
        #expect(abs(distance - market.distanceMetres(to: cathedral)) < 1e-9)
        #expect(cathedral.distanceMetres(to: cathedral) == 0)
    }

    @Test("One degree along a meridian is R·π/180")
    func degreeOfLatitude() {
        let distance = F.p(10, 106).distanceMetres(to: F.p(11, 106))
        #expect(abs(distance - 111_195.080_233_5) < 1e-3)
        // A degree of longitude shrinks with cos(latitude): at 60° it is about half.
        let east = F.p(60, 0).distanceMetres(to: F.p(60, 1))
        #expect(abs(east / distance - 0.5) < 1e-3)
    }

    @Test("Coordinates out of range or not finite are refused")
    func validation() {
        #expect(GeoPoint(validatingLat: 10.77, lon: 106.70) != nil)
        #expect(GeoPoint(validatingLat: 90, lon: -180) != nil)
        #expect(GeoPoint(validatingLat: 90.0001, lon: 0) == nil)
        #expect(GeoPoint(validatingLat: 0, lon: 180.5) == nil)
        #expect(GeoPoint(validatingLat: .nan, lon: 0) == nil)
        #expect(!F.p(0, .infinity).isValid)
    }

    @Test("Bounding boxes: from points, containment with edges, intersection, union")
    func boxes() throws {
        #expect(BoundingBox(points: [GeoPoint]()) == nil)
        let box = try #require(BoundingBox(points: [F.p(10.8, 106.7), F.p(10.7, 106.6), F.p(10.75, 106.9)]))
        #expect(box == BoundingBox(minLat: 10.7, minLon: 106.6, maxLat: 10.8, maxLon: 106.9))
        #expect(box.contains(F.p(10.75, 106.75)))
        #expect(box.contains(F.p(10.7, 106.6)))  // a corner is inside
        #expect(!box.contains(F.p(10.81, 106.75)))
        let touching = BoundingBox(minLat: 10.8, minLon: 106.9, maxLat: 11, maxLon: 107)
        let apart = BoundingBox(minLat: 10.81, minLon: 106.5, maxLat: 11, maxLon: 107)
        #expect(box.intersects(touching))
        #expect(!box.intersects(apart))
        #expect(box.union(apart) == BoundingBox(minLat: 10.7, minLon: 106.5, maxLat: 11, maxLon: 107))
        #expect(box.union(apart).contains(box))
    }

    @Test("Expanding a box by metres adds at least that distance on every side")
    func expandedBox() {
        let box = BoundingBox(minLat: 10.7, minLon: 106.6, maxLat: 10.8, maxLon: 106.7)
        let grown = box.expanded(byMetres: 1_000)
        #expect(abs((box.minLat - grown.minLat) - 1_000 / 111_195.08) < 1e-9)
        // Each new edge is at least 1 km from the old one, measured on the sphere.
        let westGap = F.p(10.8, grown.minLon).distanceMetres(to: F.p(10.8, box.minLon))
        let northGap = F.p(grown.maxLat, 106.65).distanceMetres(to: F.p(box.maxLat, 106.65))
        #expect(westGap >= 1_000 && westGap < 1_010)
        #expect(abs(northGap - 1_000) < 0.01)
        #expect(BoundingBox(minLat: 89.99, minLon: 0, maxLat: 89.999, maxLon: 1).expanded(byMetres: 5_000).maxLat == 90)
    }
}

@Suite("Geo: rings and polygons")
struct GeoPolygonTests {
    typealias F = GeoFixtures

    @Test("Ring validation: too few points, not closed, zero area, out of range")
    func ringValidation() throws {
        #expect(throws: RingError.tooFewPoints(count: 3)) { try Ring([F.p(0, 0), F.p(0, 1), F.p(0, 0)]) }
        #expect(throws: RingError.notClosed) { try Ring([F.p(0, 0), F.p(0, 1), F.p(1, 1), F.p(1, 0)]) }
        #expect(throws: RingError.zeroArea) { try Ring([F.p(0, 0), F.p(1, 1), F.p(2, 2), F.p(0, 0)]) }
        #expect(throws: RingError.coordinateOutOfRange(point: 1)) {
            try Ring([F.p(0, 0), F.p(95, 1), F.p(1, 1), F.p(0, 0)])
        }
        // Normalising closes the ring and drops repeated points.
        let closed = try Ring(closing: [F.p(0, 0), F.p(0, 1), F.p(0, 1), F.p(1, 1)])
        #expect(closed.points == [F.p(0, 0), F.p(0, 1), F.p(1, 1), F.p(0, 0)])
        #expect(RingError.notClosed.message == "Vòng chưa khép kín (điểm đầu khác điểm cuối).")
    }

    @Test("Point in a square, in its hole, and outside")
    func squareWithHole() throws {
        let polygon = Polygon(outer: try F.rectangle(0, 0, 10, 10), holes: [try F.rectangle(4, 4, 6, 6)])
        #expect(polygon.contains(F.p(1, 1)))
        #expect(polygon.contains(F.p(5, 3.9)))
        #expect(!polygon.contains(F.p(5, 5)))  // in the hole
        #expect(!polygon.contains(F.p(5, 10.5)))  // east
        #expect(!polygon.contains(F.p(-0.5, 5)))  // south
        #expect(!polygon.contains(F.p(5, -20)))  // west: an even number of walls to the east
        #expect(polygon.bbox == BoundingBox(minLat: 0, minLon: 0, maxLat: 10, maxLon: 10))
    }

    @Test("A concave C: the notch is outside, the arms inside, rays through vertices count once")
    func concave() throws {
        let c = try F.cShape()
        #expect(c.contains(F.p(0.5, 2.5)))  // lower arm
        #expect(c.contains(F.p(2.5, 2.5)))  // upper arm
        #expect(c.contains(F.p(1.5, 0.5)))  // spine
        #expect(!c.contains(F.p(1.5, 2)))  // notch
        #expect(!c.contains(F.p(1.5, 3.5)))  // east of the notch
        // Latitude 1 passes through the vertices (1, 3) and (1, 1).
        #expect(c.contains(F.p(1, 0.5)))
        #expect(!c.contains(F.p(1, 3.5)))
        #expect(!c.isConvex)
        #expect(try F.rectangle(0, 0, 1, 1).isConvex)
        #expect(try F.convexOutline().isConvex)
        let star = try Ring(
            closing: (0..<5).map { k in
                let angle = Double(k * 2) * 2 * Double.pi / 5
                return F.p(sin(angle), cos(angle))
            })
        #expect(!star.isConvex)  // every turn goes the same way, but it winds twice
    }

    @Test("A point on an edge shared by two squares belongs to exactly one of them")
    func sharedEdge() throws {
        let west = try F.rectangle(0, 0, 1, 1), east = try F.rectangle(0, 1, 1, 2)
        for lat in stride(from: 0.0, through: 1.0, by: 0.125) {
            let point = F.p(lat, 1)
            let owners = [west.contains(point), east.contains(point)].filter { $0 }.count
            #expect(owners == (lat < 1 ? 1 : 0), "lat \(lat)")
        }
    }

    @Test("Area of a 1° × 1° cell at 10–11°N is R²·Δλ·(sin 11° − sin 10°)")
    func area() throws {
        let ring = try F.rectangle(10, 106, 11, 107)
        let radiusKm = 6_371.008_8
        let expected = radiusKm * radiusKm * (Double.pi / 180) * (sin(11 * Double.pi / 180) - sin(10 * Double.pi / 180))
        #expect(abs(ring.areaKm2 - expected) / expected < 1e-12)
        #expect(abs(expected - 12_157.149) < 0.01)
        #expect(ring.isCounterClockwise && ring.signedAreaKm2 > 0)
        #expect(!ring.reversed.isCounterClockwise && abs(ring.reversed.signedAreaKm2 + ring.areaKm2) < 1e-6)
        let withHole = Polygon(outer: ring, holes: [try F.rectangle(10.25, 106.25, 10.75, 106.75)])
        #expect(abs(withHole.areaKm2 - (ring.areaKm2 - withHole.holes[0].areaKm2)) < 1e-9)
        #expect(MultiPolygon([withHole, Polygon(outer: ring)]).areaKm2 == withHole.areaKm2 + ring.areaKm2)
    }

    @Test("Centroids are area-weighted: an L shape, and a square with a hole in one corner")
    func centroids() throws {
        let scale = 0.01
        let corners: [(Double, Double)] = [(0, 0), (0, 2), (1, 2), (1, 1), (2, 1), (2, 0)]
        let l = try Ring(
            closing: corners.map {
                F.p(10 + $0.0 * scale, 106 + $0.1 * scale)
            })
        // Three unit squares with centres (½,½), (½,1½), (1½,½): the mean is (⅚, ⅚).
        #expect(abs(l.centroid.lat - (10 + 5.0 / 6 * scale)) < 1e-12)
        #expect(abs(l.centroid.lon - (106 + 5.0 / 6 * scale)) < 1e-12)
        // 10 × 10 square (centre 5) minus a 2 × 2 hole centred on 2: (100·5 − 4·2) / 96 = 5.125.
        let holed = Polygon(outer: try F.rectangle(0, 0, 10, 10), holes: [try F.rectangle(1, 1, 3, 3)])
        #expect(abs(holed.centroid.lat - 5.125) < 1e-12 && abs(holed.centroid.lon - 5.125) < 1e-12)
        // RFC 7946 writes holes clockwise; the orientation must not change the answer.
        let clockwiseHole = Polygon(outer: holed.outer, holes: [holed.holes[0].reversed])
        #expect(abs(clockwiseHole.centroid.lat - 5.125) < 1e-12 && abs(clockwiseHole.centroid.lon - 5.125) < 1e-12)
        #expect(abs(clockwiseHole.areaKm2 - holed.areaKm2) < 1e-9)
        // Two equal squares: the centroid is halfway between them.
        let pair = MultiPolygon([Polygon(outer: try F.rectangle(0, 0, 1, 1)), Polygon(outer: try F.rectangle(0, 4, 1, 5))])
        #expect(pair.centroid == F.p(0.5, 2.5))
        #expect(MultiPolygon([]).centroid == nil && MultiPolygon([]).bbox == nil)
    }
}

@Suite("Geo: Voronoi partition and spatial index")
struct GeoPartitionTests {
    typealias F = GeoFixtures

    static let fiveSites: [(String, GeoPoint)] = [
        ("Bến Thành", F.p(10.7725, 106.6980)), ("Thủ Đức", F.p(10.85, 106.77)), ("Bình Chánh", F.p(10.69, 106.60)),
        ("Gò Vấp", F.p(10.84, 106.66)), ("Nhà Bè", F.p(10.66, 106.73))
    ]

    @Test("Every point inside the outline lies in the cell of its nearest site, and in no other cell")
    func nearestSiteOracle() throws {
        let outline = try F.convexOutline()
        let diagram = VoronoiDiagram(sites: Self.fiveSites, outline: outline)
        #expect(diagram.isClippedToOutline)
        #expect(diagram.cells.map(\.id) == Self.fiveSites.map(\.0))
        let rings = try diagram.cells.map { try #require($0.ring) }
        var random = SeededGenerator(seed: 20_250_701)
        var insideCount = 0
        for _ in 0..<10_000 {
            let point = F.randomPoint(in: outline.bbox, &random)
            let owners = rings.indices.filter { rings[$0].contains(point) }
            guard outline.contains(point) else {
                #expect(owners.isEmpty, "\(point) is outside the outline")
                continue
            }
            insideCount += 1
            let nearest = Self.fiveSites.indices.min { a, b in
                F.planarDistanceSquared(point, Self.fiveSites[a].1, referenceLatitude: diagram.referenceLatitude)
                    < F.planarDistanceSquared(point, Self.fiveSites[b].1, referenceLatitude: diagram.referenceLatitude)
            }
            #expect(owners == [nearest!], "\(point)")
        }
        #expect(insideCount > 5_000)  // the hexagon fills most of its box: the test did test
        // The cells tile the outline.
        let total = rings.reduce(0) { $0 + $1.areaKm2 }
        #expect(abs(total - outline.areaKm2) / outline.areaKm2 < 1e-9)
        for ring in rings { #expect(ring.isConvex) }
    }

    @Test("A non-convex outline only clips to its box; repeated sites get no cell")
    func nonConvexOutline() throws {
        let outline = try F.cShape()
        let sites = [("a", F.p(0.5, 0.5)), ("b", F.p(2.5, 2.5)), ("c", F.p(0.5, 0.5)), ("d", F.p(2.5, 0.5))]
        let diagram = VoronoiDiagram(sites: sites, outline: outline)
        #expect(!diagram.isClippedToOutline)
        #expect(diagram.cells[2].ring == nil)
        let total = diagram.cells.compactMap(\.ring).reduce(0) { $0 + $1.areaKm2 }
        let box = try F.rectangle(0, 0, 3, 3)
        #expect(abs(total - box.areaKm2) / box.areaKm2 < 1e-9)
        #expect(diagram.regions().map(\.0) == ["a", "b", "d"])
    }

    @Test("Cells merged by label: a unit's multipolygon holds exactly its sites' cells")
    func regions() throws {
        let outline = try F.convexOutline()
        let sites = Self.fiveSites.enumerated().map { (index, site) in (index % 2 == 0 ? "chẵn" : "lẻ", site.1) }
        let diagram = VoronoiDiagram(sites: sites, outline: outline)
        let regions = diagram.regions()
        #expect(regions.map(\.0) == ["chẵn", "lẻ"])
        #expect(regions[0].1.polygons.count == 3 && regions[1].1.polygons.count == 2)
        #expect(abs(regions[0].1.areaKm2 + regions[1].1.areaKm2 - outline.areaKm2) / outline.areaKm2 < 1e-9)
    }

    @Test("PolygonIndex agrees with brute force on Voronoi units, 10,000 random points and every vertex")
    func indexMatchesBruteForce() throws {
        var random = SeededGenerator(seed: 168)
        let outline = try F.convexOutline()
        var sites: [(String, GeoPoint)] = []
        while sites.count < 120 {
            let point = F.randomPoint(in: outline.bbox, &random)
            if outline.contains(point) { sites.append(("P\(sites.count % 30)", point)) }
        }
        let regions = VoronoiDiagram(sites: sites, outline: outline).regions()
        #expect(regions.count == 30)
        for gridSize in [256, 7] {
            let index = PolygonIndex(regions, gridSize: gridSize)
            var probes = (0..<10_000).map { _ in F.randomPoint(in: outline.bbox.expanded(byMetres: 2_000), &random) }
            // Vertices and edge midpoints are where rounding and tie rules would show.
            for (_, shape) in regions {
                for ring in shape.polygons.map(\.outer) {
                    probes += ring.points
                    probes += zip(ring.points, ring.points.dropFirst()).map { F.p(($0.lat + $1.lat) / 2, ($0.lon + $1.lon) / 2) }
                }
            }
            var located = 0
            for point in probes {
                let expected = regions.first { $0.1.contains(point) }?.0
                #expect(index.locate(point) == expected, "\(point), grid \(gridSize)")
                if expected != nil { located += 1 }
            }
            #expect(located > 5_000)
            if gridSize == 256 { #expect(index.fullyCoveredCellCount > 256 * 256 / 2) }
        }
    }

    @Test("PolygonIndex on holes, islands in holes and concave shapes; overlaps go to the first entry")
    func indexWithHolesAndOverlap() throws {
        let shapes: [(Int, MultiPolygon)] = [
            (1, MultiPolygon(Polygon(outer: try F.rectangle(0, 0, 10, 10), holes: [try F.rectangle(3, 3, 7, 7)]))),
            (2, MultiPolygon(Polygon(outer: try F.rectangle(4, 4, 6, 6)))),  // island in the hole
            (3, MultiPolygon(Polygon(outer: try F.cShape()))),  // overlaps 1: 1 wins
            (4, MultiPolygon([Polygon(outer: try F.rectangle(12, 0, 13, 3)), Polygon(outer: try F.rectangle(12, 5, 14, 9))]))
        ]
        let index = PolygonIndex(shapes, gridSize: 16)
        #expect(index.locate(F.p(1, 1)) == 1)
        #expect(index.locate(F.p(5, 5)) == 2)
        #expect(index.locate(F.p(3.5, 3.5)) == nil)
        #expect(index.locate(F.p(13, 6)) == 4)
        #expect(index.locate(F.p(20, 20)) == nil)
        var random = SeededGenerator(seed: 3)
        let box = BoundingBox(minLat: -1, minLon: -1, maxLat: 15, maxLon: 11)
        for _ in 0..<10_000 {
            let point = F.randomPoint(in: box, &random)
            #expect(index.locate(point) == shapes.first { $0.1.contains(point) }?.0, "\(point)")
        }
        #expect(PolygonIndex([(String, MultiPolygon)]()).locate(F.p(0, 0)) == nil)
    }

    @Test("nearest finds the closest shape within a radius, or the containing one at distance 0")
    func nearest() throws {
        let ward = try F.rectangle(10.77, 106.69, 10.78, 106.70)
        let index = PolygonIndex([("Bến Thành", MultiPolygon(Polygon(outer: ward)))])
        let inside = try #require(index.nearest(F.p(10.775, 106.695), within: 100))
        #expect(inside.id == "Bến Thành" && inside.distanceMetres == 0)
        // 0.00045° of latitude south of the south edge is 50.04 m.
        let south = F.p(10.77 - 0.00045, 106.695)
        let near = try #require(index.nearest(south, within: 100))
        #expect(abs(near.distanceMetres - 0.00045 * 111_195.08) < 0.1)
        #expect(index.nearest(south, within: 10) == nil)
    }
}

@Suite("Geo: projection and GeoJSON")
struct GeoIOTests {
    typealias F = GeoFixtures

    @Test("Pixel ↔ point round trip within 1e-9 degrees, map centred in its frame")
    func projectionRoundTrip() throws {
        let city = BoundingBox(minLat: 10.37, minLon: 106.35, maxLat: 11.16, maxLon: 107.03)
        let projection = Projection(fitting: city, width: 800, height: 600, padding: 20)
        var random = SeededGenerator(seed: 42)
        for _ in 0..<1_000 {
            let point = F.randomPoint(in: city.expanded(byMetres: 5_000), &random)
            let back = projection.point(at: projection.pixel(point))
            #expect(abs(back.lat - point.lat) < 1e-9 && abs(back.lon - point.lon) < 1e-9)
        }
        let northWest = projection.pixel(F.p(city.maxLat, city.minLon))
        let southEast = projection.pixel(F.p(city.minLat, city.maxLon))
        // The city is taller than wide once longitude is squeezed by cos(10.8°): height fits.
        #expect(abs(northWest.y - 20) < 1e-9 && abs(southEast.y - 580) < 1e-9)
        #expect(abs((northWest.x + southEast.x) / 2 - 400) < 1e-9)
        let width = southEast.x - northWest.x, height = southEast.y - northWest.y
        let expectedRatio = city.widthDegrees * cos(projection.referenceLatitude * Double.pi / 180) / city.heightDegrees
        #expect(abs(width / height - expectedRatio) < 1e-12)
    }

    @Test("SVG path data: one subpath per ring, rounded, closed with Z")
    func svgPath() throws {
        // Centred on the equator, cos(0) = 1: ten degrees are exactly 100 pixels both ways.
        let box = BoundingBox(minLat: -5, minLon: 0, maxLat: 5, maxLon: 10)
        let projection = Projection(fitting: box, width: 100, height: 100)
        let polygon = Polygon(outer: try F.rectangle(-5, 0, 5, 10), holes: [try F.rectangle(-1, 4, 1, 6)])
        #expect(
            projection.svgPath(MultiPolygon(polygon))
                == "M 0 100 L 100 100 L 100 0 L 0 0 Z M 40 60 L 60 60 L 60 40 L 40 40 Z")
        let third = try Ring(closing: [F.p(-5, 0), F.p(-5, 10.0 / 3), F.p(5, 0)])
        #expect(projection.svgPath(third, decimals: 2) == "M 0 100 L 33.33 100 L 0 0 Z")
    }

    static let polygonFile = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": 26734,
           "properties": {"ma": 26734, "ten": "Phường Bến Thành", "dan_so": 1.5, "trung_tam": true, "ghi_chu": null, "lop": [1, 2]},
           "geometry": {"type": "Polygon", "coordinates": [
             [[106.69, 10.77], [106.70, 10.77], [106.70, 10.78], [106.69, 10.78], [106.69, 10.77]]]}}
        ]}
        """

    @Test("GeoJSON: a Polygon feature, longitude first, properties as text")
    func goodPolygon() throws {
        let features = try GeoJSON.features(from: Data(Self.polygonFile.utf8))
        #expect(features.count == 1)
        let feature = try #require(features.first)
        #expect(feature.id == "26734")
        #expect(feature.properties == ["ma": "26734", "ten": "Phường Bến Thành", "dan_so": "1.5", "trung_tam": "true"])
        #expect(feature.geometry.polygons.count == 1)
        let box = try #require(feature.geometry.bbox)
        #expect(abs(box.minLat - 10.77) < 1e-12 && abs(box.maxLat - 10.78) < 1e-12)
        #expect(abs(box.minLon - 106.69) < 1e-12 && abs(box.maxLon - 106.70) < 1e-12)
        #expect(feature.geometry.contains(F.p(10.7725, 106.6980)))  // Chợ Bến Thành
        #expect(!feature.geometry.contains(F.p(10.7798, 106.7010)))
    }

    @Test("GeoJSON: a MultiPolygon with a hole, and a bare geometry at the top level")
    func goodMultiPolygon() throws {
        let text = """
            {"type": "Feature", "properties": {"ten": "Đặc khu Côn Đảo"}, "geometry": {"type": "MultiPolygon", "coordinates": [
              [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]],
              [[[20, 0], [21, 0], [21, 1], [20, 0]]]
            ]}}
            """
        let feature = try #require(try GeoJSON.features(from: Data(text.utf8)).first)
        #expect(feature.properties == ["ten": "Đặc khu Côn Đảo"])
        #expect(feature.geometry.polygons.count == 2)
        #expect(feature.geometry.polygons[0].holes.count == 1)
        #expect(feature.geometry.contains(F.p(1, 1)))
        #expect(!feature.geometry.contains(F.p(5, 5)))
        #expect(feature.geometry.contains(F.p(0.2, 20.8)))
        let bare = try GeoJSON.features(from: Data(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#.utf8))
        #expect(bare.count == 1 && bare[0].properties.isEmpty)
    }

    @Test("GeoJSON: an unclosed ring names the feature and the ring in Vietnamese")
    func unclosedRing() throws {
        let closed = "[[0, 0], [1, 0], [1, 1], [0, 0]]"
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [\(closed)]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [\(closed)]}},
              {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
                [[0, 0], [1, 0], [1, 1], [0, 1]]]}}
            ]}
            """
        let error = #expect(throws: GeoJSONError.self) { try GeoJSON.features(from: Data(text.utf8)) }
        #expect(error == .invalidRing(feature: 2, ring: .init(polygon: nil, ring: 0), problem: .notClosed))
        #expect(error?.message == "Đối tượng thứ 3: vòng ngoài chưa khép kín (điểm đầu khác điểm cuối).")
    }

    @Test("GeoJSON: missing coordinates, bad positions, holes in a MultiPolygon, unsupported input")
    func otherErrors() throws {
        func error(_ text: String) -> GeoJSONError? {
            return #expect(throws: GeoJSONError.self) { try GeoJSON.features(from: Data(text.utf8)) }
        }
        let missing = error(#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon"}}"#)
        #expect(missing == .missingCoordinates(feature: 0))
        #expect(missing?.message == "Đối tượng thứ 1: thiếu toạ độ (coordinates).")
        let nullCoordinates = error(
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":null}}]}"#)
        #expect(nullCoordinates == .missingCoordinates(feature: 0))
        let badPosition = error(#"{"type":"Polygon","coordinates":[[[0,0],[1,"x"],[1,1],[0,0]]]}"#)
        #expect(badPosition == .malformedPosition(feature: 0, ring: .init(polygon: nil, ring: 0), point: 1))
        #expect(badPosition?.message == "Đối tượng thứ 1: điểm thứ 2 của vòng ngoài không phải cặp số [kinh độ, vĩ độ].")
        let hole = error(#"{"type":"MultiPolygon","coordinates":[[[[0,0],[9,0],[9,9],[0,0]]],[[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,2],[1,1]]]]}"#)
        #expect(hole == .invalidRing(feature: 0, ring: .init(polygon: 1, ring: 1), problem: .tooFewPoints(count: 3)))
        #expect(hole?.message == "Đối tượng thứ 1: đa giác thứ 2, lỗ thứ 1 chỉ có 3 điểm, cần ít nhất 4 điểm (kể cả điểm khép kín).")
        #expect(
            error(#"{"type":"Feature","geometry":{"type":"Point","coordinates":[106.7,10.8]}}"#)
                == .unsupportedGeometry(feature: 0, type: "Point"))
        #expect(error(#"{"type":"Feature","properties":{}}"#) == .missingGeometry(feature: 0))
        #expect(
            error(#"{"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]}"#)
                == .invalidRing(feature: 0, ring: .init(polygon: nil, ring: 0), problem: .coordinateOutOfRange(point: 1)))
        #expect(
            error(#"{"type":"Polygon","coordinates":[[[0,0],[true,0],[1,1],[0,0]]]}"#)
                == .malformedPosition(feature: 0, ring: .init(polygon: nil, ring: 0), point: 1))
        #expect(error("không phải JSON") == .invalidJSON)
        #expect(error(#"{"type":"Topology"}"#) == .unsupportedRoot(type: "Topology"))
        #expect(error(#"{"type":"FeatureCollection","features":[{"type":"Polygon"}]}"#) == .notAFeature(feature: 0))
    }
}

@Suite("Approximate boundaries: enclaves and photos")
struct ApproximateBoundaryShapeTests {
    /// One square of land; unit A's sites ring the centre, unit B has one site in the middle:
    /// B's area is an enclave, a hole in A's.
    @Test("An enclave becomes a hole of the surrounding unit, and each point belongs to exactly one unit")
    func enclave() throws {
        let centre = GeoPoint(lat: 10.5, lon: 106.5)
        var sites = [ApproximateBoundaries.Site(unitCode: "B", point: centre)]
        for step in 0..<16 {
            let angle = Double(step) * Double.pi / 8
            sites.append(.init(unitCode: "A", point: GeoPoint(lat: centre.lat + 0.02 * sin(angle), lon: centre.lon + 0.02 * cos(angle))))
        }
        let land = BoundingBox(minLat: 10.45, minLon: 106.45, maxLat: 10.55, maxLon: 106.55)
        let shapes = Dictionary(
            uniqueKeysWithValues: ApproximateBoundaries.derive(
                sites: sites, land: [land], landMarginMetres: 0,
                cellDegrees: 0.0025))
        let a = try #require(shapes["A"]), b = try #require(shapes["B"])
        #expect(a.polygons.count == 1)
        #expect(a.polygons[0].holes.count == 1)
        #expect(b.polygons.count == 1 && b.polygons[0].holes.isEmpty)
        #expect(b.contains(centre) && !a.contains(centre))
        let corner = GeoPoint(lat: 10.46, lon: 106.46)
        #expect(a.contains(corner) && !b.contains(corner))
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let point = GeoPoint(lat: 10.45 + Double(generator.next() % 100_000) / 1e6, lon: 106.45 + Double(generator.next() % 100_000) / 1e6)
            #expect(a.contains(point) != b.contains(point), "\(point)")
        }
        // The two areas tile the land square (about 122 km² at this latitude) without gaps or overlaps.
        let square = try GeoFixtures.rectangle(10.45, 106.45, 10.55, 106.55).areaKm2
        #expect(abs(a.areaKm2 + b.areaKm2 - square) < 0.01 * square, "\(a.areaKm2) + \(b.areaKm2) vs \(square)")
    }
}
