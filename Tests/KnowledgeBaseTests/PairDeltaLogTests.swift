import XCTest

@testable import KnowledgeBase

final class PairDeltaLogTests: XCTestCase {
    func testRadixSortAgreesWithTheStandardSort() {
        var random = SplitMix64(seed: 3)
        for count in [0, 1, 65, 1_000, 100_000] {
            var keys = (0..<count).map { _ in
                // Mostly small ids like real concept pairs, some with high bits set.
                random.nextInt(below: 10) == 0 ? random.next() : UInt64(random.nextInt(below: 5_000)) << 32 | UInt64(random.nextInt(below: 70_000))
            }
            let expected = keys.sorted()
            PairDeltaLog.radixSort(&keys)
            XCTAssertEqual(keys, expected, "count \(count)")
        }
    }

    func testDrainFoldsAddsAndRemovesIntoNetDeltasInPairOrder() {
        var log = PairDeltaLog()
        for pair: UInt64 in [5, 3, 5, 9, 3, 5] { log.add(pair) }
        for pair: UInt64 in [3, 3, 9, 7] { log.remove(pair) }
        XCTAssertEqual(log.count, 10)
        let drained = log.drain()
        XCTAssertEqual(drained.map(\.pair), [5, 7])
        XCTAssertEqual(drained.map(\.delta), [3, -1])
        XCTAssertTrue(log.isEmpty)
    }
}

final class MentionListTests: XCTestCase {
    func testRoundTripsAndSortsByConcept() {
        let list = MentionList([.init(concept: 12, spelling: 40), .init(concept: 3, spelling: 7), .init(concept: 1_234_567, spelling: 0)])
        XCTAssertEqual(list.jsonText, "[[3,7],[12,40],[1234567,0]]")
        XCTAssertEqual(MentionList(jsonText: list.jsonText), list)
        XCTAssertEqual(MentionList([]).jsonText, "[]")
        XCTAssertEqual(MentionList(jsonText: "[]")?.mentions, [])
    }

    func testRejectsTextThatIsNotAMentionList() {
        XCTAssertNil(MentionList(jsonText: "[[1,2],[3]]"))
        XCTAssertNil(MentionList(jsonText: "{\"a\":1}"))
    }
}

final class SplitMix64Tests: XCTestCase {
    /// Reference values of SplitMix64 (Steele, Lea, Flood 2014) for seed 0: kg's streams
    /// must not change between versions or machines.
    func testMatchesTheReferenceSequence() {
        var random = SplitMix64(seed: 0)
        XCTAssertEqual(random.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(random.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(random.next(), 0x06C4_5D18_8009_454F)
    }

    func testBoundedIntegersStayInRangeAndCoverIt() {
        var random = SplitMix64(seed: 9)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let v = random.nextInt(below: 7)
            XCTAssertTrue((0..<7).contains(v))
            seen.insert(v)
        }
        XCTAssertEqual(seen.count, 7)
    }
}
