#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `GraphSnapshot` persisted beside its database (`kg.sqlite.snapshot`), memory-mapped
/// and used in place: opening one parses nothing and allocates nothing per node.
///
/// Layout (version 1, little-endian, every section 8-byte aligned and zero-padded):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `KGSNAP\r\n` |
/// | 8 | 4 | format version (1) |
/// | 12 | 4 | byte-order mark `0x01020304` |
/// | 16 | 8 | the database's content generation |
/// | 24 | 16 | the database's identity (`kb_id`, ASCII hex) |
/// | 40 | 8 | file size in bytes |
/// | 48 | 4 | section count (37) |
/// | 52 | 4 | reserved (0) |
/// | 56 | 8 | checksum of every byte after the section table |
/// | 64 | 8 | checksum of bytes 0..<64 and the section table |
/// | 72 | 16 × count | section table: byte offset and element count of each section |
///
/// The sections, in order (`Section`): concept ids, kinds, names, problem counts, level
/// masks, source names, source masks, extra sources, both adjacencies (offsets, targets,
/// counts), the problem table's columns, the problem index (KP → problems, KP-set hashes) and
/// the name index (stored keys, their order, aliases, name ranks). A file whose size, magic, version, byte order,
/// checksums or section bounds do not hold is rejected, never used.
public enum SnapshotFile {
    /// The format version this build writes and reads.
    public static let version: UInt32 = 1
    static let magic: [UInt8] = Array("KGSNAP\r\n".utf8)
    static let headerSize = 72

    /// The sections, in file order, with their element sizes.
    enum Section: Int, CaseIterable {
        case conceptIDs, kinds, nameOffsets, nameBytes, problemCounts, levelMasks
        case sourceNameOffsets, sourceNameBytes, sourceMasks, extraSources
        case topicOffsets, topicTargets, topicCounts, kpOffsets, kpTargets, kpCounts
        case problemIDOffsets, problemIDBytes, problemLevels, problemSources
        case problemTopicOffsets, problemTopicNodes, problemKPOffsets, problemKPNodes
        case kpProblemOffsets, kpProblems, kpSetHashes, kpSetProblems
        case keyOffsets, keyBytes, keyOrder, aliasKinds, aliasKeyOffsets, aliasKeyBytes, aliasConcepts, nameRanks, naturalRanks

        var elementSize: Int {
            switch self {
            case .conceptIDs, .sourceMasks, .kpSetHashes, .aliasConcepts: return 8
            case .kinds, .nameBytes, .sourceNameBytes, .problemIDBytes, .problemLevels, .keyBytes, .aliasKinds, .aliasKeyBytes: return 1
            case .levelMasks: return 2
            default: return 4
            }
        }
    }

    /// Why a snapshot file was not used.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missing
        case unreadable(String)
        case truncated(expected: Int, found: Int)
        case notASnapshot
        case otherVersion(UInt32)
        case corrupt(String)
        case otherDatabase
        case stale(snapshot: UInt64, database: UInt64)

        public var description: String {
            switch self {
            case .missing: return "no snapshot file"
            case .unreadable(let reason): return "cannot be read: \(reason)"
            case .truncated(let expected, let found): return "truncated (\(found) of \(expected) bytes)"
            case .notASnapshot: return "not a kg snapshot file"
            case .otherVersion(let version): return "format version \(version), this kg reads \(SnapshotFile.version)"
            case .corrupt(let what): return "corrupt (\(what))"
            case .otherDatabase: return "made from another database file"
            case .stale(let snapshot, let database): return "stale (generation \(snapshot), the database is at \(database))"
            }
        }
    }

    /// What a valid header says.
    public struct Header: Equatable, Sendable {
        public var generation: UInt64
        public var identity: String
        public var size: Int
    }

    // MARK: - Writing

    /// Writes `snapshot` (built with `.problems`: a file holds everything) to `path` atomically: a temporary file beside it, flushed to disk,
    /// then renamed over `path`, so a reader sees the old file or the new one, never a part.
    /// Returns the file's size.
    @discardableResult
    public static func write(_ snapshot: GraphSnapshot, generation: UInt64, identity: String, to path: String) throws -> Int {
        var sections: [[UInt8]] = Section.allCases.map { bytes(of: $0, in: snapshot) }
        var table: [(offset: UInt64, count: UInt64)] = []
        var offset = headerSize + 16 * sections.count
        for (i, section) in Section.allCases.enumerated() {
            table.append((UInt64(offset), UInt64(sections[i].count / section.elementSize)))
            let padded = (sections[i].count + 7) & ~7
            sections[i] += [UInt8](repeating: 0, count: padded - sections[i].count)
            offset += padded
        }
        let size = offset
        var body: [UInt8] = []
        body.reserveCapacity(size - headerSize - 16 * sections.count)
        for section in sections { body += section }

        var header = magic
        append(version, to: &header)
        append(UInt32(0x0102_0304), to: &header)
        append(generation, to: &header)
        var id = Array(identity.utf8.prefix(16))
        id += [UInt8](repeating: 0x20, count: 16 - id.count)
        header += id
        append(UInt64(size), to: &header)
        append(UInt32(sections.count), to: &header)
        append(UInt32(0), to: &header)
        append(checksum(body), to: &header)
        var tableBytes: [UInt8] = []
        for entry in table {
            append(entry.offset, to: &tableBytes)
            append(entry.count, to: &tableBytes)
        }
        append(checksum(header + [UInt8](repeating: 0, count: 8) + tableBytes), to: &header)
        let whole = header + tableBytes + body
        precondition(whole.count == size)
        try writeAtomically(whole, to: path)
        return size
    }

    /// The bytes of one section of `snapshot`, unpadded.
    private static func bytes(of section: Section, in s: GraphSnapshot) -> [UInt8] {
        switch section {
        case .conceptIDs: return raw(s.conceptIDs)
        case .kinds: return s.kinds.map { $0 == .topic ? 0 : 1 }
        case .nameOffsets: return raw(s.names.offsets)
        case .nameBytes: return raw(s.names.bytes)
        case .problemCounts: return raw(s.problemCounts)
        case .levelMasks: return raw(FlatArray(s.levelMasks.map(\.rawValue)))
        case .sourceNameOffsets: return raw(s.sourceNames.offsets)
        case .sourceNameBytes: return raw(s.sourceNames.bytes)
        case .sourceMasks: return raw(s.sourceMasks)
        case .extraSources:
            var pairs: [Int32] = []
            for node in s.extraSources.keys.sorted() {
                for source in s.extraSources[node]!.sorted() { pairs += [node, source] }
            }
            return raw(FlatArray(pairs))
        case .topicOffsets: return raw(s.adjacency.topic.offsets)
        case .topicTargets: return raw(s.adjacency.topic.targets)
        case .topicCounts: return raw(s.adjacency.topic.counts)
        case .kpOffsets: return raw(s.adjacency.kp.offsets)
        case .kpTargets: return raw(s.adjacency.kp.targets)
        case .kpCounts: return raw(s.adjacency.kp.counts)
        case .problemIDOffsets: return raw(s.problems.externalIDs.offsets)
        case .problemIDBytes: return raw(s.problems.externalIDs.bytes)
        case .problemLevels: return raw(s.problems.levels)
        case .problemSources: return raw(s.problems.sources)
        case .problemTopicOffsets: return raw(s.problems.topicOffsets)
        case .problemTopicNodes: return raw(s.problems.topicNodes)
        case .problemKPOffsets: return raw(s.problems.kpOffsets)
        case .problemKPNodes: return raw(s.problems.kpNodes)
        case .kpProblemOffsets: return raw(s.problemIndex.kpOffsets)
        case .kpProblems: return raw(s.problemIndex.kpProblems)
        case .kpSetHashes: return raw(s.problemIndex.kpSetHashes)
        case .kpSetProblems: return raw(s.problemIndex.kpSetProblems)
        case .keyOffsets: return raw(s.nameIndex.keys.offsets)
        case .keyBytes: return raw(s.nameIndex.keys.bytes)
        case .keyOrder: return raw(s.nameIndex.keyOrder)
        case .aliasKinds: return s.nameIndex.aliasKinds.map { $0 == .topic ? 0 : 1 }
        case .aliasKeyOffsets: return raw(s.nameIndex.aliasKeys.offsets)
        case .aliasKeyBytes: return raw(s.nameIndex.aliasKeys.bytes)
        case .aliasConcepts: return raw(s.nameIndex.aliasConcepts)
        case .nameRanks: return raw(s.nameIndex.nameRanks)
        case .naturalRanks: return raw(s.nameIndex.naturalRanks)
        }
    }

    /// An array's bytes as they lie in memory (little-endian on every platform kg runs on).
    private static func raw<T>(_ array: FlatArray<T>) -> [UInt8] {
        Array(UnsafeRawBufferPointer(array.buffer))
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        var random = SplitMix64(seed: UInt64(getpid()) << 32 ^ UInt64(UInt(bitPattern: time(nil))))
        AbandonedTemporaries.sweep(besides: path, marker: ".tmp-")
        let temporary = "\(path).tmp-\(getpid())-\(String(random.next() & 0xFFFF_FFFF, radix: 16))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += n
            }
            return fsync(fd) == 0 ? nil : String(cString: strerror(errno))
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw OutputFile.WriteError(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFile.WriteError(path: path, reason: reason)
        }
    }

    // MARK: - Reading

    /// The header of the file at `path`, checked (magic, version, byte order, size and
    /// header checksum), without mapping or checking the body.
    public static func header(at path: String) -> Result<Header, Problem> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        let size = Int(info.st_size)
        var head = [UInt8](repeating: 0, count: headerSize)
        guard size >= headerSize, pread(fd, &head, headerSize, 0) == headerSize else {
            return .failure(.truncated(expected: headerSize, found: size))
        }
        let count = Int(read(UInt32.self, head, 48))
        guard count == Section.allCases.count else { return .failure(prefixProblem(head, count: count)) }
        var table = [UInt8](repeating: 0, count: 16 * count)
        guard size >= headerSize + table.count, pread(fd, &table, table.count, off_t(headerSize)) == table.count else {
            return .failure(.truncated(expected: headerSize + table.count, found: size))
        }
        return check(head, table: table, size: size).map { $0.0 }
    }

    /// Files up to this size have their whole body checksummed on every open (about 1 ms per
    /// 16 MiB); larger ones only when asked (`kg snapshot` does), so that opening the snapshot
    /// of a million-problem knowledge base stays a matter of milliseconds. Their header
    /// checksum, size, section bounds and counts are checked on every open all the same.
    public static let bodyCheckLimit = 64 << 20

    /// Maps the file at `path` and returns its snapshot when it is whole and belongs to the
    /// database of `identity` at `generation`. `verifyBody` checks the body's checksum
    /// (default: for files up to `bodyCheckLimit` bytes).
    public static func load(path: String, generation: UInt64, identity: String, verifyBody: Bool? = nil) -> Result<GraphSnapshot, Problem> {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch let error as MappedFileError {
            return .failure(access(path, F_OK) != 0 ? .missing : .unreadable(error.reason))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
        let bytes = file.bytes
        guard bytes.count >= headerSize else { return .failure(bytes.isEmpty ? .truncated(expected: headerSize, found: 0) : .notASnapshot) }
        let head = Array(bytes[0..<headerSize])
        let count = Int(read(UInt32.self, head, 48))
        guard count == Section.allCases.count else { return .failure(prefixProblem(head, count: count)) }
        guard bytes.count >= headerSize + 16 * count else { return .failure(.truncated(expected: headerSize + 16 * count, found: bytes.count)) }
        let table = Array(bytes[headerSize..<headerSize + 16 * count])
        let header: Header, sections: [(offset: Int, count: Int)]
        switch check(head, table: table, size: bytes.count) {
        case .failure(let problem): return .failure(problem)
        case .success(let result): (header, sections) = result
        }
        guard header.identity == identity else { return .failure(.otherDatabase) }
        guard header.generation == generation else { return .failure(.stale(snapshot: header.generation, database: generation)) }
        let bodyStart = headerSize + 16 * count
        let body = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[bodyStart...])
        if verifyBody ?? (bytes.count <= bodyCheckLimit) {
            guard checksum(body) == read(UInt64.self, head, 56) else { return .failure(.corrupt("body checksum")) }
        }
        return build(from: UnsafeRawBufferPointer(bytes), sections: sections, owner: file)
    }

    /// What is wrong with a header whose section count is not this version's.
    private static func prefixProblem(_ head: [UInt8], count: Int) -> Problem {
        guard Array(head[0..<8]) == magic else { return .notASnapshot }
        let version = read(UInt32.self, head, 8)
        guard version == SnapshotFile.version else { return .otherVersion(version) }
        return .corrupt("section count \(count)")
    }

    /// Checks a header and its section table against the file's size.
    private static func check(_ head: [UInt8], table: [UInt8], size: Int) -> Result<(Header, [(offset: Int, count: Int)]), Problem> {
        guard Array(head[0..<8]) == magic else { return .failure(.notASnapshot) }
        let version = read(UInt32.self, head, 8)
        guard version == SnapshotFile.version else { return .failure(.otherVersion(version)) }
        guard read(UInt32.self, head, 12) == 0x0102_0304 else { return .failure(.corrupt("byte order")) }
        let recorded = Int(truncatingIfNeeded: read(UInt64.self, head, 40))
        guard recorded == size else {
            return .failure(recorded > size ? .truncated(expected: recorded, found: size) : .corrupt("size \(size), header says \(recorded)"))
        }
        guard checksum(Array(head[0..<64]) + [UInt8](repeating: 0, count: 8) + table) == read(UInt64.self, head, 64) else {
            return .failure(.corrupt("header checksum"))
        }
        var sections: [(offset: Int, count: Int)] = []
        for (i, section) in Section.allCases.enumerated() {
            let offset = Int(truncatingIfNeeded: read(UInt64.self, table, 16 * i))
            let count = Int(truncatingIfNeeded: read(UInt64.self, table, 16 * i + 8))
            guard offset >= headerSize + table.count, offset % 8 == 0, count >= 0, count <= size,
                offset + count * section.elementSize <= size
            else { return .failure(.corrupt("section \(i) out of bounds")) }
            sections.append((offset, count))
        }
        let identity = String(decoding: head[24..<40], as: UTF8.self).trimmingSpaces()
        return .success((Header(generation: read(UInt64.self, head, 16), identity: identity, size: size), sections))
    }

    /// The snapshot whose arrays point into the mapped bytes.
    private static func build(from bytes: UnsafeRawBufferPointer, sections: [(offset: Int, count: Int)], owner: MappedFile)
        -> Result<GraphSnapshot, Problem>
    {
        func array<T>(_ section: Section, _: T.Type) -> FlatArray<T> {
            let (offset, count) = sections[section.rawValue]
            let start = (bytes.baseAddress! + offset).assumingMemoryBound(to: T.self)
            return FlatArray(buffer: UnsafeBufferPointer(start: start, count: count), owner: owner)
        }
        let n = sections[Section.conceptIDs.rawValue].count
        let problems = sections[Section.problemLevels.rawValue].count
        // The counts must agree with each other; the checksum has already vouched for the bytes.
        let expected: [(Section, Int)] = [
            (.kinds, n), (.nameOffsets, n + 1), (.problemCounts, n), (.levelMasks, n), (.sourceMasks, n),
            (.topicOffsets, n + 1), (.kpOffsets, n + 1), (.problemIDOffsets, problems + 1), (.problemSources, problems),
            (.problemTopicOffsets, problems + 1), (.problemKPOffsets, problems + 1), (.kpProblemOffsets, n + 1),
            (.kpSetHashes, problems), (.kpSetProblems, problems), (.keyOffsets, n + 1), (.keyOrder, n), (.nameRanks, n), (.naturalRanks, n),
            (.aliasKinds, sections[Section.aliasConcepts.rawValue].count),
            (.aliasKeyOffsets, sections[Section.aliasConcepts.rawValue].count + 1),
        ]
        for (section, count) in expected where sections[section.rawValue].count != count {
            return .failure(.corrupt("section \(section.rawValue) holds \(sections[section.rawValue].count) elements, not \(count)"))
        }
        guard MemoryLayout<ConceptKind>.size == 1, unsafeBitCast(ConceptKind.kp, to: UInt8.self) == 1 else {
            return .failure(.corrupt("this build lays out concept kinds differently"))
        }
        let kindBytes = array(.kinds, UInt8.self)
        guard kindBytes.allSatisfy({ $0 <= 1 }) else { return .failure(.corrupt("kinds")) }
        let kinds = array(.kinds, ConceptKind.self)
        let levels = array(.levelMasks, LevelSet.self)
        var extra: [Int32: Set<Int32>] = [:]
        let pairs = array(.extraSources, Int32.self)
        guard pairs.count % 2 == 0 else { return .failure(.corrupt("extra sources")) }
        for i in stride(from: 0, to: pairs.count, by: 2) { extra[pairs[i], default: []].insert(pairs[i + 1]) }
        func adjacency(_ offsets: Section, _ targets: Section, _ counts: Section) -> GraphSnapshot.Adjacency? {
            let a = GraphSnapshot.Adjacency(
                offsets: array(offsets, Int32.self), targets: array(targets, Int32.self), counts: array(counts, Int32.self))
            guard a.targets.count == a.counts.count, a.offsets.first == 0, Int(a.offsets.last ?? -1) == a.targets.count else { return nil }
            return a
        }
        guard let topic = adjacency(.topicOffsets, .topicTargets, .topicCounts), let kp = adjacency(.kpOffsets, .kpTargets, .kpCounts) else {
            return .failure(.corrupt("adjacency"))
        }
        func strings(_ offsets: Section, _ text: Section) -> StringTable? {
            let table = StringTable(offsets: array(offsets, UInt32.self), bytes: array(text, UInt8.self))
            return table.offsets.first == 0 && Int(table.offsets.last ?? 1) == table.bytes.count ? table : nil
        }
        guard let names = strings(.nameOffsets, .nameBytes), let sourceNames = strings(.sourceNameOffsets, .sourceNameBytes),
            let ids = strings(.problemIDOffsets, .problemIDBytes)
        else { return .failure(.corrupt("string table")) }
        let table = ProblemTable(
            externalIDs: ids, levels: array(.problemLevels, UInt8.self), sources: array(.problemSources, Int32.self),
            topicOffsets: array(.problemTopicOffsets, UInt32.self), topicNodes: array(.problemTopicNodes, Int32.self),
            kpOffsets: array(.problemKPOffsets, UInt32.self), kpNodes: array(.problemKPNodes, Int32.self))
        guard Int(table.topicOffsets.last ?? 1) == table.topicNodes.count, Int(table.kpOffsets.last ?? 1) == table.kpNodes.count else {
            return .failure(.corrupt("problem table"))
        }
        var snapshot = GraphSnapshot(
            conceptIDs: array(.conceptIDs, Int64.self), kinds: kinds, names: names, problemCounts: array(.problemCounts, Int32.self),
            levelMasks: levels, adjacency: PerKind(topic: topic, kp: kp))
        snapshot.sourceNames = sourceNames
        snapshot.sourceMasks = array(.sourceMasks, UInt64.self)
        snapshot.extraSources = extra
        snapshot.problems = table
        let index = ProblemIndex(
            kpOffsets: array(.kpProblemOffsets, UInt32.self), kpProblems: array(.kpProblems, Int32.self),
            kpSetHashes: array(.kpSetHashes, UInt64.self), kpSetProblems: array(.kpSetProblems, Int32.self))
        guard Int(index.kpOffsets.last ?? 1) == index.kpProblems.count, index.kpProblems.count == table.kpNodes.count else {
            return .failure(.corrupt("problem index"))
        }
        snapshot.problemIndex = index
        guard array(.aliasKinds, UInt8.self).allSatisfy({ $0 <= 1 }), array(.keyOrder, Int32.self).allSatisfy({ $0 >= 0 && Int($0) < n }),
            let keys = strings(.keyOffsets, .keyBytes), let aliasKeys = strings(.aliasKeyOffsets, .aliasKeyBytes)
        else { return .failure(.corrupt("name index")) }
        snapshot.nameIndex = NameIndex(
            keys: keys, keyOrder: array(.keyOrder, Int32.self), aliasKinds: array(.aliasKinds, ConceptKind.self), aliasKeys: aliasKeys,
            aliasConcepts: array(.aliasConcepts, Int64.self), nameRanks: array(.nameRanks, Int32.self),
            naturalRanks: array(.naturalRanks, Int32.self))
        return .success(snapshot)
    }

    private static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], _ offset: Int) -> T {
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<offset + MemoryLayout<T>.size]) }
        return T(littleEndian: value)
    }

    // MARK: - Checksum

    /// A 64-bit checksum over whole 8-byte words (plus a tail), four lanes at a time so it
    /// runs at memory speed: a flipped bit anywhere changes it.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        let words = bytes.count / 8
        var i = 0
        while i + 4 <= words {
            lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) &* prime
            lanes.1 = (lanes.1 ^ bytes.loadUnaligned(fromByteOffset: 8 * i + 8, as: UInt64.self)) &* prime
            lanes.2 = (lanes.2 ^ bytes.loadUnaligned(fromByteOffset: 8 * i + 16, as: UInt64.self)) &* prime
            lanes.3 = (lanes.3 ^ bytes.loadUnaligned(fromByteOffset: 8 * i + 24, as: UInt64.self)) &* prime
            lanes.0 ^= lanes.0 >> 31
            lanes.1 ^= lanes.1 >> 31
            lanes.2 ^= lanes.2 >> 31
            lanes.3 ^= lanes.3 >> 31
            i += 4
        }
        var h = (lanes.0 &* 3) ^ (lanes.1 &* 5) ^ (lanes.2 &* 7) ^ (lanes.3 &* 11) ^ UInt64(bytes.count)
        while i < words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) &* prime
            h ^= h >> 29
            i += 1
        }
        for j in (8 * words)..<bytes.count {
            h = (h ^ UInt64(bytes[j])) &* prime
        }
        h ^= h >> 32
        return h
    }
}

/// `write(2)`, under a name the static `write` above does not hide.
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " || s.last == "\0" { s.removeLast() }
        return String(s)
    }
}
