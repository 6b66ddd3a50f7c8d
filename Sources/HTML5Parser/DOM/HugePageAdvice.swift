#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back a large buffer with 2 MB pages while it is still untouched.
///
/// Filling a buffer of tens of megabytes with 4 kB pages costs one page fault (and one zeroed page)
/// every 4 kB: on a big document that was a fifth of the whole parse. The advice covers only the
/// buffer's 2 MB-aligned interior, changes nothing on systems without transparent huge pages, and
/// is skipped for buffers too small to hold one huge page. (Public for the CLI's heap set-up for one
/// large document.)
public enum HugePageAdvice {
    public static let pageSize = 2 << 20

    public static func advise(_ base: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        let first = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + byteCount) & ~(pageSize - 1)
        guard end > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, end - first, Int32(MADV_HUGEPAGE))
        #endif
    }
}
