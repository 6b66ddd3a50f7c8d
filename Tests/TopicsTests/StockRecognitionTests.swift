import Testing
import Topics

/// Company recognition: one tag per company, whatever form the text uses; precision first.
struct StockRecognitionTests {
    let stocks = StockRecognizer.bundled

    @Test(arguments: [
        "上海银行(601229)发布公告", "上海银行（601229.SH）发布公告", "上海银行（６０１２２９）发布公告", "资金流入601229.SH",
        "资金流入sh601229", "资金流入SH601229", "股票代码：601229", "上海银行今日公告，601229收涨", "上海银行发布年报",
    ])
    func everyFormOfAnAShareGivesOneTag(text: String) {
        #expect(stocks.tags(in: text) == ["上海银行 601229.SH"], "\(text)")
    }

    @Test func twoFormsOfOneCompanyGiveOneTag() {
        #expect(stocks.tags(in: "上海银行(601229)……上海银行（601229.SH）") == ["上海银行 601229.SH"])
    }

    @Test func namesAreNormalisedFromTheList() {
        // The list writes 万科Ａ (full-width A).
        #expect(stocks.tags(in: "万科A（000002）公告") == ["万科A 000002.SZ"])
    }

    @Test(arguments: [
        "电话 021-601229 转", "订单号601229已发货", "共计601229元", "2024年601229人次", "http://x.example/601229.html",
        "版本 1.601229", "机器人产业规模扩大", "农产品价格上涨", "太阳能发电", "编号a601229", "601229.5吨",
    ])
    func numbersAndWordsWithoutContextAreNoCompanies(text: String) {
        #expect(stocks.tags(in: text).isEmpty, "\(text) → \(stocks.tags(in: text))")
    }

    @Test func aCodeNotInTheListIsNoCompany() {
        #expect(stocks.tags(in: "某公司（699999.SH）").isEmpty)
    }

    @Test func aShortNameStillCountsWithItsCode() {
        #expect(stocks.tags(in: "机器人（300024）涨停") == ["机器人 300024.SZ"])
    }

    @Test(arguments: [
        ("腾讯控股(00700)股价", ["腾讯控股 00700.HK"]), ("买入00700.HK", ["00700.HK"]), ("腾讯控股（0700.HK）", ["腾讯控股 00700.HK"]),
        ("苹果(AAPL.O)市值", ["苹果 AAPL"]), ("关注$AAPL走势", ["AAPL"]), ("苹果（AAPL.O）与$AAPL", ["苹果 AAPL"]),
        ("特斯拉（TSLA.O）与英伟达(NVDA.O)", ["特斯拉 TSLA", "英伟达 NVDA"]),
    ])
    func hongKongAndUSTickers(text: String, expected: [String]) {
        #expect(stocks.tags(in: text) == expected, "\(text)")
    }

    @Test(arguments: ["售价$5", "共(12345)件", "US$100", "(ABC)"])
    func pricesAndBracketsAreNoTickers(text: String) {
        #expect(stocks.tags(in: text).isEmpty, "\(text) → \(stocks.tags(in: text))")
    }

    @Test func theCSVReaderNormalisesNamesAndRefusesBadLines() throws {
        let listings = try StockListCSV.parse("stock_code,short_name,exchange,list_date\n000002,万科 Ａ,SZ,1991-01-29\n")
        #expect(listings == [StockListing(code: "000002", name: "万科A", exchange: "SZ")])
        #expect(throws: StockListCSV.Problem.self) { try StockListCSV.parse("stock_code,short_name,exchange\n60122,上海银行,SH\n") }
        #expect(throws: StockListCSV.Problem.self) { try StockListCSV.parse("601229,上海银行\n") }
    }
}
