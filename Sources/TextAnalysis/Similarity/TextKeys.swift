/// The two keys problems are compared by before MinHash.
public enum TextKeys {
    /// The FNV-1a hash of the text with ASCII letters lower-cased and white space folded
    /// (runs one space, none at the ends): equal for texts that differ only in case or spacing.
    public static func exact(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key = KeyHasher()
        key.literal(bytes, 0, bytes.count)
        return key.value
    }

    public static func exact(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { exact($0) }
    }
}
