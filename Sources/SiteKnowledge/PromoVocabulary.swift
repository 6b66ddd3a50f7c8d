/// The words app promotions and QR codes are written in, in one place for the extractor's class hints, the
/// image checks and the published-body cleaner. Names are lowercase.
public enum PromoVocabulary {
    /// "QR code" as one word, the way class names, ids and file names most often write it.
    public static let qrCode = "qrcode"

    /// The ways class names, ids and file names write "QR code": one word, with a separator, or in pinyin
    /// (erweima, ewm for 二维码).
    public static let qrCodeNames = [qrCode, "qr-code", "qr_code", "erweima", "ewm"]

    /// Class names and ids of app-download blocks.
    public static let appDownloadNames = ["app-download", "appdownload", "download-app", "app_down"]

    /// What text (an image's alt, a caption) calls a QR code: 二维码, 扫码 (scan the code).
    public static let qrCodePhrases = ["二维码", "扫码"]

    /// Phrases of the short lines that ask the reader to scan a code, follow an account or download an app
    /// (as written: the cleaner lowercases them with the text).
    public static let promoPhrases = qrCodePhrases + ["扫一扫", "关注公众号", "关注微信", "下载客户端", "APP，", "打开APP", "下载APP",
                                                      "download our app"]
}
