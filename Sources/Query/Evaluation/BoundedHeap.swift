/// The best `capacity` elements seen so far under an order `precedes` (best first): a
/// max-heap whose root is the worst element kept, so each insert is O(log k). Used for
/// `top N` over results far larger than N.
struct BoundedHeap<Element> {
    private var heap: [Element] = []
    private let capacity: Int
    private let precedes: (Element, Element) -> Bool

    init(capacity: Int, by precedes: @escaping (Element, Element) -> Bool) {
        self.capacity = capacity
        self.precedes = precedes
        heap.reserveCapacity(min(capacity, 1 << 20))
    }

    /// Offers an element; it is kept if fewer than `capacity` are, or if it precedes the worst kept.
    mutating func insert(_ element: Element) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(element)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard precedes(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        } else if precedes(element, heap[0]) {
            heap[0] = element
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, precedes(heap[worst], heap[left]) { worst = left }
                if right < heap.count, precedes(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    /// The kept elements, best first.
    func sorted() -> [Element] {
        heap.sorted(by: precedes)
    }
}
