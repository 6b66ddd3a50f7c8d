#if canImport(Glibc)
import Glibc
#endif

/// Runs a fuzz entry point over saved inputs (the files named on the command line), so a crash
/// that the fuzzer found can be reproduced and debugged in a plain build.
public enum FuzzReplay {
    public static func run(_ entry: (UnsafePointer<UInt8>?, Int) -> CInt) {
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                print("cannot open \(path)")
                continue
            }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count <= 0 { break }
                bytes.append(contentsOf: buffer[0..<count])
            }
            fclose(file)
            bytes.append(0)
            _ = bytes.withUnsafeBufferPointer { entry($0.baseAddress!, $0.count - 1) }
            print("ok \(path)")
        }
    }
}
