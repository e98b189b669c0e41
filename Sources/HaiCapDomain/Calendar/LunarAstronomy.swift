import Foundation

/// The two astronomical quantities the lunisolar calendar needs — the day of each new moon and
/// the Sun's apparent longitude — from the classical truncated series (Meeus, *Astronomical
/// Algorithms*). They are good to a few minutes over 1800–2200, and only the *day* of each new
/// moon matters, so they decide every date except a new moon within minutes of midnight. For
/// those rare cases HaiCap deliberately uses the same series as the common Vietnamese calendar
/// implementations, so that its dates agree with theirs (checked day by day for 1900–2100 by
/// `tests/oracles/check_calendar.py`).
enum LunarAstronomy {
    /// Mean synodic month in days.
    static let synodicMonth = 29.530588853
    /// Julian date of the new moon numbered 0 (the first new moon of 1900, 1900-01-01 ~13:51).
    static let newMoonEpoch = 2_415_021.076998695

    private static let degree = Double.pi / 180

    /// Julian date (days, UT) of new moon number `k` counted from the 1900 epoch.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85  // Julian centuries from 1900
        let t2 = t * t
        let t3 = t2 * t
        // Mean new moon, with the secular terms and the small long-period term.
        var jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * degree)
        // Mean anomalies of Sun (m) and Moon (mp), and the Moon's argument of latitude (f).
        let m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * degree
        let mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * degree
        let f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * degree
        // Periodic corrections from the true positions of Sun and Moon.
        var correction = (0.1734 - 0.000393 * t) * sin(m) + 0.0021 * sin(2 * m)
        correction += -0.4068 * sin(mp) + 0.0161 * sin(2 * mp) - 0.0004 * sin(3 * mp)
        correction += 0.0104 * sin(2 * f) - 0.0051 * sin(m + mp) - 0.0074 * sin(m - mp)
        correction += 0.0004 * sin(2 * f + m) - 0.0004 * sin(2 * f - m) - 0.0006 * sin(2 * f + mp)
        correction += 0.0010 * sin(2 * f - mp) + 0.0005 * sin(2 * mp + m)
        // ΔT (dynamical time minus universal time), in days, from a polynomial fit.
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd + correction - deltaT
    }

    /// The Julian Day Number of the local day (at `offsetHours` from UTC) of new moon `k`.
    static func newMoonDay(_ k: Int, offsetHours: Double) -> Int {
        Int((newMoon(k) + 0.5 + offsetHours / 24).rounded(.down))
    }

    /// Which 30° sector (0…11, 0 = spring equinox) the Sun's apparent longitude is in at the
    /// local midnight that starts day `julianDay`. A "major solar term" (trung khí) starts when
    /// the sector changes; sector 9 begins at the winter solstice.
    static func sunSector(atStartOf julianDay: Int, offsetHours: Double) -> Int {
        // Julian centuries from J2000.0; the day's local midnight is JDN − 0.5 − offset.
        let t = (Double(julianDay) - 2_451_545.5 - offsetHours / 24) / 36_525
        let t2 = t * t
        let meanAnomaly = (357.52910 + 35_999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * degree
        let meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2
        // Equation of centre.
        let centre =
            (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * sin(2 * meanAnomaly)
            + 0.000290 * sin(3 * meanAnomaly)
        var longitude = (meanLongitude + centre).truncatingRemainder(dividingBy: 360)
        if longitude < 0 { longitude += 360 }
        return min(11, Int((longitude / 30).rounded(.down)))
    }

    /// Index of the new moon that starts lunar month 11 of Gregorian year `year` — the month
    /// that contains the winter solstice. Start from the new moon just before 31 December; if the
    /// Sun has already passed 270° when that month starts, the solstice belongs to the month before.
    static func month11Index(year: Int, offsetHours: Double) -> Int {
        let lastDay = LocalDate(year: year, month: 12, day: 31).julianDay
        var k = Int((Double(lastDay - 2_415_021) / synodicMonth).rounded(.down))
        if sunSector(atStartOf: newMoonDay(k, offsetHours: offsetHours), offsetHours: offsetHours) >= 9 {
            k -= 1
        }
        return k
    }
}
