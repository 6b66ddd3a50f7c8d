public import NewsCore

/// Article images for a site that keeps copies of them, fetched like pages: the same timeouts,
/// redirects, retries, per-host limits and pace (one ``HostGate`` for feeds, pages and images), the
/// same refusal of internal addresses for untrusted links. An image request sends no `Referer`
/// (nor any source's headers), so a hot-link-protected image comes as it would to a visitor with
/// `referrerpolicy="no-referrer"`; a body whose declared type is not `image/*`, or whose bytes are
/// no image (an HTML error page served as `image/jpeg`), is refused, and so is one over the
/// request's byte limit.
extension HTTPFetcher: ImageLoader {
    public func loadImage(_ request: ImageRequest) async throws -> LoadedImage {
        let load = LoadRequest(url: request.url, kind: .image, trust: request.trust, maxBytes: request.maxBytes)
        do {
            guard case .loaded(let document) = try await self.load(load) else {
                throw ImageLoadError("GET \(request.url) → 304 without a cached copy", mayRetry: true)
            }
            guard let format = ImageFormat.sniff(document.bytes) else {
                let declared = document.contentType ?? "an image"
                throw ImageLoadError(
                    "GET \(request.url) → not an image: served as \(declared), but the body is \(ImageFormat.describe(document.bytes))",
                    mayRetry: true)
            }
            return LoadedImage(bytes: document.bytes, format: format, finalURL: document.finalURL)
        } catch let error as FetchError {
            switch error.reason {
            case .refused, .invalidURL: throw ImageLoadError(error.description, mayRetry: false)
            default: throw ImageLoadError(error.description, mayRetry: true)
            }
        }
    }
}
