import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The national-portal outbox against `portal-sim` served for real on a loopback port.
@Suite("National portal sync: outbox order, retries, idempotency")
struct PortalSyncTests {
    @Test("messages reach the portal in order per dossier; failures are retried with backoff; nothing is sent twice")
    func orderAndRetry() async throws {
        let simulator = PortalSimulator(failNext: 2)
        let app = Application(router: simulator.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await TestDatabase.withServices(demo: true, clock: FixedClock(VietnamTime.date(2026, 11, 23, 9, 0))) { services in
                let clock = services.clock as! FixedClock
                let officer = try await services.accounts.principal(for: try #require(try await services.accounts.find(username: "motcua.tandinh")))
                let specialist = try await services.accounts.principal(
                    for: try #require(try await services.accounts.find(username: "chuyenvien.tandinh")))
                var codes: [String] = []
                for index in 0..<2 {
                    let request = IntakeRequest(
                        procedureCode: "2.000815", agencyId: nil, channel: .direct,
                        applicant: Applicant(name: "Người nộp \(index)", idNumber: "079301000123", phone: "0912345678"),
                        components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
                    codes.append(try await services.dossiers.intake(request, by: officer, at: clock.now()).dossier.code)
                }
                _ = try await services.dossiers.act(codes[0], .assign, ActionInput(), by: specialist, at: clock.now())
                _ = try await services.dossiers.act(codes[0], .propose, ActionInput(), by: specialist, at: clock.now())
                _ = try await services.dossiers.act(codes[1], .assign, ActionInput(), by: specialist, at: clock.now())

                let deliverer = PortalDeliverer(
                    outbox: services.outbox, endpoint: URL(string: "http://127.0.0.1:\(port)/")!,
                    clock: clock, logger: TestDatabase.logger)
                let first = try await deliverer.deliverDue()
                #expect(first.delivered == 0 && first.failed == 2)
                // Retries wait for their backoff.
                #expect(try await deliverer.deliverDue().delivered == 0)
                clock.advance(by: 3)
                var passes = 0
                while try await services.outbox.summary(onTimeMinutes: 5).pending > 0 && passes < 10 {
                    try await deliverer.deliverDue()
                    passes += 1
                }
                #expect(passes == 3)
                let records = simulator.records
                #expect(records.count == 5 && simulator.duplicates == 0)
                for code in codes {
                    let keys = records.filter { $0.maHoSo == code }.map(\.key)
                    #expect(keys == keys.sorted() && keys.first == "\(code):1")
                    #expect(records.first { $0.maHoSo == code }?.isUpdating == false)
                }
                #expect(records.filter { $0.maHoSo == codes[0] }.map(\.trangThai) == [2, 4, 4])
                let failedFirst = try await services.outbox.entries(dossierCode: codes[0])[0]
                #expect(failedFirst.state == "delivered" && failedFirst.attempts == 2)

                // A message sent again (e.g. its confirmation was lost) is recognised by its key.
                try await services.database.sql.raw(
                    "UPDATE outbox_messages SET state = 'pending', next_attempt_at = 0 WHERE seq = 1 AND topic = 'portal'"
                ).run()
                try await deliverer.deliverDue()
                #expect(simulator.records.count == 5 && simulator.duplicates == 2)
            }
        }
    }

    @Test("an unreachable portal leaves messages queued with the error, and the administrator's retry requeues failed ones")
    func unreachable() async throws {
        try await TestDatabase.withServices(demo: true, clock: FixedClock(VietnamTime.date(2026, 11, 23, 9, 0))) { services in
            let clock = services.clock as! FixedClock
            let officer = try await services.accounts.principal(for: try #require(try await services.accounts.find(username: "motcua.tandinh")))
            let request = IntakeRequest(
                procedureCode: "2.000815", agencyId: nil, channel: .direct,
                applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
            let code = try await services.dossiers.intake(request, by: officer, at: clock.now()).dossier.code
            let deliverer = PortalDeliverer(
                outbox: services.outbox, endpoint: URL(string: "http://127.0.0.1:9/")!, clock: clock,
                logger: TestDatabase.logger)
            for _ in 0..<12 {
                try await deliverer.deliverDue()
                clock.advance(by: 700)
            }
            let entry = try await services.outbox.entries(dossierCode: code)[0]
            #expect(entry.state == "failed" && entry.attempts == 12 && entry.lastError?.contains("Không kết nối được") == true)
            #expect(try await services.outbox.retryFailed(at: clock.now()) == 1)
            #expect(try await services.outbox.entries(dossierCode: code)[0].state == "pending")
        }
    }
}
