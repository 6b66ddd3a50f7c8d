import Foundation
import NewsCore
import StoreConformance
import StoreSQLite
import Testing

/// The SQLite archive passes every check any store must pass, each on a fresh file.
struct SQLiteConformanceTests {
    @Test(arguments: ArticleStoreConformance.checks)
    func conforms(_ check: ArticleStoreConformance.Check) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await check.run(try SQLiteArticleStore(path: directory.appendingPathComponent("archive.sqlite").path))
    }
}
