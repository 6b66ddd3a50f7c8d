public import Foundation

/// Loads a source's document: bytes plus the charset the transport declared, if any.
public protocol DocumentLoader: Sendable {
    func load(_ url: String) async throws -> LoadedDocument
}

public struct LoadedDocument: Sendable {
    public var bytes: [UInt8]
    public var charset: String?
    public var finalURL: String

    public init(bytes: [UInt8], charset: String?, finalURL: String) {
        self.bytes = bytes
        self.charset = charset
        self.finalURL = finalURL
    }
}

/// Something that publishes items (a Hexo directory, a static site, …).
public protocol ItemPublisher: Sendable {
    /// Writes the item's output; returns true when a file changed.
    func publish(_ item: Item, source: Source) throws -> Bool
}

/// A failure while handling one source: which source, which URL, what went wrong.
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var url: String
    public var message: String

    public init(source: String, url: String, message: String) {
        self.source = source
        self.url = url
        self.message = message
    }

    public var description: String { "\(source): \(url): \(message)" }
}
