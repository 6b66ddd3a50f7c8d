import Extraction
import Foundation
import Testing

/// The two samples' sites, finance.sina.com.cn and nbd.com.cn, through the extractor: the five
/// sample posts' bodies are these sites' own article markup (with the QR/app block, the editor line,
/// nbd's header and cover-image note) as their RSSHub feeds carry it. Expectations written by hand
/// from the samples.
struct SampleSiteTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let file: String
        let url: String
        let opening: String
        let authors: [String]
        let editor: String
        var published: String? = nil
        var testDescription: String { file }
    }

    static let samples = [
        Sample(file: "000_eda5813bcfe087e8.txt", url: "https://finance.sina.com.cn/china/2022-07-23/doc-imizmscv3136549.shtml",
               opening: "7月23日，第二届国有企业数字化转型论坛在福州成功举办。",
               authors: ["江聃"], editor: "李琳琳"),
        Sample(file: "001_bdab65a3409fa631.txt", url: "http://www.nbd.com.cn/articles/2021-04-10/1696541.html",
               opening: "4月9日，《每日经济新闻》记者获悉", authors: ["张蕊"], editor: "易启江", published: "2021-04-10T15:49:51Z"),
        Sample(file: "002_ea1917d2bd379e7c.txt", url: "https://finance.sina.com.cn/jjxw/2021-05-21/doc-ikmyaawc6675046.shtml",
               opening: "5月20日下午，“2021上海国资国企数字化转型创新大赛”在上海召开启动新闻发布会。",
               authors: [], editor: "李昂"),
        Sample(file: "003_80468b9762698496.txt", url: "https://finance.sina.com.cn/jjxw/2022-05-27/doc-imizirau5011036.shtml",
               opening: "5月26日，在“2022数博会”的“工业互联网赋能数字化转型”论坛上",
               authors: ["缴翼飞"], editor: "李墨轩"),
        Sample(file: "004_2ab50a07b353ce4b.txt", url: "https://finance.sina.com.cn/jjxw/2022-07-05/doc-imizmscv0195440.shtml",
               opening: "7月5日，广东省制造业数字化转型现场会在佛山召开", authors: [], editor: "王翔"),
    ]

    /// The sample's body: everything after its front matter.
    static func body(_ file: String) throws -> String {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NewsCLITests/Fixtures/samples/\(file)")
        let post = try String(contentsOf: samples, encoding: .utf8)
        let parts = post.components(separatedBy: "\n---\n")
        return try #require(parts.count >= 2 ? parts.dropFirst().joined(separator: "\n---\n") : nil)
    }

    @Test(arguments: samples)
    func sampleBody(_ sample: Sample) throws {
        let article = ArticleExtractor().extract(html: try Self.body(sample.file), url: sample.url)
        #expect(article.text.contains(sample.opening))
        #expect(!article.text.contains("尽在新浪财经APP"), "the QR/app block goes")
        #expect(!article.text.contains("责任编辑"), "the editor line is metadata, not text")
        #expect(!article.text.contains("封面图片来源"), "nbd's cover-image credit goes")
        #expect(!article.text.contains("每经编辑"), "nbd's byline is metadata, not text")
        #expect(Set(sample.authors).isSubset(of: Set(article.authors)), "authors \(article.authors)")
        #expect(article.editor == sample.editor)
        if let published = sample.published {
            #expect(article.published == ISO8601DateFormatter().date(from: published))
        }
    }
}
