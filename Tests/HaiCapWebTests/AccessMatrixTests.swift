import HTTPTypes
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Walks every registered route with every role, anonymously, and as a leader of another ward,
/// and fails on any access the table below does not grant. The table is written by hand: a new
/// route fails this test until someone decides who may use it.
@Suite("Access matrix over every registered route")
struct AccessMatrixTests {
    enum Who: Hashable { case anonymous, role(Role), otherWardLeader }

    static let everyone: Set<Who> = Set([.anonymous, .otherWardLeader] + Role.allCases.map(Who.role))
    static let signedIn: Set<Who> = everyone.subtracting([.anonymous])
    static let admins: Set<Who> = [.role(.admin)]
    /// Staff of Tân Định's UBND: its leaders and administrators, not a leader of another ward.
    static let ownStaffViewers: Set<Who> = [.role(.admin), .role(.leader)]
    static let dossierReceivers: Set<Who> = [.role(.admin), .role(.leader), .role(.officer), .role(.postal), .otherWardLeader]
    /// Everyone who receives, reviews, approves, signs, returns or carries dossiers.
    static let dossierHandlers: Set<Who> = [
        .role(.admin), .role(.leader), .role(.officer), .role(.specialist), .role(.clerk),
        .role(.department), .role(.postal), .otherWardLeader
    ]

    /// Officials who handle 1022 reports (their agency's; operators and administrators all).
    static let feedbackHandlers: Set<Who> = [
        .role(.admin), .role(.operator1022), .role(.leader), .role(.officer), .role(.specialist),
        .role(.clerk), .role(.department), .otherWardLeader
    ]
    static let operators: Set<Who> = [.role(.admin), .role(.operator1022)]
    /// Officials who work on their agency's documents.
    static let documentHandlers: Set<Who> = [
        .role(.admin), .role(.leader), .role(.officer), .role(.specialist), .role(.clerk), .role(.department), .otherWardLeader
    ]
    /// The desk that registers incoming documents: clerks, leaders, a department's staff.
    static let documentClerks: Set<Who> = [.role(.admin), .role(.leader), .role(.clerk), .role(.department), .otherWardLeader]

    /// Who schedules meetings: leaders, clerks, a department's staff (a ward's for its own ward).
    static let meetingOrganisers: Set<Who> = [.role(.admin), .role(.leader), .role(.clerk), .role(.department), .otherWardLeader]

    static let expected: [String: Set<Who>] = [
        // Meetings: every official takes part (meeting scope per meeting); Jitsi's reservation
        // module proves itself with its own token, never with a login.
        "GET /api/v1/meetings/free-slots": meetingOrganisers, "GET /api/v1/meetings": signedIn, "POST /api/v1/meetings": meetingOrganisers,
        "GET /api/v1/meetings/{id}": signedIn, "GET /api/v1/meetings/{id}/ics": signedIn, "POST /api/v1/meetings/{id}/join": signedIn,
        "POST /api/v1/meetings/{id}/actions/{action}": meetingOrganisers, "PUT /api/v1/meetings/{id}/attendance/{unit}": signedIn,
        "POST /api/v1/meetings/{id}/answer": signedIn,
        "GET /api/v1/meetings/{id}/conclusions": signedIn, "POST /api/v1/meetings/{id}/conclusions": meetingOrganisers,
        "POST /api/v1/meetings/conclusions/{id}/actions/{action}": signedIn,
        "POST /jitsi/conference": [], "GET /jitsi/conference/{id}": [], "DELETE /jitsi/conference/{id}": [],
        "GET /hop": signedIn, "GET /hop/moi": meetingOrganisers, "POST /hop": meetingOrganisers, "GET /hop/ket-luan": signedIn,
        "GET /hop/phong-hop": signedIn, "POST /hop/phong-hop": signedIn, "GET /hop/{id}": signedIn, "GET /hop/{id}/lich.ics": signedIn,
        "GET /hop/{id}/diem-danh.csv": signedIn, "POST /hop/{id}/{action}": signedIn, "GET /hop/khach/{secret}": everyone,
        "POST /hop/khach/{secret}": everyone,
        "GET /": everyone, "GET /healthz": everyone, "GET /metrics": everyone, "GET /api/v1/openapi.yaml": everyone,
        "GET /dang-nhap": everyone, "POST /dang-nhap": everyone, "POST /dang-xuat": signedIn, "GET /api/v1/me": signedIn,
        "GET /thong-bao": signedIn, "POST /thong-bao/{id}/da-doc": signedIn, "POST /thong-bao/da-doc-tat-ca": signedIn,
        "GET /van-ban": documentHandlers, "GET /van-ban/vao-so": documentClerks, "POST /van-ban/vao-so": documentHandlers,
        "GET /van-ban/soan-thao": documentHandlers, "POST /van-ban/soan-thao": documentHandlers, "GET /van-ban/{id}": documentHandlers,
        "POST /van-ban/{id}/{action}": documentHandlers, "GET /api/v1/documents": documentHandlers,
        "GET /api/v1/documents/search": documentHandlers, "POST /api/v1/documents/incoming": documentHandlers,
        "POST /api/v1/documents/outgoing": documentHandlers, "GET /api/v1/documents/{id}": documentHandlers,
        "POST /api/v1/documents/{id}/actions/{action}": documentHandlers, "POST /van-ban/nhan-edxml": documentHandlers,
        "GET /van-ban/so-dang-ky": documentHandlers, "GET /api/v1/documents/registers": documentHandlers, "GET /van-ban/{id}/in": documentHandlers,
        "POST /api/v1/edxml": documentHandlers, "GET /api/v1/documents/{id}/edxml": documentHandlers,
        "GET /api/v1/documents/{id}/files/{fileId}": documentHandlers, "GET /api/v1/documents/{id}/files/{fileId}/text": documentHandlers,
        "POST /api/v1/documents/{id}/files": documentHandlers, "GET /van-ban/{id}/chu-ky": documentHandlers,
        "GET /api/v1/documents/{id}/signatures": documentHandlers, "GET /api/v1/documents/{id}/signed-content": documentHandlers,
        "GET /api/v1/signing/ca.pem": everyone, "GET /van-ban/theo-doi": documentHandlers, "GET /api/v1/documents/follow-up": documentHandlers,
        "GET /api/v1/notifications": signedIn, "POST /api/v1/notifications/{id}/read": signedIn,
        "POST /api/v1/notifications/read-all": signedIn,
        "GET /don-vi": everyone, "GET /don-vi/{code}": everyone, "GET /tra-cuu-don-vi-moi": everyone,
        "GET /api/v1/units": everyone, "GET /api/v1/units/{code}": everyone, "GET /api/v1/resolve": everyone,
        "GET /api/v1/agencies": everyone, "GET /api/v1/agencies/{id}": everyone, "PATCH /api/v1/agencies/{id}": admins,
        "GET /api/v1/agencies/{id}/users": ownStaffViewers, "GET /co-quan/{id}/can-bo": ownStaffViewers,
        "GET /api/v1/users": admins, "POST /api/v1/users": admins, "GET /api/v1/users/{id}": admins,
        "PATCH /api/v1/users/{id}": admins, "POST /api/v1/users/{id}/password": admins,
        "GET /api/v1/tokens": admins, "POST /api/v1/tokens": admins, "DELETE /api/v1/tokens/{id}": admins,
        "GET /api/v1/audit": admins,
        "GET /quan-tri/co-quan": admins, "POST /quan-tri/co-quan": admins, "POST /api/v1/agencies": admins, "GET /quan-tri/co-quan/{id}": admins,
        "POST /quan-tri/co-quan/{id}": admins,
        "GET /quan-tri/nguoi-dung": admins, "POST /quan-tri/nguoi-dung": admins, "GET /quan-tri/nguoi-dung/{id}": admins,
        "POST /quan-tri/nguoi-dung/{id}": admins, "POST /quan-tri/nguoi-dung/{id}/mat-khau": admins,
        "GET /quan-tri/token": admins, "POST /quan-tri/token": admins, "POST /quan-tri/token/{id}/thu-hoi": admins,
        "GET /quan-tri/nhat-ky": admins, "GET /quan-tri": admins,
        "GET /api/v1/calendar/{year}": everyone, "GET /api/v1/calendar/lunar": everyone, "GET /api/v1/calendar/solar": everyone,
        "POST /api/v1/calendar/deadline": everyone, "GET /api/v1/calendar/announcements/{year}": everyone,
        "PUT /api/v1/calendar/announcements/{year}": admins,
        "GET /lich-lam-viec": everyone, "GET /lich-lam-viec/{year}": everyone, "GET /tinh-han": everyone,
        "GET /quan-tri/lich-nghi": admins, "POST /quan-tri/lich-nghi/{year}": admins,
        // One-stop dossiers: ward scope is checked per dossier on top of these.
        "GET /api/v1/procedures": everyone, "GET /api/v1/procedures/{code}": everyone, "POST /api/v1/procedures/import": admins,
        "POST /api/v1/dossiers": everyone, "GET /api/v1/dossiers": dossierHandlers, "POST /api/v1/dossiers/bulk-assign": dossierHandlers,
        "GET /api/v1/dossiers/{code}": dossierHandlers, "GET /api/v1/dossiers/{code}/files/{id}": dossierHandlers,
        "POST /api/v1/dossiers/{code}/actions/{action}": dossierHandlers,
        "POST /api/v1/lookup": everyone, "GET /api/v1/indicators": everyone, "GET /api/v1/indicators/overdue": dossierHandlers,
        "GET /api/v1/portal-sync": admins, "POST /api/v1/portal-sync/retry": admins,
        "GET /mot-cua": dossierHandlers, "POST /mot-cua/phan-cong": dossierHandlers, "GET /mot-cua/tiep-nhan": dossierReceivers,
        "POST /mot-cua/tiep-nhan": dossierReceivers, "GET /mot-cua/ho-so/{code}": dossierHandlers,
        "POST /mot-cua/ho-so/{code}/{action}": dossierHandlers, "GET /mot-cua/ho-so/{code}/in/{form}": dossierHandlers,
        "GET /thu-tuc": everyone, "GET /thu-tuc/{code}": everyone, "GET /nop-ho-so": everyone, "POST /nop-ho-so": everyone,
        "GET /tra-cuu-ho-so": everyone, "POST /tra-cuu-ho-so": everyone, "POST /tra-cuu-ho-so/ket-qua": everyone, "GET /chi-so-766": everyone,
        "GET /quan-tri/thu-tuc": admins, "POST /quan-tri/thu-tuc/nhap": admins, "GET /quan-tri/thu-tuc/{code}": admins,
        "POST /quan-tri/thu-tuc/{code}": admins, "GET /quan-tri/dong-bo": admins, "POST /quan-tri/dong-bo/thu-lai": admins,
        // 1022: agency scope is checked per report on top of these; the reporter's actions need the report's token.
        "GET /open311/v2/discovery.json": everyone, "GET /open311/v2/services.json": everyone, "GET /open311/v2/services.xml": everyone,
        "GET /open311/v2/requests.json": everyone, "GET /open311/v2/requests.xml": everyone,
        // An Open311 client proves itself with its api_key, never with a login: no role gets in without one.
        "POST /open311/v2/requests.json": [], "POST /open311/v2/requests.xml": [], "GET /open311/v2/services/{file}": everyone,
        "GET /open311/v2/requests/{file}": everyone,
        "GET /open311/v2/tokens/{file}": everyone,
        "GET /api/v1/feedback/categories": everyone, "PUT /api/v1/feedback/categories/{code}": admins,
        "GET /api/v1/feedback/rules": admins, "POST /api/v1/feedback/rules": admins, "DELETE /api/v1/feedback/rules/{id}": admins,
        "POST /api/v1/feedback": everyone, "GET /api/v1/feedback": feedbackHandlers, "GET /api/v1/feedback/nearby": everyone,
        "GET /api/v1/feedback/stats": everyone, "POST /api/v1/feedback/bulk": feedbackHandlers, "GET /api/v1/feedback/{id}": everyone,
        "GET /api/v1/feedback/{id}/photos/{n}": everyone, "POST /api/v1/feedback/{id}/actions/{action}": everyone,
        "GET /api/v1/boundaries": everyone, "POST /api/v1/boundaries/import": admins, "GET /api/v1/locate": everyone,
        "GET /api/v1/open311/keys": admins, "POST /api/v1/open311/keys": admins, "DELETE /api/v1/open311/keys/{id}": admins,
        "GET /phan-anh": everyone, "POST /phan-anh": everyone, "GET /tong-dai/tiep-nhan": operators, "POST /tong-dai/tiep-nhan": operators,
        "GET /phan-anh/{id}": everyone, "POST /phan-anh/{id}/nguoi-gui": everyone, "GET /ban-do-phan-anh": everyone,
        "GET /thong-ke-phan-anh": everyone,
        "GET /xu-ly-phan-anh": feedbackHandlers, "POST /xu-ly-phan-anh/hang-loat": feedbackHandlers, "GET /xu-ly-phan-anh/{id}": feedbackHandlers,
        "POST /xu-ly-phan-anh/{id}/{action}": feedbackHandlers,
        "GET /quan-tri/phan-anh": admins, "GET /quan-tri/phan-anh/linh-vuc/{code}": admins, "POST /quan-tri/phan-anh/linh-vuc/{code}": admins,
        "POST /quan-tri/phan-anh/quy-tac": admins, "POST /quan-tri/phan-anh/quy-tac/{id}/xoa": admins,
        "GET /quan-tri/open311": admins, "POST /quan-tri/open311": admins, "POST /quan-tri/open311/{id}/thu-hoi": admins,
        "GET /quan-tri/ranh-gioi": admins, "POST /quan-tri/ranh-gioi": admins
    ]

    @Test("every registered route is in the table, and every actor gets exactly the access it lists")
    func walk() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let registered = Set(harness.routeSpecs.map { "\($0.method.rawValue) \($0.path)" })
            #expect(
                registered == Set(Self.expected.keys),
                "routes without a decision: \(registered.subtracting(Self.expected.keys)); stale: \(Set(Self.expected.keys).subtracting(registered))")

            // Fixtures: Tân Định's UBND (the demo leader's own agency), a user in it, a token.
            let leader = try #require(try await services.accounts.find(username: "lanhdao.tandinh"))
            // The other ward's leader is a demo account (Bến Thành's UBND).
            #expect(try await services.accounts.find(username: "lanhdao.benthanh") != nil)
            let (token, _) = try await services.tokens.create(forUsername: "admin", name: "matrix", by: nil, at: services.clock.now())

            var usernames: [Who: String?] = [.anonymous: nil, .otherWardLeader: "lanhdao.benthanh"]
            for role in Role.allCases {
                usernames[.role(role)] = DemoSeeder.accounts.first { $0.2 == role }!.0
            }

            var failures: [String] = []
            for spec in harness.routeSpecs {
                let key = "\(spec.method.rawValue) \(spec.path)"
                let uri = spec.path
                    .replacingOccurrences(of: "{code}", with: "26737")
                    .replacingOccurrences(of: "{year}", with: "2025")
                    .replacingOccurrences(of: "/api/v1/tokens/{id}", with: "/api/v1/tokens/\(token.id)")
                    .replacingOccurrences(of: "/quan-tri/token/{id}", with: "/quan-tri/token/\(token.id)")
                    .replacingOccurrences(of: "/users/{id}", with: "/users/\(leader.id)")
                    .replacingOccurrences(of: "/nguoi-dung/{id}", with: "/nguoi-dung/\(leader.id)")
                    .replacingOccurrences(of: "{id}", with: leader.agencyId)
                for (who, username) in usernames {
                    var headers = try await harness.browser(username)
                    var body: ByteBuffer? = nil
                    if spec.method != .get {
                        if uri.hasPrefix("/api/") {
                            headers[.contentType] = "application/json"
                            body = ByteBuffer(string: "{}")
                        } else {
                            headers[.contentType] = "application/x-www-form-urlencoded"
                            body = ByteBuffer(
                                string: uri == "/dang-nhap"
                                    ? "username=admin&password=\(DemoSeeder.password)&_csrf=\(WebHarness.csrf)"
                                    : "_csrf=\(WebHarness.csrf)")
                        }
                    }
                    let response = try await client.execute(uri: uri, method: spec.method, headers: headers, body: body)
                    let allowed = Self.expected[key]?.contains(who) ?? false
                    if allowed == response.isDenied || response.status == .internalServerError {
                        failures.append("\(key) as \(who): \(response.status.code) (expected \(allowed ? "access" : "refusal"))")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.count) unexpected:\n\(failures.joined(separator: "\n"))")
        }
    }
}
