@preconcurrency import AsyncKit
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// SQLKit over the single pooled SQLite connection. sqlite-kit only ships a connection source, so
/// this is the glue: a statement borrows the connection, a session keeps it for its whole closure.
struct SQLitePoolDatabase: SQLDatabase, @unchecked Sendable {
    let pool: EventLoopConnectionPool<SQLiteConnectionSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoop }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { connection in
            connection.sql().execute(sql: query, onRow)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let connection = try await pool.requestConnection(logger: logger).get()
        defer { pool.releaseConnection(connection, logger: logger) }
        return try await closure(connection.sql())
    }
}
