import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The worker side of out-of-process rendering (`kg graphviz-worker`): it reads requests on
/// its standard input and answers each on its standard output, until its input ends.
///
/// A request is three length-prefixed fields (each a 4-byte big-endian length, then that many
/// bytes of UTF-8): the layout engine, the output format, the DOT text. The answer is a status
/// byte (0: rendered, 1: failed) and one length-prefixed field: the rendered bytes, or the
/// error's message.
public enum GraphvizWorker {
    /// The largest field either side accepts: a drawing bounded by `kg serve`'s limits is far
    /// smaller.
    public static let maximumField = 64 << 20

    /// Serves requests from `input` on `output` until `input` ends; returns normally then.
    public static func serve(input: Int32 = 0, output: Int32 = 1) throws {
        let renderer = try GraphvizRenderer()
        while true {
            guard let layout = try readField(input) else { return }
            guard let format = try readField(input), let dot = try readField(input) else {
                throw RenderError.graphviz(stage: "read a request", message: "the request ended early")
            }
            let reply: (UInt8, [UInt8])
            do {
                guard let kind = RenderFormat(rawValue: String(decoding: format, as: UTF8.self)) else {
                    throw RenderError.graphviz(stage: "render", message: "unknown format \(String(decoding: format, as: UTF8.self))")
                }
                reply = (0, try renderer.render(dot: String(decoding: dot, as: UTF8.self), layout: String(decoding: layout, as: UTF8.self), format: kind))
            } catch {
                reply = (1, Array("\(error)".utf8))
            }
            try writeAll(output, [reply.0] + lengthPrefixed(reply.1))
        }
    }

    /// `bytes` after their length, 4 bytes big-endian: one field of the protocol.
    public static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + bytes
    }

    /// One length-prefixed field, or nil when `fd` ends before it begins.
    public static func readField(_ fd: Int32) throws -> [UInt8]? {
        guard let head = try readExactly(fd, 4) else { return nil }
        let length = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        guard length <= maximumField else {
            throw RenderError.graphviz(stage: "read a field", message: "\(length) bytes is more than the \(maximumField) a field may hold")
        }
        guard let body = try readExactly(fd, length) else {
            throw RenderError.graphviz(stage: "read a field", message: "the stream ended inside a field")
        }
        return body
    }

    /// Exactly `count` bytes, or nil when `fd` is at its end before the first.
    public static func readExactly(_ fd: Int32, _ count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RenderError.graphviz(stage: "read the drawing protocol", message: String(cString: strerror(errno)))
            }
            if n == 0 {
                if done == 0 { return nil }
                throw RenderError.graphviz(stage: "read the drawing protocol", message: "the stream ended after \(done) of \(count) bytes")
            }
            done += n
        }
        return bytes
    }

    /// Writes all of `bytes` to `fd`.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RenderError.graphviz(stage: "write the drawing protocol", message: String(cString: strerror(errno)))
            }
            done += n
        }
    }
}
