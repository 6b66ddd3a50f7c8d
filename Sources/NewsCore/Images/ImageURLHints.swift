/// What an image's address says about it: a known promotion (the Sina finance app's QR code, which
/// RSSHub's Sina feeds carry as every item's picture), or, by its name, a QR code, logo, icon, avatar,
/// spacer or tracking pixel. Neither a lead image nor a head image may be one.
public enum ImageURLHints {
    /// Images known to be promotions wherever they appear.
    public static let knownPromoImages = ["n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"]

    /// Name parts of images that are page furniture rather than pictures.
    public static let furnitureMarkers = ["qrcode", "qr_code", "qr-code", "erweima", "ewm", "/qr/", "logo", "icon", "avatar",
                                          "pixel", "spacer", "blank.gif", "1x1", "loading.gif", "placeholder"]

    /// Words that, in an image's address, class or alt text, mark it as furniture.
    public static let furnitureWords = ["logo", "qr", "avatar", "icon", "spacer", "blank", "pixel", "二维码", "扫码"]

    public static func isKnownPromo(_ url: String) -> Bool {
        ByteSearch.containsAny(url.lowercased(), knownPromoImages)
    }

    /// A known promotion, or an address whose name says QR code, logo, icon, avatar, spacer or pixel.
    public static func isFurniture(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return ByteSearch.containsAny(lowered, knownPromoImages) || ByteSearch.containsAny(lowered, furnitureMarkers)
    }

    /// Whether `text` (an image's address, class and alt together) names one of ``furnitureWords``.
    public static func mentionsFurniture(_ text: String) -> Bool {
        ByteSearch.containsAny(text.lowercased(), furnitureWords)
    }
}
