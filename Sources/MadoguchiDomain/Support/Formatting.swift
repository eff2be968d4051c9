extension Int {
    /// The decimal digits, left-padded with zeros to `width`.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(Swift.abs(self))
        let padding = String(repeating: "0", count: Swift.max(0, width - digits.count))
        return (self < 0 ? "-" : "") + padding + digits
    }
}
