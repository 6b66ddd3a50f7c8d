import Foundation
import NewsCore

/// The sources a store knows to be registered as they are (its own registrations, and what it read
/// of the `source` table), so that registering one again writes nothing. A label or URL another
/// process writes later is not seen: this process registers its own again only when it changes them.
final class RegisteredSources: @unchecked Sendable {
    struct Entry: Hashable {
        var key: String
        var label: String
        var url: String
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func holds(_ source: Source) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return entries[source.key] == Entry(key: source.key, label: source.label, url: source.url)
    }

    func note(_ sources: [Source]) {
        note(sources.map { Entry(key: $0.key, label: $0.label, url: $0.url) })
    }

    func note(_ registered: [Entry]) {
        lock.lock()
        defer { lock.unlock() }
        for entry in registered { entries[entry.key] = entry }
    }
}
