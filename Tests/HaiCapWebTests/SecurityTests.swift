import HTTPTypes
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Login, CSRF, lock-out and API tokens over HTTP")
struct SecurityTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("the login page sets an HttpOnly SameSite CSRF cookie; a login without the token is refused")
    func csrfOnLogin() async throws {
        try await WebHarness.run { _, client in
            let page = try await client.execute(uri: "/dang-nhap", method: .get)
            let setCookie = try #require(page.headers[.setCookie])
            #expect(setCookie.contains("haicap_csrf=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))
            let token = try #require(setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init))
            #expect(page.text.contains("value=\"\(token)\""))

            let noToken = try await client.execute(
                uri: "/dang-nhap", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded",
                    .cookie: "haicap_csrf=\(token)"
                ],
                body: ByteBuffer(string: "username=admin&password=\(DemoSeeder.password)"))
            #expect(noToken.status == .forbidden)
            #expect(noToken.text.contains("Phiên biểu mẫu đã hết hạn"))
            let wrongToken = try await client.execute(
                uri: "/dang-nhap", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded",
                    .cookie: "haicap_csrf=\(token)"
                ],
                body: ByteBuffer(string: "_csrf=\(String(token.reversed()))&username=admin&password=\(DemoSeeder.password)"))
            #expect(wrongToken.status == .forbidden)

            let ok = try await client.execute(
                uri: "/dang-nhap", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded",
                    .cookie: "haicap_csrf=\(token)"
                ],
                body: ByteBuffer(string: "_csrf=\(token)&username=admin&password=HaiCap%402025hcm&next=%2Fquan-tri%2Fnhat-ky"))
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/quan-tri/nhat-ky")
            let session = try #require(ok.headers[.setCookie])
            #expect(session.contains("haicap_session=") && session.contains("HttpOnly") && session.contains("SameSite=Lax"))
        }
    }

    @Test("through a trusted proxy that says https: __Host- cookies with Secure, and HSTS")
    func secureCookies() async throws {
        try await WebHarness.run(live: true) { _, client in
            let page = try await client.execute(uri: "/dang-nhap", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let cookie = try #require(page.headers[.setCookie])
            #expect(cookie.hasPrefix("__Host-haicap_csrf=") && cookie.contains("Secure") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain"))
            #expect(page.headers[HTTPField.Name("Strict-Transport-Security")!]?.hasPrefix("max-age=") == true)
        }
    }

    @Test("X-Forwarded-Proto from a peer that is not a trusted proxy is ignored")
    func untrustedProxy() async throws {
        try await WebHarness.run { _, client in
            let page = try await client.execute(uri: "/dang-nhap", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let cookie = try #require(page.headers[.setCookie])
            #expect(cookie.hasPrefix("haicap_csrf=") && !cookie.contains("Secure"))
            #expect(page.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
        }
    }

    @Test("every response carries CSP, frame-ancestors, Referrer-Policy and nosniff")
    func securityHeaders() async throws {
        try await WebHarness.run { _, client in
            for uri in ["/", "/dang-nhap", "/api/v1/units", "/khong-co-trang-nay", "/open311/v2/services.json"] {
                let response = try await client.execute(uri: uri, method: .get)
                let csp = try #require(response.headers[HTTPField.Name("Content-Security-Policy")!], "\(uri)")
                #expect(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"))
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
        }
    }

    @Test("no template holds an inline script or event handler, which the Content-Security-Policy would block")
    func noInlineScript() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HaiCapWeb/Resources/templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 30)
        for name in names {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            #expect(text.range(of: #"<script(?![^>]*\bsrc=)[^>]*>"#, options: .regularExpression) == nil, "\(name): inline <script>")
            #expect(text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(name): inline event handler")
            #expect(!text.contains("javascript:"), "\(name): javascript: URL")
        }
    }

    @Test("the CSRF token of a signed-in browser is its session's: the cookie's token no longer passes")
    func csrfTiedToSession() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser("admin")
            headers[.contentType] = "application/json"
            let body = ByteBuffer(string: #"{"username":"hcdc","name":"x"}"#)
            headers[HTTPField.Name("X-CSRF-Token")!] = WebHarness.csrf  // the double-submit cookie's value
            #expect(try await client.execute(uri: "/api/v1/tokens", method: .post, headers: headers, body: body).status == .forbidden)
            var other = try await harness.browser("hcdc")  // another session's token
            other[.contentType] = "application/json"
            headers[HTTPField.Name("X-CSRF-Token")!] = other[HTTPField.Name("X-CSRF-Token")!]
            #expect(try await client.execute(uri: "/api/v1/tokens", method: .post, headers: headers, body: body).status == .forbidden)
            let own = try await harness.browser("admin")
            headers[HTTPField.Name("X-CSRF-Token")!] = nil
            headers[.cookie] = own[.cookie]
            headers[HTTPField.Name("X-CSRF-Token")!] = own[HTTPField.Name("X-CSRF-Token")!]
            #expect(try await client.execute(uri: "/api/v1/tokens", method: .post, headers: headers, body: body).status == .created)
            // The page's forms carry the session's token, not the cookie's.
            let page = try await client.execute(uri: "/quan-tri/token", method: .get, headers: own)
            #expect(page.text.contains("value=\"\(own[HTTPField.Name("X-CSRF-Token")!]!)\""))
        }
    }

    @Test("after login only paths of this site are followed: tabs, backslashes and other hosts give the user's own landing page")
    func openRedirect() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser(nil)
            headers[.contentType] = "application/x-www-form-urlencoded"
            for next in [
                "%2F%09%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example", "https%3A%2F%2Fevil.example",
                "%2F%0A%2Fevil.example", "%2F%20%2Fevil.example"
            ] {
                let response = try await client.execute(
                    uri: "/dang-nhap", method: .post, headers: headers,
                    body: ByteBuffer(string: "_csrf=\(WebHarness.csrf)&username=admin&password=HaiCap%402025hcm&next=\(next)"))
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/quan-tri", "\(next) → \(response.headers[.location] ?? "")")
            }
        }
    }

    @Test("Authorization: Basic is answered 401 with WWW-Authenticate, not sent round the login page")
    func basicAuth() async throws {
        try await WebHarness.run { _, client in
            for uri in ["/quan-tri/nguoi-dung", "/api/v1/me", "/"] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Basic YWRtaW46eA=="])
                #expect(response.status == .unauthorized, "\(uri)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(response.headers[.location] == nil)
            }
        }
    }

    @Test("an API token with an expiry stops working after it")
    func tokenExpiry() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let (token, secret) = try await services.tokens.create(
                forUsername: "hcdc", name: "tam", expiresInDays: 2, by: nil,
                at: services.clock.now())
            #expect(token.expiresAt == services.clock.now().addingTimeInterval(2 * 86_400))
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"]).status == .ok)
            #expect(try await services.tokens.principal(forSecret: secret, at: services.clock.now().addingTimeInterval(2 * 86_400 + 1)) == nil)
            await #expect(throws: ValidationError.self) {
                _ = try await services.tokens.create(forUsername: "hcdc", name: "x", expiresInDays: 0, by: nil, at: services.clock.now())
            }
        }
    }

    @Test("a cookie-authenticated API write needs the CSRF header; a bearer token does not")
    func csrfOnAPI() async throws {
        try await WebHarness.run { harness, client in
            var browser = try await harness.browser("admin")
            browser[.contentType] = "application/json"
            browser[HTTPField.Name("X-CSRF-Token")!] = nil
            let body = ByteBuffer(string: #"{"username":"moi.nguoi","password":"matkhau12345","role":"clerk","agency":"000.00.02.H29"}"#)
            let refused = try await client.execute(uri: "/api/v1/users", method: .post, headers: browser, body: body)
            #expect(refused.status == .forbidden)
            #expect(try refused.json()["error"] != nil)
            var bearer = try await harness.bearer("admin")
            bearer[.contentType] = "application/json"
            let created = try await client.execute(uri: "/api/v1/users", method: .post, headers: bearer, body: body)
            #expect(created.status == .created)
            #expect(try created.json()["username"] as? String == "moi.nguoi")
        }
    }

    @Test("five wrong passwords lock the account; the answer is the same as for a wrong password or an unknown name")
    func lockout() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser(nil)
            headers[.contentType] = "application/x-www-form-urlencoded"
            func attempt(_ password: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/dang-nhap", method: .post, headers: headers,
                    body: ByteBuffer(string: "_csrf=\(WebHarness.csrf)&username=vanthu.tandinh&password=\(password)"))
            }
            for _ in 1...4 { #expect(try await attempt("sai").status == .unauthorized) }
            let fifth = try await attempt("sai")
            #expect(fifth.status == .unauthorized)
            #expect(fifth.text.contains("tạm khóa 15 phút"))
            let locked = try await attempt("HaiCap%402025hcm")
            #expect(locked.status == .unauthorized)
            let unknown = try await client.execute(
                uri: "/dang-nhap", method: .post, headers: headers,
                body: ByteBuffer(string: "_csrf=\(WebHarness.csrf)&username=khong.co.ai&password=sai"))
            #expect(unknown.status == .unauthorized)
            #expect(Self.alert(locked.text) == Self.alert(unknown.text))
        }
    }

    /// The login page's error message, to compare two answers.
    static func alert(_ html: String) -> String? {
        guard let start = html.range(of: "role=\"alert\""), let end = html[start.upperBound...].range(of: "</") else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("bearer tokens: valid, unknown, revoked")
    func bearerTokens() async throws {
        try await WebHarness.run { harness, client in
            let headers = try await harness.bearer("hcdc")
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: headers)
            #expect(me.status == .ok)
            #expect(try me.json()["role"] as? String == "hcdc")
            let unknown = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer hc_nope"])
            #expect(unknown.status == .unauthorized)
            #expect((try unknown.json()["error"] as? [String: Any])?["code"] as? String == "auth.required")
            let tokens = try await harness.services.tokens.list()
            try await harness.services.tokens.revoke(tokens[0].id, by: nil, at: harness.services.clock.now())
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: headers).status == .unauthorized)
        }
    }

    @Test("logout ends the session")
    func logout() async throws {
        try await WebHarness.run { harness, client in
            let headers = try await harness.browser("admin")
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: headers).status == .ok)
            let out = try await client.execute(uri: "/dang-xuat", method: .post, headers: headers)
            #expect(out.status == .seeOther)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: headers).status == .unauthorized)
            let entries = try await harness.services.audit.list(.init(action: "user.log")).items
            #expect(entries.map(\.action) == ["user.logout", "user.login"])
            #expect(entries.allSatisfy { $0.username == "admin" })
        }
    }

    @Test("a web page that needs a login sends the browser to the login page and back")
    func redirectToLogin() async throws {
        try await WebHarness.run { _, client in
            let response = try await client.execute(uri: "/quan-tri/nhat-ky?user=admin", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/dang-nhap?next=%2Fquan-tri%2Fnhat-ky%3Fuser%3Dadmin")
        }
    }
}
