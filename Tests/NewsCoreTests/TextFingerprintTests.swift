import NewsCore
import Testing

struct TextFingerprintTests {
    static let story = """
        国家统计局今日发布数据显示，四月份规模以上工业增加值同比增长百分之六点七，比上月加快二点二个百分点。\
        分三大门类看，采矿业增加值同比增长百分之二点一，制造业增长百分之七点五，电力热力燃气及水生产和供应业增长百分之四点一。\
        分经济类型看，国有控股企业增加值同比增长百分之五点六；股份制企业增长百分之六点七，外商及港澳台投资企业增长百分之五点一。\
        从环比看，四月份规模以上工业增加值比上月增长百分之零点九七。一至四月份，规模以上工业增加值同比增长百分之六点三。
        """
    static let other = """
        中国人民银行决定于五月十五日下调金融机构存款准备金率零点五个百分点，预计释放长期资金约一万亿元。\
        此次降准是全面降准，除已执行百分之五存款准备金率的部分法人金融机构外，对其他金融机构普遍下调。\
        央行有关负责人表示，稳健的货币政策要灵活适度、精准有效，保持流动性合理充裕，引导融资成本稳中有降。
        """

    @Test func sameStoryWithOtherBoilerplateIsANearDuplicate() {
        let sina = TextFingerprint(text: "新浪财经APP 扫码下载 随时随地看行情\n" + Self.story + "\n责任编辑：张三")
        let nbd = TextFingerprint(text: "每经记者 李四 每经编辑 王五\n" + Self.story + "\n封面图片来源：视觉中国\n"
            + "免责声明：本文内容与数据仅供参考，不构成投资建议，使用前请核实。据此操作，风险自担。")
        #expect(sina.isNearDuplicate(of: nbd))
        #expect(TextFingerprint.matchingSlots(sina.sketch, nbd.sketch) >= TextFingerprint.candidateSlots)
    }

    @Test func storiesSharingAParagraphAreNot() {
        let first = TextFingerprint(text: Self.story)
        let quoting = TextFingerprint(text: Self.other + "国家统计局今日发布数据显示，四月份规模以上工业增加值同比增长百分之六点七，比上月加快二点二个百分点。")
        #expect(!first.isNearDuplicate(of: quoting))
        #expect(first.containment(with: quoting) < 0.5)
    }

    @Test func punctuationCaseAndSpacingDoNotMatter() {
        let a = TextFingerprint(text: "The Central Bank kept its benchmark rate unchanged on Wednesday, citing steady growth.")
        let b = TextFingerprint(text: "the central bank  kept its benchmark rate unchanged on wednesday citing steady growth")
        #expect(a == b)
    }

    @Test func shortTextsAreNeverCalledDuplicates() {
        let a = TextFingerprint(text: "降准")
        #expect(a.isTooShort)
        #expect(!a.isNearDuplicate(of: a))
    }
}

extension TextFingerprintTests {
    @Test func unrelatedStoriesRarelyShareSketchSlots() {
        let first = TextFingerprint(text: Self.story)
        let second = TextFingerprint(text: Self.other)
        #expect(TextFingerprint.matchingSlots(first.sketch, second.sketch) < TextFingerprint.candidateSlots)
        #expect(first.sketch.count == TextFingerprint.sketchSize)
    }

    /// A short text that two items share (a disclaimer) makes one story only when their titles agree;
    /// a whole story shared makes one story whatever the titles say.
    @Test func sharedShortTextNeedsAgreeingTitles() {
        let disclaimer = TextFingerprint(text: "免责声明：本文内容与数据仅供参考，不构成投资建议，使用前请核实。据此操作，风险自担。市场有风险，投资需谨慎。")
        #expect(disclaimer.isNearDuplicate(of: disclaimer))
        #expect(!disclaimer.isSameStory(as: disclaimer, title: "光伏板块午后拉升", otherTitle: "券商股集体走强"))
        #expect(disclaimer.isSameStory(as: disclaimer, title: "光伏板块午后拉升", otherTitle: "光伏板块午后拉升！"))
        let story = TextFingerprint(text: Self.story)
        #expect(story.isSameStory(as: story, title: "四月工业增加值同比增长6.7%", otherTitle: "统计局：4月规模以上工业增加值增长6.7%"))
        #expect(!story.isSameStory(as: TextFingerprint(text: Self.other), title: "同一标题", otherTitle: "同一标题"))
    }

    @Test func titlesAgreeByTheirCharacterPairs() {
        #expect(TitleSimilarity.agree("Fed raises rates", "FED RAISES RATES!"))
        #expect(TitleSimilarity.agree("央行宣布降准0.5个百分点", "央行宣布降准0.5个百分点 释放资金1万亿"))
        #expect(!TitleSimilarity.agree("光伏板块午后拉升", "券商股集体走强"))
        #expect(!TitleSimilarity.agree("", "券商股集体走强"))
    }
}
