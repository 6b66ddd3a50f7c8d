import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NewsCore

/// Loads `file://` URLs and plain paths from disk and `http(s)://` URLs over the network with a
/// timeout and a size limit. (The fetcher issue brings conditional GET, retries and politeness.)
struct BasicDocumentLoader: DocumentLoader {
    var userAgent: String
    var timeout: TimeInterval = 30
    var maximumBytes = 20 * 1024 * 1024

    func load(_ url: String) async throws -> LoadedDocument {
        if url.hasPrefix("http://") || url.hasPrefix("https://") {
            return try await loadHTTP(url)
        }
        let path = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SourceError(source: url, url: url, message: "cannot open file \(path)")
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        if data.count > maximumBytes {
            throw SourceError(source: url, url: url, message: "file is larger than \(maximumBytes) bytes")
        }
        return LoadedDocument(bytes: [UInt8](data), charset: nil, finalURL: url)
    }

    private func loadHTTP(_ url: String) async throws -> LoadedDocument {
        guard let target = URL(string: url) else {
            throw SourceError(source: url, url: url, message: "invalid URL")
        }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw SourceError(source: url, url: url, message: "not an HTTP response")
        }
        guard (200..<300).contains(http.statusCode) else {
            throw SourceError(source: url, url: url, message: "GET \(url) → \(http.statusCode)")
        }
        guard data.count <= maximumBytes else {
            throw SourceError(source: url, url: url, message: "response larger than \(maximumBytes) bytes")
        }
        return LoadedDocument(bytes: [UInt8](data), charset: http.textEncodingName, finalURL: http.url?.absoluteString ?? url)
    }
}
