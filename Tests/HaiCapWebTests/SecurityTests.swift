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

            let noToken = try await client.execute(uri: "/dang-nhap", method: .post, headers: [.contentType: "application/x-www-form-urlencoded",
                                                   .cookie: "haicap_csrf=\(token)"],
                                                   body: ByteBuffer(string: "username=admin&password=\(DemoSeeder.password)"))
            #expect(noToken.status == .forbidden)
            #expect(noToken.text.contains("Phiên biểu mẫu đã hết hạn"))
            let wrongToken = try await client.execute(uri: "/dang-nhap", method: .post, headers: [.contentType: "application/x-www-form-urlencoded",
                                                      .cookie: "haicap_csrf=\(token)"],
                                                      body: ByteBuffer(string: "_csrf=\(String(token.reversed()))&username=admin&password=\(DemoSeeder.password)"))
            #expect(wrongToken.status == .forbidden)

            let ok = try await client.execute(uri: "/dang-nhap", method: .post, headers: [.contentType: "application/x-www-form-urlencoded",
                                              .cookie: "haicap_csrf=\(token)"],
                                              body: ByteBuffer(string: "_csrf=\(token)&username=admin&password=HaiCap%402025&next=%2Fquan-tri%2Fnhat-ky"))
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/quan-tri/nhat-ky")
            let session = try #require(ok.headers[.setCookie])
            #expect(session.contains("haicap_session=") && session.contains("HttpOnly") && session.contains("SameSite=Lax"))
        }
    }

    @Test("cookies are Secure when the request came over TLS through a proxy")
    func secureCookies() async throws {
        try await WebHarness.run { _, client in
            let page = try await client.execute(uri: "/dang-nhap", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(page.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("a cookie-authenticated API write needs the CSRF header; a bearer token does not")
    func csrfOnAPI() async throws {
        try await WebHarness.run { harness, client in
            var browser = try await harness.browser("admin")
            browser[.contentType] = "application/json"
            browser[HTTPField.Name("X-CSRF-Token")!] = nil
            let body = ByteBuffer(string: #"{"username":"moi.nguoi","password":"matkhau123","role":"clerk","agency":"000.00.02.H29"}"#)
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

    @Test("five wrong passwords lock the account: the login page says so with 423, the right password is refused")
    func lockout() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser(nil)
            headers[.contentType] = "application/x-www-form-urlencoded"
            func attempt(_ password: String) async throws -> TestResponse {
                try await client.execute(uri: "/dang-nhap", method: .post, headers: headers,
                                         body: ByteBuffer(string: "_csrf=\(WebHarness.csrf)&username=vanthu.tandinh&password=\(password)"))
            }
            for _ in 1...4 { #expect(try await attempt("sai").status == .unauthorized) }
            let fifth = try await attempt("sai")
            #expect(fifth.status.code == 423)
            #expect(fifth.text.contains("tạm khóa"))
            #expect(try await attempt("HaiCap%402025").status.code == 423)
        }
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
