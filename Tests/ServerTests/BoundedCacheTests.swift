import XCTest

@testable import Server

/// The explorer's per-generation caches keep at most their capacity, oldest out first.
final class BoundedCacheTests: XCTestCase {
    func testKeepsAtMostItsCapacityDroppingTheOldestFirst() {
        var cache = BoundedCache<Int>(capacity: 3)
        for (i, key) in ["a", "b", "c", "d"].enumerated() { cache.insert(i, for: key) }
        XCTAssertEqual(cache.count, 3)
        XCTAssertNil(cache["a"], "the oldest went")
        XCTAssertEqual(cache["b"], 1)
        XCTAssertEqual(cache["d"], 3)
    }

    func testTheFirstValueUnderAKeyStays() {
        var cache = BoundedCache<String>(capacity: 2)
        cache.insert("first", for: "k")
        cache.insert("second", for: "k")
        XCTAssertEqual(cache["k"], "first")
        XCTAssertEqual(cache.count, 1)
        cache.insert("x", for: "x")
        cache.insert("y", for: "y")
        XCTAssertNil(cache["k"], "a key added twice counts once in the order")
        XCTAssertEqual(cache.count, 2)
    }
}
