import Foundation
import Testing

@testable import HTML5Parser

/// Pages that name no encoding and are not UTF-8: Japanese (Shift_JIS, EUC-JP) and Korean (EUC-KR)
/// are recognised from their bytes, and Chinese stays GB18030.
struct UnlabelledLegacyEncodingTests {
    static let japanese = "東京の株式市場は続伸し、日経平均株価は前日比で上昇しました。"
    static let korean = "서울 증시는 외국인 매수세에 힘입어 상승 마감했습니다."
    static let chinese = [
        "新浪财经：海量资讯、精准解读", "央行宣布降准 释放长期资金约一万亿元", "人民日报", "上海证券交易所今日发布公告，沪指收涨0.5%。",
        "中国 美国 日本 韩国", "北京时间5月1日，国务院新闻办公室举行新闻发布会。", "资讯", "腾讯新闻",
    ]

    static func page(_ text: [UInt8]) -> [UInt8] {
        Array("<!doctype html><html><head><title>t</title></head><body><p>".utf8) + text + Array("</p></body></html>".utf8)
    }

    @Test(arguments: [("CP932", "shift_jis"), ("EUC-JP", "euc-jp")])
    func japaneseIsRecognised(iconvName: String, encoding: String) {
        let decoded = HTMLEncoding.decode(Self.page(IconvDecoder.decodeBack(Self.japanese, to: iconvName)))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text.contains(Self.japanese))
        #expect(decoded.evidence == .bytes)
    }

    @Test func koreanIsRecognised() {
        let decoded = HTMLEncoding.decode(Self.page(IconvDecoder.decodeBack(Self.korean, to: "CP949")))
        #expect(decoded.encoding == "euc-kr")
        #expect(decoded.text.contains(Self.korean))
    }

    @Test(arguments: chinese)
    func chineseStaysGB18030(text: String) {
        let decoded = HTMLEncoding.decode(Self.page(IconvDecoder.decodeBack(text, to: "GB18030")))
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text.contains(text))
    }

    @Test(arguments: [("UTF-16LE", "utf-16le"), ("UTF-16BE", "utf-16be")])
    func utf16WithoutAByteOrderMarkIsRecognised(iconvName: String, encoding: String) {
        let html = String(decoding: Self.page(Array(Self.chinese[5].utf8)), as: UTF8.self)
        let decoded = HTMLEncoding.decode(IconvDecoder.decodeBack(html, to: iconvName))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == html)
    }
}
