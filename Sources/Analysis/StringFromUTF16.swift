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

extension String {
    /// The UTF-16 code units of the string (`Array(utf16)`), transcoded by hand from its UTF-8 storage with
    /// an ASCII fast path: the generic `Array(s.utf16)` was ~5 % of the analysis chain.
    func utf16Array() -> [UInt16] {
        var s = self
        return s.withUTF8 { b in
            let n = b.count
            // UTF-16 never needs more units than UTF-8 has bytes.
            return [UInt16](unsafeUninitializedCapacity: n) { out, count in
                var i = 0, j = 0
                while i < n {
                    let c = b[i]
                    if c < 0x80 {
                        out[j] = UInt16(c); i += 1; j += 1
                    } else if c < 0xE0 {
                        out[j] = UInt16(c & 0x1F) << 6 | UInt16(b[i + 1] & 0x3F); i += 2; j += 1
                    } else if c < 0xF0 {
                        out[j] = UInt16(c & 0x0F) << 12 | UInt16(b[i + 1] & 0x3F) << 6 | UInt16(b[i + 2] & 0x3F)
                        i += 3; j += 1
                    } else {
                        let v = (UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12
                                 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)) - 0x10000
                        out[j] = 0xD800 | UInt16(v >> 10); out[j + 1] = 0xDC00 | UInt16(v & 0x3FF)
                        i += 4; j += 2
                    }
                }
                count = j
            }
        }
    }
}
