import Foundation
import SiteTestSupport
import Testing
import TestSupport

/// `images: archive` through the real binary, against a loopback server that serves the feed and its
/// images: real PNG, JPEG, GIF and WebP bytes, a hot-link-protected path, an HTML page served as
/// image/jpeg, an oversized image, a 404, a redirect to an internal address and more images than the
/// per-story cap.
@Suite(.serialized)
struct SiteImageArchiveTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/NewsCLITests/Fixtures/Images")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// The news site: `/feed` and the images its stories show.
    struct ImageSite {
        let server: TestHTTPServer
        /// Whether `/img/late.png` is there yet (a 404 until it is).
        let lateImageServed = SharedValue(false)
        /// What `/feed` serves.
        let feed = SharedValue("")

        init() async throws {
            let images: [String: (bytes: [UInt8], type: String)] = [
                "/img/a.png": (try fixture("a.png"), "image/png"),
                "/img/b.jpg": (try fixture("b.jpg"), "image/jpeg"),
                "/img/c.gif": (try fixture("c.gif"), "image/gif"),
                "/img/d.webp": (try fixture("d.webp"), "image/webp"),
                "/img/big.png": (try fixture("big.png"), "image/png"),
                "/img/late.png": (try fixture("a.png"), "image/png"),
            ]
            let protected = try fixture("e.jpg")
            let many = try fixture("c.gif")
            let late = lateImageServed
            let holder = feed
            server = try await TestHTTPServer { request in
                let path = request.path
                if path == "/feed" { return TestHTTPServer.ok(Array(holder.get().utf8)) }
                if path == "/img/late.png", !late.get() { return [.head(404, [("Content-Length", "0")]), .end] }
                if let image = images[path] { return TestHTTPServer.ok(image.bytes, [("Content-Type", image.type)]) }
                if path == "/protected/e.jpg" {
                    // Hot-link protection: a Referer from anywhere but the site itself is refused.
                    if let referer = request.headers["referer"], !referer.hasPrefix("http://protected.example/") {
                        return TestHTTPServer.ok(Array("<html>hot-linking forbidden</html>".utf8), [("Content-Type", "text/html")])
                    }
                    return TestHTTPServer.ok(protected, [("Content-Type", "image/jpeg")])
                }
                if path == "/img/fake.jpg" {
                    return TestHTTPServer.ok(Array("<!doctype html><title>Error</title><p>Not found</p>".utf8), [("Content-Type", "image/jpeg")])
                }
                if path == "/img/redirect.png" {
                    // localhost is loopback, and not the feed's own host: a feed may not lead the site there.
                    return [.head(302, [("Location", "http://localhost:\(request.headers["host"]?.split(separator: ":").last ?? "80")/img/a.png"), ("Content-Length", "0")]), .end]
                }
                if path.hasPrefix("/many/") { return TestHTTPServer.ok(many, [("Content-Type", "image/gif")]) }
                return [.head(404, [("Content-Length", "0")]), .end]
            }
            holder.set(Self.feed(base: server.baseURL))
        }

        static func feed(base: String) -> String {
            func item(_ number: Int, _ title: String, _ html: String) -> String {
                """
                <item><title>\(title)</title><link>https://news.example.com/\(number).html</link>
                <guid>https://news.example.com/\(number).html</guid><pubDate>Sat, 23 Jul 2022 1\(number):40:00 +0800</pubDate>
                <description><![CDATA[\(html)]]></description></item>
                """
            }
            let paragraph = "<p>数字化转型报道正文，足够长的一段文字，用来当作摘要和正文。银行与芯片的故事。</p>"
            // b.jpg also offers a larger remote version (srcset) and a WebP alternative (<picture>): with
            // the copy, neither may stay, or a browser would load the remote one instead.
            let first = paragraph + ["a.png", "c.gif", "d.webp"].map { "<p><img src=\"\(base)/img/\($0)\"></p>" }.joined()
                + "<picture><source srcset=\"\(base)/img/b-wide.webp\" type=\"image/webp\">"
                + "<img src=\"\(base)/img/b.jpg\" srcset=\"\(base)/img/b.jpg 1x, \(base)/img/b-2x.jpg 2x\"></picture>"
                + "<p><img src=\"\(base)/protected/e.jpg\"></p>"
            let second = paragraph + "<p><img src=\"http://169.254.169.254/latest/meta-data/x.png\"></p>"
                + ["fake.jpg", "big.png", "missing.png", "redirect.png", "late.png"].map { "<p><img src=\"\(base)/img/\($0)\"></p>" }.joined()
            let third = paragraph + (1...8).map { "<p><img src=\"\(base)/many/\($0).gif\"></p>" }.joined()
            return """
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0"><channel><title>图片站</title><link>https://news.example.com/</link><description>d</description>
                \(item(1, "五种图片的报道", first))
                \(item(2, "坏图片的报道", second))
                \(item(3, "太多图片的报道", third))
                </channel></rss>
                """
        }

        var imageRequests: [TestHTTPServer.LogEntry] { server.log.filter { $0.path != "/feed" } }

        func writeConfig(in directory: URL, images: String = "archive") throws -> URL {
            let config = try CommandRunner.writeConfig(
                in: directory, settings: "fetch:\n  attempts: 1\n  host_delay: 0\n  per_host: 8\n  timeout: 5",
                sources: [(site: "图片网", url: server.baseURL + "/feed")])
            let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
                of: "outputs:\n", with: """
                    outputs:
                      - format: site
                        dir: public
                        base_url: https://news.example.org/
                        title: 图片测试站
                        images: \(images)
                        max_image_bytes: 20000
                        max_images_per_story: 6

                    """)
            try text.write(to: config, atomically: true, encoding: .utf8)
            return config
        }
    }

    static func page(titled title: String, in site: URL) throws -> (path: String, html: String) {
        let crawler = SiteCrawler(root: site, baseURL: "https://news.example.org/")
        for path in crawler.allFiles() where path.hasPrefix("20") && path.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            if html.contains("<title>\(title) - ") { return (path, html) }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func articleImagesAreArchivedPolitelyAndFailuresKeepTheirURLWithAWarning() async throws {
        let site = try await ImageSite()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        let requests = site.imageRequests
        try await site.server.shutdown()
        #expect(run.status == 0, "\(run.stderr)")
        let public_ = directory.appendingPathComponent("public")

        // The five good images are in the site, named by their content, with the extension of their real type.
        let stored = try FileManager.default.contentsOfDirectory(atPath: public_.appendingPathComponent("images").path).sorted()
        // a, b, c, d and e: the capped story's GIFs are c.gif's bytes, so they share its file.
        #expect(stored.count == 5, "\(stored)")
        for (name, ext) in [("a.png", "png"), ("b.jpg", "jpg"), ("c.gif", "gif"), ("d.webp", "webp"), ("e.jpg", "jpg")] {
            let bytes = try Self.fixture(name)
            let match = stored.first { (try? Data(contentsOf: public_.appendingPathComponent("images/" + $0))) == Data(bytes) }
            #expect(match?.hasSuffix("." + ext) == true, "\(name) not stored as .\(ext): \(stored)")
        }

        // The story page points at the copies; og:image, JSON-LD and the JSON feed use absolute URLs under base_url.
        let good = try Self.page(titled: "五种图片的报道", in: public_)
        #expect(!good.html.contains("/img/"), "\(good.html)")  // no srcset candidate or <source> left either
        #expect(good.html.components(separatedBy: "src=\"../../images/").count - 1 == 5, "\(good.html)")
        #expect(good.html.contains("<meta property=\"og:image\" content=\"https://news.example.org/images/"), "\(good.html)")
        #expect(good.html.contains("\"image\":[\"https://news.example.org/images/"), "\(good.html)")
        let feed = try String(contentsOf: public_.appendingPathComponent("feed.json"), encoding: .utf8)
        #expect(feed.contains("\"image\" : \"https://news.example.org/images/"), "\(feed)")
        #expect(!feed.contains("127.0.0.1"), "\(feed)")
        let home = try String(contentsOf: public_.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("class=\"thumb\" src=\"images/"), "\(home)")

        // No image request carried a Referer, so the hot-link-protected image came through.
        #expect(requests.allSatisfy { $0.headers["referer"] == nil })

        // Each failure keeps its original URL and is a warning naming the story, the URL and the reason.
        let bad = try Self.page(titled: "坏图片的报道", in: public_)
        for name in ["fake.jpg", "big.png", "missing.png", "redirect.png", "late.png"] {
            #expect(bad.html.contains("/img/\(name)\""), "\(name) lost its URL: \(bad.html)")
        }
        #expect(bad.html.contains("src=\"http://169.254.169.254/latest/meta-data/x.png\""))
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("坏图片的报道") }
        func warning(_ url: String, _ reason: String) -> Bool { warnings.contains { $0.contains(url) && $0.contains(reason) } }
        #expect(warning("/img/fake.jpg", "not an image"), "\(run.stderr)")
        #expect(warning("/img/big.png", "larger than the limit of 20000 bytes"), "\(run.stderr)")
        #expect(warning("/img/missing.png", "404"), "\(run.stderr)")
        #expect(warning("/img/redirect.png", "refused"), "\(run.stderr)")
        #expect(warning("169.254.169.254", "refused"), "\(run.stderr)")
        #expect(warnings.allSatisfy { $0.contains("图片网") }, "\(warnings)")
        // The internal address was never asked for, not even through the redirect.
        #expect(!requests.contains { $0.headers["host"]?.hasPrefix("localhost") == true })

        // The cap: the first six images of the story that has eight; the other two keep their URLs.
        let capped = try Self.page(titled: "太多图片的报道", in: public_)
        #expect(Set(requests.map(\.path).filter { $0.hasPrefix("/many/") }) == Set((1...6).map { "/many/\($0).gif" }))
        #expect(capped.html.contains("/many/7.gif\"") && capped.html.contains("/many/8.gif\""), "\(capped.html)")
        #expect(!capped.html.contains("/many/6.gif\""), "\(capped.html)")

        let report = SiteCrawler(root: public_, baseURL: "https://news.example.org/").crawl()
        #expect(report.problems == [])
    }

    @Test func laterRunsRetryFailedImagesABoundedNumberOfTimesAndThenChangeNothing() async throws {
        let site = try await ImageSite()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)
        let public_ = directory.appendingPathComponent("public")
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        let firstCount = site.imageRequests.count

        // The late image appears: the next run fetches it and the page shows the copy.
        site.lateImageServed.set(true)
        let second = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        let secondRequests = site.imageRequests.dropFirst(firstCount).map(\.path)
        #expect(secondRequests.contains("/img/late.png"))
        // The good images are never fetched again, and the refused redirect is not tried again.
        #expect(!secondRequests.contains { ["/img/a.png", "/img/b.jpg", "/protected/e.jpg", "/img/redirect.png"].contains($0) || $0.hasPrefix("/many/") }, "\(secondRequests)")
        let bad = try Self.page(titled: "坏图片的报道", in: public_)
        #expect(!bad.html.contains("/img/late.png"), "\(bad.html)")
        #expect(SiteCrawler(root: public_, baseURL: "https://news.example.org/").crawl().problems == [])

        // The other failures are tried three times in all, then left alone: a run then downloads
        // nothing and changes no file.
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        let tries = Dictionary(grouping: site.imageRequests.map(\.path), by: { $0 }).mapValues(\.count)
        #expect(tries["/img/fake.jpg"] == 3 && tries["/img/big.png"] == 3 && tries["/img/missing.png"] == 3, "\(tries)")
        #expect(tries["/img/redirect.png"] == 1, "\(tries)")
        let stamps = SiteCommandTests.stamps(public_)
        let before = site.imageRequests.count
        let quiet = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(site.imageRequests.count == before, "\(site.imageRequests.dropFirst(before).map(\.path))")
        #expect(SiteCommandTests.stamps(public_) == stamps)
        let build = try CommandRunner.run(["build", "--config", config.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("built: 0 file(s) written"), "\(build.stdout)")
        #expect(site.imageRequests.count == before)
        #expect(SiteCommandTests.stamps(public_) == stamps)
        try await site.server.shutdown()
    }

    @Test func forgettingAStoryLeavesNoBrokenPageAndItsImagesGo() async throws {
        let site = try await ImageSite()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)
        let public_ = directory.appendingPathComponent("public")
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        try await site.server.shutdown()
        // A file the operator put there is not the site's: it stays.
        try Data("logo".utf8).write(to: public_.appendingPathComponent("images/logo.png"))
        let forget = try CommandRunner.run(["forget", "--config", config.path, "https://news.example.com/1.html"])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect((try? Self.page(titled: "五种图片的报道", in: public_)) == nil)
        #expect(SiteCrawler(root: public_, baseURL: "https://news.example.org/").crawl().problems == [])
        // Only the capped story's GIF is still shown; the forgotten story's images are swept.
        let stored = try FileManager.default.contentsOfDirectory(atPath: public_.appendingPathComponent("images").path)
        #expect(stored.sorted().count == 2 && stored.contains("logo.png") && stored.contains { $0.hasSuffix(".gif") }, "\(stored)")
    }

    @Test func aStoryWhoseImagesChangeGetsTheNewOneCopiedAndLosesTheCopyNoStoryShows() async throws {
        let site = try await ImageSite()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)
        let public_ = directory.appendingPathComponent("public")
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        let webp = try Self.fixture("d.webp")
        func storedWebP() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: public_.appendingPathComponent("images").path).filter {
                (try? Data(contentsOf: public_.appendingPathComponent("images/" + $0))) == Data(webp)
            }
        }
        #expect(try storedWebP().count == 1)
        let before = site.imageRequests.count

        // The story's WebP is replaced by another image (the PNG's bytes under a new URL).
        site.lateImageServed.set(true)
        site.feed.set(site.feed.get().replacingOccurrences(of: "/img/d.webp", with: "/img/late.png"))
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 updated"), "\(run.stdout)")
        let requests = site.imageRequests.dropFirst(before).map(\.path)
        try await site.server.shutdown()
        #expect(requests.filter { $0 == "/img/late.png" }.count == 1, "\(requests)")
        #expect(!requests.contains("/img/a.png") && !requests.contains("/img/b.jpg"), "\(requests)")
        let good = try Self.page(titled: "五种图片的报道", in: public_)
        #expect(!good.html.contains("/img/"), "\(good.html)")
        #expect(good.html.components(separatedBy: "src=\"../../images/").count - 1 == 5)
        #expect(try storedWebP().isEmpty)
        #expect(SiteCrawler(root: public_, baseURL: "https://news.example.org/").crawl().problems == [])
    }

    @Test(.timeLimit(.minutes(2)))
    func chromiumDecodesEveryCopyFromTheSiteAloneOnceTheImageServerIsGone() async throws {
        guard SiteBrowserTests.chromium != nil else {
            print("SiteImageArchiveTests browser check skipped: chromium is not installed (apt-get install chromium)")
            return
        }
        let site = try await ImageSite()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once", "--quiet"]).status == 0)
        try await site.server.shutdown()
        let public_ = directory.appendingPathComponent("public")
        let story = try Self.page(titled: "五种图片的报道", in: public_)
        // A page of the test's own (not the site's): it loads the story page's body images in the browser
        // and prints each one's decoded size.
        let check = """
            <!doctype html><meta charset="utf-8"><title>check</title><pre id="out">pending</pre>
            <script>
            (async () => {
              const page = new URL("\(story.path)", location.href);
              const doc = new DOMParser().parseFromString(await (await fetch(page)).text(), "text/html");
              const lines = [];
              for (const element of doc.querySelectorAll(".body img")) {
                const src = new URL(element.getAttribute("src"), page).href;
                const size = await new Promise(done => {
                  const image = new Image();
                  image.onload = () => done(image.naturalWidth + "x" + image.naturalHeight);
                  image.onerror = () => done("error");
                  image.src = src;
                });
                lines.push(src.replace(location.origin, "") + " " + size);
              }
              document.getElementById("out").textContent = lines.join("\\n");
            })();
            </script>
            """
        try check.write(to: public_.appendingPathComponent("check-images.html"), atomically: true, encoding: .utf8)
        let preview = try PreviewServer.start(config: config.path, deadline: 60)
        defer { preview.stop() }
        let base = preview.base
        let dom = try #require(try SiteBrowserTests.browser(["--virtual-time-budget=5000", "--dump-dom", base + "check-images.html"]))
        let report = try #require(dom.range(of: "<pre id=\"out\">").flatMap { start in
            dom[start.upperBound...].range(of: "</pre>").map { String(dom[start.upperBound..<$0.lowerBound]) }
        })
        let lines = report.split(separator: "\n").map(String.init)
        // a.png, c.gif, d.webp, b.jpg (in its <picture>) and e.jpg, each decoded from the site's own copy.
        #expect(lines.map { $0.split(separator: " ").last.map(String.init) ?? "" } == ["24x16", "1x1", "24x16", "24x16", "20x20"], "\(report)")
        #expect(lines.allSatisfy { $0.hasPrefix("/images/") }, "\(report)")
    }

    @Test func imagesLinkKeepsEveryOriginalURLAndFetchesNoImage() async throws {
        let site = try await ImageSite()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory, images: "link")
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        let requests = site.imageRequests
        try await site.server.shutdown()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(requests.isEmpty)
        let public_ = directory.appendingPathComponent("public")
        #expect(!FileManager.default.fileExists(atPath: public_.appendingPathComponent("images").path))
        let good = try Self.page(titled: "五种图片的报道", in: public_)
        #expect(good.html.contains("/img/a.png\""))
        #expect(!good.html.contains("../../images/"))
    }
}
