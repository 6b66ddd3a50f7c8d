#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds this process has used: what the benchmarks report, since wall time on a shared
/// 2-core machine is noise.
public func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
