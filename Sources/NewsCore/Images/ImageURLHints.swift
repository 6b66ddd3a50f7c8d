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
        containsAny(url.lowercased(), knownPromoImages)
    }

    /// A known promotion, or an address whose name says QR code, logo, icon, avatar, spacer or pixel.
    public static func isFurniture(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return containsAny(lowered, knownPromoImages) || containsAny(lowered, furnitureMarkers)
    }

    /// Whether `text` (an image's address, class and alt together) names one of ``furnitureWords``.
    public static func mentionsFurniture(_ text: String) -> Bool {
        containsAny(text.lowercased(), furnitureWords)
    }

    /// A byte search per needle: these run on every page, and generic string search showed in profiles.
    private static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        let haystack = Array(text.utf8)
        return needles.contains { needle in
            let pattern = Array(needle.utf8)
            guard !pattern.isEmpty, haystack.count >= pattern.count else { return false }
            return (0...(haystack.count - pattern.count)).contains { start in
                haystack[start] == pattern[0] && haystack[start..<(start + pattern.count)].elementsEqual(pattern)
            }
        }
    }
}
