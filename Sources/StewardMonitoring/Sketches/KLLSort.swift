/// An in-place sort for the KLL buffer: quicksort with a median-of-three pivot and insertion sort
/// for short runs, about twice as fast here as the standard library's stable sort (which allocates).
/// Equal doubles in a sketch are bitwise equal (-0.0 is normalised on entry, NaN never enters), so
/// stability does not matter. Past a depth limit it falls back to the standard sort, so crafted
/// input cannot make it quadratic.
enum KLLSort {
    static func sort(_ b: UnsafeMutableBufferPointer<Double>) {
        guard b.count > 1 else { return }
        quicksort(b, 0, b.count - 1, depth: 2 * (Int.bitWidth - b.count.leadingZeroBitCount))
    }

    private static func quicksort(_ b: UnsafeMutableBufferPointer<Double>, _ lo0: Int, _ hi0: Int, depth: Int) {
        var lo = lo0, hi = hi0, depth = depth
        while hi - lo > 16 {
            if depth == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: b[lo...hi])
                rest.sort()
                return
            }
            depth -= 1
            let mid = lo + (hi - lo) / 2
            if b[mid] < b[lo] { b.swapAt(mid, lo) }
            if b[hi] < b[lo] { b.swapAt(hi, lo) }
            if b[hi] < b[mid] { b.swapAt(hi, mid) }
            let pivot = b[mid]
            var i = lo, j = hi
            while i <= j {
                while b[i] < pivot { i += 1 }
                while pivot < b[j] { j -= 1 }
                if i <= j { b.swapAt(i, j); i += 1; j -= 1 }
            }
            // Recurse into the smaller side, loop on the larger: stack depth stays logarithmic.
            if j - lo < hi - i {
                quicksort(b, lo, j, depth: depth)
                lo = i
            } else {
                quicksort(b, i, hi, depth: depth)
                hi = j
            }
        }
        if hi > lo {
            for k in (lo + 1)...hi {
                let x = b[k]
                var m = k - 1
                while m >= lo, x < b[m] { b[m + 1] = b[m]; m -= 1 }
                b[m + 1] = x
            }
        }
    }
}
