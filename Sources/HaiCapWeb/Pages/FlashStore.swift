import Foundation
import Hummingbird

/// One view of a secret after a redirect (Post/Redirect/Get): the POST keeps what the next page must
/// show once (a lookup secret, a report's private code, a new API token) here under a random id in
/// an HttpOnly cookie, never in the address; the GET takes it out. Entries live ten minutes in this
/// process's memory (a restart or another instance loses them: the page then says the code was shown
/// already and how to get help).
actor FlashStore {
    static let cookie = "haicap_flash"
    static let lifetime: TimeInterval = 600

    private var entries: [String: (expires: Date, values: [String: String])] = [:]

    func put(_ values: [String: String], now: Date) -> String {
        entries = entries.filter { $0.value.expires > now }
        var bytes = [UInt8](repeating: 0, count: 24)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let id = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        entries[id] = (now.addingTimeInterval(Self.lifetime), values)
        return id
    }

    /// The values once; a second read (a refresh) gets nil.
    func take(_ id: String, now: Date) -> [String: String]? {
        guard let entry = entries.removeValue(forKey: id), entry.expires > now else { return nil }
        return entry.values
    }
}

extension PageRenderer {
    /// 303 to `href`, with `values` kept for that page's first view.
    func redirect(_ href: String, flash values: [String: String], context: AppRequestContext, now: Date) async -> Response {
        let id = await flash.put(values, now: now)
        var response = Self.redirect(href)
        response.setCookie(Cookie(name: FlashStore.cookie, value: id, maxAge: Int(FlashStore.lifetime), path: "/",
                                  secure: context.isSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    /// 303 to `href` with a one-line outcome ("Đã phân công 3/3 hồ sơ.") for its next view.
    func redirect(_ href: String, message: String, context: AppRequestContext, now: Date) async -> Response {
        await redirect(href, flash: ["message": message], context: context, now: now)
    }

    /// What the previous POST kept for this view, if anything (taken: the next view gets nil).
    func takeFlash(_ request: Request, now: Date) async -> [String: String]? {
        guard let id = request.cookies[FlashStore.cookie]?.value, !id.isEmpty else { return nil }
        return await flash.take(id, now: now)
    }
}
