// Extracts the article of every .html file in a directory N times, in one process, and reports CPU
// seconds (scripts/bench-extract.py drives it for the pages-per-CPU-second figure).
//
//   ExtractThroughput DIR ITERATIONS   → {"pages": …, "cpu_seconds": …}
import BenchmarkSupport
import Extraction
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let iterations = Int(arguments[2]) else {
    print("usage: ExtractThroughput DIR ITERATIONS")
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[1])
let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }.sorted()) ?? []
let pages = names.map { [UInt8](FileManager.default.contents(atPath: directory.appendingPathComponent($0).path) ?? Data()) }
let extractor = ArticleExtractor()
var sink = 0
for page in pages { sink &+= extractor.extract(page).text.utf8.count }  // warm-up
let start = processCPUSeconds()
for _ in 0..<iterations {
    for page in pages { sink &+= extractor.extract(page).text.utf8.count }
}
let elapsed = processCPUSeconds() - start
print("{\"pages\": \(pages.count * iterations), \"cpu_seconds\": \(elapsed), \"sink\": \(sink)}")
