import Foundation

/// A position on the WGS84 datum, in decimal degrees. Latitude first, as Vietnamese maps and
/// reports write it (GeoJSON writes longitude first; the parser swaps them).
public struct GeoPoint: Sendable, Hashable, Codable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Accepts only finite coordinates in range, for input typed or clicked by people.
    public init?(validatingLat lat: Double, lon: Double) {
        guard GeoPoint.isValid(lat: lat, lon: lon) else { return nil }
        self.init(lat: lat, lon: lon)
    }

    /// Mean Earth radius (IUGG R1). A sphere is within 0.5 % of the ellipsoid, far better than
    /// the accuracy of a phone GPS fix in a street canyon.
    public static let earthRadiusMetres = 6_371_008.8

    /// Length of one degree of latitude (and of longitude at the equator) on that sphere.
    public static let metresPerDegree = earthRadiusMetres * Double.pi / 180

    /// Latitude within −90…90 and longitude within −180…180; NaN and infinities are rejected.
    public static func isValid(lat: Double, lon: Double) -> Bool {
        lat.isFinite && lon.isFinite && (-90...90).contains(lat) && (-180...180).contains(lon)
    }

    public var isValid: Bool { GeoPoint.isValid(lat: lat, lon: lon) }

    /// Great-circle distance by the haversine formula, which stays accurate for the short
    /// distances (metres to kilometres) that dominate inside one city, where the plain
    /// spherical law of cosines loses precision.
    public func distanceMetres(to other: GeoPoint) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = lat * toRadians, phi2 = other.lat * toRadians
        let dPhi = (other.lat - lat) * toRadians
        let dLambda = (other.lon - lon) * toRadians
        let sinHalfPhi = sin(dPhi / 2), sinHalfLambda = sin(dLambda / 2)
        let h = sinHalfPhi * sinHalfPhi + cos(phi1) * cos(phi2) * sinHalfLambda * sinHalfLambda
        return 2 * GeoPoint.earthRadiusMetres * asin(min(1, h.squareRoot()))
    }
}
