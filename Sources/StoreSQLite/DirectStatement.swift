import Foundation
import GRDB
import GRDBSQLite

/// Runs a cached statement with its values bound through SQLite's C API, one by one, for the write a
/// run makes for every item (its row's insert, 24 values). GRDB's `execute(arguments:)` first made
/// each value an existential, the arguments an array, and then, past 20 values, bound copies of them
/// after checking the arguments again: a quarter of the instructions the item's insert took, and
/// about 6 % of a cold import's.
///
/// The statement stays GRDB's: it is reset before its values are bound (GRDB resets a statement
/// when it next runs it, not after), and GRDB runs it as usual afterwards.
struct DirectStatement {
    private let statement: SQLiteStatement
    private let database: Database
    private var index: Int32 = 0

    init(_ statement: Statement, in database: Database) {
        self.statement = statement.sqliteStatement
        self.database = database
        sqlite3_reset(self.statement)
    }

    /// SQLite copies what it binds (`SQLITE_TRANSIENT`, a macro Swift does not import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ text: String?) {
        guard var text else { return bindNull() }
        let position = next()
        text.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would bind as NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(statement, position, "", 0, Self.transient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, position, $0, Int32(bytes.count), Self.transient)
            }
        }
    }

    mutating func bind(_ blob: Data?) {
        guard let blob else { return bindNull() }
        let position = next()
        blob.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                sqlite3_bind_blob(statement, position, base, Int32(bytes.count), Self.transient)
            } else {
                sqlite3_bind_zeroblob(statement, position, 0)
            }
        }
    }

    mutating func bind(_ value: Double) {
        sqlite3_bind_double(statement, next(), value)
    }

    mutating func bind(_ value: Int64) {
        sqlite3_bind_int64(statement, next(), value)
    }

    private mutating func bindNull() {
        sqlite3_bind_null(statement, next())
    }

    /// The next value's place (SQLite counts from 1).
    private mutating func next() -> Int32 {
        index += 1
        return index
    }

    /// Steps the statement to its end once every value is bound.
    /// - Throws: GRDB's `DatabaseError`, with SQLite's code and message, when it fails.
    func execute() throws {
        precondition(index == sqlite3_bind_parameter_count(statement), "every value of the statement is bound")
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            if code == SQLITE_ROW { continue }
            let message = String(cString: sqlite3_errmsg(database.sqliteConnection))
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: String(cString: sqlite3_sql(statement)))
        }
    }
}
