import Testing
@testable import StewardMonitoring

/// Window profiles: replicas' windows merge to the same bytes; the binary form survives hostile input.
@Suite struct WindowProfileTests {
    @Test func replicaWindowsMergeToTheSameBytesInEitherOrder() throws {
        let a = SyntheticWindows.window(rows: 15_000, drifted: false, seed: 71)
        var b = SyntheticWindows.window(rows: 25_000, drifted: true, seed: 72)
        b.features["only-b"] = FeatureProfile(kind: .categorical)
        b.prediction = nil
        let ab = a.merging(b), ba = b.merging(a)
        #expect(ab.encoded() == ba.encoded() && ab == ba)
        #expect(ab.rows == 40_000 && ab.features.count == 10 && ab.prediction == a.prediction)
        #expect(ab.features["f0"]!.moments.count == 40_000)
        #expect(try WindowProfile(encoded: ab.encoded()) == ab)
        #expect(try WindowProfile(encoded: WindowProfile().encoded()) == WindowProfile())
    }

    @Test func hostileBytesThrow() throws {
        let window = SyntheticWindows.window(rows: 2_000, drifted: false, seed: 73)
        let bytes = window.encoded()
        print("WindowProfile encoded: 9 features + prediction, 2,000 rows: \(bytes.count) B")
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(throws: SketchDecodingError.self) { try WindowProfile(encoded: bytes.prefix(cut)) }
        }
        #expect(throws: SketchDecodingError.self) { try WindowProfile(encoded: bytes + [1]) }
        // 2^40 features announced in a few bytes.
        #expect(throws: SketchDecodingError.self) { try WindowProfile(encoded: [0x57, 1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]) }
        // The same feature twice.
        let profile = FeatureProfile(kind: .numeric).encoded()
        var twice = SketchWriter()
        twice.byte(0x57); twice.byte(1); twice.int(0); twice.int(2)
        for _ in 0..<2 { twice.string("x"); twice.blob(profile) }
        twice.byte(0)
        #expect(throws: SketchDecodingError.invalid("duplicate feature x")) { try WindowProfile(encoded: twice.bytes) }
        var wrongTag = bytes; wrongTag[0] = 0x50
        #expect(throws: SketchDecodingError.wrongTag(expected: 0x57, found: 0x50)) { try WindowProfile(encoded: wrongTag) }
    }
}
