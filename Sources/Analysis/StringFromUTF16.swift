extension String {
    /// A string from UTF-16 code units, with a fast path for ASCII (most tokens of Latin-script prose):
    /// `String(decoding:as: UTF16.self)` goes through a generic transcoder that dominated the token loop.
    /// Ill-formed UTF-16 (lone surrogates) is repaired with U+FFFD, as `String(decoding:)` does.
    static func fromUTF16(_ units: UnsafeBufferPointer<UInt16>) -> String {
        let n = units.count
        var ascii = true
        for u in units where u >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: n) { dst in
                for i in 0..<n { dst[i] = UInt8(truncatingIfNeeded: units[i]) }
                return n
            }
        }
        // Non-ASCII: transcode to UTF-8 by hand (the generic transcoder of `String(decoding:as:)` was the
        // largest cost of building token texts); a lone surrogate sends the text to `String(decoding:)`,
        // which repairs it.
        var wellFormed = true
        let s = String(unsafeUninitializedCapacity: 3 * n) { dst in
            var i = 0, j = 0
            while i < n {
                let u = UInt32(units[i])
                if u < 0x80 {
                    dst[j] = UInt8(u); j += 1; i += 1
                } else if u < 0x800 {
                    dst[j] = UInt8(0xC0 | (u >> 6)); dst[j + 1] = UInt8(0x80 | (u & 0x3F)); j += 2; i += 1
                } else if u & 0xF800 != 0xD800 {
                    dst[j] = UInt8(0xE0 | (u >> 12)); dst[j + 1] = UInt8(0x80 | ((u >> 6) & 0x3F))
                    dst[j + 2] = UInt8(0x80 | (u & 0x3F)); j += 3; i += 1
                } else if u < 0xDC00, i + 1 < n, units[i + 1] & 0xFC00 == 0xDC00 {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                    dst[j] = UInt8(0xF0 | (c >> 18)); dst[j + 1] = UInt8(0x80 | ((c >> 12) & 0x3F))
                    dst[j + 2] = UInt8(0x80 | ((c >> 6) & 0x3F)); dst[j + 3] = UInt8(0x80 | (c & 0x3F))
                    j += 4; i += 2
                } else {
                    wellFormed = false
                    return 0
                }
            }
            return j
        }
        return wellFormed ? s : String(decoding: units, as: UTF16.self)
    }

    /// `units[range]` as a string (see `fromUTF16`).
    static func fromUTF16(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> String {
        fromUTF16(UnsafeBufferPointer<UInt16>(rebasing: units[range]))
    }
}

extension String {
    /// Transcodes valid UTF-8 (a Swift string's storage) to UTF-16 at `out`, which holds at least `b.count`
    /// units (UTF-16 never needs more units than UTF-8 has bytes); returns the number of units written.
    @inline(__always)
    private static func transcodeUTF16(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt16>) -> Int {
        let n = b.count
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
        return j
    }

    /// The UTF-16 code units of the string (`Array(utf16)`), transcoded by hand from its UTF-8 storage with
    /// an ASCII fast path: the generic `Array(s.utf16)` was ~5 % of the analysis chain.
    func utf16Array() -> [UInt16] {
        var s = self
        return s.withUTF8 { b in
            [UInt16](unsafeUninitializedCapacity: b.count) { out, count in
                count = b.count == 0 ? 0 : Self.transcodeUTF16(b, into: out.baseAddress!)
            }
        }
    }

    /// Appends the string's UTF-16 code units to `out` (the units `utf16Array()` returns), so that a caller
    /// can reuse one buffer: decoded into a temporary buffer, then appended in one copy (no per-unit append).
    func appendUTF16(to out: inout [UInt16]) {
        var s = self
        s.withUTF8 { b in
            if b.count == 0 { return }
            withUnsafeTemporaryAllocation(of: UInt16.self, capacity: b.count) { tmp in
                let j = Self.transcodeUTF16(b, into: tmp.baseAddress!)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: tmp[..<j]))
            }
        }
    }
}
