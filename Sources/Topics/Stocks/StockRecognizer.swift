/// Finds the listed companies a Chinese text mentions and names each with one tag
/// (`上海银行 601229.SH`, `腾讯控股 00700.HK`, `苹果 AAPL`).
///
/// Forms read, on folded text (so full-width digits, letters and brackets count too):
/// - A shares: `601229.SH`, `sh601229`, `上海银行(601229)`, `上海银行（601229.SH）`, the listed short name
///   alone (four characters or more, and not one of the names that read as common words), and a bare
///   six-digit code only with context: 股票/代码/证券 just before it, or the company's name in the text.
///   A code must be in the list.
/// - Hong Kong: `00700.HK` (or `0700.HK`), `腾讯控股(00700)`, `腾讯控股(00700.HK)`.
/// - US tickers in Chinese text: `苹果(AAPL.O)` (`.O`, `.N`, `.US`), `$AAPL`.
/// Precision comes first: a number without context is never a code.
public struct StockRecognizer: Sendable {
    let byCode: [String: StockListing]
    let listings: [StockListing]
    /// The names' automaton, built the first time ``tags(in:)`` asks: a rule set with the list scans
    /// for the names with its own automaton, so a run with rules never builds this one.
    private let names: LazyAutomaton
    /// The folded names ``names`` finds, by id: a rule set scans for them together with its keywords.
    var nameKeywords: [[UInt8]] { names.keywords }
    /// For each name in ``names``: the listing, and whether the name alone is enough.
    private let nameListings: [(listing: StockListing, alone: Bool)]

    /// Short names that read as ordinary words in news text (a name alone never tags them; with a code it does).
    static let commonWordNames: Set<String> = [
        "机器人", "农产品", "太阳能", "数字认证", "智慧农业", "信息发展", "国际医学", "城市传媒", "数据港", "电子城",
        // News sites name themselves in datelines and credits, not as companies.
        "新华网", "人民网",
        // Sector or country phrases: 中国医药行业, 中国软件产业, 中国建筑业, 中国电影市场, 中国核电发展.
        "创业黑马", "中国医药", "中国软件", "中国建筑", "国新能源", "大众交通", "数字政通", "智能自控", "新经典", "东方电子",
        "中国电影", "中国出版", "长江传媒", "国际实业", "中国卫星", "中国高科", "中国核电",
        // Verb–noun phrases: 建设工业互联网.
        "建设工业",
        // A phrase and a place name: 线上线下结合, 鄂尔多斯能化.
        "线上线下", "鄂尔多斯",
    ]

    /// The companies of `listings` (the bundled A-share list by default: ``bundled``).
    public init(listings: [StockListing]) {
        self.listings = listings
        byCode = Dictionary(listings.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [(StockListing, Bool)] = []
        var keywords: [[UInt8]] = []
        for listing in listings {
            let name = listing.name
            guard name.count >= 3, !name.hasPrefix("PT") else { continue }
            // Names of state-owned giants such as 中国银行 are the company; the list above keeps the ones
            // that also read as a word or as a sector (中国医药) out of name-only recognition.
            let alone = name.count >= 4 && !Self.commonWordNames.contains(name) && !name.contains("ST")
            entries.append((listing, alone))
            keywords.append(FoldedText(name).bytes)
        }
        // Former and other names, and longer names that are not the company (CompanyAliases.swift).
        for alias in Self.aliasEntries(byCode: byCode) {
            entries.append((alias.listing, alias.alone))
            keywords.append(FoldedText(alias.name).bytes)
        }
        nameListings = entries
        names = LazyAutomaton(keywords: keywords)
    }

    /// The bundled A-share list (see Sources/Topics/Stocks/a-shares.csv for its provenance).
    public static let bundled: StockRecognizer = {
        let listings = (try? StockListCSV.parse(StockListing.bundledCSV)) ?? []
        return StockRecognizer(listings: listings)
    }()

    /// Names the list, for the rules' hash: a refreshed list decides the archive again.
    public var signature: String {
        "\(listings.count):" + StableHashBridge.hex(listings.map { "\($0.code)\($0.name)" }.joined(separator: ","))
    }

    /// The tags of the companies `text` mentions, in order of first mention.
    public func tags(in text: String) -> [String] { tags(in: FoldedText(text).bytes) }

    /// The tags of the companies the folded text mentions, in order of first mention.
    public func tags(in bytes: [UInt8]) -> [String] {
        var candidates: [KeywordAutomaton.Match] = []
        names.automaton.scan(bytes) { candidates.append($0) }
        return tags(in: bytes, names: candidates)
    }

    /// The tags of the companies the folded text mentions, given where ``nameKeywords`` occur in it
    /// (every occurrence, with the name's id as ``KeywordAutomaton/Match/keyword``).
    func tags(in bytes: [UInt8], names candidates: [KeywordAutomaton.Match]) -> [String] {
        var candidates = candidates
        var found: [(position: Int, key: String, tag: String)] = []
        var seen = Set<String>()
        func add(_ position: Int, _ key: String, _ tag: String) {
            if seen.insert(key).inserted { found.append((position, key, tag)) }
        }
        // Names first: they give the bare codes their context.
        var mentioned = Set<String>()
        var nameEnd = -1
        // Leftmost-longest, without overlaps.
        candidates.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        for match in candidates where match.start >= nameEnd {
            let entry = nameListings[match.keyword]
            mentioned.insert(entry.listing.code)
            nameEnd = match.end
            if entry.alone { add(match.start, entry.listing.code, entry.listing.tag) }
        }
        let scanner = CodeScanner(bytes: bytes)
        for code in scanner.codes() {
            switch code.kind {
            case .aShare(let digits, let marked):
                guard let listing = byCode[digits] else { continue }
                if marked || mentioned.contains(digits) || scanner.hasCodeContext(before: code.start) {
                    add(code.start, digits, listing.tag)
                }
            case .hongKong(let digits):
                let name = scanner.nameBefore(code.start)
                add(code.start, "hk:" + digits, [name, digits + ".HK"].compactMap { $0 }.joined(separator: " "))
            case .us(let ticker, let named):
                let name = named ? scanner.nameBefore(code.start) : nil
                let key = "us:" + ticker
                if let index = found.firstIndex(where: { $0.key == key }), name != nil, !found[index].tag.contains(" ") {
                    found[index].tag = "\(name!) \(ticker)"
                }
                add(code.start, key, [name, ticker].compactMap { $0 }.joined(separator: " "))
            }
        }
        return found.sorted { $0.position < $1.position }.map(\.tag)
    }
}
