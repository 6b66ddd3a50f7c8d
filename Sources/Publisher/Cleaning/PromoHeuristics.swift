import HTML5Parser
import NewsCore
import SiteKnowledge

/// Recognises app promotions, QR codes, logos and tracking pixels: boilerplate that is neither
/// article text nor a fitting head image.
enum PromoHeuristics {
    private static let promoMarkers = PromoVocabulary.qrCodeNames + PromoVocabulary.appDownloadNames + KnownPromotions.classMarkers
        + ["wechat-follow", "share-box"]

    /// `marker` is an element's lowercased class and id, joined by a space.
    static func isPromoMarker(_ marker: String) -> Bool {
        // Most elements have neither: nothing to search.
        guard marker.utf8.count > 1 else { return false }
        return ByteSearch.containsAny(marker, promoMarkers) || marker.split(separator: " ").contains("qr")
    }

    /// Lowercased, as the text is before the search.
    private static let promoPhrases = (PromoVocabulary.promoPhrases + KnownPromotions.phrases).map { $0.lowercased() }

    static func isPromoText(_ text: String) -> Bool {
        if ByteSearch.containsAny(text.lowercased(), promoPhrases) { return true }
        // "海量资讯、精准解读，尽在XXAPP": a short line that ends by naming an app.
        let upper = text.uppercased()
        return upper.hasSuffix("APP") && (text.contains("尽在") || text.contains("下载") || text.contains("打开"))
    }

    /// Known promotion images (SiteKnowledge's ``KnownPromotions``) plus name-based guesses.
    static func isPromoImage(_ image: HTMLNode) -> Bool {
        let source = (image.attribute("src") ?? "").lowercased()
        let alt = (image.attribute("alt") ?? "").lowercased()
        if KnownPromotions.isImage(source) { return true }
        if source.contains("qr") && (source.contains("code") || source.contains("/qr")) { return true }
        return qrCodeAltTexts.contains { alt.contains($0) }
    }

    /// What an image's alt text (lowercased) calls a QR code.
    private static let qrCodeAltTexts = PromoVocabulary.qrCodePhrases + ["qr code", PromoVocabulary.qrCode]

    static func isTrackingPixel(_ image: HTMLNode) -> Bool {
        let width = Int(image.attribute("width") ?? "") ?? Int.max
        let height = Int(image.attribute("height") ?? "") ?? Int.max
        return width <= 2 || height <= 2
    }

    /// Whether an image is a fitting head image: not a promo, logo, icon or pixel, not tiny.
    static func isHeadImageCandidate(_ image: HTMLNode) -> Bool {
        guard let source = image.attribute("src"), source.hasPrefix("http") else { return false }
        if isPromoImage(image) || isTrackingPixel(image) { return false }
        if ImageURLHints.isFurniture(source) { return false }
        if let width = Int(image.attribute("width") ?? ""), width < 100 { return false }
        if let height = Int(image.attribute("height") ?? ""), height < 60 { return false }
        return true
    }
}
