import Foundation
import StewardCore
import Testing

/// RFC 9162 (= RFC 6962) hashing, against the Certificate Transparency reference vectors.
@Suite("Merkle tree (RFC 9162 vectors)")
struct MerkleTreeTests {
    static let leaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                    Array(0x50...0x57), Array(0x60...0x6f)]
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4", "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// Every stored node of the 8-leaf tree, as the store would hold it.
    static func nodes() -> [MerkleNodeID: Data] {
        var frontier = MerkleFrontier()
        var nodes: [MerkleNodeID: Data] = [:]
        for (index, leaf) in leaves.enumerated() {
            let hash = MerkleTree.leafHash(leaf)
            nodes[MerkleNodeID(level: 0, index: Int64(index))] = hash
            for (id, node) in frontier.append(leafHash: hash) { nodes[id] = node }
        }
        return nodes
    }

    static func proof(_ ranges: [Range<Int64>]) throws -> [Data] {
        let nodes = nodes()
        return try ranges.map { range in try MerkleTree.rangeHash(start: range.lowerBound, end: range.upperBound) { try #require(nodes[$0]) } }
    }

    @Test func rootsOfEveryPrefixMatchTheVectors() throws {
        #expect(MerkleTree.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var frontier = MerkleFrontier()
        for (index, leaf) in Self.leaves.enumerated() {
            frontier.append(leafHash: MerkleTree.leafHash(leaf))
            #expect(frontier.root.hex == Self.roots[index], "root of \(index + 1) leaves")
            #expect(try MerkleTree.rangeHash(start: 0, end: Int64(index + 1)) { try #require(Self.nodes()[$0]) }.hex == Self.roots[index])
        }
    }

    @Test func inclusionProofsMatchTheVectorsAndVerify() throws {
        let path0 = try Self.proof(MerkleTree.inclusionRanges(index: 0, size: 8)).map(\.hex)
        #expect(path0 == ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"])
        let path5 = try Self.proof(MerkleTree.inclusionRanges(index: 5, size: 8)).map(\.hex)
        #expect(path5 == ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"])
        for size in 1...8 {
            let root = try Data(hexChecked: Self.roots[size - 1])
            for index in 0..<size {
                let proof = try Self.proof(MerkleTree.inclusionRanges(index: Int64(index), size: Int64(size)))
                let leaf = MerkleTree.leafHash(Self.leaves[index])
                #expect(MerkleTree.verifyInclusion(leafHash: leaf, index: Int64(index), size: Int64(size), proof: proof, root: root))
                // A wrong leaf, index or root must fail.
                #expect(!MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash([0xff]), index: Int64(index), size: Int64(size), proof: proof, root: root))
                if size > 1 {
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: Int64((index + 1) % size), size: Int64(size), proof: proof, root: root))
                }
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: Int64(index), size: Int64(size), proof: proof, root: MerkleTree.emptyRoot))
            }
        }
    }

    @Test func consistencyProofsMatchTheVectorsAndVerify() throws {
        #expect(try Self.proof(MerkleTree.consistencyRanges(first: 3, second: 8)).map(\.hex) == [
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7", "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"])
        #expect(try Self.proof(MerkleTree.consistencyRanges(first: 6, second: 8)).map(\.hex) == [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"])
        for second in 1...8 {
            for first in 1...second {
                let proof = try Self.proof(MerkleTree.consistencyRanges(first: Int64(first), second: Int64(second)))
                let (a, b) = (try Data(hexChecked: Self.roots[first - 1]), try Data(hexChecked: Self.roots[second - 1]))
                #expect(MerkleTree.verifyConsistency(first: Int64(first), second: Int64(second), proof: proof, firstRoot: a, secondRoot: b))
                if first < second {
                    #expect(!MerkleTree.verifyConsistency(first: Int64(first), second: Int64(second), proof: proof, firstRoot: b, secondRoot: b))
                    #expect(!MerkleTree.verifyConsistency(first: Int64(first), second: Int64(second), proof: [], firstRoot: a, secondRoot: b))
                }
            }
        }
    }

    @Test func canonicalJSONSortsKeysAndEscapesMinimally() {
        let value: JSONValue = ["b": 1, "a": ["x": "é\"\n", "w": .number(1.5)], "c": [true, .null]]
        #expect(CanonicalJSON.encode(value) == #"{"a":{"w":1.5,"x":"é\"\n"},"b":1,"c":[true,null]}"#)
    }
}
