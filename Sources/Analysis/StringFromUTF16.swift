extension String {
    /// A string from UTF-16 code units, with a fast path for ASCII (most tokens of Latin-script prose):
    /// `String(decoding:as: UTF16.self)` goes through a generic transcoder that dominated the token loop.
    /// Ill-formed UTF-16 (lone surrogates) is repaired with U+FFFD, as `String(decoding:)` does.
    static func fromUTF16(_ units: UnsafeBufferPointer<UInt16>) -> String {
        var ascii = true
        for u in units where u >= 0x80 { ascii = false; break }
        if !ascii { return String(decoding: units, as: UTF16.self) }
        return String(unsafeUninitializedCapacity: units.count) { dst in
            for i in 0..<units.count { dst[i] = UInt8(truncatingIfNeeded: units[i]) }
            return units.count
        }
    }

    /// `units[range]` as a string (see `fromUTF16`).
    static func fromUTF16(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> String {
        fromUTF16(UnsafeBufferPointer<UInt16>(rebasing: units[range]))
    }
}
