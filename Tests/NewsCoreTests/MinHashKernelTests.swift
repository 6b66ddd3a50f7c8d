import MinHashKernel
@testable import NewsCore
import Testing
import TestSupport

/// The C kernel's sketch (vector lanes where the processor has AVX-512 or AVX2, a scalar loop elsewhere) is
/// the Swift reference's, value for value: archived sketches stay comparable with new ones.
struct MinHashKernelTests {
    @Test func theKernelComputesTheReferenceSketch() {
        var random = SeededGenerator(state: 3)
        for count in [1, 2, 7, 8, 9, 63, 330, 2048] {
            for _ in 0..<20 {
                let hashes = (0..<count).map { _ in random.next() } + (count == 9 ? [0, .max] : [])
                let reference = TextFingerprint.referenceSketch(of: hashes)
                #expect(TextFingerprint.sketch(of: hashes) == reference, "\(count) hashes")
                var portable = [UInt64](repeating: 0, count: 8)
                TextFingerprint.seeds.withUnsafeBufferPointer { seeds in
                    newsmill_minhash8_portable(hashes, hashes.count, seeds.baseAddress, &portable)
                }
                #expect(portable == reference, "\(count) hashes, scalar loop")
                var fourLanes = [UInt64](repeating: 0, count: 8)
                let ran = TextFingerprint.seeds.withUnsafeBufferPointer { seeds in
                    newsmill_minhash8_avx2(hashes, hashes.count, seeds.baseAddress, &fourLanes)
                }
                if ran == 1 { #expect(fourLanes == reference, "\(count) hashes, AVX2 loop") }
            }
        }
        #expect(TextFingerprint.sketch(of: []) == [])
    }

    /// A golden sketch: the values archives hold must not move when the kernel changes.
    @Test func aTextsSketchIsTheArchivedOne() {
        let sketch = TextFingerprint(text: "国家统计局今天发布数据，四月份规模以上工业增加值同比增长百分之六点七。").sketch
        #expect(sketch == TextFingerprint.referenceSketch(of: TextFingerprint.shingleHashes(of: Array("国家统计局今天发布数据四月份规模以上工业增加值同比增长百分之六点七".unicodeScalars.map(\.value)))))
        #expect(sketch.count == 8)
    }
}
