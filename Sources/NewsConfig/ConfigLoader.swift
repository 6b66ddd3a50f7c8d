import Aggregator
import Extraction
import Fetching
import Foundation
import NewsCore
import Publisher
import Topics
import Yams

/// Reads and validates `newsmill.yaml`. Unknown keys, missing values, values of the wrong type,
/// numbers out of range, bad time zones and duplicate sources are errors that name the file, the
/// line and the key.
public struct ConfigLoader {
    let file: URL
    var errors: [ConfigError] = []
    /// Rules of every scope, in the order written (outputs add theirs while they are read).
    var topicRules: [TopicRule] = []
    /// The outputs with `convert: t2s`, by position.
    var convertingOutputs: Set<Int> = []

    init(file: URL) {
        self.file = file
    }

    /// The validated configuration in the file at `path`.
    /// - Throws: ``ConfigErrors`` with every problem, each with its file, line and key.
    public static func load(_ path: String) throws -> NewsmillConfig {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var loader = ConfigLoader(file: url)
        return try loader.load()
    }

    mutating func fail(_ node: Node?, _ key: String, _ message: String) {
        errors.append(ConfigError(file: file.path, line: node?.mark.map { $0.line }, key: key, message: message))
    }

    private mutating func load() throws -> NewsmillConfig {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigError(file: file.path, line: nil, key: "(file)", message: "cannot read: \(error.localizedDescription)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(file: file.path, line: nil, key: "(syntax)", message: "\(error)")
        }
        guard let mapping = root?.mapping else {
            throw ConfigError(file: file.path, line: root?.mark?.line, key: "(root)", message: "expected a mapping of settings")
        }
        checkKeys(mapping, allowed: ["store", "timezone", "outputs", "groups", "user_agent", "fetch", "retention", "interval", "fulltext", "rules",
                                    "filters", "tags", "match"],
                  context: "")
        let directory = file.deletingLastPathComponent()
        let storePath = resolvePath(string(mapping, "store", in: "") ?? "newsmill.sqlite", relativeTo: directory)
        let timeZone = zone(mapping, "timezone", in: "") ?? TimeZone(identifier: "Asia/Shanghai")!
        let interval = period(mapping, "interval", in: "") ?? 900
        let fulltext = fulltextPolicy(mapping, in: "") ?? .auto
        topicRules += filters(mapping, in: "", scope: .global)
        var fetch = fetchPolicy(mapping["fetch"])
        if let userAgent = string(mapping, "user_agent", in: "") { fetch.userAgent = userAgent }
        var outputs: [NewsmillConfig.Output] = []
        for (index, node) in sequence(mapping, "outputs", in: "").enumerated() {
            if let output = output(node, index: index, directory: directory, timeZone: timeZone) { outputs.append(output) }
        }
        var sources: [Source] = []
        var seenURLs: [String: String] = [:]
        for (groupIndex, groupNode) in sequence(mapping, "groups", in: "").enumerated() {
            let context = "groups[\(groupIndex)]"
            guard let group = groupNode.mapping else {
                fail(groupNode, context, "expected a mapping with name and sources")
                continue
            }
            checkKeys(group, allowed: ["name", "timezone", "sources", "interval", "fulltext", "filters"], context: context)
            guard let name = required(group, "name", in: context) else { continue }
            topicRules += filters(group, in: context, scope: .group(name))
            let groupZone = zone(group, "timezone", in: context) ?? timeZone
            let groupInterval = period(group, "interval", in: context) ?? interval
            let groupFulltext = fulltextPolicy(group, in: context) ?? fulltext
            for (sourceIndex, sourceNode) in sequence(group, "sources", in: context).enumerated() {
                let sourceContext = "\(context).sources[\(sourceIndex)]"
                guard let entry = sourceNode.mapping else {
                    fail(sourceNode, sourceContext, "expected a mapping with site, channel and url")
                    continue
                }
                checkKeys(entry, allowed: ["site", "channel", "url", "timezone", "headers", "interval", "fulltext", "filters", "type", "list"],
                          context: sourceContext)
                let site = required(entry, "site", in: sourceContext)
                let url = required(entry, "url", in: sourceContext)
                let channel = string(entry, "channel", in: sourceContext)
                let sourceZone = zone(entry, "timezone", in: sourceContext) ?? groupZone
                let headers = stringMap(entry["headers"], context: sourceContext + ".headers")
                let sourceInterval = period(entry, "interval", in: sourceContext) ?? groupInterval
                let sourceFulltext = fulltextPolicy(entry, in: sourceContext) ?? groupFulltext
                guard let site, let url else { continue }
                let resolved = resolveURL(url, relativeTo: directory)
                let identity = SourceIdentity.comparable(resolved)
                if let previous = seenURLs[identity] {
                    fail(entry["url"], sourceContext + ".url", "duplicate source: \(url) is already configured at \(previous)")
                    continue
                }
                seenURLs[identity] = sourceContext
                var source = Source(group: name, site: site, channel: channel ?? site, url: resolved, timeZone: sourceZone, headers: headers)
                source.interval = sourceInterval
                source.fulltext = sourceFulltext
                source.listing = listing(entry, in: sourceContext)
                topicRules += filters(entry, in: sourceContext, scope: .source(source.key))
                sources.append(source)
            }
        }
        if sources.isEmpty && errors.isEmpty { fail(mapping["groups"] ?? root, "groups", "no sources configured") }
        var rules: [SiteRule] = []
        for (index, node) in sequence(mapping, "rules", in: "").enumerated() {
            if let rule = siteRule(node, context: "rules[\(index)]") { rules.append(rule) }
        }
        let retention = retention(mapping["retention"])
        let (tags, stocks) = tagSettings(mapping["tags"], directory: directory)
        var ruleSet = RuleSet.empty
        do {
            ruleSet = try RuleSet(rules: topicRules, tags: tags, stocks: stocks, variants: matchVariants(mapping["match"]))
        } catch let problem as RuleSet.Problem {
            fail(mapping["tags"] ?? mapping["filters"], problem.path, problem.message)
        } catch {
            fail(mapping["filters"], "filters", "\(error)")
        }
        if let first = errors.first {
            throw ConfigErrors(errors: errors, first: first)
        }
        var config = NewsmillConfig(file: file, storePath: storePath, timeZone: timeZone, outputs: outputs, sources: sources,
                                    fetch: fetch, retention: retention, rules: rules)
        config.topicRules = ruleSet
        config.convertingOutputs = convertingOutputs
        return config
    }

    /// A site rule: `host`, `body` selectors, and optionally `remove` selectors, `remove_paragraphs`
    /// openings, `date` and `title` selectors, `authors` and `editor` patterns (one capture group each).
    private mutating func siteRule(_ node: Node, context: String) -> SiteRule? {
        guard let mapping = node.mapping else {
            fail(node, context, "expected a mapping with host and body")
            return nil
        }
        checkKeys(mapping, allowed: ["host", "body", "remove", "remove_paragraphs", "date", "title", "authors", "editor"], context: context)
        guard let host = required(mapping, "host", in: context)?.lowercased() else { return nil }
        func list(_ key: String) -> [String] { strings(mapping, key, in: context) }
        let rule = SiteRule(host: host, body: list("body"), remove: list("remove"), removeParagraphsStarting: list("remove_paragraphs"),
                            date: list("date"), title: list("title"), authorPatterns: list("authors"), editorPatterns: list("editor"))
        for problem in rule.problems {
            let key = ["authorPatterns": "authors", "editorPatterns": "editor"][problem.field] ?? problem.field
            fail(mapping[key] ?? node, "\(context).\(key)", problem.message)
        }
        return rule
    }

    private mutating func fulltextPolicy(_ mapping: Node.Mapping, in context: String) -> FulltextPolicy? {
        guard let text = string(mapping, "fulltext", in: context) else { return nil }
        guard let policy = FulltextPolicy(rawValue: text.lowercased()) else {
            fail(mapping["fulltext"], Self.path(context, "fulltext"), "expected auto, always or never")
            return nil
        }
        return policy
    }

    /// The `retention:` settings: how long, and how many items per source, the archive keeps.
    private mutating func retention(_ node: Node?) -> Aggregator.Retention {
        var retention = Aggregator.Retention()
        guard let node else { return retention }
        guard let mapping = node.mapping else {
            fail(node, "retention", "expected a mapping with max_age_days and/or max_items_per_source")
            return retention
        }
        checkKeys(mapping, allowed: ["max_age_days", "max_items_per_source"], context: "retention")
        if let days = count(mapping, "max_age_days", in: "retention", range: Limits.retentionDays) {
            retention.maxAge = TimeInterval(days) * 86400
        }
        retention.maxItemsPerSource = count(mapping, "max_items_per_source", in: "retention", range: Limits.retentionItems)
        return retention
    }

    /// The `fetch:` settings: limits, timeouts (seconds) and politeness.
    private mutating func fetchPolicy(_ node: Node?) -> FetchPolicy {
        var policy = FetchPolicy()
        guard let node else { return policy }
        guard let mapping = node.mapping else {
            fail(node, "fetch", "expected a mapping of fetch settings")
            return policy
        }
        checkKeys(mapping, allowed: [
            "user_agent", "timeout", "connect_timeout", "read_timeout", "max_feed_bytes", "max_page_bytes", "attempts",
            "concurrency", "per_host", "host_delay", "proxy", "max_redirects", "allow_private",
        ], context: "fetch")
        func seconds(_ key: String, _ range: ClosedRange<Double> = Limits.timeoutSeconds) -> Duration? {
            self.seconds(mapping, key, in: "fetch", range: range)
        }
        func count(_ key: String, _ range: ClosedRange<Int>) -> Int? { self.count(mapping, key, in: "fetch", range: range) }
        if let value = string(mapping, "user_agent", in: "fetch") { policy.userAgent = value }
        if let value = seconds("timeout") { policy.totalTimeout = value }
        if let value = seconds("connect_timeout") { policy.connectTimeout = value }
        if let value = seconds("read_timeout") { policy.readTimeout = value }
        if let value = seconds("host_delay", Limits.hostDelaySeconds) { policy.perHostDelay = value }
        if let value = count("max_feed_bytes", Limits.bytes) { policy.maxFeedBytes = value }
        if let value = count("max_page_bytes", Limits.bytes) { policy.maxPageBytes = value }
        if let value = count("attempts", Limits.attempts) { policy.maxAttempts = value }
        if let value = count("concurrency", Limits.concurrency) { policy.globalConcurrency = value }
        if let value = count("per_host", Limits.concurrency) { policy.perHostConcurrency = value }
        if let value = count("max_redirects", Limits.redirects) { policy.maxRedirects = value }
        for host in strings(mapping, "allow_private", in: "fetch") {
            let trimmed = host.trimmingWhitespace().lowercased()
            if trimmed.isEmpty || trimmed.contains("/") || trimmed.contains(" ") {
                fail(mapping["allow_private"], "fetch.allow_private", "expected host names, not \"\(host)\"")
            } else {
                policy.allowPrivateHosts.insert(trimmed)
            }
        }
        if let proxy = string(mapping, "proxy", in: "fetch") {
            let parts = proxy.split(separator: ":")
            if parts.count != 2 || parts[0].isEmpty || Int(parts[1]).map(Limits.port.contains) != true {
                fail(mapping["proxy"], "fetch.proxy", "expected host:port (a port from 1 to 65535)")
            } else {
                policy.proxy = proxy
            }
        }
        return policy
    }

    private mutating func stringMap(_ node: Node?, context: String) -> [String: String] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            fail(node, context, "expected a mapping of header names to values")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, !name.isEmpty, value.scalar != nil else {
                fail(key, context, "header names and values must be strings")
                continue
            }
            if let text = string(mapping, name, in: context) { result[name] = text }
        }
        return result
    }

    private mutating func output(_ node: Node, index: Int, directory: URL, timeZone: TimeZone) -> NewsmillConfig.Output? {
        let context = "outputs[\(index)]"
        guard let mapping = node.mapping else {
            fail(node, context, "expected a mapping with format and dir")
            return nil
        }
        // Options every format has: the text conversion and the rules scoped to this output.
        switch string(mapping, "convert", in: context) {
        case nil, "none": break
        case "t2s": convertingOutputs.insert(index)
        case let other?: fail(mapping["convert"], context + ".convert", "expected t2s or none, not '\(other)'")
        }
        topicRules += filters(mapping, in: context, scope: .output(index))
        if string(mapping, "format", in: context) == "site" {
            return siteOutput(mapping, context: context, directory: directory, timeZone: timeZone)
        }
        let format = required(mapping, "format", in: context)
        let dir = required(mapping, "dir", in: context)
        guard let format, let dir else { return nil }
        let folder = URL(fileURLWithPath: resolvePath(dir, relativeTo: directory))
        switch format {
        case "hexo":
            return hexoOutput(mapping, folder: folder, timeZone: timeZone, context: context)
        case "hugo":
            checkKeys(mapping, allowed: ["format", "dir", "filters", "convert"], context: context)
            return .hugo(PostFolderOptions(directory: folder, timeZone: timeZone))
        case "jekyll":
            checkKeys(mapping, allowed: ["format", "dir", "filters", "convert"], context: context)
            return .jekyll(PostFolderOptions(directory: folder, timeZone: timeZone))
        default:
            fail(mapping["format"], context + ".format", "unknown output format '\(format)' (supported: hexo, hugo, jekyll, site)")
            return nil
        }
    }

    private mutating func hexoOutput(_ mapping: Node.Mapping, folder: URL, timeZone: TimeZone, context: String) -> NewsmillConfig.Output {
        checkKeys(mapping, allowed: ["format", "dir", "date_format", "placeholder_image", "filters", "topics", "tags", "convert"], context: context)
        var options = HexoOptions(directory: folder)
        switch string(mapping, "date_format", in: context) ?? "rfc1123" {
        case "rfc1123", "gmt": options.dateStyle = .rfc1123GMT
        case "local": options.dateStyle = .local(timeZone)
        case let other:
            fail(mapping["date_format"], context + ".date_format", "unknown date format '\(other)' (rfc1123 or local)")
        }
        if let template = string(mapping, "placeholder_image", in: context) {
            if !template.contains("{seed}") {
                fail(mapping["placeholder_image"], context + ".placeholder_image", "the template must contain {seed}")
            }
            options.placeholderTemplate = template
        }
        switch string(mapping, "topics", in: context) {
        case nil, "none": break
        case "tags": options.topicsAs = .tags
        case "categories": options.topicsAs = .categories
        case let other?:
            fail(mapping["topics"], context + ".topics", "expected tags, categories or none, not '\(other)'")
        }
        switch string(mapping, "tags", in: context)?.lowercased() {
        case nil, "false", "no", "off": break
        case "true", "yes", "on": options.writesTags = true
        case let other?:
            fail(mapping["tags"], context + ".tags", "expected true or false, not '\(other)'")
        }
        return .hexo(options)
    }

    // MARK: - Helpers

    mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, context: String) {
        for (key, _) in mapping {
            guard let name = key.string else {
                fail(key, context, "keys must be strings")
                continue
            }
            if !allowed.contains(name) {
                fail(key, Self.path(context, name), "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    func resolvePath(_ path: String, relativeTo directory: URL) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).standardizedFileURL.path
    }

    private func resolveURL(_ url: String, relativeTo directory: URL) -> String {
        if url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://") { return url }
        return "file://" + resolvePath(url, relativeTo: directory)
    }
}

/// Every configuration problem found, reported together.
public struct ConfigErrors: Error, CustomStringConvertible {
    public var errors: [ConfigError]
    public var first: ConfigError
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
