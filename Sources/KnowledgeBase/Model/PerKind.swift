/// One value for topics and one for knowledge points, indexed by `ConceptKind`.
///
/// Replaces two-element arrays indexed by `kind == .topic ? 0 : 1`: the kind is the index,
/// so a mix-up cannot compile.
/// ```swift
/// var counts = PerKind(topic: 0, kp: 0)
/// counts[.kp] += 1
/// ```
public struct PerKind<Value> {
    public var topic: Value
    public var kp: Value

    /// Both values.
    public init(topic: Value, kp: Value) {
        self.topic = topic
        self.kp = kp
    }

    /// Both values from `make(kind)`.
    @inlinable
    public init(_ make: (ConceptKind) throws -> Value) rethrows {
        topic = try make(.topic)
        kp = try make(.kp)
    }

    /// The value for `kind`. Mutating through it changes the value in place (`_modify`),
    /// so `keys[kind][name] = id` on a dictionary does not copy the dictionary.
    @inlinable
    public subscript(kind: ConceptKind) -> Value {
        get { kind == .topic ? topic : kp }
        _modify {
            if kind == .topic { yield &topic } else { yield &kp }
        }
    }

    /// Both values transformed, kind by kind.
    @inlinable
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> PerKind<T> {
        PerKind<T>(topic: try transform(topic), kp: try transform(kp))
    }

    /// The topic value, then the KP value.
    @inlinable
    public var values: [Value] { [topic, kp] }
}

/// Iterating gives the topic value, then the KP value, without building an array.
extension PerKind: Sequence {
    public struct Iterator: IteratorProtocol {
        @usableFromInline let pair: PerKind
        @usableFromInline var position = 0

        @inlinable init(_ pair: PerKind) { self.pair = pair }

        @inlinable
        public mutating func next() -> Value? {
            defer { position += 1 }
            switch position {
            case 0: return pair.topic
            case 1: return pair.kp
            default: return nil
            }
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(self) }
    @inlinable public var underestimatedCount: Int { 2 }
}

extension PerKind: Sendable where Value: Sendable {}
extension PerKind: Equatable where Value: Equatable {}
