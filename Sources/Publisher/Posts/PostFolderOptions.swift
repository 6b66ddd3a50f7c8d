public import Foundation

/// Options of an output that writes one post per story into a generator's folder (Hugo's content
/// section, Jekyll's `_posts`).
public struct PostFolderOptions: Sendable, Hashable {
    public var directory: URL
    /// The zone dates are written in (with their offset, so the generator reads the same instant).
    public var timeZone: TimeZone

    public init(directory: URL, timeZone: TimeZone) {
        self.directory = directory
        self.timeZone = timeZone
    }
}
