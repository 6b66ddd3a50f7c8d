#if canImport(Glibc)
import Glibc
#endif

/// The few glibc heap settings the commands use, through `mallopt` (malloc.h, which the Glibc module
/// leaves out, so it is looked up in the C library itself). Elsewhere than glibc nothing changes.
enum GlibcMalloc {
    /// glibc's option numbers (malloc.h).
    enum Option: Int32 {
        case trimThreshold = -1
        case topPad = -2
        case mmapThreshold = -3
        case arenaMax = -8
    }

    /// Sets one option; false when there is no glibc `mallopt` or it refused the value.
    @discardableResult
    static func set(_ option: Option, to value: Int32) -> Bool {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        return mallopt(option.rawValue, value) == 1
        #else
        return false
        #endif
    }

    /// Every thread allocates from the main heap (M_ARENA_MAX set to 1). Call it before any thread
    /// starts. For a process that runs one command and ends: a server's threads would contend for the
    /// one heap.
    static func useOneArena() {
        limitArenas(to: 1)
    }

    /// Threads allocate from at most `count` heaps (M_ARENA_MAX). Call it before any thread starts.
    static func limitArenas(to count: Int32) {
        set(.arenaMax, to: count)
    }
}
