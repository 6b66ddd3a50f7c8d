import Aggregator
import Extraction
import Fetching
import Foundation
import NewsCore
import Publisher
import Yams

/// Reads and validates `newsmill.yaml`. Unknown keys, missing values, bad time zones and duplicate
/// sources are errors that name the file, the line and the key.
struct ConfigLoader {
    let file: URL
    private var errors: [ConfigError] = []

    init(file: URL) {
        self.file = file
    }

    static func load(_ path: String) throws -> NewsmillConfig {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var loader = ConfigLoader(file: url)
        return try loader.load()
    }

    private mutating func fail(_ node: Node?, _ key: String, _ message: String) {
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
        checkKeys(mapping, allowed: ["store", "timezone", "outputs", "groups", "user_agent", "fetch", "retention", "interval", "fulltext", "rules"],
                  context: "")
        let directory = file.deletingLastPathComponent()
        let storePath = resolvePath(string(mapping, "store") ?? "newsmill.sqlite", relativeTo: directory)
        let timeZone = zone(mapping, "timezone", context: "timezone") ?? TimeZone(identifier: "Asia/Shanghai")!
        let interval = period(mapping, "interval", context: "interval") ?? 900
        let fulltext = fulltextPolicy(mapping, context: "fulltext") ?? .auto
        var fetch = fetchPolicy(mapping["fetch"])
        if let userAgent = string(mapping, "user_agent") { fetch.userAgent = userAgent }
        var outputs: [NewsmillConfig.Output] = []
        for (index, node) in sequence(mapping, "outputs").enumerated() {
            if let output = output(node, index: index, directory: directory, timeZone: timeZone) { outputs.append(output) }
        }
        var sources: [Source] = []
        var seenURLs: [String: String] = [:]
        for (groupIndex, groupNode) in sequence(mapping, "groups").enumerated() {
            let context = "groups[\(groupIndex)]"
            guard let group = groupNode.mapping else {
                fail(groupNode, context, "expected a mapping with name and sources")
                continue
            }
            checkKeys(group, allowed: ["name", "timezone", "sources", "interval", "fulltext"], context: context)
            guard let name = required(group, "name", context: context) else { continue }
            let groupZone = zone(group, "timezone", context: context + ".timezone") ?? timeZone
            let groupInterval = period(group, "interval", context: context + ".interval") ?? interval
            let groupFulltext = fulltextPolicy(group, context: context + ".fulltext") ?? fulltext
            for (sourceIndex, sourceNode) in sequence(group, "sources").enumerated() {
                let sourceContext = "\(context).sources[\(sourceIndex)]"
                guard let entry = sourceNode.mapping else {
                    fail(sourceNode, sourceContext, "expected a mapping with site, channel and url")
                    continue
                }
                checkKeys(entry, allowed: ["site", "channel", "url", "timezone", "headers", "interval", "fulltext"], context: sourceContext)
                guard let site = required(entry, "site", context: sourceContext),
                    let url = required(entry, "url", context: sourceContext)
                else { continue }
                let channel = string(entry, "channel") ?? site
                let sourceZone = zone(entry, "timezone", context: sourceContext + ".timezone") ?? groupZone
                let resolved = resolveURL(url, relativeTo: directory)
                if let previous = seenURLs[resolved] {
                    fail(entry["url"], sourceContext + ".url", "duplicate source: \(url) is already configured at \(previous)")
                    continue
                }
                seenURLs[resolved] = sourceContext
                let headers = stringMap(entry["headers"], context: sourceContext + ".headers")
                var source = Source(group: name, site: site, channel: channel, url: resolved, timeZone: sourceZone, headers: headers)
                source.interval = period(entry, "interval", context: sourceContext + ".interval") ?? groupInterval
                source.fulltext = fulltextPolicy(entry, context: sourceContext + ".fulltext") ?? groupFulltext
                sources.append(source)
            }
        }
        if sources.isEmpty && errors.isEmpty { fail(mapping["groups"] ?? root, "groups", "no sources configured") }
        var rules: [SiteRule] = []
        for (index, node) in sequence(mapping, "rules").enumerated() {
            if let rule = siteRule(node, context: "rules[\(index)]") { rules.append(rule) }
        }
        let retention = retention(mapping["retention"])
        if let first = errors.first {
            throw ConfigErrors(errors: errors, first: first)
        }
        return NewsmillConfig(file: file, storePath: storePath, timeZone: timeZone, outputs: outputs, sources: sources,
                              fetch: fetch, retention: retention, rules: rules)
    }

    /// A site rule: `host`, `body` selectors, and optionally `remove` selectors, `remove_paragraphs`
    /// openings, `date` selectors, `authors` and `editor` patterns (one capture group each).
    private mutating func siteRule(_ node: Node, context: String) -> SiteRule? {
        guard let mapping = node.mapping else {
            fail(node, context, "expected a mapping with host and body")
            return nil
        }
        checkKeys(mapping, allowed: ["host", "body", "remove", "remove_paragraphs", "date", "authors", "editor"], context: context)
        guard let host = required(mapping, "host", context: context)?.lowercased() else { return nil }
        func list(_ key: String) -> [String] { Self.strings(mapping, key) }
        let rule = SiteRule(host: host, body: list("body"), remove: list("remove"), removeParagraphsStarting: list("remove_paragraphs"),
                            date: list("date"), authorPatterns: list("authors"), editorPatterns: list("editor"))
        for problem in rule.problems {
            let key = ["authorPatterns": "authors", "editorPatterns": "editor"][problem.field] ?? problem.field
            fail(mapping[key] ?? node, "\(context).\(key)", problem.message)
        }
        return rule
    }

    /// A string or a list of strings.
    private static func strings(_ mapping: Node.Mapping, _ key: String) -> [String] {
        if let single = mapping[key]?.string { return [single] }
        return mapping[key]?.sequence?.compactMap(\.string) ?? []
    }

    private mutating func fulltextPolicy(_ mapping: Node.Mapping, context: String) -> FulltextPolicy? {
        guard let text = string(mapping, "fulltext") else { return nil }
        guard let policy = FulltextPolicy(rawValue: text.lowercased()) else {
            fail(mapping["fulltext"], context, "expected auto, always or never")
            return nil
        }
        return policy
    }

    /// A period such as `90` (seconds), `90s`, `15m`, `6h` or `1d`.
    private mutating func period(_ mapping: Node.Mapping, _ key: String, context: String) -> TimeInterval? {
        guard let text = string(mapping, key)?.lowercased() else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let unit = text.last.flatMap { units[$0] }
        let number = Double(unit == nil ? text : String(text.dropLast()))
        guard let number, number > 0 else {
            fail(mapping[key], context, "expected a period such as 900, 15m, 6h or 1d")
            return nil
        }
        return number * (unit ?? 1)
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
        if let days = count(mapping, "max_age_days", context: "retention") { retention.maxAge = TimeInterval(days) * 86400 }
        retention.maxItemsPerSource = count(mapping, "max_items_per_source", context: "retention")
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
        if let value = string(mapping, "user_agent") { policy.userAgent = value }
        if let value = seconds(mapping, "timeout") { policy.totalTimeout = value }
        if let value = seconds(mapping, "connect_timeout") { policy.connectTimeout = value }
        if let value = seconds(mapping, "read_timeout") { policy.readTimeout = value }
        if let value = seconds(mapping, "host_delay", allowZero: true) { policy.perHostDelay = value }
        if let value = count(mapping, "max_feed_bytes") { policy.maxFeedBytes = value }
        if let value = count(mapping, "max_page_bytes") { policy.maxPageBytes = value }
        if let value = count(mapping, "attempts") { policy.maxAttempts = value }
        if let value = count(mapping, "concurrency") { policy.globalConcurrency = value }
        if let value = count(mapping, "per_host") { policy.perHostConcurrency = value }
        if let value = count(mapping, "max_redirects", allowZero: true) { policy.maxRedirects = value }
        for host in Self.strings(mapping, "allow_private") {
            let trimmed = host.trimmingWhitespace().lowercased()
            if trimmed.isEmpty || trimmed.contains("/") || trimmed.contains(" ") {
                fail(mapping["allow_private"], "fetch.allow_private", "expected host names, not \"\(host)\"")
            } else {
                policy.allowPrivateHosts.insert(trimmed)
            }
        }
        if let proxy = string(mapping, "proxy") {
            if proxy.split(separator: ":").count != 2 || Int(proxy.split(separator: ":").last ?? "") == nil {
                fail(mapping["proxy"], "fetch.proxy", "expected host:port")
            } else {
                policy.proxy = proxy
            }
        }
        return policy
    }

    private mutating func seconds(_ mapping: Node.Mapping, _ key: String, allowZero: Bool = false) -> Duration? {
        guard let text = string(mapping, key) else { return nil }
        guard let value = Double(text), value > 0 || (allowZero && value == 0) else {
            fail(mapping[key], "fetch." + key, "expected a number of seconds")
            return nil
        }
        return .milliseconds(Int(value * 1000))
    }

    private mutating func count(_ mapping: Node.Mapping, _ key: String, allowZero: Bool = false, context: String = "fetch") -> Int? {
        guard let text = string(mapping, key) else { return nil }
        guard let value = Int(text), value > 0 || (allowZero && value == 0) else {
            fail(mapping[key], context + "." + key, "expected a positive whole number")
            return nil
        }
        return value
    }

    private mutating func stringMap(_ node: Node?, context: String) -> [String: String] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            fail(node, context, "expected a mapping of header names to values")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let text = value.string else {
                fail(key, context, "header names and values must be strings")
                continue
            }
            result[name] = text
        }
        return result
    }

    private mutating func output(_ node: Node, index: Int, directory: URL, timeZone: TimeZone) -> NewsmillConfig.Output? {
        let context = "outputs[\(index)]"
        guard let mapping = node.mapping else {
            fail(node, context, "expected a mapping with format and dir")
            return nil
        }
        checkKeys(mapping, allowed: ["format", "dir", "date_format", "placeholder_image"], context: context)
        guard let format = required(mapping, "format", context: context),
            let dir = required(mapping, "dir", context: context)
        else { return nil }
        guard format == "hexo" else {
            fail(mapping["format"], context + ".format", "unknown output format '\(format)' (supported: hexo)")
            return nil
        }
        var options = HexoOptions(directory: URL(fileURLWithPath: resolvePath(dir, relativeTo: directory)))
        switch string(mapping, "date_format") ?? "rfc1123" {
        case "rfc1123", "gmt": options.dateStyle = .rfc1123GMT
        case "local": options.dateStyle = .local(timeZone)
        case let other:
            fail(mapping["date_format"], context + ".date_format", "unknown date format '\(other)' (rfc1123 or local)")
        }
        if let template = string(mapping, "placeholder_image") {
            if !template.contains("{seed}") {
                fail(mapping["placeholder_image"], context + ".placeholder_image", "the template must contain {seed}")
            }
            options.placeholderTemplate = template
        }
        return .hexo(options)
    }

    // MARK: - Helpers

    private mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, context: String) {
        for (key, _) in mapping {
            guard let name = key.string else {
                fail(key, context, "keys must be strings")
                continue
            }
            if !allowed.contains(name) {
                let path = context.isEmpty ? name : context + "." + name
                fail(key, path, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    private func string(_ mapping: Node.Mapping, _ key: String) -> String? {
        guard let node = mapping[key], let value = node.string else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    private mutating func required(_ mapping: Node.Mapping, _ key: String, context: String) -> String? {
        if let value = string(mapping, key) { return value }
        fail(mapping[key] ?? mapping.keys.first, context + "." + key, "missing \(key)")
        return nil
    }

    private mutating func zone(_ mapping: Node.Mapping, _ key: String, context: String) -> TimeZone? {
        guard let name = string(mapping, key) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            fail(mapping[key], context, "unknown time zone '\(name)' (use an IANA name such as Asia/Shanghai)")
            return nil
        }
        return zone
    }

    private mutating func sequence(_ mapping: Node.Mapping, _ key: String) -> [Node] {
        guard let node = mapping[key] else { return [] }
        guard let items = node.sequence else {
            fail(node, key, "expected a list")
            return []
        }
        return Array(items)
    }

    private func resolvePath(_ path: String, relativeTo directory: URL) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).standardizedFileURL.path
    }

    private func resolveURL(_ url: String, relativeTo directory: URL) -> String {
        if url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://") { return url }
        return "file://" + resolvePath(url, relativeTo: directory)
    }
}

/// Every configuration problem found, reported together.
struct ConfigErrors: Error, CustomStringConvertible {
    var errors: [ConfigError]
    var first: ConfigError
    var description: String { errors.map(\.description).joined(separator: "\n") }
}
