/// Values by key, at most `capacity` of them: adding one more drops the oldest. Not
/// thread-safe; its owner locks around it (`ExplorerState`).
struct BoundedCache<Value> {
    let capacity: Int
    private var values: [String: Value] = [:]
    /// Keys, oldest first.
    private var order: [String] = []

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    subscript(key: String) -> Value? { values[key] }

    var count: Int { values.count }

    /// Keeps `value` under `key` unless one is kept there already (the first stays).
    mutating func insert(_ value: Value, for key: String) {
        guard values[key] == nil else { return }
        values[key] = value
        order.append(key)
        if order.count > capacity { values[order.removeFirst()] = nil }
    }
}
