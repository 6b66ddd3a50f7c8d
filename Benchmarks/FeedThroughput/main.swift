// Parses feed files N times and reports CPU seconds, for side-by-side comparison with Python's
// feedparser (scripts/bench-feeds.py drives it).
//
//   FeedThroughput ITERATIONS FILE…   → {"bytes": …, "cpu_seconds": …, "entries": …, "peak_rss_bytes": …}
import BenchmarkSupport
import FeedParsing
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3, let iterations = Int(arguments[1]) else {
    print("usage: FeedThroughput ITERATIONS FILE…")
    exit(2)
}
let files = arguments.dropFirst(2).map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }
var entries = 0
for file in files { entries += (try? FeedParser.parse(file))?.entries.count ?? 0 }  // warm-up
let start = processCPUSeconds()
for _ in 0..<iterations {
    for file in files { entries &+= (try? FeedParser.parse(file))?.entries.count ?? 0 }
}
let elapsed = processCPUSeconds() - start
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
let bytes = files.reduce(0) { $0 + $1.count } * iterations
print("{\"bytes\": \(bytes), \"cpu_seconds\": \(elapsed), \"entries\": \(entries), \"peak_rss_bytes\": \(usage.ru_maxrss * 1024)}")
