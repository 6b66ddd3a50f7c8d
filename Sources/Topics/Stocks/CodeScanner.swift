/// Finds the code-shaped tokens of folded text, and the context around them.
struct CodeScanner {
    enum Kind: Hashable {
        /// Six digits; `marked` when a market prefix or suffix, or brackets, say it is a code.
        case aShare(String, marked: Bool)
        case hongKong(String)
        /// `named`: written in brackets after its name (`苹果(AAPL.O)`), not as `$AAPL`.
        case us(String, named: Bool)
    }

    struct Code: Hashable {
        var kind: Kind
        /// Where the code's token starts (its bracket, prefix or `$`).
        var start: Int
    }

    let bytes: [UInt8]

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    func at(_ index: Int) -> UInt8? { index >= 0 && index < bytes.count ? bytes[index] : nil }

    func matches(_ text: String, at index: Int) -> Bool {
        let pattern = Array(text.utf8)
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    /// A market suffix right after `index` (`.sh`, `.hk`, `.o`…): its market and length.
    func suffix(at index: Int) -> (String, Int)? {
        guard at(index) == UInt8(ascii: ".") else { return nil }
        var end = index + 1
        while let byte = at(end), Self.isLetter(byte) { end += 1 }
        let word = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        guard ["sh", "sz", "bj", "hk", "o", "n", "oq", "us"].contains(word) else { return nil }
        return (word, end - index)
    }

    func codes() -> [Code] {
        var codes: [Code] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isDigit(byte), !(at(index - 1).map(Self.isDigit) ?? false) {
                var end = index
                while let next = at(end), Self.isDigit(next) { end += 1 }
                let digits = String(decoding: bytes[index..<end], as: UTF8.self)
                if let code = code(digits: digits, start: index, end: end) { codes.append(code) }
                index = end
                continue
            }
            if byte == UInt8(ascii: "$"), let code = dollarTicker(at: index) { codes.append(code) }
            if byte == UInt8(ascii: "("), let code = bracketTicker(at: index) { codes.append(code) }
            index += 1
        }
        return codes
    }

    private func code(digits: String, start: Int, end: Int) -> Code? {
        let before = at(start - 1)
        // Part of a longer word or number (a phone number, 2024-601229, an id in a link).
        if let before, Self.isLetter(before) && !prefixMarket(start) { return nil }
        if let after = at(end), Self.isLetter(after) { return nil }
        if at(end) == UInt8(ascii: "."), let next = at(end + 1), Self.isDigit(next) { return nil }
        let market = suffix(at: end)
        let opened = at(start - 1) == UInt8(ascii: "(")
        let closed = at(end + (market?.1 ?? 0)) == UInt8(ascii: ")")
        switch digits.count {
        case 6:
            if let market, market.0 == "hk" || market.0.count == 1 { return nil }
            let marked = market != nil || prefixMarket(start) || (opened && closed)
            return Code(kind: .aShare(digits, marked: marked), start: prefixMarket(start) ? start - 2 : start)
        case 4, 5:
            if market?.0 == "hk" || (digits.count == 5 && opened && closed && nameBefore(start - 1) != nil) {
                let padded = String(repeating: "0", count: 5 - digits.count) + digits
                return Code(kind: .hongKong(padded), start: opened ? start - 1 : start)
            }
            return nil
        default:
            return nil
        }
    }

    /// `sh`, `sz` or `bj` right before `start`, not inside a longer word.
    func prefixMarket(_ start: Int) -> Bool {
        guard start >= 2 else { return false }
        let prefix = String(decoding: bytes[(start - 2)..<start], as: UTF8.self)
        guard ["sh", "sz", "bj"].contains(prefix) else { return false }
        return !(at(start - 3).map(Self.isLetter) ?? false)
    }

    /// `$AAPL`: a dollar sign and one to five letters, not a price (`$5`) or a longer word.
    private func dollarTicker(at index: Int) -> Code? {
        var end = index + 1
        while let byte = at(end), Self.isLetter(byte) { end += 1 }
        let length = end - index - 1
        guard (1...5).contains(length), !(at(end).map(Self.isDigit) ?? false) else { return nil }
        if let before = at(index - 1), Self.isLetter(before) || Self.isDigit(before) { return nil }
        return Code(kind: .us(String(decoding: bytes[(index + 1)..<end], as: UTF8.self).uppercased(), named: false), start: index)
    }

    /// `(aapl.o)` after a Chinese name: a US ticker with its market suffix.
    private func bracketTicker(at index: Int) -> Code? {
        var end = index + 1
        while let byte = at(end), Self.isLetter(byte) { end += 1 }
        let length = end - index - 1
        guard (1...5).contains(length), let market = suffix(at: end), ["o", "n", "oq", "us"].contains(market.0),
              at(end + market.1) == UInt8(ascii: ")"), nameBefore(index) != nil
        else { return nil }
        return Code(kind: .us(String(decoding: bytes[(index + 1)..<end], as: UTF8.self).uppercased(), named: true), start: index)
    }

    /// Words that say the number next to them is a stock code.
    static let codeContext = ["股票", "代码", "证券", "个股", "a股", "股份"]

    /// Whether 股票, 代码, 证券… stand within a few characters before `start`.
    func hasCodeContext(before start: Int) -> Bool {
        let window = String(decoding: bytes[max(0, start - 18)..<start], as: UTF8.self)
        return Self.codeContext.contains { window.contains($0) }
    }

    /// Characters that end a name when read backwards from a bracket (the particle or verb before it).
    static let nameBreaks: Set<Character> = [
        "的", "了", "在", "与", "和", "及", "是", "为", "对", "将", "把", "从", "向", "由", "据", "称", "如", "像", "、", "，",
        "。", "：", "；", "“", "”", "等", "购", "持", "抛", "买", "卖", "涨", "跌", "关", "注",
    ]

    /// The Chinese name right before `index` (a bracket or a code): up to eight Han characters,
    /// cut at the particle or verb before them; nil when there is none.
    func nameBefore(_ index: Int) -> String? {
        guard index > 0 else { return nil }
        let text = String(decoding: bytes[max(0, index - 36)..<index], as: UTF8.self)
        var name: [Character] = []
        for character in text.reversed() {
            guard character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }), !Self.nameBreaks.contains(character),
                  name.count < 8
            else { break }
            name.insert(character, at: 0)
        }
        return name.count >= 2 ? String(name) : nil
    }
}
