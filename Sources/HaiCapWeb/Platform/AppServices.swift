import Foundation
import HaiCapDomain
import HaiCapStorage
import HummingbirdBcrypt
import Logging

/// bcrypt through hummingbird-auth.
struct BcryptHasher: PasswordHasher {
    let cost: UInt8
    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
    func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}

/// Everything the routes and commands use, built once from the configuration.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let logger: Logger
    public let database: Database
    public let clock: any HaiCapDomain.Clock
    public let reference: ReferenceData
    public let directory: UnitDirectory
    public let resolver: AddressResolver
    public let agencies: AgencyStore
    public let accounts: AccountStore
    public let tokens: TokenStore
    public let sessions: SessionStore
    public let audit: AuditLog
    public let timeline: Timeline
    public let lockout: LockoutRule
    /// The one working-time calendar, and the deadlines of every kind of case.
    public let calendars: CalendarStore
    public let deadlines: DeadlineStore
    /// Every kind's reminders and escalations, and the notifications under the bell.
    public let deadlineWatch: DeadlineWatch
    public let notifications: Notifications
    /// The one-stop system: catalogue, dossiers, 766 indicators, national-portal outbox.
    public let procedures: ProcedureStore
    public let dossiers: DossierStore
    public let indicators: DossierIndicators
    public let outbox: PortalOutbox
    /// 1022: unit areas in force, categories and routing rules, reports, statistics, Open311 keys.
    public let geography: GeographyStore
    public let places: PlaceFinder
    public let feedbackCatalogue: FeedbackCatalogue
    public let reports: ReportStore
    public let feedbackStats: FeedbackStats
    public let open311Keys: Open311Keys
    /// Official documents: registers, incoming and outgoing documents, exchange between agencies.
    public let documents: DocumentStore
    /// Meetings to the 168 điểm cầu, their video rooms and conclusions.
    public let meetings: MeetingStore
    /// The Jitsi JWT key: the configured secret, or one made for this process.
    public let jitsiSecret: String
    /// Limits on anonymous writes and lookups, shared by every instance through the database.
    public let limits: RateLimiter

    /// Opens the database, applies pending migrations, loads reference data (and demo data in demo
    /// mode) and reads the reference data back into memory.
    public static func start(
        _ config: AppConfig, logger: Logger, clock: any HaiCapDomain.Clock = SystemClock(),
        database location: DatabaseLocation? = nil
    ) async throws -> AppServices {
        let database = try await Database.open(location ?? config.database, logger: logger)
        do {
            let applied = try await Migrator(database: database).migrate()
            if !applied.isEmpty { logger.info("Đã áp dụng \(applied.count) migration", metadata: ["versions": "\(applied.map(\.version))"]) }
            if try await ReferenceSeeder(database: database).seedIfEmpty() {
                logger.info("Đã nạp dữ liệu tham chiếu: 168 đơn vị, 441 phường/xã cũ, cơ quan")
            }
            try await database.refreshStatistics()
            let services = try await AppServices(config: config, logger: logger, database: database, clock: clock)
            try await services.calendars.seedIfEmpty(at: clock.now())
            try await services.procedures.seedIfEmpty(at: clock.now())
            try await services.feedbackCatalogue.seedIfEmpty(at: clock.now())
            try await services.meetings.seedRoomsIfEmpty()
            if config.demo {
                let created = try await DemoSeeder(accounts: services.accounts, agencies: services.agencies).seed(at: clock.now())
                if !created.isEmpty { logger.info("Đã tạo \(created.count) tài khoản demo") }
                let started = Date()
                let dossiers = try await DemoDossiers(
                    database: database, dossiers: services.dossiers, procedures: services.procedures,
                    agencies: services.agencies, accounts: services.accounts, calendars: services.calendars
                )
                .seedIfEmpty(count: config.demoDossiers, now: clock.now())
                if dossiers > 0 {
                    logger.info("Đã tạo \(dossiers) hồ sơ demo trong \(Int(Date().timeIntervalSince(started))) giây")
                }
                let reports = try await DemoReports(
                    database: database, reports: services.reports, accounts: services.accounts,
                    reference: services.reference
                )
                .seedIfEmpty(count: config.demoReports, now: clock.now())
                if reports > 0 { logger.info("Đã tạo \(reports) phản ánh 1022 demo") }
                let documents = try await DemoDocuments(
                    database: database, documents: services.documents, accounts: services.accounts, agencies: services.agencies
                )
                .seedIfEmpty(count: config.demoDocuments, now: clock.now())
                if documents > 0 { logger.info("Đã tạo \(documents) văn bản demo") }
                if config.demoMeetings {
                    let meetings = try await DemoMeetings(meetings: services.meetings, accounts: services.accounts).seedIfEmpty(now: clock.now())
                    if meetings > 0 { logger.info("Đã tạo \(meetings) cuộc họp demo") }
                }
            }
            return services
        } catch {
            await database.shutdown()
            throw error
        }
    }

    init(config: AppConfig, logger: Logger, database: Database, clock: any HaiCapDomain.Clock) async throws {
        self.config = config
        self.logger = logger
        self.database = database
        self.clock = clock
        reference = try await ReferenceStore.load(from: database)
        directory = UnitDirectory(reference: reference)
        resolver = AddressResolver(reference: reference)
        agencies = AgencyStore(database: database)
        accounts = AccountStore(database: database, hasher: BcryptHasher(cost: UInt8(config.bcryptCost)))
        tokens = TokenStore(database: database, accounts: accounts)
        sessions = SessionStore(database: database, accounts: accounts)
        audit = AuditLog(database: database)
        timeline = Timeline(database: database)
        lockout = LockoutRule()
        calendars = CalendarStore(database: database)
        deadlines = DeadlineStore(database: database, calendars: calendars)
        deadlineWatch = DeadlineWatch(database: database, calendars: calendars)
        notifications = Notifications(database: database)
        procedures = ProcedureStore(database: database)
        dossiers = DossierStore(
            database: database, procedures: procedures, calendars: calendars, deadlines: deadlines,
            audit: audit, timeline: timeline, agencies: agencies)
        indicators = DossierIndicators(database: database)
        outbox = PortalOutbox(database: database)
        geography = try await GeographyStore(database: database, reference: reference)
        places = PlaceFinder(reference: reference, resolver: resolver)
        feedbackCatalogue = FeedbackCatalogue(database: database, audit: audit)
        reports = ReportStore(
            database: database, catalogue: feedbackCatalogue, geography: geography, places: places,
            calendars: calendars, deadlines: deadlines, agencies: agencies, accounts: accounts, audit: audit,
            timeline: timeline, reference: reference, reopenDays: config.feedbackReopenDays)
        feedbackStats = FeedbackStats(database: database)
        open311Keys = Open311Keys(database: database, audit: audit)
        documents = DocumentStore(
            database: database, agencies: agencies, accounts: accounts, calendars: calendars, deadlines: deadlines, audit: audit,
            timeline: timeline)
        limits = RateLimiter(database: database, scale: config.rateLimitScale)
        meetings = MeetingStore(
            database: database, calendars: calendars, deadlines: deadlines, audit: audit, timeline: timeline, agencies: agencies,
            accounts: accounts, reference: reference,
            settings: .init(
                earlyMinutes: config.meetingEarlyMinutes, graceMinutes: config.meetingGraceMinutes, baseURL: config.baseURL,
                mailFrom: config.mailFrom))
        jitsiSecret = config.jitsiAppSecret ?? Secrets.token(bytes: 32)
    }

    public func shutdown() async { await database.shutdown() }
}
