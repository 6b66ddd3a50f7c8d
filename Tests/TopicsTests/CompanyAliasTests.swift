import Testing
import Topics

/// Other names of listed companies (former short names, full names) and longer names that contain a
/// short name without being the company: the gaps the labelled finance articles showed
/// (Fixtures/companies/README.md, "What the misses showed").
struct CompanyAliasTests {
    let stocks = StockRecognizer.bundled

    @Test(arguments: [
        ("其中泛海控股大股东一次性的增持力度最大", "*ST泛海 000046.SZ"),
        ("银泰资源大股东计划增持", "山金国际 000975.SZ"),
        ("比如股指期货方面做得比较多的国泰君安", "国泰海通 601211.SH"),
        ("精功科技：收到浙江证监局行政监管措施决定书", "精工科技 002006.SZ"),
        ("中粮屯河、国电南自等个股跌停", "中粮糖业 600737.SH"),
        ("在全球最大手机代工企业之一的华勤通讯", "华勤技术 603296.SH"),
        ("中国国际金融有限公司首席经济学家", "中金公司 601995.SH"),
        ("包括国信证券、银河证券在内的40家机构", "中国银河 601881.SH"),
    ])
    func anotherNameOfTheCompanyGivesItsTag(text: String, tag: String) {
        #expect(stocks.tags(in: text).contains(tag), "\(text) → \(stocks.tags(in: text))")
    }

    @Test(arguments: [
        "中国银行保险监督管理委员会常德监管分局", "中国银行业监督管理委员会发布", "中国银行业协会称",
        "中国银行间市场交易商协会", "线上线下结合", "鄂尔多斯能化的吨煤成本",
    ])
    func aLongerNameOrAPlaceIsNoCompany(text: String) {
        #expect(stocks.tags(in: text).isEmpty, "\(text) → \(stocks.tags(in: text))")
    }

    @Test func theShortNameStillCountsOutsideTheLongerName() {
        #expect(stocks.tags(in: "中国银行保险监督管理委员会批准中国银行发债") == ["中国银行 601988.SH"])
        #expect(stocks.tags(in: "鄂尔多斯（600295）公告") == ["鄂尔多斯 600295.SH"])
    }

    @Test func anAliasNeedsItsCompanyInTheList() {
        let listings = [StockListing(code: "601229", name: "上海银行", exchange: "SH")]
        #expect(StockRecognizer(listings: listings).tags(in: "泛海控股与上海银行").map { $0 } == ["上海银行 601229.SH"])
    }
}
