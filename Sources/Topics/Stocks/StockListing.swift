/// One listed company: its code, its short name and its exchange (`SH`, `SZ`, `BJ`, `HK`).
public struct StockListing: Sendable, Hashable {
    public var code: String
    public var name: String
    public var exchange: String

    public init(code: String, name: String, exchange: String) {
        self.code = code
        self.name = Self.normalizedName(name)
        self.exchange = exchange.uppercased()
    }

    /// The one tag a company gets, however the text wrote it: `上海银行 601229.SH`.
    public var tag: String { "\(name) \(code).\(exchange)" }

    /// A name with full-width forms made half-width (`万科Ａ` → `万科A`) and no spaces inside.
    public static func normalizedName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x20, 0x3000, 0x09, 0xA0: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

/// Reading and writing the code lists (`stock_code,short_name,exchange[,list_date]`, with a header).
public enum StockListCSV {
    /// A problem with one line of a list, located.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The listings of a CSV text. Lines starting with `#` are comments (the provenance line).
    /// - Throws: ``Problem`` for a line without code, name and exchange, or with a code that is not six digits.
    public static func parse(_ text: String) throws -> [StockListing] {
        var listings: [StockListing] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("stock_code") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters() }
            guard fields.count >= 3, !fields[1].isEmpty else {
                throw Problem(line: index + 1, message: "expected stock_code,short_name,exchange, found \"\(line)\"")
            }
            let code = fields[0]
            guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw Problem(line: index + 1, message: "the code \"\(code)\" is not six digits")
            }
            guard ["SH", "SZ", "BJ"].contains(fields[2].uppercased()) else {
                throw Problem(line: index + 1, message: "the exchange \"\(fields[2])\" is not SH, SZ or BJ")
            }
            listings.append(StockListing(code: code, name: fields[1], exchange: fields[2]))
        }
        return listings
    }

    /// The list as CSV, names normalised, sorted by code, under a provenance comment.
    public static func render(_ listings: [StockListing], provenance: String) -> String {
        var text = provenance.split(whereSeparator: \.isNewline).map { "# " + $0 }.joined(separator: "\n") + "\n"
        text += "stock_code,short_name,exchange\n"
        for listing in listings.sorted(by: { $0.code < $1.code }) {
            text += "\(listing.code),\(listing.name),\(listing.exchange)\n"
        }
        return text
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace || first == "\u{FEFF}" { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension StockListCSV {
    /// The provenance comment lines (`# …`) at the top of a list, without their `# `.
    public static func provenance(of text: String) -> String? {
        let lines = text.split(whereSeparator: \.isNewline).prefix { $0.hasPrefix("#") }.map { String($0.dropFirst(2)) }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}

extension StockListing {
    /// The bundled A-share list (Sources/Topics/Stocks/a-shares.csv, embedded in the module), with its
    /// provenance on the first lines. `newsmill stocks refresh --from CSV --out Sources/Topics/Stocks/a-shares.csv`
    /// writes a newer one.
    static var bundledCSV: String { String(decoding: PackageResources.a_shares_csv, as: UTF8.self) }
}
