// Parses every file in a directory N times and reports CPU seconds, for side-by-side comparison
// with other parsers (scripts/bench-parsers.py drives it).
//
//   ParserThroughput DIR ITERATIONS         → {"bytes": …, "cpu_seconds": …, "files": …}
//   ParserThroughput --peak-memory FILE     → {"input_bytes": …, "peak_rss_delta_bytes": …}
import BenchmarkSupport
#if canImport(Glibc)
import Glibc
#endif
import HTML5Parser

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}

func maxRSSBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}

let arguments = CommandLine.arguments
if arguments.count == 3 && arguments[1] == "--peak-memory" {
    let bytes = readFile(arguments[2])
    // Load the parser's static tables first so that only the document's own cost is measured.
    withExtendedLifetime(HTMLParser.parse(Array("<p>&amp;<svg><path/></svg><table><tr><td>x".utf8))) {}
    let before = maxRSSBytes()
    let document = HTMLParser.parse(bytes)
    let after = maxRSSBytes()
    withExtendedLifetime(document) {}
    print("{\"input_bytes\": \(bytes.count), \"peak_rss_delta_bytes\": \(after - before)}")
    exit(0)
}
guard arguments.count == 3, let iterations = Int(arguments[2]) else {
    print("usage: ParserThroughput DIR ITERATIONS | --peak-memory FILE")
    exit(2)
}
let directory = arguments[1]
var documents: [[UInt8]] = []
if let handle = opendir(directory) {
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name.hasSuffix(".html") { documents.append(readFile(directory + "/" + name)) }
    }
    closedir(handle)
}
let totalBytes = documents.reduce(0) { $0 + $1.count }
var sink = 0
for document in documents { sink &+= HTMLParser.parse(document).root.children.count }  // warm-up
let start = processCPUSeconds()
for _ in 0..<iterations {
    for document in documents { sink &+= HTMLParser.parse(document).root.children.count }
}
let elapsed = processCPUSeconds() - start
print("{\"bytes\": \(totalBytes * iterations), \"cpu_seconds\": \(elapsed), \"files\": \(documents.count), \"sink\": \(sink)}")
