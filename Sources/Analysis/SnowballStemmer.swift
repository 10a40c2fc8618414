import CStemmer
import KerkoCore

/// A Snowball stemmer from Debian's libstemmer 2.2.0 (ANALYSIS.md §4–5): `english` (Porter2) or `serbian`
/// (Petković & Ivanović). Input must be lower-case (the P6 form). A `sb_stemmer` is not thread-safe:
/// one per analyzer.
public final class SnowballStemmer {
    private let handle: OpaquePointer

    /// Opens the Snowball algorithm `algorithm` (e.g. "english", "serbian") for UTF-8.
    public init(algorithm: String) throws {
        guard let h = sb_stemmer_new(algorithm, "UTF_8") else {
            throw KerkoError.resource(name: "libstemmer \(algorithm)", reason: "sb_stemmer_new failed")
        }
        handle = h
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of `word`; the word itself if the stemmer fails (out of memory).
    public func stem(_ word: String) -> String {
        var w = word
        return w.withUTF8 { buf -> String in
            guard let base = buf.baseAddress,
                  let out = sb_stemmer_stem(handle, base, Int32(buf.count)) else { return word }
            let n = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
        }
    }
}
