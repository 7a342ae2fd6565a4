import Foundation

/// Makes glibc return large freed blocks to the system at once.
///
/// glibc raises its mmap threshold every time an mmap'ed block is freed (up to 32 MB), after which
/// multi-megabyte column parts come from per-thread heaps that are not trimmed when freed: merging
/// the parts of a 1M-row file then keeps both copies resident (+80 MB). Setting the threshold
/// explicitly turns that adjustment off. `mallopt` is not in the Glibc module map, hence dlsym.
enum AllocatorTuning {
    static let applied: Bool = {
        #if os(Linux)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
        return mallopt(mmapThreshold, 256 * 1024) == 1
        #else
        return false
        #endif
    }()
}
