public import Aggregator
public import Extraction
public import Fetching
public import Foundation
public import NewsCore
public import Publisher
public import Topics

/// A validated configuration: every problem was reported (file, line, key) before anything runs.
public struct NewsmillConfig: Sendable {
    /// One configured output. Each format is a case here, read by the loader's `output` step, and
    /// made into its ``Publisher`` in ``publisher``: the only places a new format touches outside
    /// its own files in the Publisher module.
    public enum Output: Sendable {
        case hexo(HexoOptions)
        case hugo(PostFolderOptions)
        case jekyll(PostFolderOptions)
        case site(SiteOptions)

        /// The output's publisher, ready to receive batches (a site with `images: archive` downloads no
        /// image through it: see ``publisher(images:warn:)``).
        public var publisher: any Publisher { publisher(images: nil) }

        /// The output's publisher; a site with `images: archive` downloads its images with `images`
        /// and reports each image it could not copy to `warn`.
        public func publisher(images: (any ImageLoader)?, warn: @escaping @Sendable (String) -> Void = { _ in }) -> any Publisher {
            switch self {
            case .hexo(let options): HexoPublisher(options: options)
            case .hugo(let options): HugoPublisher(options: options)
            case .jekyll(let options): JekyllPublisher(options: options)
            case .site(let options): SitePublisher(options: options, imageLoader: images, warn: warn)
            }
        }

        /// Whether the output downloads images (a site with `images: archive`).
        public var archivesImages: Bool {
            if case .site(let options) = self { options.images == .archive } else { false }
        }
    }

    public var file: URL
    public var storePath: String
    public var timeZone: TimeZone
    public var outputs: [Output]
    public var sources: [Source]
    public var fetch: FetchPolicy
    public var retention: Aggregator.Retention
    /// Site rules from the configuration; they come before the built-in ones for the same host.
    public var rules: [SiteRule] = []

    /// The rules extraction uses: the configuration's, then the built-in ones.
    public var siteRules: [SiteRule] { rules + SiteRule.builtIn }
    /// Keep/block rules of every scope, topics and tags (`filters:`, `tags:`).
    public var topicRules: RuleSet = .empty
    /// The outputs (by position) with `convert: t2s`.
    public var convertingOutputs: Set<Int> = []

    /// Every output's publisher; an output with rules of its own publishes only what they keep, and one
    /// with `convert: t2s` publishes simplified characters.
    public var publishers: [any Publisher] { publishers(images: nil) }

    /// Every output's publisher, as ``publishers``, sites with `images: archive` downloading their
    /// images with `images` and reporting each image they could not copy to `warn`.
    public func publishers(images: (any ImageLoader)?, warn: @escaping @Sendable (String) -> Void = { _ in }) -> [any Publisher] {
        outputs.enumerated().map { index, output in
            var publisher = output.publisher(images: images, warn: warn)
            if convertingOutputs.contains(index) { publisher = ConvertingPublisher(publisher) }
            if topicRules.hasRules(forOutput: index) { publisher = OutputRulesPublisher(publisher, output: index, rules: topicRules) }
            return publisher
        }
    }
}

/// A configuration problem, located.
public struct ConfigError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String
    public var message: String

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(key): \(message)"
    }
}
