import Foundation
import NewsCore
import Testing
import Topics

/// An item and its source, as the rules read them.
func makeItem(title: String, html: String = "<p>正文</p>", author: String? = nil, link: String? = "https://news.example/a.html",
              categories: [String] = [], source: Source = makeSource()) -> Item {
    var item = Item(key: "k:" + title, sourceKey: source.key, title: title, link: link, date: Date(timeIntervalSince1970: 0),
                    dateOrigin: .feed, firstSeen: Date(timeIntervalSince1970: 0), author: author, html: html)
    item.categories = categories
    return item
}

func makeSource(group: String = "金融", site: String = "新浪财经", url: String = "https://feeds.example/a.xml") -> Source {
    Source(group: group, site: site, channel: site, url: url, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
}

func keep(_ words: [String], all: [String] = [], in fields: [RuleField] = [.title, .text], name: String? = nil,
          scope: RuleScope = .global, path: String = "filters[0]") -> TopicRule {
    TopicRule(action: .keep, name: name, conditions: [RuleCondition(any: words.map(RulePattern.init(parsing:)),
              all: all.map(RulePattern.init(parsing:)), fields: fields)], scope: scope, path: path)
}

func block(_ words: [String], in fields: [RuleField] = [.title, .text], scope: RuleScope = .global, path: String = "filters[1]") -> TopicRule {
    TopicRule(action: .block, conditions: [RuleCondition(any: words.map(RulePattern.init(parsing:)), fields: fields)], scope: scope, path: path)
}

/// Keep and block rules: every kind of pattern, every field, how text is matched.
struct RuleMatchingTests {
    @Test func aKeepRuleKeepsOnlyWhatMatchesAndNamesItsTopic() throws {
        let rules = try RuleSet(rules: [keep(["数字化转型"], name: "数字化转型")])
        let on = rules.decide(makeItem(title: "国企数字化转型论坛举办"), source: nil)
        #expect(on.isKept)
        #expect(on.topics == ["数字化转型"])
        #expect(on.explanation.hasPrefix("kept by filters[0] 数字化转型"))
        let off = rules.decide(makeItem(title: "央行公开市场操作"), source: nil)
        #expect(!off.isKept)
        #expect(off.topics.isEmpty)
        #expect(off.explanation.contains("no keep rule of the global scope matched"), "\(off.explanation)")
    }

    @Test func keywordsMatchInsideCJKTextWithoutWordBoundaries() throws {
        let rules = try RuleSet(rules: [keep(["数智化"])])
        #expect(rules.decide(makeItem(title: "推进企业数智化升级"), source: nil).isKept)
    }

    @Test(arguments: ["Fintech 周报", "FINTECH周报", "ＦｉｎＴｅｃｈ周报"])
    func latinIsMatchedWithoutCaseAndWidth(title: String) throws {
        let rules = try RuleSet(rules: [keep(["fintech"])])
        #expect(rules.decide(makeItem(title: title), source: nil).isKept)
    }

    @Test func fullWidthKeywordsMatchHalfWidthText() throws {
        let rules = try RuleSet(rules: [keep(["５Ｇ"])])
        #expect(rules.decide(makeItem(title: "5G基站建设提速"), source: nil).isKept)
    }

    @Test func allNeedsEveryWord() throws {
        let rules = try RuleSet(rules: [keep([], all: ["银行", "数字化"])])
        #expect(rules.decide(makeItem(title: "银行业数字化报告"), source: nil).isKept)
        #expect(!rules.decide(makeItem(title: "银行业年报"), source: nil).isKept)
    }

    @Test func anyAndAllTogetherNeedBoth() throws {
        let rules = try RuleSet(rules: [keep(["转型", "升级"], all: ["制造"])])
        #expect(rules.decide(makeItem(title: "制造业转型"), source: nil).isKept)
        #expect(!rules.decide(makeItem(title: "零售业转型"), source: nil).isKept)
    }

    @Test func regularExpressionsMatchTheFoldedText() throws {
        let rules = try RuleSet(rules: [keep(["/数字(经济|政府)/", "/\\bAI\\b/"])])
        #expect(rules.decide(makeItem(title: "数字政府建设"), source: nil).isKept)
        #expect(rules.decide(makeItem(title: "数字经济规模"), source: nil).isKept)
        #expect(rules.decide(makeItem(title: "Ai 芯片"), source: nil).isKept)
        #expect(!rules.decide(makeItem(title: "数字货币"), source: nil).isKept)
        #expect(!rules.decide(makeItem(title: "Paint 软件"), source: nil).isKept)
    }

    @Test func aBadRegularExpressionIsAProblemNamingTheRule() {
        #expect(throws: RuleSet.Problem.self) { try RuleSet(rules: [keep(["/数字(/"], path: "filters[3]")]) }
        do {
            _ = try RuleSet(rules: [keep(["/数字(/"], path: "filters[3]")])
        } catch {
            #expect((error as? RuleSet.Problem)?.path == "filters[3]")
        }
    }

    @Test func theTextFieldReadsTheBodyWithoutItsMarkup() throws {
        let rules = try RuleSet(rules: [keep(["云计算"], in: [.text])])
        #expect(rules.decide(makeItem(title: "t", html: "<p>发展<b>云计算</b>产业</p>"), source: nil).isKept)
        // A tag between two halves of a word is a block boundary only for block tags; attributes are not text.
        #expect(!rules.decide(makeItem(title: "云计算", html: "<p data-x=\"云计算\">无关</p>"), source: nil).isKept)
        #expect(!rules.decide(makeItem(title: "t", html: "<script>var a='云计算'</script><p>无关</p>"), source: nil).isKept)
        #expect(rules.decide(makeItem(title: "t", html: "<p>云&#35745;算</p>"), source: nil).isKept)
    }

    @Test func eachFieldIsReadOnlyWhenNamed() throws {
        let byAuthor = try RuleSet(rules: [block(["某某"], in: [.author])])
        #expect(!byAuthor.decide(makeItem(title: "t", author: "记者 某某"), source: nil).isKept)
        #expect(byAuthor.decide(makeItem(title: "某某说", author: "张三"), source: nil).isKept)
        let byLink = try RuleSet(rules: [block(["/video/"], in: [.link])])
        #expect(!byLink.decide(makeItem(title: "t", link: "https://x.example/video/1.html"), source: nil).isKept)
        #expect(byLink.decide(makeItem(title: "/video/", link: "https://x.example/news/1.html"), source: nil).isKept)
        let byCategory = try RuleSet(rules: [keep(["科技"], in: [.category])])
        #expect(byCategory.decide(makeItem(title: "t", categories: ["财经", "科技"]), source: nil).isKept)
        #expect(!byCategory.decide(makeItem(title: "科技"), source: nil).isKept)
    }
}

/// Scopes and precedence: block before keep; the most specific scope's keep rules decide.
struct RulePrecedenceTests {
    @Test func blockComesBeforeKeep() throws {
        let rules = try RuleSet(rules: [keep(["数字化转型"], name: "数字化转型"), block(["招聘"], in: [.title])])
        let decision = rules.decide(makeItem(title: "数字化转型人才招聘"), source: nil)
        #expect(!decision.isKept)
        #expect(decision.explanation.hasPrefix("blocked by filters[1]"))
        // The topic still shows for `rules test`, but the item is not published.
        #expect(decision.topics == ["数字化转型"])
    }

    @Test func aGroupRuleAppliesOnlyToItsGroup() throws {
        let rules = try RuleSet(rules: [block(["广告"], scope: .group("金融"), path: "groups[0].filters[0]")])
        let finance = makeSource(group: "金融")
        let tech = makeSource(group: "科技", url: "https://feeds.example/b.xml")
        #expect(!rules.decide(makeItem(title: "广告", source: finance), source: finance).isKept)
        #expect(rules.decide(makeItem(title: "广告", source: tech), source: tech).isKept)
    }

    @Test func aSourceRuleAppliesOnlyToItsSource() throws {
        let one = makeSource(url: "https://feeds.example/one.xml")
        let two = makeSource(url: "https://feeds.example/two.xml")
        let rules = try RuleSet(rules: [block(["直播预告"], scope: .source(one.key), path: "groups[0].sources[0].filters[0]")])
        #expect(!rules.decide(makeItem(title: "直播预告", source: one), source: one).isKept)
        #expect(rules.decide(makeItem(title: "直播预告", source: two), source: two).isKept)
    }

    @Test func theMostSpecificScopeWithKeepRulesDecides() throws {
        let wide = makeSource(url: "https://feeds.example/wide.xml")
        let dedicated = makeSource(url: "https://feeds.example/dedicated.xml")
        let rules = try RuleSet(rules: [
            keep(["数字化转型"], path: "filters[0]"),
            keep(["/./"], scope: .source(dedicated.key), path: "groups[0].sources[1].filters[0]"),
        ])
        #expect(!rules.decide(makeItem(title: "央行公告", source: wide), source: wide).isKept)
        #expect(rules.decide(makeItem(title: "央行公告", source: dedicated), source: dedicated).isKept)
    }

    @Test func aGlobalBlockStillBlocksWhatASourceKeeps() throws {
        let source = makeSource()
        let rules = try RuleSet(rules: [
            block(["广告"], path: "filters[0]"), keep(["广告"], scope: .source(source.key), path: "groups[0].sources[0].filters[0]"),
        ])
        #expect(!rules.decide(makeItem(title: "广告", source: source), source: source).isKept)
    }

    @Test func outputRulesDecideOnlyForTheirOutput() throws {
        let rules = try RuleSet(rules: [keep(["银行"], scope: .output(1), path: "outputs[1].filters[0]")])
        let item = makeItem(title: "券商研报")
        #expect(rules.decide(item, source: nil).isKept)
        #expect(rules.decide(item, output: 0).isKept)
        #expect(!rules.decide(item, output: 1).isKept)
        #expect(rules.decide(makeItem(title: "银行理财"), output: 1).isKept)
    }

    @Test func withoutRulesEverythingIsKeptAndTaggedWithItsCategories() {
        let decision = RuleSet.empty.decide(makeItem(title: "t", categories: ["宏观", " 宏观 ", "A股"]), source: nil)
        #expect(decision.isKept)
        #expect(decision.tags == ["宏观", "A股"])
    }

    @Test func keywordListsTagWhatMentionsThem() throws {
        let rules = try RuleSet(tags: [TagRule(tag: "人工智能", condition: RuleCondition(any: [.keyword("大模型"), .keyword("AI")]))])
        #expect(rules.decide(makeItem(title: "大模型落地"), source: nil).tags == ["人工智能"])
        #expect(rules.decide(makeItem(title: "债市"), source: nil).tags.isEmpty)
    }

    @Test func theHashChangesWithAnyRule() throws {
        let one = try RuleSet(rules: [keep(["数字化"])])
        let two = try RuleSet(rules: [keep(["数字化", "数智化"])])
        #expect(one.hash != two.hash)
        #expect(try RuleSet(rules: [keep(["数字化"])]).hash == one.hash)
        #expect(RuleSet.empty.hash != one.hash)
    }
}

/// Regular expressions run only where the literal they start with occurs; the answers must not change.
struct RegexPrefilterTests {
    @Test(arguments: [
        ("/数字(经济|政府)/", "数字政府建设", true), ("/数字(经济|政府)/", "数字货币", false), ("/\\bAI\\b/", "ai 芯片", true),
        ("/数智?化/", "数化转型", true), ("/数智?化/", "数智化", true), ("/银行|券商/", "券商研报", true),
        ("/(银行|券商)研报/", "券商研报", true), ("/[0-9]+亿元/", "募资12亿元", true), ("/ＡＢ+/", "abbb", true),
    ])
    func prefilteredRegexesMatchAsBefore(pattern: String, title: String, expected: Bool) throws {
        let rules = try RuleSet(rules: [keep([pattern])])
        #expect(rules.decide(makeItem(title: title), source: nil).isKept == expected, "\(pattern) on \(title)")
    }
}

/// The text rules and company recognition read: markup, comments and scripts are not text.
struct PlainTextTests {
    @Test func commentsAreNoTextEvenWhenTheyHoldMarkup() {
        let text = PlainText.of(html: "<p>正文</p><!-- <a href=\"x\">贵州茅台</a> <b>-0.3%</b> --><p>结尾</p>")
        #expect(!text.contains("贵州茅台"), "\(text)")
        #expect(text.contains("正文") && text.contains("结尾"))
    }

    @Test func anUnclosedCommentEndsTheText() {
        #expect(PlainText.of(html: "<p>正文</p><!-- 贵州茅台").contains("正文"))
        #expect(!PlainText.of(html: "<p>正文</p><!-- 贵州茅台").contains("茅台"))
    }
}
