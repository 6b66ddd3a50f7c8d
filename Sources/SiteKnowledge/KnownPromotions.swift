import NewsCore

/// Promotions particular sites are known to print, wherever they turn up: RSSHub's Sina feeds carry the
/// Sina finance app's QR code as every item's picture, Sina pages close with a line about the app, and
/// wrap their QR code in `appendQr_wrap`. Neither a lead image nor a head image may be one of these images.
public enum KnownPromotions {
    /// Addresses (lowercased, without scheme) of images that are promotions wherever they appear.
    public static let images = ["n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"]

    /// Lines that promote a site's app (as written: the cleaner lowercases them with the text).
    public static let phrases = ["尽在新浪财经APP"]

    /// Parts of class names and ids (lowercase) of sites' promotion blocks.
    public static let classMarkers = ["appendqr"]

    /// Whether `url` is one of the known promotion ``images``.
    public static func isImage(_ url: String) -> Bool {
        ByteSearch.containsAny(url.lowercased(), images)
    }
}
