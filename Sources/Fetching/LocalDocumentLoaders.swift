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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SourceError(source: url, url: url, message: "cannot open file \(path)")
        }
        defer { try? handle.close() }
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0 else {
            throw SourceError(source: url, url: url, message: "cannot read file \(path): \(String(cString: strerror(errno)))")
        }
        let data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        if data.count > maximumBytes {
            throw SourceError(source: url, url: url, message: "file is larger than \(maximumBytes) bytes")
        }
        let bytes = [UInt8](data)
        let tag = LocalFileVersion(bytes: bytes, status: status).entityTag
        if let sent = request.validators?.etag, sent == tag { return .notModified(finalURL: url) }
        return .loaded(LoadedDocument(bytes: bytes, charset: nil, finalURL: url,
                                      validators: CacheValidators(etag: tag, lastModified: nil)))
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
