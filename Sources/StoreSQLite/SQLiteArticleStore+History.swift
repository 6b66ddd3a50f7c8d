import Foundation
import GRDB
import NewsCore

// An item's history: every version of its title and text the archive stored.
extension SQLiteArticleStore {
    public func history(_ keyOrLink: String) async throws -> [ItemHistory] {
        try await pool.read { db in
            let linkKey = LinkNormalizer.normalize(keyOrLink)
            let items = try Row.fetchAll(
                db, sql: "SELECT \(Self.itemColumns) FROM item WHERE key = ? OR link_key = ? ORDER BY first_seen, key",
                arguments: [keyOrLink, linkKey]).map(Self.item)
            return try items.map { item in
                let versions = try Row.fetchAll(
                    db, sql: "SELECT seen_at, title, html, content_origin FROM item_version WHERE item_key = ? ORDER BY seen_at, rowid",
                    arguments: [item.key]
                ).map { row in
                    ItemVersion(seenAt: Date(timeIntervalSince1970: row["seen_at"]), title: row["title"], html: row["html"],
                                contentOrigin: ContentOrigin(rawValue: row["content_origin"]) ?? .feed)
                }
                return ItemHistory(item: item, versions: versions)
            }
        }
    }
}
