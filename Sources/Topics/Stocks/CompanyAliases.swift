/// Names of listed companies that news text uses besides the short name in the bundled list, and longer
/// names that contain a short name without being the company. Data, written by hand from the misses and
/// false positives of the labelled finance articles (Tests/TopicsTests/Fixtures/companies/README.md).
extension StockRecognizer {
    /// Other names of a listed company, each enough alone to tag it (like a short name of four characters
    /// or more): former short names (曾用名) that the list, which holds today's names, no longer has, and the
    /// company's other names. Codes a list does not hold are skipped.
    static let otherNames: [(name: String, code: String)] = [
        // Former short names: news archives keep using them.
        ("泛海控股", "000046"), ("银泰资源", "000975"), ("银泰黄金", "000975"), ("智云股份", "300097"),
        ("暴风科技", "300431"), ("暴风集团", "300431"), ("国泰君安", "601211"), ("长园集团", "600525"),
        ("万方发展", "000638"), ("中粮屯河", "600737"), ("精功科技", "002006"), ("中国中期", "000996"),
        ("TCL集团", "000100"), ("德尔家居", "002631"), ("通葡股份", "600365"), ("零七股份", "000007"),
        ("中葡股份", "600084"), ("兖州煤业", "600188"),
        // The same company under another name: its earlier company name, its full name, its brand.
        ("华勤通讯", "603296"), ("中国国际金融", "601995"), ("银河证券", "601881"), ("韵达快递", "002120"),
    ]

    /// Names of institutions that begin with a listed short name but are not the company (中国银行 inside
    /// 中国银行保险监督管理委员会). Matched leftmost-longest like the names, they keep the short name inside
    /// them from tagging; the short name elsewhere in the text still does.
    static let namesThatAreNotTheCompany: [(name: String, code: String)] = [
        ("中国银行保险监督管理委员会", "601988"), ("中国银行业监督管理委员会", "601988"), ("中国银行业协会", "601988"),
        ("中国银行间市场", "601988"),
    ]

    /// The keywords ``otherNames`` and ``namesThatAreNotTheCompany`` add for the companies in `byCode`,
    /// with whether each is enough alone.
    static func aliasEntries(byCode: [String: StockListing]) -> [(name: String, listing: StockListing, alone: Bool)] {
        otherNames.compactMap { alias in byCode[alias.code].map { (alias.name, $0, true) } }
            + namesThatAreNotTheCompany.compactMap { alias in byCode[alias.code].map { (alias.name, $0, false) } }
    }
}
