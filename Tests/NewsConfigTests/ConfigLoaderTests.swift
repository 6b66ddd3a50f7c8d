import Aggregator
import Fetching
import Foundation
import NewsConfig
import NewsCore
import Publisher
import Testing

/// The configuration loader as a library: no binary launched.
struct ConfigLoaderTests {
    static func load(_ yaml: String) throws -> NewsmillConfig {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("newsmill.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(file.path)
    }

    /// A site rule names where the headline is (`title`), and a selector the extractor cannot read
    /// there is an error naming the key.
    @Test func aSiteRuleCarriesItsTitleSelectors() throws {
        let config = try Self.load("""
            rules:
              - host: example.com
                body: '#story'
                title: ['h1.story-title', '.headline']
            groups:
              - name: g
                sources:
                  - site: s
                    url: x.xml
            """)
        #expect(config.rules.map(\.title) == [["h1.story-title", ".headline"]])
        let error = #expect(throws: (any Error).self) {
            try Self.load("rules:\n  - host: example.com\n    body: '#story'\n    title: 'h1[[['\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n")
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("rules[0].title: not a CSS selector the extractor understands: h1[[["))
    }

    @Test func aConfigurationGivesEveryModuleItsValues() throws {
        let config = try Self.load("""
            store: archive/news.sqlite
            timezone: Asia/Shanghai
            fulltext: always
            fetch:
              timeout: 30
              allow_private: [Intranet.Example, 10.0.0.5]
            retention:
              max_items_per_source: 100
            outputs:
              - format: hexo
                dir: blog/source/_posts
            groups:
              - name: 金融
                sources:
                  - site: 新浪财经
                    url: https://rsshub.app/sina/finance
            """)
        #expect(config.storePath.hasSuffix("/archive/news.sqlite"))
        #expect(config.fetch.totalTimeout == .seconds(30))
        #expect(config.fetch.allowPrivateHosts == ["intranet.example", "10.0.0.5"])
        #expect(config.retention.maxItemsPerSource == 100)
        #expect(config.sources.map(\.site) == ["新浪财经"])
        #expect(config.sources.first?.fulltext == .always)
        // Each output is its format's publisher, named in the run's summary.
        let publishers = config.outputs.map(\.publisher)
        #expect(publishers.count == 1)
        #expect(publishers.first?.summary.hasPrefix("hexo → ") == true)
        #expect(publishers.first?.summary.hasSuffix("/blog/source/_posts") == true)
    }

    @Test func problemsNameTheFileTheLineAndTheKey() throws {
        do {
            _ = try Self.load("""
                store: [a, b]
                fetch:
                  allow_private: ["http://x/"]
                groups: []
                """)
            Issue.record("no error")
        } catch let errors as ConfigErrors {
            let text = errors.description
            #expect(errors.errors.contains { $0.key == "store" && $0.line == 1 }, "\(text)")
            #expect(errors.errors.contains { $0.key == "fetch.allow_private" && $0.line == 3 }, "\(text)")
            #expect(text.contains("newsmill.yaml:1"), "\(text)")
        }
    }
}

/// Hugo and Jekyll outputs: their folders and the configuration's zone; Hexo's own keys are refused.
struct GeneratorOutputConfigTests {
    @Test func hugoAndJekyllOutputsGetTheirFoldersAndTheZone() throws {
        let config = try ConfigLoaderTests.load("""
            timezone: Asia/Shanghai
            outputs:
              - format: hugo
                dir: hugo-site/content/posts
              - format: jekyll
                dir: jekyll-site/_posts
            groups:
              - name: g
                sources:
                  - site: s
                    url: feed.xml
            """)
        let summaries = config.outputs.map(\.publisher.summary)
        #expect(summaries.count == 2)
        #expect(summaries.first?.hasPrefix("hugo → ") == true && summaries.first?.hasSuffix("/hugo-site/content/posts") == true, "\(summaries)")
        #expect(summaries.last?.hasPrefix("jekyll → ") == true && summaries.last?.hasSuffix("/jekyll-site/_posts") == true, "\(summaries)")
        guard case .hugo(let hugo) = config.outputs.first else { Issue.record("not a Hugo output"); return }
        #expect(hugo.timeZone.identifier == "Asia/Shanghai")
    }

    @Test func aHexoKeyOnAJekyllOutputIsAnError() throws {
        do {
            _ = try ConfigLoaderTests.load("""
                outputs:
                  - format: jekyll
                    dir: _posts
                    placeholder_image: "https://x/{seed}.jpg"
                  - format: gatsby
                    dir: x
                groups: []
                """)
            Issue.record("no error")
        } catch let errors as ConfigErrors {
            let text = errors.description
            #expect(errors.errors.contains { $0.key.hasPrefix("outputs[0]") && $0.key.hasSuffix("placeholder_image") && $0.line == 4 }, "\(text)")
            #expect(errors.errors.contains { $0.key == "outputs[1].format" && $0.message.contains("hugo, jekyll") }, "\(text)")
        }
    }
}
