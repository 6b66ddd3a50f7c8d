import ArgumentParser
import Foundation
import HTML5Parser

struct HTMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Inspect HTML as Newsmill's parser sees it (for writing site rules).",
        subcommands: [Parse.self, Select.self]
    )

    struct Parse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse a document or fragment and print it.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case tree, html, text }

        @Argument(help: "The HTML file, or - for standard input.")
        var file: String?

        @Option(help: "tree (html5lib test format), html (serialized) or text.")
        var format: Format = .tree

        @Option(help: "Parse as a fragment inside this context element (e.g. div, tr, 'svg path').")
        var fragment: String?

        @Flag(help: "Parse with the scripting flag on (<noscript> content is raw text).")
        var scripting = false

        func run() async throws {
            try Self.printDocument(file: file, format: format, fragment: fragment, scripting: scripting)
        }

        static func printDocument(file: String?, format: Format, fragment: String?, scripting: Bool) throws {
            let input = try HTMLCommand.readInput(file) { length in
                if format == .text && fragment == nil { OneDocumentHeap.prepare(forInputOfLength: length) }
            }
            // The decoded bytes are handed to the parser as its only reference, so it need not copy them.
            let utf8 = HTMLEncoding.decode(input).utf8
            let root: HTMLNode
            if let fragment {
                let parts = fragment.split(separator: " ")
                let (namespace, name): (HTMLNamespace, String) = parts.count == 2
                    ? (parts[0] == "svg" ? .svg : .mathml, String(parts[1])) : (.html, fragment)
                root = HTMLParser.parseFragment(String(decoding: utf8, as: UTF8.self), context: name, contextNamespace: namespace, scripting: scripting)
            } else {
                root = HTMLParser.parse(consume utf8, scripting: scripting).root
            }
            switch format {
            case .tree: print(root.testFormatTree(), terminator: "")
            case .html: print(root.innerHTML)
            case .text:
                // Straight to standard output as bytes, a piece at a time: a whole folder's text is megabytes.
                root.writeTextContent(to: HTMLCommand.writeToStandardOutput)
                [UInt8(0x0A)].withUnsafeBufferPointer(HTMLCommand.writeToStandardOutput)
                // A one-shot command: the process ends here, and the tree (hundreds of thousands of
                // nodes on a big input) need not be freed node by node first.
                Foundation.exit(EXIT_SUCCESS)
            }
        }
    }

    struct Select: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the outer HTML of every element matching a CSS selector.")

        @Argument(help: "The CSS selector.")
        var selector: String

        @Argument(help: "The HTML file, or - for standard input.")
        var file: String?

        func run() async throws {
            let parsed: CSSSelector
            do {
                parsed = try CSSSelector(selector)
            } catch {
                throw ValidationError("\(error)")
            }
            let document = HTMLParser.parse(HTMLEncoding.decode(try HTMLCommand.readInput(file)).utf8)
            for node in document.root.select(parsed) { print(node.outerHTML) }
        }
    }
}
