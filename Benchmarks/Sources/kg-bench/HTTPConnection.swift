import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One keep-alive HTTP/1.1 connection to a server on 127.0.0.1, blocking and minimal: enough
/// to load `kg serve` from many threads without a client library's own cost in the figures.
/// It reads `Content-Length` bodies (what kg serve sends) and the `Server-Timing` header.
final class HTTPConnection {
    struct Reply {
        var status: Int
        /// The server's own time for the request (`Server-Timing: app;dur=…`), milliseconds.
        var serverMilliseconds: Double?
        var body: [UInt8]
    }

    private let port: Int
    private var socket: Int32 = -1
    /// Bytes read and not yet consumed.
    private var pending: [UInt8] = []

    init(port: Int) throws {
        self.port = port
        try connect()
    }

    deinit { if socket >= 0 { close(socket) } }

    private func connect() throws {
        if socket >= 0 { close(socket) }
        pending.removeAll(keepingCapacity: true)
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw BenchError("connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
    }

    /// GET `path`; reconnects once when the server closed the connection in between.
    func get(_ path: String) throws -> Reply {
        do {
            return try exchange(path)
        } catch is ConnectionClosed {
            try connect()
            return try exchange(path)
        }
    }

    private struct ConnectionClosed: Error {}

    private func exchange(_ path: String) throws -> Reply {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw ConnectionClosed() }
            sent += n
        }
        // The head.
        var headEnd: Int?
        while true {
            if let end = Self.headEnd(in: pending) {
                headEnd = end
                break
            }
            if try !fill() { throw ConnectionClosed() }
        }
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd! + 4)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw BenchError("not an HTTP reply: \(lines[0])") }
        var length = 0
        var timing: Double?
        var closes = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-length": length = Int(value) ?? 0
            case "server-timing":
                if let range = value.range(of: "dur=") { timing = Double(value[range.upperBound...].prefix { $0 != ";" && $0 != "," }) }
            case "transfer-encoding": throw BenchError("chunked replies are not read by this client (\(path))")
            case "connection": closes = value.lowercased() == "close"
            default: break
            }
        }
        while pending.count < length {
            if try !fill() { throw BenchError("the connection closed inside a reply to \(path)") }
        }
        let body = Array(pending[..<length])
        pending.removeFirst(length)
        if closes { try connect() }
        return Reply(status: status, serverMilliseconds: timing, body: body)
    }

    /// Reads what the socket has; false at its end.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if n < 0 { throw BenchError("recv: \(String(cString: strerror(errno)))") }
        if n == 0 { return false }
        pending.append(contentsOf: chunk[..<n])
        return true
    }

    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}
