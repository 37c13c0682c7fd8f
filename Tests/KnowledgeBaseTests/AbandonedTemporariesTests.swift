import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// Temporary files of killed writers are swept by the next writer; those of running
/// processes are left alone.
final class AbandonedTemporariesTests: XCTestCase {
    func testOnlyTheFilesOfEndedProcessesAreSwept() throws {
        let folder = TemporaryFolder()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier, alive = getppid()
        let target = folder.path + "/kg.sqlite.snapshot"
        folder.write("kg.sqlite.snapshot.tmp-\(dead)-1f2e", "torn")
        folder.write("kg.sqlite.snapshot.tmp-\(alive)-77aa", "being written")
        folder.write("other.snapshot.tmp-\(dead)-1f2e", "not ours")
        folder.write("kg.sqlite.snapshot", "the real one")
        XCTAssertEqual(AbandonedTemporaries.sweep(besides: target, marker: ".tmp-"), 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(left, ["kg.sqlite.snapshot", "kg.sqlite.snapshot.tmp-\(alive)-77aa", "other.snapshot.tmp-\(dead)-1f2e"])
    }
}
