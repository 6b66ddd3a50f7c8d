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
        checkKeys(mapping, allowed: ["store", "timezone", "outputs", "groups", "user_agent"], context: "")
        let directory = file.deletingLastPathComponent()
        let storePath = resolvePath(string(mapping, "store") ?? "newsmill.sqlite", relativeTo: directory)
        let timeZone = zone(mapping, "timezone", context: "timezone") ?? TimeZone(identifier: "Asia/Shanghai")!
        let userAgent = string(mapping, "user_agent") ?? "Newsmill/0.1 (+https://github.com/newsmill)"
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
            checkKeys(group, allowed: ["name", "timezone", "sources"], context: context)
            guard let name = required(group, "name", context: context) else { continue }
            let groupZone = zone(group, "timezone", context: context + ".timezone") ?? timeZone
            for (sourceIndex, sourceNode) in sequence(group, "sources").enumerated() {
                let sourceContext = "\(context).sources[\(sourceIndex)]"
                guard let entry = sourceNode.mapping else {
                    fail(sourceNode, sourceContext, "expected a mapping with site, channel and url")
                    continue
                }
                checkKeys(entry, allowed: ["site", "channel", "url", "timezone"], context: sourceContext)
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
                sources.append(Source(group: name, site: site, channel: channel, url: resolved, timeZone: sourceZone))
            }
        }
        if sources.isEmpty && errors.isEmpty { fail(mapping["groups"] ?? root, "groups", "no sources configured") }
        if let first = errors.first {
            throw ConfigErrors(errors: errors, first: first)
        }
        return NewsmillConfig(file: file, storePath: storePath, timeZone: timeZone, outputs: outputs, sources: sources,
                              userAgent: userAgent)
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
