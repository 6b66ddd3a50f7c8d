import ArgumentParser
import Foundation
import Topics

/// `newsmill stocks`: the company list that tags recognise, and trying it on a text.
struct StocksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocks",
        abstract: "Refresh the A-share code list, or show the companies a text mentions.",
        subcommands: [Refresh.self, Tag.self]
    )

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Read a code list (stock_code,short_name,exchange[,list_date]) and write it normalised.",
            discussion: """
                Names are normalised (full-width forms made half-width, inner spaces removed) and the list \
                sorted by code. The output is a CSV for `tags: { stocks: FILE }`, or, written to \
                Sources/Topics/Stocks/a-shares.csv, the list Newsmill bundles. \
                The provenance (where the list comes from, its licence) is kept from the input's `#` lines \
                or given with --provenance.
                """
        )

        @Option(help: "The CSV to read.")
        var from: String

        @Option(help: "Where to write the normalised list (a CSV).")
        var out: String

        @Option(help: "Where the list comes from and its licence, when the input has no `#` lines.")
        var provenance: String?

        func run() async throws {
            let text: String
            do {
                text = try String(contentsOfFile: from, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read \(from): \(error.localizedDescription)")
            }
            let listings: [StockListing]
            do {
                listings = try StockListCSV.parse(text)
            } catch {
                throw ValidationError("\(from): \(error)")
            }
            guard !listings.isEmpty else { throw ValidationError("\(from) lists no company") }
            guard let origin = provenance ?? StockListCSV.provenance(of: text) else {
                throw ValidationError("\(from) does not say where it comes from: give --provenance \"source, licence\"")
            }
            let output = StockListCSV.render(listings, provenance: origin)
            do {
                try output.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            print("\(listings.count) companies written to \(out)")
        }
    }

    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Print the company tags of each file's text (HTML or plain text), one file per line."
        )

        @Argument(help: "Text or HTML files.")
        var files: [String]

        func run() async throws {
            for file in files {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw ValidationError("cannot read \(file) as UTF-8")
                }
                let plain = text.contains("<") ? PlainText.of(html: text) : text
                print("\(file)\t\(StockRecognizer.bundled.tags(in: plain).joined(separator: "|"))")
            }
        }
    }
}
