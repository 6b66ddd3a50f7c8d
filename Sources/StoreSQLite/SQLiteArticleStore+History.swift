import Foundation
import GRDB
import NewsCore

// An item's history: every version of its title and text the archive stored.
extension SQLiteArticleStore {
    public func history(_ keyOrLink: String) async throws -> [ItemHistory] {
        try readHere { db in
            let linkKey = LinkNormalizer.normalize(keyOrLink)
            let items = try Row.fetchAll(
                db, sql: "SELECT \(Self.itemColumns) FROM item WHERE key = ? OR link_key = ? ORDER BY first_seen, key",
                arguments: [keyOrLink, linkKey]).map(Self.item)
            return try items.map { item in
                // Earlier versions from the history table, then the item's row as the latest.
                var rows = try Row.fetchAll(
                    db, sql: "SELECT seen_at, title, html, content_origin, content_hash FROM item_version WHERE item_key = ? ORDER BY seen_at, rowid",
                    arguments: [item.key]
                ).map { row in
                    (ItemVersion(seenAt: Date(timeIntervalSince1970: row["seen_at"]), title: row["title"], html: row["html"],
                                 contentOrigin: ContentOrigin(rawValue: row["content_origin"]) ?? .feed), row["content_hash"] as String)
                }
                let latestSeen = try Double.fetchOne(db, sql: "SELECT version_seen_at FROM item WHERE key = ?", arguments: [item.key])
                let latest = ItemVersion(seenAt: latestSeen.map(Date.init(timeIntervalSince1970:)) ?? item.firstSeen, title: item.title,
                                         html: item.html, contentOrigin: item.contentOrigin)
                rows.append((latest, item.contentHash))
                // Archives from before v7 also wrote each version as it became current: a version that
                // repeats the one before it is that same version.
                var versions: [ItemVersion] = []
                var previousHash: String?
                for (version, hash) in rows where hash != previousHash {
                    versions.append(version)
                    previousHash = hash
                }
                return ItemHistory(item: item, versions: versions)
            }
        }
    }
}
