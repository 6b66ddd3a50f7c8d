// Builds a site's search index from a JSON Lines file of stories and reports what it cost, for
// scripts/bench-search.py:
//
//   SearchIndexThroughput STORIES.jsonl SITE_DIR
//     → {"documents": …, "full_cpu_seconds": …, "full_wall_seconds": …, "full_written": …,
//        "rerun_cpu_seconds": …, "rerun_wall_seconds": …, "rerun_written": …,
//        "one_more_cpu_seconds": …, "one_more_wall_seconds": …, "one_more_written": …, "peak_rss_bytes": …}
//
// Each line: {"path": …, "title": …, "date": seconds since 1970, "source": …, "text": …}. The last story
// is held back for the "one more story" write, which runs after the full build and an unchanged re-run.
// The site's search assets are written too, so that search.js can be run against the index.
import BenchmarkSupport
import Foundation
import Publisher

struct Story: Decodable {
    var path: String
    var title: String
    var date: Double
    var source: String
    var text: String
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let data = FileManager.default.contents(atPath: arguments[1]) else {
    print("usage: SearchIndexThroughput STORIES.jsonl SITE_DIR")
    exit(2)
}
let decoder = JSONDecoder()
let documents = try data.split(separator: UInt8(ascii: "\n")).map { line in
    let story = try decoder.decode(Story.self, from: Data(line))
    return SearchDocument(
        path: story.path, title: story.title, date: Date(timeIntervalSince1970: story.date), source: story.source,
        text: story.text)
}
let writer = SearchIndexWriter(directory: URL(fileURLWithPath: arguments[2]))

func measure(_ documents: [SearchDocument]) throws -> (cpu: Double, wall: Double, written: Int) {
    let cpu = processCPUSeconds()
    let wall = Date()
    let result = try writer.write(documents)
    return (processCPUSeconds() - cpu, Date().timeIntervalSince(wall), result.written + result.removed)
}

let full = try measure(Array(documents.dropLast()))
let rerun = try measure(Array(documents.dropLast()))
let oneMore = try measure(documents)
for asset in SearchIndexWriter.assets {
    _ = try AtomicFileWriter.write(asset.contents, to: URL(fileURLWithPath: arguments[2]).appendingPathComponent(asset.path))
}
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print(
    "{\"documents\": \(documents.count - 1), \"full_cpu_seconds\": \(full.cpu), \"full_wall_seconds\": \(full.wall), "
        + "\"full_written\": \(full.written), \"rerun_cpu_seconds\": \(rerun.cpu), \"rerun_wall_seconds\": \(rerun.wall), "
        + "\"rerun_written\": \(rerun.written), \"one_more_cpu_seconds\": \(oneMore.cpu), "
        + "\"one_more_wall_seconds\": \(oneMore.wall), \"one_more_written\": \(oneMore.written), "
        + "\"peak_rss_bytes\": \(usage.ru_maxrss * 1024)}")
