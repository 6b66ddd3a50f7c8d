import Foundation
import GRDB
import NewsCore

// Per-source fetch state: validators for conditional GET, error history, status.
extension SQLiteArticleStore {
    public func validators(sourceKey: String) async throws -> CacheValidators? {
        try readOnWriter { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT etag, last_modified FROM source WHERE key = ?"), arguments: [sourceKey])
            else { return nil }
            let validators = CacheValidators(etag: row["etag"], lastModified: row["last_modified"])
            return validators.isEmpty ? nil : validators
        }
    }

    public func recordFetch(sourceKey: String, at date: Date, error: String?, validators: CacheValidators?) async throws {
        try await writes.write { db in
            if let error {
                try db.execute(
                    sql: "UPDATE source SET last_fetch = ?, last_error = ?, error_count = error_count + 1 WHERE key = ?",
                    arguments: [date.timeIntervalSince1970, error, sourceKey])
                try db.execute(
                    sql: "INSERT INTO fetch_error(source_key, at, message) VALUES (?, ?, ?)",
                    arguments: [sourceKey, date.timeIntervalSince1970, error])
            } else {
                try Self.recordSuccess(db, sourceKey: sourceKey, at: date, validators: validators)
            }
        }
    }

    static func recordSuccess(_ db: Database, sourceKey: String, at date: Date, validators: CacheValidators?) throws {
        try db.cachedStatement(
            sql: """
                UPDATE source SET last_fetch = ?, last_success = ?, last_error = NULL, etag = ?, last_modified = ?
                WHERE key = ?
                """
        ).execute(arguments: [date.timeIntervalSince1970, date.timeIntervalSince1970, validators?.etag,
                              validators?.lastModified, sourceKey])
    }

    public func entryMemory(sourceKey: String) async throws -> EntryMemory {
        try readOnWriter { db in
            let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT entry_memory FROM source WHERE key = ? AND entry_memory IS NOT NULL"), arguments: [sourceKey])
            return data.map { EntryMemory(encoded: Array($0)) } ?? EntryMemory()
        }
    }

    static func recordEntryMemory(_ db: Database, _ memory: EntryMemory, sourceKey: String) throws {
        try db.cachedStatement(sql: "UPDATE source SET entry_memory = ? WHERE key = ?")
            .execute(arguments: [memory.isEmpty ? nil : Data(memory.encoded), sourceKey])
    }

    /// Makes the source's next run read every entry (see ``forget(_:reason:at:)``).
    static func forgetEntryMemory(_ db: Database, sourceKey: String) throws {
        try db.cachedStatement(sql: "UPDATE source SET entry_memory = NULL WHERE key = ?").execute(arguments: [sourceKey])
    }

    public func statuses() async throws -> [SourceStatus] {
        try readHere { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM item i WHERE i.source_key = s.key) AS item_count,
                       (SELECT COUNT(*) FROM item i WHERE i.source_key = s.key AND i.duplicate_of IS NOT NULL) AS duplicate_count
                FROM source s ORDER BY s.label
                """).map { row in
                var status = SourceStatus(
                    sourceKey: row["key"], label: row["label"],
                    lastFetch: (row["last_fetch"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastError: row["last_error"], itemCount: row["item_count"])
                status.duplicateCount = row["duplicate_count"]
                status.errorCount = row["error_count"]
                return status
            }
        }
    }
}
