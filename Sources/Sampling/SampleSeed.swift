import KnowledgeBase

/// Derives independent random streams from the user's `--seed`, so that sample `i`'s
/// randomness depends on (seed, i) alone: any shard can draw any sample.
public enum SampleSeed {
    /// SplitMix64's output function: a bijective 64-bit mixer.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The generator for sample `index`, attempt `attempt` (attempts > 0 only under `--unique`).
    @inlinable
    public static func generator(seed: UInt64, index: Int, attempt: Int = 0) -> SplitMix64 {
        SplitMix64(seed: mix(seed ^ mix(UInt64(index) &+ 0x5151_0000_0000_0000 ^ mix(UInt64(attempt) &+ 0xA77E_0000))))
    }

    /// The key that orders sample `index`'s equally near few-shot examples
    /// (`ExampleFinder.nearest(to:k:tieBreak:)`): ties differ from sample to sample but not
    /// from run to run.
    @inlinable
    public static func exampleTieBreak(seed: UInt64, index: Int) -> UInt64 {
        mix(seed ^ mix(UInt64(index) &+ 0xE8A3_0000_0000_0000))
    }

    /// A seeded Fisher–Yates shuffle of `items` for stream `stream` (an epoch number, say).
    public static func shuffled<T>(_ items: [T], seed: UInt64, stream: UInt64) -> [T] {
        var random = SplitMix64(seed: mix(seed ^ mix(stream ^ 0xE90C_0000_0000_0000)))
        var result = items
        if result.count < 2 { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            let j = random.nextInt(below: i + 1)
            result.swapAt(i, j)
        }
        return result
    }
}
