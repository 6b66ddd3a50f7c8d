import Foundation
import Testing

/// The example's site in a real browser (headless Chromium, served by `newsmill preview`):
/// screenshots of the home, a story and the search page at desktop (1280) and phone (390) widths,
/// and the search page finding stories.
///
/// What is compared: the DOM Chromium builds for the home and story pages must equal the committed
/// `Snapshots/site/*.dom.html` (RECORD_SNAPSHOTS=1 re-records them and fails); the screenshots are
/// checked to be PNGs of the requested width with real content, and kept in `Snapshots/site/` as
/// reviewed artifacts (rewritten only when recording) — pixels are not compared, since font
/// rendering differs between machines.
@Suite(.serialized)
struct SiteBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/site")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil }

    /// Runs Chromium headless with `arguments`; its stdout, or nil after 60 s.
    static func browser(_ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-chromium-\(UUID().uuidString)")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio",
                             "--user-data-dir=\(profile.path)", "--lang=zh-CN"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { kill(pid, SIGKILL) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
        return process.terminationReason == .exit ? String(decoding: data, as: UTF8.self) : nil
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    @Test(.timeLimit(.minutes(5)))
    func theExampleSiteRendersInChromiumAtDesktopAndPhoneWidthsAndItsSearchFindsStories() async throws {
        guard Self.chromium != nil else {
            print("SiteBrowserTests skipped: chromium is not installed (apt-get install chromium fonts-noto-cjk)")
            return
        }
        // Always the same folder: a feed file's source key holds its path, and the 财联社 stories (no link
        // of their own) are keyed and named by it, so their page names in the DOM snapshots depend on it.
        let directory = URL(fileURLWithPath: "/tmp/newsmill-site-browser-example", isDirectory: true)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let example = CommandRunner.repositoryRoot.appendingPathComponent("example")
        for name in ["feeds", "newsmill.yaml"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("newsmill.yaml").path
        #expect(try CommandRunner.run(["run", "--config", config, "--once", "--quiet"]).status == 0)
        let preview = try PreviewServer.start(config: config, deadline: 240)
        defer { preview.stop() }
        let base = preview.base
        // The story "工信部将研制中小企业数字化转型指导文件" of 2022-05-26.
        let site = directory.appendingPathComponent("output/site")
        let story = try #require(FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("2022/05").path).first)
        let pages = [("home", ""), ("story", "2022/05/" + story), ("search", "search.html?q=" + "数字化".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)]
        try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
        for (name, path) in pages {
            for (device, width) in [("desktop", 1280), ("phone", 390)] {
                let shot = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-\(UUID().uuidString).png")
                defer { try? FileManager.default.removeItem(at: shot) }
                _ = try Self.browser(["--window-size=\(width),1400", "--virtual-time-budget=3000", "--screenshot=\(shot.path)", base + path])
                let png = try Data(contentsOf: shot)
                #expect(Self.pngSize(png)?.width == width, "\(name) at \(device)")
                #expect(png.count > 10_000, "\(name) at \(device): an almost empty screenshot (\(png.count) bytes)")
                let kept = Self.snapshots.appendingPathComponent("\(name)-\(device).png")
                if Self.recording || !FileManager.default.fileExists(atPath: kept.path) { try png.write(to: kept) }
            }
        }
        // The DOM Chromium builds for the static pages.
        for (name, path) in pages where name != "search" {
            let dom = try #require(try Self.browser(["--dump-dom", base + path]))
            let golden = Self.snapshots.appendingPathComponent("\(name).dom.html")
            if Self.recording {
                try dom.write(to: golden, atomically: true, encoding: .utf8)
                Issue.record("recorded \(golden.path); rerun without RECORD_SNAPSHOTS")
            } else {
                #expect(dom == (try? String(contentsOf: golden, encoding: .utf8)), "\(name): DOM differs from \(golden.path)")
            }
        }
        // Search in the browser: every example story with 数字化 in it is listed, as a link to its page.
        let searched = try #require(try Self.browser(["--virtual-time-budget=5000", "--dump-dom", base + pages[2].1]))
        let results = try #require(searched.range(of: "<div id=\"search-results\"")).upperBound
        let found = searched[results...].components(separatedBy: "<a href=\"").dropFirst().filter { $0.hasPrefix("./20") || $0.hasPrefix("20") }
        // What the index holds: one document file per story under search/docs/<bucket>/.
        let docs = site.appendingPathComponent("search/docs")
        var documents: [[String: Any]] = []
        for bucket in try FileManager.default.contentsOfDirectory(atPath: docs.path) {
            for name in try FileManager.default.contentsOfDirectory(atPath: docs.appendingPathComponent(bucket).path) where name.hasSuffix(".json") {
                let data = try Data(contentsOf: docs.appendingPathComponent(bucket).appendingPathComponent(name))
                documents.append(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
            }
        }
        #expect(documents.count == FileManager.default.enumerator(atPath: site.path)?.allObjects.compactMap { $0 as? String }
            .filter { $0.hasPrefix("20") && $0.hasSuffix(".html") && !$0.hasSuffix("index.html") }.count)
        let containing = documents.filter { (($0["title"] as? String ?? "") + ($0["text"] as? String ?? "")).contains("数字化") }
        #expect(containing.count >= 4)
        #expect(found.count == containing.count, "\(searched[results...].prefix(2000))")
        #expect(searched.contains("<mark>数字化</mark>"))
    }
}
