/// Why a list of points is not a usable ring. Point numbers are 0-based in the case and
/// 1-based in the Vietnamese message.
public enum RingError: Error, Sendable, Hashable {
    /// A closed ring needs at least three corners plus the repeated first point.
    case tooFewPoints(count: Int)
    /// The last point differs from the first (GeoJSON requires rings to be written closed).
    case notClosed
    /// All points are collinear or repeated, so the ring encloses nothing and every
    /// point-in-polygon answer would be "no".
    case zeroArea
    /// A point is NaN, infinite or outside latitude −90…90 / longitude −180…180.
    case coordinateOutOfRange(point: Int)

    /// The problem as a phrase that follows the ring's name, e.g. "vòng ngoài" + phrase.
    public var phrase: String {
        switch self {
        case .tooFewPoints(let count): "chỉ có \(count) điểm, cần ít nhất 4 điểm (kể cả điểm khép kín)"
        case .notClosed: "chưa khép kín (điểm đầu khác điểm cuối)"
        case .zeroArea: "có diện tích bằng 0 (các điểm thẳng hàng hoặc trùng nhau)"
        case .coordinateOutOfRange(let point):
            "có điểm thứ \(point + 1) nằm ngoài phạm vi toạ độ (vĩ độ −90…90, kinh độ −180…180)"
        }
    }
}

extension RingError: HaiCapError {
    public var kind: ErrorKind { .invalid }

    public var code: String {
        switch self {
        case .tooFewPoints: "geo.ring_too_few_points"
        case .notClosed: "geo.ring_not_closed"
        case .zeroArea: "geo.ring_zero_area"
        case .coordinateOutOfRange: "geo.coordinate_out_of_range"
        }
    }

    public var message: String { "Vòng " + phrase + "." }
}
