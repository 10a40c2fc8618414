/// Why bytes could not be decoded (or a codec name not resolved).
///
/// Decoders throw instead of trapping: the bytes may come from a corrupt or truncated file, and a decoder
/// must never read outside the buffer it was given. Checksums at the storage layer say *that* a file is
/// damaged; these errors say *where* decoding stopped.
public enum CodecError: Error, Equatable, Sendable {
    /// The input ended before the value or block starting at `offset` was complete.
    case truncated(offset: Int)
    /// The bytes at `offset` are not a valid encoding (for example a bit width above 32, or a varint
    /// longer than its type allows).
    case malformed(offset: Int, reason: String)
    /// The caller's output buffer holds fewer than the `needed` values to decode.
    case outputTooSmall(needed: Int, capacity: Int)
    /// No codec of this name is registered (see ``CodecRegistry``).
    case unknownCodec(String)
}
