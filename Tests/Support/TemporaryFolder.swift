import Foundation

/// A fresh temporary folder for one test, removed when the test lets go of it.
public final class TemporaryFolder {
    /// The folder's absolute path.
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "kg-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }

    /// The contents of `name` in the folder, as text (empty when it is missing).
    public func read(_ name: String) -> String {
        let file = name.hasPrefix("/") ? name : path + "/" + name
        return FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Where a test's knowledge base goes.
    public var databasePath: String { path + "/kg.sqlite" }
}

/// The repository's root folder (for data/seeds and the docs).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
