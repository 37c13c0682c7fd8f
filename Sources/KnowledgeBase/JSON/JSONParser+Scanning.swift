#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading JSON without building a `JSONValue` tree: walk an object's members, read the
/// few values wanted, and skip the rest. For the hot paths that need a handful of fields
/// from long lines (batch output lines), where building and freeing the whole tree costs
/// more than everything else. The rules are `JSONParser`'s: strings are decoded alike.
extension JSONParser {
    /// A scanner at the start of `bytes`.
    package init(scanning bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes: bytes)
    }

    /// The first byte of the next value (after white space), or nil at the end.
    package mutating func peekValue() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Calls `body(key)` for each member of the object at the cursor; `body` must read or
    /// skip the member's value. Keys are the raw bytes between the quotes, compared with
    /// `key(_:is:)`; a key written with escapes is an error here (use `parse` for those).
    package mutating func scanObject(_ body: (inout JSONParser, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw error("expected an object, found \(describeCurrent())") }
        try forEachMember(
            readKey: { parser in
                let keyStart = parser.index + 1
                try parser.skipString()
                let key = UnsafeBufferPointer(rebasing: parser.bytes[keyStart..<(parser.index - 1)])
                if key.contains(UInt8(ascii: "\\")) { throw parser.error("a member name with escapes", at: keyStart) }
                return key
            },
            describe: { String(decoding: $0, as: UTF8.self) }, body)
    }

    /// Calls `body(position)` for each element of the array at the cursor; `body` must
    /// read or skip the element.
    package mutating func scanArray(_ body: (inout JSONParser, Int) throws -> Void) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw error("expected an array, found \(describeCurrent())") }
        try forEachElement(body)
    }

    /// Reads the value at the cursor as a whole `JSONValue`.
    package mutating func scanValue() throws -> JSONValue {
        skipWhitespace()
        return try parseValue()
    }

    /// Reads the string at the cursor; nil (consuming the value) when it is another type.
    package mutating func scanString() throws -> String? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return try parseString()
    }

    /// Reads a number without fraction or exponent as an `Int`; nil (consuming the value)
    /// for anything else.
    package mutating func scanInteger() throws -> Int? {
        skipWhitespace()
        // Plain digits (the common case) are read in place; anything else as a value.
        var i = index, value = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, i - index < 18 {
            value = value * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        if i > index, i < bytes.count, !(bytes[index] == 0x30 && i - index > 1) {
            switch bytes[i] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                index = i
                return value
            default: break
            }
        }
        if case .number(let text) = try scanValue() { return Int(text) }
        return nil
    }

    /// Skips the value at the cursor, checking its syntax, building nothing for scalars.
    package mutating func skipValue() throws {
        skipWhitespace()
        guard index < bytes.count else { throw error("expected a value, found end of line") }
        switch bytes[index] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try scanObject { parser, _ in try parser.skipValue() }
        case UInt8(ascii: "["): try scanArray { parser, _ in try parser.skipValue() }
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // Digits alone are skipped in place; anything fancier is checked by the parser.
            var i = index
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            if bytes[index] != 0x30 || i - index == 1, i < bytes.count,
                bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}") || bytes[i] == UInt8(ascii: "]")
            {
                index = i
            } else {
                _ = try parseValue()
            }
        default: _ = try parseValue()
        }
    }

    /// Whether the raw key bytes equal `name` (a key with escapes never matches).
    @inline(__always)
    package static func key(_ key: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }

    /// Moves past the string at the cursor, checking escapes and control characters.
    private mutating func skipString() throws {
        let start = index
        index += 1
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return }
            if b == UInt8(ascii: "\\") {
                index = start
                _ = try parseString()
                return
            }
            if b < 0x20 { throw error("control character inside a string") }
            index += 1
        }
        throw error("unterminated string", at: start)
    }
}
