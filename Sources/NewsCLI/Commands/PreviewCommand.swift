import ArgumentParser
import Foundation
import NewsConfig
import Publisher

/// `newsmill preview`: serves the configured site's folder on 127.0.0.1 to look at it in a browser.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve the site output's folder on 127.0.0.1 (build it first with `newsmill build`).",
        discussion: "Ctrl-C stops it. Exit status: 1 when the configuration has no site output or the port cannot be used."
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 4000

    func run() async throws {
        let settings = try Pipeline.settings(config)
        let sites = settings.outputs.compactMap { output -> SiteOptions? in
            if case .site(let options) = output { return options }
            return nil
        }
        guard let site = sites.first else {
            printError("newsmill: \(config) has no output with format: site to preview")
            throw ExitCode.failure
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        let server: PreviewServer
        do {
            server = try await PreviewServer(root: site.directory, port: port)
        } catch {
            printError("newsmill: cannot serve on 127.0.0.1:\(port): \(error)")
            throw ExitCode.failure
        }
        print("serving \(site.directory.path) at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
        fflush(nil)  // the address line reaches a pipe at once (a script waits for it)
        try await server.wait()
    }
}
