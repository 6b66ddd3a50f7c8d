/// `newsmill html parse --format text FILE`, run without ArgumentParser.
///
/// Building the command tree (reflection over every command's options, protocol-conformance lookups
/// over a binary this size) costs several milliseconds at each start, more than parsing a whole
/// news page. This exact, common form is recognised directly; every other form (help, other
/// formats, a fragment, an option in another place, standard input) and every failure go through
/// ArgumentParser as before, which reads the file again and gives the error its usual form.
extension HTMLCommand.Parse {
    /// The file of `html parse --format text FILE` (arguments without the program's name), or nil.
    static func directTextFile(in arguments: [String]) -> String? {
        guard arguments.count == 5, arguments[0] == "html", arguments[1] == "parse", arguments[2] == "--format",
            arguments[3] == "text"
        else { return nil }
        let file = arguments[4]
        return file.hasPrefix("-") ? nil : file
    }

    /// Prints the text of `file` and ends the process; returns only when that failed, so that the
    /// caller can run the command through ArgumentParser instead.
    static func printTextDirectly(of file: String) {
        try? printDocument(file: file, format: .text, fragment: nil, scripting: false)
    }
}
