import Foundation
import Testing
@testable import StewardMonitoring

/// Every statistic against values SciPy computed on the same inputs (Fixtures/statistics.json).
@Suite struct StatisticsFixtureTests {
    let fixture: [String: Any]
    init() throws { fixture = try FixtureLoading.json("statistics") }

    @Test func ksWassersteinAndPSIMatchSciPy() throws {
        for case let item as [String: Any] in fixture["numeric"] as! [Any] {
            let name = item["name"] as! String
            let a = FixtureLoading.sample(item["reference"] as! [String: Any])
            let b = FixtureLoading.sample(item["current"] as! [String: Any])
            let ks = try #require(KolmogorovSmirnov.test(a, b))
            #expect(FixtureLoading.close(ks.statistic, item["ks_statistic"] as! Double, relative: 1e-12), "\(name) D \(ks.statistic)")
            #expect(FixtureLoading.close(ks.pValue, item["ks_pvalue"] as! Double, relative: 1e-7, absolute: 1e-15), "\(name) p \(ks.pValue)")
            let sa = a.sorted(), sb = b.sorted()
            sa.withUnsafeBufferPointer { pa in
                sb.withUnsafeBufferPointer { pb in
                    let merged = SortedComparison.compare(reference: pa, current: pb)
                    #expect(FixtureLoading.close(merged.wasserstein, item["wasserstein"] as! Double, relative: 1e-10), "\(name) W1")
                    let normed = Distances.normalizedWasserstein(merged.wasserstein, referenceStandardDeviation: ExactFeature.standardDeviation(pa))
                    #expect(FixtureLoading.close(normed, item["wasserstein_normed"] as! Double, relative: 1e-10), "\(name) W1 normed")
                    let psi = QuantileBins.psi(sortedReference: pa, sortedCurrent: pb)
                    #expect(FixtureLoading.close(psi, item["psi10"] as! Double, relative: 1e-10), "\(name) PSI \(psi ?? .nan)")
                }
            }
        }
    }

    @Test func chiSquareContingencyMatchesSciPy() throws {
        for case let item as [String: Any] in fixture["chi2"] as! [Any] {
            let reference = (item["reference"] as! [Int]).map(Double.init), current = (item["current"] as! [Int]).map(Double.init)
            let result = try #require(ChiSquareContingency.test(reference: reference, current: current))
            #expect(result.degreesOfFreedom == item["dof"] as! Int)
            #expect(FixtureLoading.close(result.statistic, item["statistic"] as! Double, relative: 1e-12), "\(reference)")
            #expect(FixtureLoading.close(result.pValue, item["pvalue"] as! Double, relative: 1e-9), "\(reference) p \(result.pValue)")
        }
    }

    @Test func zTestJensenShannonAndCategoryPSIMatch() throws {
        for case let item as [String: Any] in fixture["z"] as! [Any] {
            let z = try #require(ZTest.test(referenceHits: item["ref_hits"] as! Int, referenceCount: item["ref_n"] as! Int,
                                            currentHits: item["cur_hits"] as! Int, currentCount: item["cur_n"] as! Int))
            #expect(FixtureLoading.close(z.statistic, item["z"] as! Double, relative: 1e-12))
            #expect(FixtureLoading.close(z.pValue, item["pvalue"] as! Double, relative: 1e-9, absolute: 1e-15))
        }
        for case let item as [String: Any] in fixture["js"] as! [Any] {
            let p = item["p"] as! [Double], q = item["q"] as! [Double]
            #expect(FixtureLoading.close(Distances.jensenShannon(p, q), item["distance"] as! Double, relative: 1e-12, absolute: 1e-15))
            #expect(FixtureLoading.close(Distances.psi(reference: p, current: q), item["psi"] as! Double, relative: 1e-12, absolute: 1e-15))
        }
    }

    @Test func specialFunctionsMatchSciPy() throws {
        for case let item as [String: Any] in fixture["gammaincc"] as! [Any] {
            let q = SpecialFunctions.gammaQ(item["a"] as! Double, item["x"] as! Double)
            #expect(FixtureLoading.close(q, item["q"] as! Double, relative: 1e-12), "\(item)")
        }
        for case let item as [String: Any] in fixture["kstwo"] as! [Any] {
            let sf = Kolmogorov.survival(n: item["n"] as! Int, d: item["d"] as! Double)
            #expect(FixtureLoading.close(sf, item["sf"] as! Double, relative: 1e-8, absolute: 1e-15), "\(item) got \(sf)")
        }
    }

    @Test func radixSortOrdersLikeComparisonSort() {
        var values: [Double] = (0..<5000).map { (i: Int) -> Double in
            let base = Double((i * 7919) % 10007) - 5000.5
            return i % 3 == 0 ? base : base * 1e-300
        }
        values += [.infinity, -.infinity, 0, -0.0, 1e308, -1e-308]
        var radix = values
        RadixSort.sort(&radix)
        #expect(radix == values.sorted())
    }
}
