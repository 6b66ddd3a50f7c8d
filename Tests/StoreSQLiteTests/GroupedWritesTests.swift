import Foundation
import NewsCore
import StoreSQLite
import Testing

/// Concurrent writes share transactions: each still stands or falls alone.
struct GroupedWritesTests {
    @Test func aFailingWriteAmongConcurrentOnesFailsAlone() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sources = (0..<40).map { ArchiveTests.source("s\($0)") }
        let failing = 20
        for (index, source) in sources.enumerated() where index != failing { try await store.register(source) }
        let now = Date()
        // One source was never registered: its items break the archive's foreign key.
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    let items = (0..<5).map {
                        ArchiveTests.item("id:\(source.key):\($0)", source: source, link: "https://\(source.site).example/\($0)", daysAgo: 0, now: now)
                    }
                    return (index, (try? await store.store(items)) != nil)
                }
            }
            var outcomes = [Bool](repeating: false, count: sources.count)
            for await (index, stored) in group { outcomes[index] = stored }
            return outcomes
        }
        #expect(outcomes == sources.indices.map { $0 != failing })
        #expect(try await store.items(sourceKey: sources[failing].key).isEmpty)
        for (index, source) in sources.enumerated() where index != failing {
            #expect(try await store.items(sourceKey: source.key).count == 5)
        }
    }
}
