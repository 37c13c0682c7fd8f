#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files that writers killed mid-write left beside a file.
///
/// kg writes whole files through a temporary file beside the target (`NAME<marker><pid>…`)
/// renamed into place at the end; a process killed before the rename leaves its temporary
/// file behind. The next writer of the same target calls `sweep` to delete those whose
/// process no longer runs, so repeated kills cannot fill the disk.
public enum AbandonedTemporaries {
    /// Deletes the files in `path`'s folder named `basename(path) + marker + pid…` whose
    /// process `pid` has ended; returns how many it deleted. Files of running processes (a
    /// concurrent writer) are left alone.
    @discardableResult
    public static func sweep(besides path: String, marker: String) -> Int {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let prefix = (slash.map { String(path[path.index(after: $0)...]) } ?? path) + marker
        guard let directory = opendir(folder.isEmpty ? "/" : folder) else { return 0 }
        defer { closedir(directory) }
        var removed = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name.hasPrefix(prefix) else { continue }
            let digits = name.dropFirst(prefix.count).prefix(while: { $0.isASCII && $0.isNumber })
            guard let pid = Int32(digits), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH, unlink((folder.isEmpty ? "" : folder + "/") + name) == 0 { removed += 1 }
        }
        return removed
    }
}
