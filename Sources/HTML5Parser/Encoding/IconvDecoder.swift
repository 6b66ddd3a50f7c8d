#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts legacy encodings to UTF-8 through the C library's iconv.
enum IconvDecoder {
    /// Decodes `bytes` from `encoding` (an iconv name). Invalid sequences become U+FFFD unless
    /// `strict`, in which case the first one makes the result nil. Nil too when iconv lacks the encoding.
    static func decode(_ bytes: [UInt8], from encoding: String, strict: Bool = false) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 2 + 16))
        var outputUsed = 0
        var input = bytes
        let inputCount = input.count
        var inputUsed = 0
        while inputUsed < inputCount {
            let result: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress! + inputUsed)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inputCount - inputUsed
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress! + outputUsed)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count - outputUsed
                    let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    inputUsed = inputCount - inLeft
                    outputUsed = outputBuffer.count - outLeft
                    return status == -1 ? Int(errno) : 0
                }
            }
            switch result {
            case 0:
                continue
            case Int(E2BIG):
                output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
            default:
                // EILSEQ or EINVAL: an invalid or truncated sequence.
                if strict { return nil }
                if output.count - outputUsed < 3 { output.append(contentsOf: [UInt8](repeating: 0, count: 64)) }
                output[outputUsed] = 0xEF
                output[outputUsed + 1] = 0xBF
                output[outputUsed + 2] = 0xBD
                outputUsed += 3
                inputUsed += 1
            }
        }
        output.removeSubrange(outputUsed...)
        return output
    }
}
