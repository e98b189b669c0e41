import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird
import NIOCore

/// The one place where errors become HTTP responses: JSON `{"error":{"code","message"}}` under
/// `/api`, GeoReport's error list under `/open311`, a Vietnamese HTML page everywhere else, with
/// the real status code in each.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = Self.map(error)
            if let booked = error as? MeetingConflictError, Self.wantsJSON(request) {
                // A booked room: the usual error, and which rooms are taken by which meetings.
                return JSONBody.response(
                    ConflictErrorBody(
                        error: .init(code: mapped.code, message: mapped.message, fields: []), conflicts: booked.conflicts.map(ConflictDTO.init)),
                    status: .conflict)
            }
            if mapped.status == .internalServerError {
                context.logger.error("Lỗi không lường trước", metadata: ["error": "\(String(reflecting: error))"])
            }
            var response = try respond(mapped, to: request, context: context)
            if let limited = error as? RateLimited {
                response.headers[.retryAfter] = String(limited.retryAfterSeconds)
            }
            if mapped.status == .unauthorized, request.headers[.authorization] != nil {
                response.headers[.wwwAuthenticate] = "Bearer"
            }
            return response
        }
    }

    private func respond(_ mapped: Mapped, to request: Request, context: Context) throws -> Response {
        if request.uri.path.hasPrefix("/open311/") {
            // GeoReport clients read errors in the spec's format, in the format they asked for.
            let format: Open311Format = request.uri.path.hasSuffix(".xml") ? .xml : .json
            let description =
                mapped.fields.isEmpty
                ? mapped.message
                : mapped.fields.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
            return format.error(mapped.status, description)
        }
        if Self.wantsJSON(request) || request.uri.path.hasPrefix("/jitsi/") {
            return JSONBody.response(
                ErrorBody(error: .init(code: mapped.code, message: mapped.message, fields: mapped.fields)),
                status: mapped.status)
        }
        var response = try pages.errorPage(status: mapped.status, message: mapped.message, fields: mapped.fields, context: context)
        // A request that brought its own credentials (say `Authorization: Basic`) gets its 401:
        // sending it to the login page would bring it straight back, with the same header.
        if mapped.status == .unauthorized, request.headers[.authorization] == nil {
            // Browsers go to the login page and come back afterwards.
            response.status = .seeOther
            let back = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
            response.headers[.location] = QueryString.link(SitePath.login.href, [("next", back)])
        }
        return response
    }

    static func wantsJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/")
    }

    struct Mapped {
        var status: HTTPResponse.Status
        var code: String
        var message: String
        var fields: [FieldProblem] = []
    }

    static func map(_ error: any Error) -> Mapped {
        switch error {
        case let error as ValidationError:
            return Mapped(status: .badRequest, code: error.code, message: error.message, fields: error.problems)
        case let error as any HaiCapError:
            return Mapped(status: status(for: error.kind), code: error.code, message: error.message)
        case let error as HTTPError:
            let message: String =
                switch error.status {
                case .notFound: "Không tìm thấy trang hoặc tài nguyên này."
                case .methodNotAllowed: "Phương thức không được hỗ trợ cho địa chỉ này."
                case .contentTooLarge: "Dữ liệu gửi lên quá lớn."
                case .unsupportedMediaType: "Định dạng dữ liệu gửi lên không được hỗ trợ."
                default: error.body ?? "Yêu cầu không hợp lệ."
                }
            return Mapped(status: error.status, code: "http.\(error.status.code)", message: message)
        case is NIOTooManyBytesError:
            return Mapped(status: .contentTooLarge, code: "body.too_large", message: "Dữ liệu gửi lên quá lớn.")
        case let error as any HTTPResponseError:
            return Mapped(
                status: error.status, code: "http.\(error.status.code)",
                message: error.status == .contentTooLarge ? "Dữ liệu gửi lên quá lớn." : "Yêu cầu không hợp lệ.")
        case is DecodingError:
            return Mapped(
                status: .badRequest, code: "body.invalid",
                message: "Nội dung gửi lên không đúng định dạng JSON mong đợi: \(describe(error as! DecodingError))")
        default:
            return Mapped(status: .internalServerError, code: "internal", message: "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.")
        }
    }

    static func status(for kind: ErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .invalid: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .locked: .init(code: 423, reasonPhrase: "Locked")
        case .tooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        case .tooManyRequests: .tooManyRequests
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "(gốc)" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "thiếu trường \(path(context)).\(key.stringValue)".replacingOccurrences(of: "(gốc).", with: "")
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "trường \(path(context)) sai kiểu"
        case .dataCorrupted(let context): return "dữ liệu hỏng tại \(path(context))"
        @unknown default: return "không đọc được"
        }
    }
}

struct ErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let fields: [FieldProblem]
    }
    let error: Detail
}

/// JSON responses built by hand so that every API body is a DTO encoded the same way.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
