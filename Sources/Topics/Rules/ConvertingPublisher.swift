public import Foundation
public import NewsCore

/// An output with `convert: t2s`: what it publishes has traditional characters in simplified form
/// (title, author, body, topics and tags), for mainland sites fed by Taiwan or Hong Kong sources.
/// The archive keeps the text as the source wrote it.
public struct ConvertingPublisher: Publisher {
    let inner: any Publisher
    let variants: CharacterVariants

    public init(_ inner: any Publisher, variants: CharacterVariants = .traditionalToSimplified) {
        self.inner = inner
        self.variants = variants
    }

    public var identity: String { inner.identity + " convert=t2s" }
    public var summary: String { inner.summary + " (t2s)" }
    public var directories: [URL] { inner.directories }

    public func publish(_ batch: PublishBatch) async throws -> PublishResult {
        var converted = batch
        for index in converted.items.indices {
            var item = converted.items[index].item
            item.title = variants.convert(item.title)
            item.author = item.author.map(variants.convert)
            item.html = variants.convertHTML(item.html)
            // The body the import kept is what the outputs publish when it is current: convert it too
            // (its key still names the unconverted item it was cleaned from, which is the same cleaning).
            if let kept = item.cleanBody?.html { item.cleanBody?.html = variants.convertHTML(kept) }
            item.topics = item.topics.map(variants.convert)
            item.tags = item.tags.map(variants.convert)
            converted.items[index].item = item
        }
        return try await inner.publish(converted)
    }

    public func finish() async throws -> PublishResult { try await inner.finish() }
}
