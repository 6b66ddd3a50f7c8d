import Foundation

/// The external programs the search tests run (node, chromium), and where the search fixtures live.
enum SearchTools {
    static let node = executable(named: "node")
    static let chromium = executable(named: "chromium") ?? executable(named: "chromium-browser")

    /// Tests/Fixtures/Search, beside this test target.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Search")

    static func executable(named name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    struct RunError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `program` and returns its standard output; throws when it fails or outlives `timeout` seconds.
    static func run(_ program: URL, _ arguments: [String], timeout: TimeInterval = 60) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("search-run-\(UUID().uuidString).out")
        let errors = output.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output); try? FileManager.default.removeItem(at: errors) }
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw RunError(description: "\(program.lastPathComponent) did not finish within \(Int(timeout)) s")
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw RunError(description: "\(program.lastPathComponent) exited \(process.terminationStatus): \(stderr.suffix(2000))")
        }
        return text
    }
}
