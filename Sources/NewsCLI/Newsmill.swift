import ArgumentParser

@main
struct Newsmill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsmill",
        abstract: "Collect news from feeds, recover clean article text, and publish it.",
        discussion: """
            Newsmill reads the sources in its YAML configuration, archives every item in SQLite (each \
            story once, however many outlets carry it) and writes posts (Hexo today). Run it from cron \
            with `run --once`, or keep it running with `daemon`.
            """,
        subcommands: [RunCommand.self, BuildCommand.self, PreviewCommand.self, DaemonCommand.self, StatusCommand.self, HistoryCommand.self, ForgetCommand.self,
                      ParseFeedCommand.self, ParseDateCommand.self, ExtractCommand.self, HTMLCommand.self, RulesCommand.self, StocksCommand.self]
    )

    static func main() async {
        // The heap settings of the commands that have their own, before any thread allocates.
        switch CommandLine.arguments.dropFirst().first {
        case BuildCommand.configuration.commandName: BuildCommand.configureMalloc()
        case RunCommand.configuration.commandName: RunCommand.configureMalloc()
        default: break
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "html" {
            // `html` parses one document and ends: one heap for all threads, readied for it (OneDocumentHeap).
            GlibcMalloc.useOneArena()
            if let file = HTMLCommand.Parse.directTextFile(in: arguments) { HTMLCommand.Parse.printTextDirectly(of: file) }
        }
        await main(nil)
    }
}
