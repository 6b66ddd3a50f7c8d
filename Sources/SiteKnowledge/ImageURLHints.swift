import NewsCore

/// What an image's address says about it: one of the ``KnownPromotions`` images, or, by its name, a QR
/// code, logo, icon, avatar, spacer or tracking pixel. Neither a lead image nor a head image may be one.
public enum ImageURLHints {
    /// Name parts of images that are page furniture rather than pictures.
    public static let furnitureMarkers = PromoVocabulary.qrCodeNames
        + ["/qr/", "logo", "icon", "avatar", "pixel", "spacer", "blank.gif", "1x1", "loading.gif", "placeholder"]

    /// Words that, in an image's address, class or alt text, mark it as furniture.
    public static let furnitureWords = ["logo", "qr", "avatar", "icon", "spacer", "blank", "pixel"] + PromoVocabulary.qrCodePhrases

    /// A known promotion, or an address whose name says QR code, logo, icon, avatar, spacer or pixel.
    public static func isFurniture(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return ByteSearch.containsAny(lowered, KnownPromotions.images) || ByteSearch.containsAny(lowered, furnitureMarkers)
    }

    /// Whether `text` (an image's address, class and alt together) names one of ``furnitureWords``.
    public static func mentionsFurniture(_ text: String) -> Bool {
        ByteSearch.containsAny(text.lowercased(), furnitureWords)
    }
}
