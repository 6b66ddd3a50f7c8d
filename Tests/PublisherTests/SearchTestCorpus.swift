import Foundation
import Publisher

/// A small Chinese news site for the search tests: stories with 银行 in the title, in the text, split
/// (银 行, 行银), with AI and 芯片 together, apart and full-width, and a title that looks like a script.
enum SearchTestCorpus {
    static let start = Date(timeIntervalSince1970: 1_658_580_000)  // 2022-07-23 12:40 UTC

    static func document(_ number: Int, title: String, text: String, minutes: Int? = nil) -> SearchDocument {
        SearchDocument(
            path: String(format: "2022/07/story-%03d.html", number), title: title,
            date: start.addingTimeInterval(Double((minutes ?? number * 37) * 60)), source: number % 2 == 0 ? "新浪财经" : "每经网",
            text: text)
    }

    static let documents: [SearchDocument] = {
        var stories = [
            document(1, title: "央行：银行间市场流动性合理充裕", text: "中国人民银行今日开展逆回购操作。"),
            document(2, title: "新能源车销量再创新高", text: "多家银行推出购车贷款优惠，市场反应积极。"),
            document(3, title: "股市收评", text: "银 行板块午后走弱，行银两字分开不算。"),
            document(4, title: "AI芯片出口管制升级", text: "多家企业表示影响有限。"),
            document(5, title: "科技周报", text: "ＡＩ 大模型带动 芯片 需求，算力紧张。"),
            document(6, title: "Aid 计划与芯片", text: "援助计划不涉及人工智能。"),
            document(7, title: "<script>alert(1)</script> 银行 标题", text: "标题里的脚本必须显示为文字。"),
            document(8, title: "人工智能监管新规", text: "人工智能企业需要备案。"),
            document(9, title: "人工 智能", text: "这里的人工和智能没有连在一起，但工智二字出现：工智。"),
            document(10, title: "城商行改革", text: "城市商业银行加快兼并重组，农村商业银行同步推进。"),
        ]
        for number in 11...40 {
            stories.append(document(number, title: "市场快讯 \(number)", text: number % 3 == 0 ? "第\(number)号：银行理财产品收益回落。" : "今日市场平稳运行，成交量\(number)亿元。"))
        }
        return stories
    }()

    /// The paths of the stories whose title or text contains `text` as it is written.
    static func paths(containing text: String) -> Set<String> {
        Set(documents.filter { $0.title.contains(text) || $0.text.contains(text) }.map(\.path))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file under `directory`, by relative path, with its contents.
    static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// The paths whose contents differ between two listings (added, removed or changed).
    static func changes(from before: [String: Data], to after: [String: Data]) -> Set<String> {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }
}
