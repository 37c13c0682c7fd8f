import Foundation

/// The id `kg ingest --auto-id` gives a line that has none: its file's folder and name, and its
/// line number, as in `gsm8k-train/17` for line 17 of `…/gsm8k/train.jsonl`.
///
/// The id says where the line came from, and ingesting the same file again gives the same ids,
/// so a re-ingest replaces rather than duplicates. The folder is part of it because raw sets
/// reuse file names (`gsm8k/train.jsonl`, `math/train.jsonl`). Editing or reordering the file
/// changes the ids of the lines that moved; give such files ids of their own.
public enum AutoID {
    /// The id for the line at `location`; standard input is `stdin/LINE`.
    public static func id(for location: RecordLocation) -> String {
        "\(prefix(forFile: location.file))/\(location.line)"
    }

    /// `FOLDER-NAME` of a file path (the name without its extensions), or `stdin` for `-`.
    public static func prefix(forFile path: String) -> String {
        if path == "-" { return "stdin" }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var name = url.lastPathComponent
        if let dot = name.firstIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        let folder = url.deletingLastPathComponent().lastPathComponent
        return folder.isEmpty || folder == "/" ? name : "\(folder)-\(name)"
    }
}
