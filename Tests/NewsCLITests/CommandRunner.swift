import Foundation

/// Runs the built `newsmill` binary, as a user would.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // The test bundle sits in the products directory next to the executable.
        var directory = Bundle(for: Marker.self).bundleURL
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "Contents" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("newsmill")
    }

    private final class Marker {}

    static func run(_ arguments: [String], in directory: URL? = nil, executable: URL? = nil, input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The repository root (for the bundled example feeds).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Writes `newsmill.yaml` in `directory`: the top-level `settings` lines, a Hexo output to
    /// `posts/`, and one group holding `sources` (site and url each). Tests run offline, so items'
    /// pages are not fetched for full text (`fulltext: never`) unless `settings` says otherwise.
    @discardableResult
    static func writeConfig(in directory: URL, settings: String = "", group: String = "g", sources: [(site: String, url: String)]) throws -> URL {
        let config = directory.appendingPathComponent("newsmill.yaml")
        let entries = sources.map { "      - site: \($0.site)\n        url: \($0.url)" }.joined(separator: "\n")
        let text = (settings.contains("fulltext:") ? "" : "fulltext: never\n") + (settings.isEmpty ? "" : settings + "\n")
            + "outputs:\n  - format: hexo\n    dir: posts\ngroups:\n  - name: \(group)\n    sources:\n\(entries)\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
