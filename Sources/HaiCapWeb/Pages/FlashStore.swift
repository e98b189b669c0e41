import Foundation
import HaiCapStorage
import Hummingbird

/// The cookie that carries a one-view note's id (`OneViewNotes`) from a POST to the page it redirects to.
enum FlashStore {
    static func cookie(secure: Bool) -> String { secure ? "__Host-haicap_flash" : "haicap_flash" }
    static let lifetime = OneViewNotes.lifetime
}

extension PageRenderer {
    /// 303 to `href`, with `values` kept for that page's first view.
    func redirect(_ href: String, flash values: [String: String], context: AppRequestContext, now: Date) async -> Response {
        // A note that cannot be kept still redirects: the page then says the code was shown already.
        let id = (try? await flash.put(values, now: now)) ?? ""
        var response = Self.redirect(href)
        response.setCookie(
            Cookie(
                name: FlashStore.cookie(secure: context.isSecure), value: id, maxAge: Int(FlashStore.lifetime), path: "/",
                secure: context.isSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    /// 303 to `href` with a one-line outcome ("Đã phân công 3/3 hồ sơ.") for its next view.
    func redirect(_ href: String, message: String, context: AppRequestContext, now: Date) async -> Response {
        await redirect(href, flash: ["message": message], context: context, now: now)
    }

    /// What the previous POST kept for this view, if anything (taken: the next view gets nil).
    func takeFlash(_ request: Request, context: AppRequestContext, now: Date) async -> [String: String]? {
        guard let id = request.cookies[FlashStore.cookie(secure: context.isSecure)]?.value, !id.isEmpty else { return nil }
        return try? await flash.take(id, now: now)
    }
}
