import Foundation
import HTML5Parser
import Testing
import Yams

/// The walking skeleton end to end: the real binary turns feeds built from the five sample posts
/// into Hexo posts like the samples, without their defects.
@Suite(.serialized)
struct HexoGoldenTests {
    static let qrImage = "https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"

    struct Post {
        var frontMatter: [String: Any]
        var body: String
        var raw: String
    }

    static func parsePost(_ text: String) throws -> Post {
        #expect(text.hasPrefix("---\n"))
        let parts = text.components(separatedBy: "\n---\n")
        let yaml = String(parts[0].dropFirst(4))
        let front = try Yams.load(yaml: yaml) as? [String: Any] ?? [:]
        return Post(frontMatter: front, body: parts.dropFirst().joined(separator: "\n---\n"), raw: text)
    }

    static func samples() throws -> [String: (post: Post, file: String)] {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/samples")
        var result: [String: (Post, String)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            var text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            while text.hasPrefix("\n") { text.removeFirst() }
            let post = try parsePost(text)
            result[post.frontMatter["title"] as! String] = (post, name)
        }
        return result
    }

    /// Article paragraphs: every `<p>` with text, except the sample tool's page-header line.
    static func paragraphs(_ html: String) -> [String] {
        let root = HTMLParser.parseFragment(html.replacingOccurrences(of: "&#123;", with: "{")
            .replacingOccurrences(of: "&#125;", with: "}"), context: "div")
        return root.descendants.filter { $0.isHTMLElement("p") && $0.attribute("class") != "u-time" }
            .map { normalize($0.textContent) }.filter { !$0.isEmpty }
    }

    static func normalize(_ text: String) -> String {
        text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(String.init).joined()
    }

    func runExample(in directory: URL) throws -> (CommandRunner.Result, URL) {
        let feeds = CommandRunner.repositoryRoot.appendingPathComponent("example/feeds")
        let config = directory.appendingPathComponent("newsmill.yaml")
        try """
            store: state/newsmill.sqlite
            timezone: Asia/Shanghai
            fulltext: never
            outputs:
              - format: hexo
                dir: blog/source/_posts
            groups:
              - name: 金融
                sources:
                  - site: 新浪财经
                    channel: 新浪财经－国內
                    url: \(feeds.appendingPathComponent("sina-finance-china.xml").path)
                  - site: 每经网
                    channel: 重磅原创
                    url: file://\(feeds.appendingPathComponent("nbd-original.xml").path)
            """.write(to: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        return (result, directory.appendingPathComponent("blog/source/_posts"))
    }

    @Test func runOnceWritesPostsLikeTheSamplesWithoutTheirDefects() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (result, posts) = try runExample(in: directory)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: posts.path).filter { $0.hasSuffix(".md") }
        #expect(files.count == 5)
        let samples = try Self.samples()
        var matched = 0
        for file in files {
            let post = try Self.parsePost(String(contentsOf: posts.appendingPathComponent(file), encoding: .utf8))
            let title = try #require(post.frontMatter["title"] as? String)
            let (sample, sampleFile) = try #require(samples[title], "no sample titled \(title)")
            matched += 1
            for key in ["categories", "author", "comments"] {
                #expect(String(describing: post.frontMatter[key]!) == String(describing: sample.frontMatter[key]!),
                        "\(sampleFile): \(key)")
            }
            let expectedDate = sampleFile.hasPrefix("001") ? "Sat, 10 Apr 2021 15:49:51 GMT" : sample.frontMatter["date"] as! String
            #expect(post.raw.contains("\ndate: \(expectedDate)\n"), "\(sampleFile): date")
            let headImage = try #require(post.frontMatter["headimg"] as? String)
            #expect(post.frontMatter["thumbnail"] as? String == headImage)
            if sampleFile.hasPrefix("002") || sampleFile.hasPrefix("004") {
                #expect(headImage == sample.frontMatter["headimg"] as? String, "\(sampleFile): head image")
            } else {
                #expect(!headImage.isEmpty && headImage != Self.qrImage, "\(sampleFile): head image \(headImage)")
            }
            let bodyText = Self.normalize(HTMLParser.parseFragment(post.body, context: "div").textContent)
            for paragraph in Self.paragraphs(sample.body) {
                #expect(bodyText.contains(paragraph), "\(sampleFile): paragraph missing: \(paragraph.prefix(30))")
            }
            for boilerplate in ["<!--", "<style", "<script", "appendQr", "343233024.png", "尽在新浪财经APP", "<iframe",
                                "typeTag", "<h1", "Invalid Date", "{", "}"] {
                #expect(!post.raw.contains(boilerplate), "\(sampleFile): still contains \(boilerplate)")
            }
            for image in try HTMLParser.parseFragment(post.body, context: "div").select("img") {
                #expect(image.attribute("referrerpolicy") == "no-referrer")
            }
        }
        #expect(matched == 5)
    }

    @Test func aSecondRunChangesNoFile() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (first, posts) = try runExample(in: directory)
        #expect(first.status == 0)
        func snapshot() throws -> [String: (Data, Date)] {
            var result: [String: (Data, Date)] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: posts.path) {
                let url = posts.appendingPathComponent(file)
                let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
                result[file] = (try Data(contentsOf: url), attributes[.modificationDate] as! Date)
            }
            return result
        }
        let before = try snapshot()
        Thread.sleep(forTimeInterval: 1.1)
        let (second, _) = try runExample(in: directory)
        #expect(second.status == 0)
        #expect(second.stdout.contains("done: 0 new, 0 updated, 0 duplicate, 0 file(s) written"), "\(second.stdout)")
        let after = try snapshot()
        #expect(Set(before.keys) == Set(after.keys))
        for (name, (data, date)) in before {
            #expect(after[name]?.0 == data, "\(name) changed")
            #expect(after[name]?.1 == date, "\(name) was rewritten")
        }
    }

    @Test func postsMatchTheGoldenFiles() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (result, posts) = try runExample(in: directory)
        #expect(result.status == 0)
        let snapshots = CommandRunner.repositoryRoot.appendingPathComponent("Tests/NewsCLITests/Snapshots/hexo")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        for file in try FileManager.default.contentsOfDirectory(atPath: posts.path).sorted() {
            let actual = try String(contentsOf: posts.appendingPathComponent(file), encoding: .utf8)
            let golden = snapshots.appendingPathComponent(file)
            if record {
                try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
                try actual.write(to: golden, atomically: true, encoding: .utf8)
                Issue.record("recorded \(golden.path); rerun without RECORD_SNAPSHOTS")
                continue
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(actual == expected, "\(file) differs from its golden file")
        }
    }
}
