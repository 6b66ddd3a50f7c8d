import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `html` command's input and output, through the file descriptors themselves: a whole corpus
/// folder is one document of tens of megabytes, and each copy of it (into `Data`, then into an
/// array; the text into one buffer, then into `Data`) costs fresh pages as well as the copying.
extension HTMLCommand {
    /// The bytes of `path` (or of standard input for nil or `-`), read into one array sized from
    /// the file's length; `beforeReading` learns that length (0 for standard input) first.
    static func readInput(_ path: String?, beforeReading: (Int) -> Void = { _ in }) throws -> [UInt8] {
        guard let path, path != "-" else {
            beforeReading(0)
            return try readAll(STDIN_FILENO, sizeHint: 1 << 16, describedAs: "standard input")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ValidationError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        let length = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        beforeReading(length)
        return try readAll(descriptor, sizeHint: max(length, 1 << 12), describedAs: path)
    }

    /// Reads to the end: first into an array of `sizeHint + 1` bytes (so that a file of exactly
    /// its stated length is known to be finished), then, for input that goes on, in 64 kB pieces.
    static func readAll(_ descriptor: Int32, sizeHint: Int, describedAs name: String) throws -> [UInt8] {
        var reachedEnd = false
        func readSome(into start: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
            while true {
                let got = read(descriptor, start, count)
                if got >= 0 { return got }
                if errno != EINTR { throw ValidationError("cannot read \(name): \(String(cString: strerror(errno)))") }
            }
        }
        var bytes = try [UInt8](unsafeUninitializedCapacity: sizeHint + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = try readSome(into: buffer.baseAddress! + count, count: buffer.count - count)
                if got == 0 {
                    reachedEnd = true
                    return
                }
                count += got
            }
        }
        var chunk = [UInt8](repeating: 0, count: reachedEnd ? 0 : 1 << 16)
        while !reachedEnd {
            let got = try chunk.withUnsafeMutableBufferPointer { try readSome(into: $0.baseAddress!, count: $0.count) }
            if got == 0 { reachedEnd = true } else { bytes.append(contentsOf: chunk[0..<got]) }
        }
        return bytes
    }

    /// Writes all of `bytes` to standard output, however many `write` calls that takes.
    static func writeToStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = write(STDOUT_FILENO, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nobody is reading
            }
            next += written
            left -= written
        }
    }
}
