import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Parsed from HAICAP_SMTP_URL: smtp://[user:pass@]host:port (percent-decoded user and password). port defaults to 25.
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// Path of a PEM file of extra trusted CA certificates (HAICAP_SMTP_CA_FILE), for a private relay's STARTTLS.
    public var caFile: String?
    public var heloName: String = "haicap.local"
    public var timeout: TimeAmount = .seconds(30)

    public init(url: String) throws(SMTPError) {
        guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "smtp" else {
            throw .badURL("HAICAP_SMTP_URL phải có dạng smtp://[user:pass@]host:port")
        }
        // URLComponents keeps the brackets of an IPv6 literal on some platforms; NIO wants them off.
        let host = (parts.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { throw .badURL("HAICAP_SMTP_URL thiếu tên máy chủ") }
        let port = parts.port ?? 25
        guard (1...65535).contains(port) else { throw .badURL("HAICAP_SMTP_URL có cổng không hợp lệ: \(port)") }
        guard parts.path.isEmpty || parts.path == "/", parts.query == nil, parts.fragment == nil else {
            throw .badURL("HAICAP_SMTP_URL không được có đường dẫn hay tham số")
        }
        self.host = host
        self.port = port
        // `user`/`password` are already percent-decoded; an empty user means none.
        self.username = parts.user.flatMap { $0.isEmpty ? nil : $0 }
        self.password = parts.password
    }
}

public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// The server's reply code; nil for local and network errors.
    public var code: Int?
    public var message: String

    public init(code: Int?, message: String) { (self.code, self.message) = (code, message) }
    init(_ reply: SMTPReply) { self.init(code: reply.code, message: reply.lines.joined(separator: " ")) }

    /// 5xx: retrying the same message will not help (bad address, refused content...).
    public var isPermanent: Bool { code.map { (500..<600).contains($0) } ?? false }

    public static func badURL(_ text: String) -> SMTPError { SMTPError(code: nil, message: text) }

    /// "550 no such user" as on the wire; a local error is just its message.
    public var description: String { code.map { "\($0) \(message)" } ?? message }
}

public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    let eventLoopGroup: any EventLoopGroup

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends one message: EHLO (fallback HELO), STARTTLS when the server advertises it (then EHLO again),
    /// AUTH PLAIN when a username is set (refused before TLS unless host is loopback), MAIL FROM,
    /// RCPT TO for each recipient, DATA with dot-stuffing and CRLF line endings, QUIT.
    /// Throws SMTPError on any non-success reply or timeout.
    public func send(from: String, to recipients: [String], message: String) async throws {
        // An address with CR, LF or angle brackets could smuggle extra SMTP commands.
        // (Scalars, not Characters: "\r\n" is a single Character and would hide a lone "\n".)
        for address in [from] + recipients where address.unicodeScalars.contains(where: { "\r\n<>".unicodeScalars.contains($0) }) {
            throw SMTPError(code: nil, message: "Địa chỉ thư không hợp lệ: \(address.debugDescription)")
        }
        guard !recipients.isEmpty else { throw SMTPError(code: nil, message: "Chưa có người nhận") }

        let (replies, sink) = AsyncThrowingStream.makeStream(of: SMTPReply.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(settings.timeout)
                .channelInitializer { [timeout = settings.timeout] channel in
                    channel.eventLoop.makeCompletedFuture {
                        // The idle handler turns a silent server into a timeout for whichever reply we await.
                        // (It counts from the last byte read, so a DATA upload slower than the timeout would
                        // trip it too; invitations are a few kilobytes.)
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(sink: sink))
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPError(code: nil, message: "Không kết nối được \(settings.host):\(settings.port): \(error)")
        }
        var session = SMTPSession(channel: channel, replies: replies.makeAsyncIterator())
        do {
            try await converse(&session, from: from, recipients: recipients, message: message)
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw (error as? SMTPError) ?? SMTPError(code: nil, message: "\(error)")
        }
    }

    private func converse(_ s: inout SMTPSession, from: String, recipients: [String], message: String) async throws {
        _ = try await s.expect([220])
        let extensions = try await s.hello(settings.heloName)
        var secure = false
        if extensions.contains("STARTTLS") {
            _ = try await s.command("STARTTLS", expect: [220])
            try await s.startTLS(try makeTLSContext(), host: settings.host)
            secure = true
            // RFC 3207: everything learned before TLS is forgotten, so greet again.
            _ = try await s.hello(settings.heloName)
        }
        if let username = settings.username {
            guard secure || isLoopback(settings.host) else {
                throw SMTPError(code: nil, message: "Máy chủ SMTP không hỗ trợ STARTTLS; không gửi mật khẩu qua kết nối không mã hoá")
            }
            let token = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
            _ = try await s.command("AUTH PLAIN \(token)", expect: [235])
        }
        _ = try await s.command("MAIL FROM:<\(from)>", expect: [250])
        for recipient in recipients {
            _ = try await s.command("RCPT TO:<\(recipient)>", expect: [250, 251])
        }
        _ = try await s.command("DATA", expect: [354])
        try await s.write(Self.dotStuffed(message))
        _ = try await s.expect([250])
        // The message is accepted at this point: a rude QUIT must not turn success into failure.
        _ = try? await s.command("QUIT", expect: [221])
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var config = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile {
            config.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
        }
        return try NIOSSLContext(configuration: config)
    }

    private func isLoopback(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4Loopback = octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
        return host == "localhost" || host == "::1" || isIPv4Loopback
    }

    /// DATA payload: CRLF line endings, a leading "." doubled (RFC 5321 4.5.2), then the lone "." terminator.
    static func dotStuffed(_ message: String) -> String {
        var lines = message.split(omittingEmptySubsequences: false) { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { ($0.hasPrefix(".") ? "." : "") + $0 + "\r\n" }.joined() + ".\r\n"
    }
}

/// One reply, its continuation lines gathered: "250-first", "250 last" → (250, ["first", "last"]).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// One connection's conversation: writes commands, reads replies in order.
private struct SMTPSession {
    let channel: any Channel
    var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    var received = 0  // replies read so far, to catch data sneaked in before TLS starts

    mutating func expect(_ codes: [Int]) async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw SMTPError(code: nil, message: "Máy chủ SMTP đã đóng kết nối")
        }
        received += 1
        guard codes.contains(reply.code) else { throw SMTPError(reply) }
        return reply
    }

    mutating func write(_ text: String) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text))
        } catch {
            // A write fails with a bare "I/O on closed channel"; the reply handler knows why it closed
            // (a failed TLS handshake, a 421 before hanging up...), so report that instead.
            throw try await replies.next().map(SMTPError.init) ?? error
        }
    }

    mutating func command(_ line: String, expect codes: [Int]) async throws -> SMTPReply {
        try await write(line + "\r\n")
        return try await expect(codes)
    }

    /// EHLO, or HELO for an old server that refuses it; returns the upper-cased extension keywords.
    mutating func hello(_ name: String) async throws -> Set<String> {
        do {
            let reply = try await command("EHLO \(name)", expect: [250])
            return Set(reply.lines.dropFirst().compactMap { $0.split(separator: " ").first?.uppercased() })
        } catch let error as SMTPError where error.isPermanent {
            _ = try await command("HELO \(name)", expect: [250])
            return []
        }
    }

    /// Puts TLS in front of the pipeline; the reply handler behind it then reads plaintext from TLS.
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        // SNI must not carry an IP literal; NIOSSL then checks the certificate against the peer's IP instead.
        let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        try await channel.eventLoop.submit { [channel, received] in
            let replies = try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self)
            try replies.checkNothingPending(consumed: received)
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
    }
}

/// Splits the byte stream on CRLF and joins "250-..." continuation lines into whole replies.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let sink: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var buffer = ByteBuffer()
    private var lines: [String] = []
    private var delivered = 0

    init(sink: AsyncThrowingStream<SMTPReply, any Error>.Continuation) { self.sink = sink }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer.readString(length: newline - buffer.readerIndex) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            guard receive(line.hasSuffix("\r") ? line.dropLast() : line[...]) else {
                return fail(context, "Phản hồi SMTP không hợp lệ: \(line.prefix(80))")
            }
        }
        // A server that never ends its line must not make us buffer forever.
        if buffer.readableBytes > 64 * 1024 { fail(context, "Dòng phản hồi SMTP quá dài") }
        buffer.discardReadBytes()
    }

    /// Returns false for a line that is not "NNN", "NNN text" or "NNN-text".
    private func receive(_ line: Substring) -> Bool {
        let separator = line.dropFirst(3).first
        guard let code = Int(line.prefix(3)), (100..<600).contains(code), [nil, " ", "-"].contains(separator) else {
            return false
        }
        lines.append(String(line.dropFirst(4)))
        if separator == "-" { return true }
        sink.yield(SMTPReply(code: code, lines: lines))
        delivered += 1
        lines = []
        return true
    }

    /// Before TLS, anything beyond the STARTTLS reply was sent in the clear and could be an injection (CVE-2011-0411 style).
    func checkNothingPending(consumed: Int) throws {
        guard buffer.readableBytes == 0, lines.isEmpty, delivered == consumed else {
            throw SMTPError(code: nil, message: "Máy chủ SMTP gửi dữ liệu thừa trước khi bắt đầu TLS")
        }
    }

    private func fail(_ context: ChannelHandlerContext, _ message: String) {
        sink.finish(throwing: SMTPError(code: nil, message: message))
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .read? = event as? IdleStateHandler.IdleStateEvent {
            fail(context, "Hết thời gian chờ máy chủ SMTP trả lời")
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        sink.finish(throwing: SMTPError(code: nil, message: "Lỗi kết nối SMTP: \(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.finish()  // no-op if already finished with an error
        context.fireChannelInactive()
    }
}
