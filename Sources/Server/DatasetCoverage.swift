import Foundation

/// The coverage of the `kg serve --dataset` files, audited on first request and kept until the
/// file changes (its size or modification time): the next request after an edit reads it again.
final class DatasetCoverage: @unchecked Sendable {
    private let lock = NSLock()
    private var views: [String: (stamp: String, view: CoverageView)] = [:]

    /// The coverage view of the dataset at `path`.
    func view(of path: String, curriculumPath: String) throws -> CoverageView {
        let stamp = try Self.stamp(path)
        lock.lock()
        if let kept = views[path], kept.stamp == stamp {
            lock.unlock()
            return kept.view
        }
        lock.unlock()
        let view = try CoverageView(datasetPath: path, curriculumPath: curriculumPath)
        lock.lock()
        views[path] = (stamp, view)
        lock.unlock()
        return view
    }

    /// Size and modification time of the file, or a 404 that says it is gone.
    static func stamp(_ path: String) throws -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw ServerError(status: 404, message: "the dataset \(path) given to kg serve --dataset is no longer there; restore it or restart kg serve without it")
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)-\(modified)"
    }
}
