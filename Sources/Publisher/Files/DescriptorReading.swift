#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole open file with plain system calls: the writers compare what a file holds before they
/// replace it, and most files they look at are small, so Foundation's readers (an error object for each
/// missing file, a `Data` per read) would cost more than the reading itself.
enum DescriptorReading {
    /// The bytes of the file open at `descriptor`; nil when it cannot be read, or when `expectedSize` is
    /// given and the file has another size (the caller then knows the contents differ without reading).
    static func contents(of descriptor: Int32, expectedSize: Int? = nil) -> [UInt8]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        if let expectedSize, size != expectedSize { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, size - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        return bytes
    }
}
