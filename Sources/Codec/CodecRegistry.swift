/// The block codecs an index may name, looked up by the name written in its header (as PISA's
/// `block_codecs` registry; see pisa-engine/pisa `src/block_codecs.cpp`).
///
/// Invariant: names are unique and never reused for a different format; a new format gets a new name
/// (`…-v2`), and old names stay registered so old indexes keep opening.
///
/// Hot loops should not go through the existential `any BlockCodec.Type` per block: resolve the name once,
/// then call a generic function `<C: BlockCodec>` so the codec is specialised.
public enum CodecRegistry {
    /// Every registered codec, the default first.
    public static var all: [any BlockCodec.Type] { [BP128VerticalCodec.self, VByteCodec.self] }

    /// The codec new indexes are written with.
    public static var defaultCodec: any BlockCodec.Type { BP128VerticalCodec.self }

    /// The codec called `name`, or nil.
    /// - Complexity: O(number of codecs).
    public static func codec(named name: String) -> (any BlockCodec.Type)? {
        all.first { $0.name == name }
    }

    /// The codec called `name`.
    /// - Throws: ``CodecError/unknownCodec(_:)``.
    public static func requireCodec(named name: String) throws(CodecError) -> any BlockCodec.Type {
        guard let codec = codec(named: name) else { throw .unknownCodec(name) }
        return codec
    }
}
