import Testing
@testable import StewardMonitoring

/// The automatic method choice follows Evidently's size and cardinality rules.
@Suite struct DriftSettingsTests {
    @Test func smallReferencesGetPValueTests() {
        let settings = DriftSettings()
        #expect(settings.method(for: "x", kind: .numeric, referenceCount: 1000, distinctValues: 6) == .ks)
        #expect(settings.method(for: "x", kind: .numeric, referenceCount: 1000, distinctValues: 5) == .chiSquare)
        #expect(settings.method(for: "c", kind: .categorical, referenceCount: 500, distinctValues: 7) == .chiSquare)
        #expect(settings.method(for: "b", kind: .categorical, referenceCount: 500, distinctValues: 2) == .zTest)
    }

    @Test func largeReferencesAndSketchesGetDistances() {
        let settings = DriftSettings()
        #expect(settings.method(for: "x", kind: .numeric, referenceCount: 1001, distinctValues: 100) == .wasserstein)
        #expect(settings.method(for: "c", kind: .categorical, referenceCount: 1001, distinctValues: 3) == .jensenShannon)
        #expect(settings.method(for: "x", kind: .numeric, referenceCount: 10, distinctValues: 100, sketchOnly: true) == .wasserstein)
    }

    @Test func overridesWinAndThresholdsFollowTheMethod() {
        let settings = DriftSettings(defaults: .init(threshold: 0.2),
                                     features: ["x": .init(method: .psi, threshold: 0.25)])
        #expect(settings.method(for: "x", kind: .numeric, referenceCount: 10, distinctValues: 100) == .psi)
        #expect(settings.threshold(for: "x", method: .psi) == 0.25)
        #expect(settings.threshold(for: "y", method: .ks) == 0.2)
        #expect(FeatureDrift.isDrifted(method: .ks, score: 0.05, threshold: 0.05))
        #expect(!FeatureDrift.isDrifted(method: .chiSquare, score: 0.05, threshold: 0.05))
        #expect(FeatureDrift.isDrifted(method: .wasserstein, score: 0.1, threshold: 0.1))
    }
}
