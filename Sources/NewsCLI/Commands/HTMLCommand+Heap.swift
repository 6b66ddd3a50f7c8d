#if canImport(Glibc)
import Glibc
#endif
import HTML5Parser

/// Readies glibc's heap for one large document, parsed once by a process that then ends.
///
/// A parse makes about five bytes of strings and nodes per input byte (and reserves more for
/// nodes). Taken from the heap 132 kB at a time, in 4 kB pages, that is one page fault per 4 kB (a
/// fifth of `html parse` on a corpus
/// folder). Instead the heap grows once, by enough for the whole document, and that stretch is
/// advised for 2 MB pages before anything touches it. That is glibc's main heap, which grows in one
/// piece; the command runs on a worker thread, so `GlibcMalloc.useOneArena()` (before any thread starts) makes
/// every thread allocate from it. Only with glibc; elsewhere, and for small inputs, nothing changes.
enum OneDocumentHeap {
    /// Inputs below this are parsed with the heap as it is.
    static let smallestPrepared = 1 << 20

    static func prepare(forInputOfLength length: Int) {
        #if canImport(Glibc)
        guard length >= smallestPrepared else { return }
        let growth = Int32(clamping: min(length * 12, 1 << 30))
        guard GlibcMalloc.set(.trimThreshold, to: Int32.max) else { return }  // never hand memory back while the document lives
        GlibcMalloc.set(.mmapThreshold, to: 32 << 20)  // blocks up to 32 MB (the input, most arrays) from the heap too
        GlibcMalloc.set(.topPad, to: growth)  // the next growth of the heap covers the whole document
        // One allocation past the heap's end makes it grow now; the new stretch is then advised.
        guard let probe = malloc(256 << 10) else { return }
        let end = sbrk(0)
        if let end, end > probe {
            HugePageAdvice.advise(probe, byteCount: end - probe)
        }
        free(probe)
        #endif
    }
}
