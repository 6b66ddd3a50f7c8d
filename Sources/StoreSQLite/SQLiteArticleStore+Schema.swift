import Foundation
import GRDB
import NewsCore

// The archive's tables, one versioned migration each.
extension SQLiteArticleStore {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source (
                    key TEXT PRIMARY KEY,
                    label TEXT NOT NULL,
                    url TEXT NOT NULL,
                    last_fetch REAL,
                    last_success REAL,
                    last_error TEXT,
                    error_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE fetch_error (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source_key TEXT NOT NULL REFERENCES source(key),
                    at REAL NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE TABLE item (
                    key TEXT PRIMARY KEY,
                    source_key TEXT NOT NULL REFERENCES source(key),
                    title TEXT NOT NULL,
                    link TEXT,
                    date REAL NOT NULL,
                    date_origin TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    author TEXT,
                    html TEXT NOT NULL,
                    og_image TEXT,
                    content_hash TEXT NOT NULL
                );
                CREATE INDEX item_source ON item(source_key, date);
                CREATE TABLE item_version (
                    item_key TEXT NOT NULL REFERENCES item(key),
                    seen_at REAL NOT NULL,
                    title TEXT NOT NULL,
                    html TEXT NOT NULL,
                    content_hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: cache validators") { db in
            try db.execute(sql: """
                ALTER TABLE source ADD COLUMN etag TEXT;
                ALTER TABLE source ADD COLUMN last_modified TEXT;
                """)
        }
        migrator.registerMigration("v3: de-duplication, tombstones") { db in
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN link_key TEXT;
                ALTER TABLE item ADD COLUMN sketch BLOB;
                ALTER TABLE item ADD COLUMN duplicate_of TEXT;
                CREATE INDEX item_link_key ON item(link_key);
                CREATE INDEX item_first_seen ON item(first_seen);
                CREATE TABLE tombstone (
                    key TEXT PRIMARY KEY,
                    link_key TEXT,
                    deleted_at REAL NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX tombstone_link_key ON tombstone(link_key);
                CREATE TABLE sketch_slot (
                    slot INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    item_key TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    PRIMARY KEY (slot, value, item_key)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4: content origin, history") { db in
            // Items archived before this know neither their origin nor what the feed said: `feed`
            // and no snapshot (the run then goes by text length, see the Aggregator's revision step).
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN content_origin TEXT NOT NULL DEFAULT 'feed';
                ALTER TABLE item ADD COLUMN feed_title TEXT;
                ALTER TABLE item ADD COLUMN feed_updated TEXT;
                ALTER TABLE item ADD COLUMN feed_hash TEXT;
                ALTER TABLE item_version ADD COLUMN content_origin TEXT NOT NULL DEFAULT 'feed';
                CREATE INDEX item_version_item ON item_version(item_key, seen_at);
                """)
        }
        migrator.registerMigration("v5: source-scoped guids") { db in
            // A guid that is not a URL now names an item within its source only: `id:GUID` becomes
            // `id:SOURCE:GUID`. The item keeps its old key as `legacy_key`, so its posts keep their file
            // names. Tombstones keep the old keys: they still keep such guids out, from every source.
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN legacy_key TEXT;
                CREATE TEMP TABLE rekey AS
                    SELECT key AS old, 'id:' || source_key || ':' || substr(key, 4) AS new FROM item
                    WHERE key LIKE 'id:%' AND NOT (key LIKE 'id:http://%' OR key LIKE 'id:https://%');
                UPDATE item_version SET item_key = (SELECT new FROM rekey WHERE old = item_key)
                    WHERE item_key IN (SELECT old FROM rekey);
                UPDATE sketch_slot SET item_key = (SELECT new FROM rekey WHERE old = item_key)
                    WHERE item_key IN (SELECT old FROM rekey);
                UPDATE item SET duplicate_of = (SELECT new FROM rekey WHERE old = duplicate_of)
                    WHERE duplicate_of IN (SELECT old FROM rekey);
                UPDATE item SET legacy_key = key, key = (SELECT new FROM rekey WHERE old = key)
                    WHERE key IN (SELECT old FROM rekey);
                DROP TABLE rekey;
                """)
        }
        migrator.registerMigration("v6: publish journal") { db in
            // Items already archived get revisions in their archive order; outputs have no cursor
            // yet, so the first run after this publishes the archive once (unchanged files stay).
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                UPDATE item SET revision = rowid;
                CREATE INDEX item_revision ON item(revision);
                CREATE TABLE journal_clock (revision INTEGER NOT NULL);
                INSERT INTO journal_clock(revision) SELECT COALESCE(MAX(revision), 0) FROM item;
                CREATE TABLE removal (
                    revision INTEGER NOT NULL,
                    item_key TEXT NOT NULL,
                    post_key TEXT NOT NULL
                );
                CREATE INDEX removal_revision ON removal(revision);
                CREATE TABLE publish_cursor (
                    output TEXT PRIMARY KEY,
                    revision INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v7: the item row is its latest version") { db in
            // The history table now keeps earlier versions only (an insert writes the text once); the
            // item's row is the latest, seen at `version_seen_at`. Rows written before stay: reading the
            // history drops a version that repeats the one before it.
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN version_seen_at REAL;
                UPDATE item SET version_seen_at = COALESCE(
                    (SELECT MAX(seen_at) FROM item_version WHERE item_version.item_key = item.key), first_seen);
                """)
        }
        migrator.registerMigration("v8: clean bodies, sketch rows by item rowid") { db in
            // The body the outputs publish, cleaned at import (see `Item.cleanBody`). Rows written
            // before have none and are cleaned when published, as before.
            // Sketch rows name their item by its rowid instead of its key: the table, probed eight
            // times and written eight times per new item, is then less than half as large, and the
            // candidates are read by rowid. (Deleting an item deletes its rows; should a VACUUM ever
            // renumber rowids, a stale row only proposes a candidate that the text comparison turns down.)
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN clean_body TEXT;
                ALTER TABLE item ADD COLUMN head_image TEXT;
                ALTER TABLE item ADD COLUMN clean_key TEXT;
                CREATE TABLE sketch_row (
                    slot INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    item_id INTEGER NOT NULL,
                    first_seen REAL NOT NULL,
                    PRIMARY KEY (slot, value, item_id)
                ) WITHOUT ROWID;
                INSERT INTO sketch_row(slot, value, item_id, first_seen)
                    SELECT sketch_slot.slot, sketch_slot.value, item.rowid, sketch_slot.first_seen
                    FROM sketch_slot JOIN item ON item.key = sketch_slot.item_key;
                DROP TABLE sketch_slot;
                """)
        }
        migrator.registerMigration("v9: topics, tags, filter decisions") { db in
            // An item's feed categories and what the rules decided about it (a row only for items with
            // any of them), and the hash of the rules that decided: when it changes, every item is decided
            // again (see ``redecide(rulesHash:_:)``). Archives from before have no hash: decided once.
            try db.execute(sql: """
                CREATE TABLE item_topic (
                    item_key TEXT PRIMARY KEY,
                    categories TEXT NOT NULL,
                    topics TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    filtered_out_by TEXT
                ) WITHOUT ROWID;
                CREATE TABLE topic_state (rules_hash TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v11: one packed sketch row per original") { db in
            // The near-duplicate index moves into memory (see `SketchIndex`): the archive keeps one row
            // per original with its whole sketch, numbered in the order written (AUTOINCREMENT, so a
            // number is never reused), which each process reads once and then only past what it has read.
            // Eight slot rows per item, inserted at random places of their table, went.
            try db.execute(sql: """
                CREATE TABLE item_sketch (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id INTEGER NOT NULL,
                    first_seen REAL NOT NULL,
                    sketch BLOB NOT NULL
                );
                CREATE INDEX item_sketch_item ON item_sketch(item_id);
                """)
            // Each item's slot rows, in slot order, become its packed row.
            let insert = try db.makeStatement(sql: "INSERT INTO item_sketch(item_id, first_seen, sketch) VALUES (?, ?, ?)")
            var current: (itemID: Int64, firstSeen: Double, sketch: [UInt64])?
            func flush() throws {
                guard let row = current else { return }
                try insert.execute(arguments: [row.itemID, row.firstSeen, Self.blob(row.sketch)])
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT item_id, first_seen, value FROM sketch_row ORDER BY item_id, slot")
            while let row = try rows.next() {
                let itemID: Int64 = row[0]
                if current?.itemID != itemID {
                    try flush()
                    current = (itemID, row[1], [])
                }
                current?.sketch.append(UInt64(bitPattern: row[2]))
            }
            try flush()
            try db.execute(sql: "DROP TABLE sketch_row")
        }
        migrator.registerMigration("v12: no index on first sightings") { db in
            // Only the sketch rows (v3's slot table, then v11's packed rows) were ever looked up by first
            // sighting; since v11 no query reads `item` by `first_seen`, and every insert paid for the entry.
            try db.execute(sql: "DROP INDEX IF EXISTS item_first_seen")
        }
        migrator.registerMigration("v13: entry memory") { db in
            // The digests of the entries each source's last stored feed held (see `EntryMemory`).
            try db.execute(sql: "ALTER TABLE source ADD COLUMN entry_memory BLOB")
        }
        return migrator
    }
}
