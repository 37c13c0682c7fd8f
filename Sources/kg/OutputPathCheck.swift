#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Checks, before any work is done, that an output path can be written: its folder exists
/// and is writable, and the path is not a folder. A live run checks every output this way
/// before it sends its first request, so a typo costs nothing.
enum OutputPathCheck {
    /// Throws a `ValidationError` naming `option` when `path` cannot be written; "-"
    /// (standard output) and existing non-folders that are writable pass.
    static func require(_ path: String?, option: String) throws {
        guard let path, path != "-", !path.isEmpty else { return }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw ValidationError("\(option) \(path) is a folder; give a file name.")
            }
            if (info.st_mode & S_IFMT) == S_IFREG, access(path, W_OK) != 0 {
                throw ValidationError("\(option) \(path) is not writable (\(String(cString: strerror(errno)))).")
            }
        }
        let folder = Self.folder(of: path)
        guard stat(folder, &info) == 0 else {
            throw ValidationError("\(option) \(path): the folder \(folder) does not exist; create it first (mkdir -p \(folder)).")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ValidationError("\(option) \(path): \(folder) is not a folder.")
        }
        guard access(folder, W_OK) == 0 else {
            throw ValidationError("\(option) \(path): the folder \(folder) is not writable; choose another place.")
        }
    }

    /// The folder a path's file is in ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
