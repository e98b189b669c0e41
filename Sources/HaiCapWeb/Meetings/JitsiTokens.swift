import Foundation
import HaiCapDomain
import HaiCapStorage
import JWTKit

/// The claims Jitsi Meet's token authentication reads (prosody `token_verification`): who, which
/// room, whether a moderator, and a window from `nbf` (the start; earlier for those who run the
/// room, so everyone else waits in HaiCap's lobby) to `exp` (the end plus the grace).
struct JitsiClaims: JWTPayload {
    struct User: Codable, Sendable {
        var id: String
        var name: String
        var email: String?
        var unit: String?
    }
    struct Context: Codable, Sendable {
        var user: User
    }
    var aud: AudienceClaim
    var iss: IssuerClaim
    var sub: SubjectClaim
    var room: String
    var nbf: NotBeforeClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var moderator: Bool
    var context: Context

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// Signs the tokens with HS256 (jwt-kit) and builds the room's address.
struct JitsiTokens: Sendable {
    let config: AppConfig
    let secret: String

    func token(for grant: JoinGrant, at instant: Date) async throws -> JoinDTO {
        // Whole seconds: NumericDate claims are integers to most readers.
        let now = Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
        let keys = await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let claims = JitsiClaims(
            aud: AudienceClaim(value: config.jitsiAudience), iss: IssuerClaim(value: config.jitsiAppId),
            sub: SubjectClaim(value: config.jitsiSubject), room: grant.room, nbf: NotBeforeClaim(value: grant.notBefore),
            exp: ExpirationClaim(value: grant.expires), iat: IssuedAtClaim(value: now), moderator: grant.moderator,
            context: .init(
                user: .init(
                    id: grant.userId.map { "user-\($0)" } ?? "guest-\(grant.meetingId)-\(grant.occurrence.seq)", name: grant.name,
                    email: grant.email, unit: grant.unitCode)))
        let token = try await keys.sign(claims)
        return JoinDTO(
            token: token, url: "\(config.jitsiURL)/\(grant.room)?jwt=\(token)", room: grant.room, moderator: grant.moderator,
            nbf: VietnamTime.iso(grant.notBefore), exp: VietnamTime.iso(grant.expires))
    }
}
