public import Foundation
public import NewsCore

/// Loads `file://` URLs and plain paths from disk, with the same size limits as the network.
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
        let data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        if data.count > maximumBytes {
            throw SourceError(source: url, url: url, message: "file is larger than \(maximumBytes) bytes")
        }
        return .loaded(LoadedDocument(bytes: [UInt8](data), charset: nil, finalURL: url))
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
