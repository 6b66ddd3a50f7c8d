public import Foundation
public import NewsCore

/// Loads `file://` URLs and plain paths from disk, with the same size limits as the network. Each
/// file it reads carries its ``LocalFileVersion`` as an entity tag; asked again with that tag (the
/// validators the archive kept from the last fetch), a file whose size, modification time and bytes
/// are all the same is answered `.notModified`, like a server's 304.
public struct FileDocumentLoader: DocumentLoader {
    public var maximumBytes: Int

    public init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    public func load(_ request: LoadRequest) async throws -> LoadOutcome {
        let url = request.url
        let path = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SourceError(source: url, url: url, message: "cannot open file \(path)")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SourceError(source: url, url: url, message: "cannot read file \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = try Self.readAll(descriptor, expected: Int(status.st_size), limit: maximumBytes, path: path, url: url)
        let tag = LocalFileVersion(bytes: bytes, status: status).entityTag
        if let sent = request.validators?.etag, sent == tag { return .notModified(finalURL: url) }
        return .loaded(LoadedDocument(bytes: bytes, charset: nil, finalURL: url,
                                      validators: CacheValidators(etag: tag, lastModified: nil)))
    }

    /// The file's bytes, read straight into one array sized from its `stat` (no `Data` grown and
    /// copied: a re-run reads a 3 MB feed only to hash it); at most `limit`, else an error.
    static func readAll(_ descriptor: Int32, expected: Int, limit: Int, path: String, url: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(expected, 0), limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceError(source: url, url: url, message: "cannot read file \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
        throw SourceError(source: url, url: url, message: "file is larger than \(limit) bytes")
    }
}

/// Sends `http(s)://` URLs to the fetcher and everything else to the disk.
public struct SourceLoader: DocumentLoader {
    public var files: FileDocumentLoader
    public var network: HTTPFetcher

    public init(files: FileDocumentLoader, network: HTTPFetcher) {
        self.files = files
        self.network = network
    }

    public func load(_ request: LoadRequest) async throws -> LoadOutcome {
        if request.url.hasPrefix("http://") || request.url.hasPrefix("https://") {
            return try await network.load(request)
        }
        return try await files.load(request)
    }
}
