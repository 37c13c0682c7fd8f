/// Ids that depend on content alone, for seed problems that carry no id of their own.
public enum StableID {
    /// "h" and 16 hex digits of the 64-bit FNV-1a hash of `text`'s UTF-8 bytes: the same
    /// text gives the same id on every machine and in every run, so a resumed run and the
    /// join of answers to seeds agree.
    public static func forText(_ text: String) -> String {
        let hash = fnv1a(text)
        let hex = String(hash, radix: 16)
        return "h" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The 64-bit FNV-1a hash of a string's UTF-8 bytes.
    @inlinable
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
