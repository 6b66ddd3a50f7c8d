import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SiteTestSupport
import Testing

/// `newsmill run` and `newsmill build` with a `format: site` output, and `newsmill preview`, through
/// the real binary.
@Suite(.serialized)
struct SiteCommandTests {
    static let siteOutput = """
        outputs:
          - format: site
            dir: public
            base_url: https://news.example.org/
            title: 测试站
            page_size: 10
          - format: hexo
        """

    /// The bundled example copied into a temporary directory (its feeds and configuration).
    static func copyExample() throws -> URL {
        let directory = try CommandRunner.makeTemporaryDirectory()
        let example = CommandRunner.repositoryRoot.appendingPathComponent("example")
        try FileManager.default.copyItem(at: example.appendingPathComponent("feeds"), to: directory.appendingPathComponent("feeds"))
        try FileManager.default.copyItem(at: example.appendingPathComponent("newsmill.yaml"), to: directory.appendingPathComponent("newsmill.yaml"))
        return directory
    }

    /// The crash-safety feeds (300 items) with a site output as well as the Hexo one.
    static func manyStories() throws -> (directory: URL, config: URL) {
        let directory = try CommandRunner.makeTemporaryDirectory()
        let config = try CrashSafetyTests.writeFeeds(into: directory)
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "outputs:\n  - format: hexo", with: siteOutput)
        try text.write(to: config, atomically: true, encoding: .utf8)
        return (directory, config)
    }

    @Test func theExampleBuildsASiteThatCrawlsCleanAndABuildAfterwardsChangesNothing() throws {
        let directory = try Self.copyExample()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("newsmill.yaml").path
        let run = try CommandRunner.run(["run", "--config", config, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("site → "))
        let site = directory.appendingPathComponent("output/site")
        let crawler = SiteCrawler(root: site, baseURL: "https://news.example.org/")
        let report = crawler.crawl()
        #expect(report.problems == [])
        // The example's topic rules keep 6 of its 10 stories (its Hexo output gets the same 6 posts).
        #expect(report.pages.filter { $0.hasPrefix("20") }.count == 6)
        let posts = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("output/hexo/source/_posts").path)
        #expect(posts.filter { $0.hasSuffix(".md") }.count == 6)
        #expect(report.pages.filter { $0.hasPrefix("20") }.isSubset(of: report.reachable))
        let stamps = Self.stamps(site)
        let build = try CommandRunner.run(["build", "--config", config])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("built: 0 file(s) written"), "\(build.stdout)")
        #expect(Self.stamps(site) == stamps)
    }

    @Test func buildRebuildsADeletedSiteFromTheArchiveWithoutItsFeeds() throws {
        let directory = try Self.copyExample()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("newsmill.yaml").path
        #expect(try CommandRunner.run(["run", "--config", config, "--once", "--quiet"]).status == 0)
        let site = directory.appendingPathComponent("output/site")
        let pages = SiteCrawler(root: site, baseURL: "https://news.example.org/").allFiles()
        try FileManager.default.removeItem(at: site)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("feeds"))
        let build = try CommandRunner.run(["build", "--config", config])
        #expect(build.status == 0, "\(build.stderr)")
        let crawler = SiteCrawler(root: site, baseURL: "https://news.example.org/")
        #expect(crawler.allFiles() == pages)
        #expect(crawler.crawl().problems == [])
    }

    @Test func aBuildKilledAtAnyMomentLeavesNoHalfWrittenPageAndTheNextBuildCompletesIt() async throws {
        let (directory, config) = try Self.manyStories()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once", "--quiet"]).status == 0)
        let site = directory.appendingPathComponent("public")
        try FileManager.default.removeItem(at: site)
        var killed = 0
        for milliseconds in [20, 60, 120, 200, 300, 450, 700] {
            let process = Process()
            process.executableURL = CommandRunner.binary
            process.arguments = ["build", "--config", config.path, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .milliseconds(milliseconds))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            for page in SiteCrawler(root: site, baseURL: "").allFiles() where page.hasSuffix(".html") {
                let text = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
                #expect(text.hasSuffix("</html>\n"), "\(page) is half-written after a kill at \(milliseconds) ms")
            }
        }
        #expect(killed > 0)
        let build = try CommandRunner.run(["build", "--config", config.path])
        #expect(build.status == 0, "\(build.stderr)")
        let crawler = SiteCrawler(root: site, baseURL: "https://news.example.org/")
        let report = crawler.crawl()
        #expect(report.problems == [])
        #expect(report.pages.filter { $0.hasPrefix("2024/") }.count == 300)
        let leftovers = FileManager.default.enumerator(atPath: site.path)?.allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") } ?? []
        #expect(leftovers == [])
    }

    @Test(.timeLimit(.minutes(1)))
    func previewServesTheSiteOnLoopbackWithItsNotFoundPage() async throws {
        let directory = try Self.copyExample()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("newsmill.yaml").path
        #expect(try CommandRunner.run(["run", "--config", config, "--once", "--quiet"]).status == 0)
        let preview = try PreviewServer.start(config: config, deadline: 20)
        defer { preview.stop() }
        let base = try #require(URL(string: preview.base))
        let (home, homeResponse) = try await URLSession.shared.data(from: base)
        #expect((homeResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: home, as: UTF8.self).contains("<!DOCTYPE html>"))
        let (_, cssResponse) = try await URLSession.shared.data(from: base.appendingPathComponent("assets/site.css"))
        #expect((cssResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
        let (missing, missingResponse) = try await URLSession.shared.data(from: base.appendingPathComponent("no/such/page.html"))
        #expect((missingResponse as? HTTPURLResponse)?.statusCode == 404)
        #expect(String(decoding: missing, as: UTF8.self).contains("页面不存在"))
        let (_, stateResponse) = try await URLSession.shared.data(from: URL(string: base.absoluteString + ".newsmill-site/stories.log")!)
        #expect((stateResponse as? HTTPURLResponse)?.statusCode == 404)
    }

    static func stamps(_ directory: URL) -> [String: String] {
        var stamps: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let path = enumerator?.nextObject() as? String {
            var info = stat()
            guard stat(directory.appendingPathComponent(path).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            stamps[path] = "\(info.st_ino)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return stamps
    }
}
