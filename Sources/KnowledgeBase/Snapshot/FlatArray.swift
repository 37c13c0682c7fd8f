/// A read-only array of plain values that lives either in memory kg allocated or in place
/// in a memory-mapped snapshot file: the same type to every reader, so the samplers and
/// queries run one code path on both.
///
/// Elements are read through a pointer; the storage is kept alive by `owner` (the mapping,
/// or the buffer kg allocated). Only types with no references inside (`Int32`, `Int64`,
/// `UInt8`, `UInt16`, `UInt64`) are stored this way.
public struct FlatArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    /// The elements, valid while `owner` lives.
    public let buffer: UnsafeBufferPointer<Element>
    /// Whatever keeps `buffer` valid: a `FlatArrayStorage` or a `MappedFile`.
    @usableFromInline let owner: AnyObject?

    /// A copy of `elements` in memory kg owns.
    public init(_ elements: [Element]) {
        let storage = FlatArrayStorage(elements)
        buffer = storage.buffer
        owner = storage
    }

    /// Elements in place in memory that `owner` keeps alive.
    @inlinable
    init(buffer: UnsafeBufferPointer<Element>, owner: AnyObject?) {
        self.buffer = buffer
        self.owner = owner
    }

    /// No elements.
    public init() {
        buffer = UnsafeBufferPointer(start: nil, count: 0)
        owner = nil
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { buffer.count }

    @inlinable
    public subscript(position: Int) -> Element { buffer[position] }

    @inlinable
    public func makeIterator() -> UnsafeBufferPointer<Element>.Iterator { buffer.makeIterator() }

    /// The elements at `range`, sharing this array's storage.
    @inlinable
    public func slice(_ range: Range<Int>) -> FlatArray {
        FlatArray(buffer: UnsafeBufferPointer(rebasing: buffer[range]), owner: owner)
    }

    /// The elements as an array (a copy).
    @inlinable
    public var array: [Element] { Array(buffer) }
}

extension FlatArray: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension FlatArray: Equatable where Element: Equatable {
    public static func == (a: FlatArray, b: FlatArray) -> Bool { a.elementsEqual(b) }
}

extension FlatArray: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

/// Memory kg allocated for a `FlatArray`, freed when the last array using it goes.
final class FlatArrayStorage<Element: BitwiseCopyable> {
    let buffer: UnsafeBufferPointer<Element>

    init(_ elements: [Element]) {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, elements.count))
        _ = memory.initialize(from: elements)
        buffer = UnsafeBufferPointer(start: memory.baseAddress, count: elements.count)
    }

    deinit {
        UnsafeMutableRawPointer(mutating: buffer.baseAddress!).deallocate()
    }
}

/// Strings stored end to end as UTF-8 with their start offsets: `count + 1` offsets, the
/// string `i` is `bytes[offsets[i]..<offsets[i + 1]]`. Reading one makes a `String`.
public struct StringTable: RandomAccessCollection, Sendable, Equatable {
    public let offsets: FlatArray<UInt32>
    public let bytes: FlatArray<UInt8>

    /// The strings, laid end to end.
    public init(_ strings: [String]) {
        var offsets: [UInt32] = [0]
        var bytes: [UInt8] = []
        offsets.reserveCapacity(strings.count + 1)
        for string in strings {
            bytes.append(contentsOf: string.utf8)
            offsets.append(UInt32(bytes.count))
        }
        self.offsets = FlatArray(offsets)
        self.bytes = FlatArray(bytes)
    }

    init(offsets: FlatArray<UInt32>, bytes: FlatArray<UInt8>) {
        self.offsets = offsets
        self.bytes = bytes
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Swift.max(0, offsets.count - 1) }

    public subscript(position: Int) -> String {
        let range = Int(offsets[position])..<Int(offsets[position + 1])
        return String(decoding: UnsafeBufferPointer(rebasing: bytes.buffer[range]), as: UTF8.self)
    }
}
