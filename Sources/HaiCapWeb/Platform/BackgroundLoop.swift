import ServiceLifecycle

/// The loop of every background service: one pass, then a wait, until the server stops. A graceful
/// shutdown ends the wait at once; otherwise stopping a server (or finishing a test) would wait
/// out the longest interval (a minute for the deadline watch).
enum BackgroundLoop {
    static func run(every interval: Duration, _ pass: () async -> Void) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await pass()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
