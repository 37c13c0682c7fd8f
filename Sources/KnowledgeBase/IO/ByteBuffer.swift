#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer appended to with `memcpy`: the sample writer's hot path, where
/// `Array.append` spends more time on bookkeeping than on copying.
///
/// Its methods are `@inlinable` because the writers that fill it live in other modules
/// (Sampling) and call it once per field of every line.
public final class ByteBuffer {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int

    /// An empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The first byte.
    @inlinable public var base: UnsafeMutablePointer<UInt8> { storage }
    /// How many bytes are in the buffer.
    @inlinable public var count: Int { used }

    @inlinable @inline(__always)
    func reserve(_ extra: Int) {
        if used + extra <= capacity { return }
        grow(to: used + extra)
    }

    @usableFromInline
    func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: storage, count: used)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1)
        storage[used] = byte
        used += 1
    }

    /// Appends the bytes of `bytes`.
    @inlinable @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        memcpy(storage + used, source, bytes.count)
        used += bytes.count
    }

    /// Appends the bytes of an array.
    @inlinable
    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a literal's UTF-8 bytes.
    @inlinable
    public func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 bytes.
    @inlinable
    public func appendString(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Empties the buffer, keeping its memory.
    @inlinable public func removeAll() { used = 0 }

    @inlinable public var isEmpty: Bool { used == 0 }

    /// The buffer's bytes (valid until the next append).
    @inlinable public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: used) }
    /// A copy of the buffer's bytes.
    public var array: [UInt8] { Array(bytes) }
}
