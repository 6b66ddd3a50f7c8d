import Foundation
import Testing

/// An archive that is damaged, empty or cannot be created stops the run with exit 1 and a sentence
/// that names the file and says what to do; it is never silently replaced or worked around.
@Suite(.serialized)
struct ArchiveOpeningTests {
    static let feeds = CommandRunner.repositoryRoot.appendingPathComponent("example/feeds")

    static func writeConfig(in directory: URL, settings: String = "") throws -> URL {
        try CommandRunner.writeConfig(in: directory, settings: settings, sources: [
            ("新浪财经", feeds.appendingPathComponent("sina-finance-china.xml").path),
            ("每经网", feeds.appendingPathComponent("nbd-original.xml").path),
        ])
    }

    static func run(_ config: URL, _ extra: [String] = []) throws -> CommandRunner.Result {
        try CommandRunner.run(["run", "--config", config.path, "--once"] + extra)
    }

    @Test func aFileThatIsNotADatabaseIsNamedWithWhatToDo() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.writeConfig(in: directory)
        let archive = directory.appendingPathComponent("newsmill.sqlite")
        try Data("these are not the bytes of an SQLite database, just some text".utf8).write(to: archive)

        let result = try Self.run(config)
        #expect(result.status == 1)
        #expect(result.stderr.contains("newsmill: the archive \(archive.path) is not an SQLite database"), "\(result.stderr)")
        #expect(result.stderr.contains("backup"), "\(result.stderr)")
        #expect(!result.stderr.contains("SQLite error"), "\(result.stderr)")
        #expect(try Data(contentsOf: archive) == Data("these are not the bytes of an SQLite database, just some text".utf8))
    }

    @Test func aDamagedArchiveStopsTheRunOnceInsteadOfFailingEverySource() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.writeConfig(in: directory, settings: "fetch:\n  concurrency: 1")
        #expect(try Self.run(config).status == 0)
        // Overwrite everything after the first pages (the tables' rows and indexes) with garbage.
        let archive = directory.appendingPathComponent("newsmill.sqlite")
        var bytes = try Data(contentsOf: archive)
        #expect(bytes.count > 16384)
        bytes.replaceSubrange(8192..<bytes.count, with: Data(repeating: 0xA5, count: bytes.count - 8192))
        try bytes.write(to: archive)

        let result = try Self.run(config)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("newsmill: the archive \(archive.path) is damaged"), "\(result.stderr)")
        #expect(result.stderr.contains("restore it from a backup"), "\(result.stderr)")
        #expect(result.stderr.contains(".recover"), "\(result.stderr)")
        #expect(!result.stderr.contains("newsmill: source failed"), "\(result.stderr)")
        #expect(!result.stdout.contains("done:"), "\(result.stdout)")

        let status = try CommandRunner.run(["status", "--config", config.path])
        #expect(status.status == 1)
        #expect(status.stderr.contains("newsmill: the archive \(archive.path) is damaged"), "\(status.stderr)")
        #expect(!status.stderr.contains("SQLite error"), "\(status.stderr)")
    }

    @Test func anEmptyArchiveFileIsRefusedUnlessTheOperatorAsksForANewArchive() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.writeConfig(in: directory)
        let archive = directory.appendingPathComponent("newsmill.sqlite")
        try Data().write(to: archive)

        let refused = try Self.run(config)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("newsmill: the archive \(archive.path) is an empty file (0 bytes)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--new-archive"), "\(refused.stderr)")
        #expect(try Data(contentsOf: archive).isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("posts").path)) ?? []).isEmpty)

        let accepted = try Self.run(config, ["--new-archive"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("posts").path).count > 0)
        #expect(try Self.run(config).status == 0)
    }

    @Test func aStoreDirectoryThatCannotBeCreatedIsAnErrorNotABusyArchive() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "x".write(to: directory.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let config = try Self.writeConfig(in: directory, settings: "store: blocker/archive/newsmill.sqlite")

        let result = try Self.run(config)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(
            "newsmill: cannot create the archive's directory \(directory.path)/blocker/archive: \(directory.path)/blocker is a file, not a directory"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("Error Domain"), "\(result.stderr)")
    }
}
