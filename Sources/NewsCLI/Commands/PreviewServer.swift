import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small static file server for looking at a built site: GET and HEAD of files under one folder,
/// `index.html` for a folder, the site's `404.html` for anything missing. It binds 127.0.0.1 only, and
/// no path leaves the folder (`..` segments and hidden files are refused).
final class PreviewServer: Sendable {
    let root: URL
    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    init(root: URL, port: Int) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let root = root.standardizedFileURL
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.pipeline.configureHTTPServerPipeline().flatMap {
                        channel.pipeline.addHandler(PreviewHandler(root: root))
                    }
                }
                .bind(host: "127.0.0.1", port: port).get()
            self.channel = channel
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        self.group = group
        self.root = root
        self.port = channel.localAddress?.port ?? port
    }

    /// Serves until the channel closes (Ctrl-C ends the process).
    func wait() async throws {
        try await channel.closeFuture.get()
    }

    func shutdown() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// Answers one request at a time on a connection from the files under `root`.
final class PreviewHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let root: URL

    init(root: URL) {
        self.root = root
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let request) = unwrapInboundIn(data) else { return }
        let (status, type, body) = response(method: request.method, uri: request.uri)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Cache-Control", value: "no-cache")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        let keepAlive = request.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            var buffer = context.channel.allocator.buffer(capacity: body.count)
            buffer.writeBytes(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// The status, content type and bytes for a request.
    func response(method: HTTPMethod, uri: String) -> (HTTPResponseStatus, String, [UInt8]) {
        guard method == .GET || method == .HEAD else { return (.methodNotAllowed, "text/plain; charset=utf-8", Array("method not allowed\n".utf8)) }
        let rawPath = String(uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "/")
        let path = rawPath.removingPercentEncoding ?? rawPath
        let segments = path.split(separator: "/")
        if segments.contains(where: { $0 == ".." || $0.hasPrefix(".") }) || path.contains("\0") {
            return notFound()
        }
        var file = root
        for segment in segments { file.appendPathComponent(String(segment)) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            file.appendPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return notFound() }
        return (.ok, Self.contentType(of: file.pathExtension), Array(data))
    }

    func notFound() -> (HTTPResponseStatus, String, [UInt8]) {
        let page = FileManager.default.contents(atPath: root.appendingPathComponent("404.html").path)
        return (.notFound, "text/html; charset=utf-8", page.map { Array($0) } ?? Array("not found\n".utf8))
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "avif": "image/avif"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}
