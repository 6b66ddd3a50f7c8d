import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 for the fetcher's tests. Each route answers with a script of
/// steps (head, body bytes, pauses, a clean end, a close or a connection reset), so slow, trickling,
/// truncated and broken responses are real bytes on a real socket. Every request is logged with its
/// headers and its start and end times, so tests can check politeness from the server's side.
public final class TestHTTPServer: Sendable {
    public struct Request: Sendable {
        public var path: String
        public var headers: [String: String]
        /// Requests already seen for this path, this one excluded.
        public var previousCount: Int
    }

    public enum Step: Sendable {
        case head(Int, [(String, String)])
        case body([UInt8])
        case pause(Duration)
        case end
        case close
        case reset
    }

    public struct LogEntry: Sendable {
        public var path: String
        public var headers: [String: String]
        /// Seconds since the server started.
        public var start: Double
        public var end: Double?
    }

    public typealias Route = @Sendable (Request) -> [Step]

    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let entries: NIOLockedValueBox<[LogEntry]>

    /// The loopback address the server listens on (127.0.0.1 unless another one was asked for).
    public let host: String
    public var baseURL: String { "http://\(host):\(port)" }
    public var log: [LogEntry] { entries.withLockedValue { $0 } }

    /// Listens on `host`, any address of 127.0.0.0/8 (a second one stands for another machine).
    public init(host: String = "127.0.0.1", route: @escaping Route) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let entries = NIOLockedValueBox<[LogEntry]>([])
        let origin = NIODeadline.now()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: false).flatMap {
                    channel.pipeline.addHandler(ScriptedResponder(route: route, entries: entries, origin: origin))
                }
            }
            .bind(host: host, port: 0).get()
        self.group = group
        self.host = host
        self.channel = channel
        self.entries = entries
        port = channel.localAddress!.port!
    }

    public func shutdown() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    public static func ok(_ body: [UInt8], _ headers: [(String, String)] = [("Content-Type", "application/rss+xml; charset=utf-8")]) -> [Step] {
        [.head(200, headers + [("Content-Length", "\(body.count)")]), .body(body), .end]
    }
}

private final class ScriptedResponder: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let route: TestHTTPServer.Route
    let entries: NIOLockedValueBox<[TestHTTPServer.LogEntry]>
    let origin: NIODeadline
    private var request: TestHTTPServer.Request?
    private var logIndex: Int?

    init(route: @escaping TestHTTPServer.Route, entries: NIOLockedValueBox<[TestHTTPServer.LogEntry]>, origin: NIODeadline) {
        self.route = route
        self.entries = entries
        self.origin = origin
    }

    private func now() -> Double { Double((NIODeadline.now() - origin).nanoseconds) / 1e9 }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            let start = now()
            let (index, previous) = entries.withLockedValue { log -> (Int, Int) in
                let previous = log.filter { $0.path == head.uri }.count
                log.append(TestHTTPServer.LogEntry(path: head.uri, headers: headers, start: start))
                return (log.count - 1, previous)
            }
            logIndex = index
            request = TestHTTPServer.Request(path: head.uri, headers: headers, previousCount: previous)
        case .body:
            break
        case .end:
            guard let request else { return }
            run(route(request)[...], context: context)
        }
    }

    private func finish() {
        guard let logIndex else { return }
        let end = now()
        entries.withLockedValue { $0[logIndex].end = end }
        self.logIndex = nil
    }

    private func run(_ steps: ArraySlice<TestHTTPServer.Step>, context: ChannelHandlerContext) {
        guard let step = steps.first else { return }
        let rest = steps.dropFirst()
        switch step {
        case .head(let status, let headers):
            var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            head.headers.replaceOrAdd(name: "Connection", value: "close")
            context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
            run(rest, context: context)
        case .body(let bytes):
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
            run(rest, context: context)
        case .pause(let duration):
            let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
            context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                guard context.channel.isActive else { return self.finish() }
                self.run(rest, context: context)
            }
        case .end:
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                self.finish()
                context.close(promise: nil)
            }
        case .close:
            finish()
            context.close(promise: nil)

        case .reset:
            finish()
            // SO_LINGER with a zero timeout makes close() send a TCP reset instead of a FIN.
            guard let provider = context.channel as? any SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }
}
