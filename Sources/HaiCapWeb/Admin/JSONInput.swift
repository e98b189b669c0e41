import Foundation
import HaiCapDomain
import Hummingbird

/// Decodes a JSON request body, turning malformed JSON into a typed, Vietnamese validation error.
enum JSONInput {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ValidationError(field: "Content-Type", "Nội dung phải là JSON (Content-Type: application/json).")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw ValidationError(field: "body", "JSON không hợp lệ: \(ErrorMiddleware.describe(error))")
        }
    }

    /// The same for bodies that may be absent (an action without details): nil when empty.
    static func decodeOptional<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ValidationError(field: "Content-Type", "Nội dung phải là JSON (Content-Type: application/json).")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw ValidationError(field: "body", "JSON không hợp lệ: \(ErrorMiddleware.describe(error))")
        }
    }
}
