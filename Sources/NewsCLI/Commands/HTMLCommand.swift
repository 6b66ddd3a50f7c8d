import ArgumentParser
import Foundation
import HTML5Parser

struct HTMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Inspect HTML as Newsmill's parser sees it (for writing site rules).",
        subcommands: [Parse.self, Select.self]
    )

    static func readInput(_ path: String?) throws -> [UInt8] {
        if path == nil || path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let data = FileManager.default.contents(atPath: path!) else {
            throw ValidationError("cannot read \(path!)")
        }
        return [UInt8](data)
    }

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
            let decoded = HTMLEncoding.decode(try HTMLCommand.readInput(file))
            let root: HTMLNode
            if let fragment {
                let parts = fragment.split(separator: " ")
                let (namespace, name): (HTMLNamespace, String) = parts.count == 2
                    ? (parts[0] == "svg" ? .svg : .mathml, String(parts[1])) : (.html, fragment)
                root = HTMLParser.parseFragment(decoded.text, context: name, contextNamespace: namespace, scripting: scripting)
            } else {
                root = HTMLParser.parse(decoded.utf8, scripting: scripting).root
            }
            switch format {
            case .tree: print(root.testFormatTree(), terminator: "")
            case .html: print(root.innerHTML)
            case .text:
                // Straight to standard output as bytes: a whole folder's text is megabytes.
                var bytes: [UInt8] = []
                root.appendTextContent(to: &bytes)
                bytes.append(0x0A)
                FileHandle.standardOutput.write(Data(bytes))
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
