/// How far a typed word is from a known one: the optimal string alignment distance
/// (insertions, deletions, substitutions, and two neighbours swapped, each 1), so that
/// "hugo.dasliva" is 1 from "hugo.dasilva". For suggestions in error messages.
public enum EditDistance {
    /// The distance between `a` and `b`, or nil when it is over `limit` (computed no further).
    public static func between(_ a: String, _ b: String, limit: Int) -> Int? {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard abs(x.count - y.count) <= limit else { return nil }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var before = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            guard rowMinimum <= limit else { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[y.count] <= limit ? previous[y.count] : nil
    }

    /// The known word closest to `typed` within `limit` (a third of its length, at most 3, by
    /// default), the first of equals; nil when none is that close.
    public static func closest(to typed: String, among known: some Sequence<String>, limit: Int? = nil) -> String? {
        let limit = limit ?? min(3, max(1, typed.count / 3))
        var best: (word: String, distance: Int)?
        for word in known where word != typed {
            guard let d = between(typed, word, limit: best.map { $0.distance - 1 } ?? limit) else { continue }
            best = (word, d)
            if d == 1 { break }
        }
        return best?.word
    }
}
