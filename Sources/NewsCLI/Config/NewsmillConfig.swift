import Aggregator
import Extraction
import Fetching
import Foundation
import NewsCore
import Publisher

/// A validated configuration: every problem was reported (file, line, key) before anything runs.
struct NewsmillConfig: Sendable {
    enum Output: Sendable {
        case hexo(HexoOptions)
    }

    var file: URL
    var storePath: String
    var timeZone: TimeZone
    var outputs: [Output]
    var sources: [Source]
    var fetch: FetchPolicy
    var retention: Aggregator.Retention
    /// Site rules from the configuration; they come before the built-in ones for the same host.
    var rules: [SiteRule] = []

    /// The rules extraction uses: the configuration's, then the built-in ones.
    var siteRules: [SiteRule] { rules + SiteRule.builtIn }
}

/// A configuration problem, located.
struct ConfigError: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var key: String
    var message: String

    var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(key): \(message)"
    }
}
