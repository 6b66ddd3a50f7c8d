import Testing
import Topics

/// Simplified/traditional insensitivity (OpenCC's character table) and the t2s conversion.
struct TraditionalMatchingTests {
    @Test func aSimplifiedKeywordMatchesTraditionalTextWhenAsked() throws {
        let rule = keep(["数字化转型"])
        let insensitive = try RuleSet(rules: [rule], variants: .traditionalToSimplified)
        #expect(insensitive.decide(makeItem(title: "推動企業數字化轉型"), source: nil).isKept)
        // A traditional keyword matches simplified text too: both sides are folded.
        #expect(try RuleSet(rules: [keep(["數據"])], variants: .traditionalToSimplified).decide(makeItem(title: "数据要素"), source: nil).isKept)
        // Without the option the forms differ.
        #expect(!(try RuleSet(rules: [rule]).decide(makeItem(title: "推動企業數字化轉型"), source: nil).isKept))
    }

    @Test func conversionIsCharacterByCharacter() {
        let variants = CharacterVariants.traditionalToSimplified
        #expect(variants.convert("臺灣銀行發佈數據：經濟增長") == "台湾银行发布数据：经济增长")
        #expect(variants.convert("乾坤") == "乾坤")
        #expect(variants.convertHTML("<a href=\"https://x.example/國\">國家</a>") == "<a href=\"https://x.example/國\">国家</a>")
        #expect(variants.convert("Latin stays, 简体不变") == "Latin stays, 简体不变")
    }
}
