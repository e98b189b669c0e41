import Foundation
import HaiCapDomain
import SQLKit

extension DossierStore {
    /// Writes the dossier's new state to the national-portal topic of the outbox, in the same
    /// transaction as the change; the outbox keeps each dossier's messages in order.
    func enqueuePortal(
        _ dossier: Dossier, procedure: Procedure, actorName: String, note: String, at now: Date,
        in session: any SQLDatabase
    ) async throws {
        let step = PortalDossier.Step(
            NguoiXuLy: actorName, ThoiDiemXuLy: PortalDossier.stamp(now), NoiDungXuLy: note,
            TrangThai: dossier.status.portalCode)
        let ref = CaseRef(.dossier, dossier.code)
        try await Outbox(database: database).enqueue(
            topic: PortalOutbox.topic, destination: PortalOutbox.destination, for: ref,
            payload: { seq in
                let envelope = PortalEnvelope(
                    isUpdating: seq > 1, idempotencyKey: "\(dossier.code):\(seq)",
                    data: [PortalDossier(dossier: dossier, procedure: procedure, step: step)])
                return String(decoding: try PortalOutbox.encoder.encode(envelope), as: UTF8.self)
            }, at: now, in: session)
    }
}

/// The national portal's part of the outbox (topic `portal`), as the sync page and API show it.
public struct PortalOutbox: Sendable {
    public static let topic = "portal"
    public static let destination = "dvcqg"

    public let outbox: Outbox

    public init(database: Database) { self.outbox = Outbox(database: database) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    public struct Entry: Sendable, Codable, Equatable {
        public var id: Int
        public var dossierCode: String
        public var seq: Int
        public var portalStatus: Int
        public var payload: String
        public var state: String
        public var attempts: Int
        public var nextAttemptAt: Date
        public var lastError: String?
        public var createdAt: Date
        public var deliveredAt: Date?

        init(_ message: OutboxMessage) {
            let envelope = try? JSONDecoder().decode(PortalEnvelope.self, from: Data(message.payload.utf8))
            self.init(
                id: message.id, dossierCode: message.ref.id, seq: message.seq,
                portalStatus: envelope?.data.first?.TrangThaiHoSo ?? 0, payload: message.payload,
                state: message.state.rawValue, attempts: message.attempts, nextAttemptAt: message.nextAttemptAt,
                lastError: message.lastError, createdAt: message.createdAt, deliveredAt: message.deliveredAt)
        }

        init(
            id: Int, dossierCode: String, seq: Int, portalStatus: Int, payload: String, state: String, attempts: Int,
            nextAttemptAt: Date, lastError: String?, createdAt: Date, deliveredAt: Date?
        ) {
            self.id = id
            self.dossierCode = dossierCode
            self.seq = seq
            self.portalStatus = portalStatus
            self.payload = payload
            self.state = state
            self.attempts = attempts
            self.nextAttemptAt = nextAttemptAt
            self.lastError = lastError
            self.createdAt = createdAt
            self.deliveredAt = deliveredAt
        }
    }

    public typealias Summary = Outbox.Summary

    @discardableResult
    public func retryFailed(at now: Date) async throws -> Int { try await outbox.retryFailed(topic: Self.topic, at: now) }

    public func summary(onTimeMinutes: Int) async throws -> Summary {
        try await outbox.summary(topic: Self.topic, onTimeMinutes: onTimeMinutes)
    }

    public func recent(limit: Int = 100) async throws -> [Entry] {
        try await outbox.recent(topic: Self.topic, limit: limit).map(Entry.init)
    }

    public func entries(dossierCode: String) async throws -> [Entry] {
        try await outbox.messages(of: CaseRef(.dossier, dossierCode), topic: Self.topic).map(Entry.init)
    }
}
