import Foundation
import Testing

/// `newsmill preview` run by a test: started on a free loopback port, killed by `stop()` (call it in a
/// `defer`) or, should the test hang, after `deadline` seconds, so no test waits for ever.
struct PreviewServer {
    let process: Process
    /// The address the server printed, ending in `/`.
    let base: String

    static func start(config: String, deadline: Double) throws -> PreviewServer {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["preview", "--config", config, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { kill(pid, SIGKILL) }
        // A server that says nothing is killed at the deadline, which ends this read.
        var line = ""
        while !line.contains("\n"), let chunk = try out.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty {
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://127.0.0.1:") }) else {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            throw PreviewServerError(output: line)
        }
        return PreviewServer(process: process, base: address.hasSuffix("/") ? String(address) : address + "/")
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct PreviewServerError: Error, CustomStringConvertible {
    let output: String
    var description: String { "newsmill preview printed no loopback address: \(output.debugDescription)" }
}
