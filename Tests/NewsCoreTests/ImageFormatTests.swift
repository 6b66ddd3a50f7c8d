import NewsCore
import Testing

/// An image's format comes from its first bytes, never from what the server declared.
struct ImageFormatTests {
    static func bytes(_ text: String, _ prefix: [UInt8] = []) -> [UInt8] { prefix + Array(text.utf8) }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], ImageFormat.png),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], .jpeg),
        (bytes("GIF89a\u{1}\0"), .gif),
        (bytes("GIF87a\u{1}\0"), .gif),
        (bytes("RIFF\u{1}\0\0\0WEBPVP8L"), .webp),
        (bytes("\0\0\0\u{1C}ftypavif"), .avif),
    ] as [([UInt8], ImageFormat)])
    func eachKeptFormatIsKnownByItsSignature(bytes: [UInt8], format: ImageFormat) {
        #expect(ImageFormat.sniff(bytes) == format)
    }

    @Test func documentsTruncatedSignaturesAndOtherRIFFFilesAreNoImage() {
        for text in ["<!DOCTYPE html><title>404</title>", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "RIFF\u{1}\0\0\0WAVEfmt ", "GIF8", ""] {
            #expect(ImageFormat.sniff(Self.bytes(text)) == nil, "\(text)")
        }
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47]) == nil)
        #expect(ImageFormat.describe(Self.bytes("<!doctype html><p>x")) == "HTML")
        #expect(ImageFormat.describe(Self.bytes("<svg onload=alert(1)>")) == "an SVG document")
        #expect(ImageFormat.jpeg.fileExtension == "jpg" && ImageFormat.webp.fileExtension == "webp")
    }
}
