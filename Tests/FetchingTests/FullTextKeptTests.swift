import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

extension NetworkSuite {
    /// Full text fetched once is never lost: later runs over a changing teaser feed keep every
    /// item's page text, and a real change in the feed is decided again.
    @Suite(.serialized)
    struct FullTextKeptTests {
        /// A loopback site serving `TeaserSite` pages, and a feed whose items the test changes between runs.
        struct Scenario {
            let site: TestHTTPServer
            let feedServer: TestHTTPServer
            let feed: SharedValue<[UInt8]>
            let directory: URL
            let store: SQLiteArticleStore
            var source: Source

            init(policy: FulltextPolicy) async throws {
                site = try await TestHTTPServer { request in
                    guard let number = TeaserSite.number(inPath: request.path) else {
                        return [.head(404, [("Content-Length", "0")]), .end]
                    }
                    return TestHTTPServer.ok(Array(TeaserSite.page(number).utf8), [("Content-Type", "text/html; charset=utf-8")])
                }
                directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-kept-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
                let feed = SharedValue<[UInt8]>([])
                self.feed = feed
                feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feed.get()) }
                source = Source(group: "g", site: "s", channel: "c", url: feedServer.baseURL + "/feed",
                                timeZone: TimeZone(identifier: "Asia/Shanghai")!)
                source.fulltext = policy
            }

            func serve(_ numbers: [Int], titles: [Int: String] = [:]) {
                feed.set(TeaserSite.feed(base: site.baseURL, numbers: numbers, titles: titles))
            }

            func run() async throws -> RunReport.SourceResult {
                try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                    await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
                }
            }

            func item(_ number: Int) async throws -> Item? { try await store.item(key: "id:\(source.key):teaser-\(number)") }

            func shutdown() async throws {
                try await site.shutdown()
                try await feedServer.shutdown()
                try? FileManager.default.removeItem(at: directory)
            }
        }

        /// The scenario: a teaser feed, a run, one item more, a run, and a third run with one
        /// title edited. Every item keeps its own page's text throughout.
        @Test(arguments: [FulltextPolicy.auto, .always])
        func fullTextSurvivesLaterRuns(policy: FulltextPolicy) async throws {
            let scenario = try await Scenario(policy: policy)
            scenario.serve([1, 2])
            let first = try await scenario.run()
            #expect(first.error == nil && first.inserted == 2 && first.fullTexts == 2, "\(first)")

            scenario.serve([1, 2, 3])
            let second = try await scenario.run()
            #expect(second.error == nil, "\(second)")
            #expect(second.inserted == 1, "\(second)")
            #expect(second.updated == 0, "a repeated teaser is no update: \(second)")

            let edited = TeaserSite.title(1) + "（更新）"
            scenario.serve([1, 2, 3], titles: [1: edited])
            let third = try await scenario.run()
            #expect(third.error == nil, "\(third)")
            #expect(third.updated == 1, "the edited title is an update: \(third)")

            for number in 1...3 {
                let item = try #require(try await scenario.item(number))
                #expect(item.html.contains(TeaserSite.pageOnlySentence(number)), "item \(number) lost its full text: \(item.html)")
                for other in 1...3 where other != number {
                    #expect(!item.html.contains(TeaserSite.pageOnlySentence(other)), "item \(number) carries item \(other)'s text")
                }
            }
            #expect(try await scenario.item(1)?.title == edited)
            for number in 1...3 { #expect(try await scenario.item(number)?.contentOrigin == .page) }
            // The edit was decided again (the page fetched once more); the repeated teasers were not.
            let fetches = scenario.site.log.map(\.path)
            #expect(fetches.filter { $0 == "/article/1.html" }.count == 2, "\(fetches)")
            #expect(fetches.filter { $0 == "/article/2.html" }.count == 1, "\(fetches)")

            // The history: one version per item, and a second for the title edit, all from the page.
            let history = try await scenario.store.history(scenario.site.baseURL + "/article/1.html")
            let versions = try #require(history.first?.versions)
            #expect(versions.map(\.title) == [TeaserSite.title(1), edited])
            #expect(versions.map(\.contentOrigin) == [.page, .page])
            #expect(try await scenario.store.history("id:\(scenario.source.key):teaser-2").first?.versions.count == 1)
            try await scenario.shutdown()
        }
    }
}
