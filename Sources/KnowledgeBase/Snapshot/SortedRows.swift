/// Calls `body(i, j)` for every element that two ascending rows of distinct node numbers
/// share, with its index in each, in one merge pass: the intersection behind KPDDS's
/// product of rows and behind Jaccard overlaps.
@inlinable
public func forEachSharedNode<A: RandomAccessCollection, B: RandomAccessCollection>(
    _ a: A, _ b: B, _ body: (A.Index, B.Index) throws -> Void
) rethrows where A.Element == Int32, B.Element == Int32 {
    var i = a.startIndex, j = b.startIndex
    while i != a.endIndex && j != b.endIndex {
        let x = a[i], y = b[j]
        if x < y {
            a.formIndex(after: &i)
        } else if y < x {
            b.formIndex(after: &j)
        } else {
            try body(i, j)
            a.formIndex(after: &i)
            b.formIndex(after: &j)
        }
    }
}
