/// Comparisons whose time does not depend on where two secrets differ.
public enum ConstantTime {
    /// Whether `lhs` and `rhs` are the same bytes. Every byte of the longer one is read whatever the contents, so
    /// only the lengths (which are not secret here: signatures have a fixed length) can show in the timing.
    public static func equal(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        let left = Array(lhs)
        let right = Array(rhs)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        let length = max(left.count, right.count)
        for index in 0..<length {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }

    /// ``equal(_:_:)`` over the strings' UTF-8 bytes.
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        equal(Array(lhs.utf8), Array(rhs.utf8))
    }
}
