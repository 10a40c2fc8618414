import COpenSSL

/// SHA-256 (FIPS 180-4, Secure Hash Standard, NIST, 2015) from OpenSSL's libcrypto: its block function uses
/// the x86 SHA extensions (SHA-NI) or AVX2 where the CPU has them, chosen at run time — several times the
/// speed of portable code, and a well-kept implementation instead of a hand-written one. Foundation on Linux
/// has no digest API (CryptoKit is Apple-only). Checked against the FIPS/NIST example vectors in the tests.
public struct SHA256: Sendable {
    /// The EVP digest state; copied before a write when shared (value semantics).
    private final class Context: @unchecked Sendable {
        let ctx: OpaquePointer
        init() {
            ctx = EVP_MD_CTX_new()!
            EVP_DigestInit_ex(ctx, SHA256.md, nil)
        }
        init(copying other: Context) {
            ctx = EVP_MD_CTX_new()!
            EVP_MD_CTX_copy_ex(ctx, other.ctx)
        }
        deinit { EVP_MD_CTX_free(ctx) }
    }

    /// The SHA-256 implementation, fetched from the default provider once (an explicit fetch avoids a
    /// provider look-up on every digest).
    private nonisolated(unsafe) static let md: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil)!

    private var context = Context()

    public init() {}

    /// Adds bytes to the message.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        let ctx = context.ctx
        let done: Bool? = bytes.withContiguousStorageIfAvailable { b in
            EVP_DigestUpdate(ctx, b.baseAddress, b.count)
            return true
        }
        if done == nil {
            let a = Array(bytes)
            a.withUnsafeBufferPointer { b in _ = EVP_DigestUpdate(ctx, b.baseAddress, b.count) }
        }
    }

    /// The 32-byte digest of the bytes added so far.
    public mutating func finalize() -> [UInt8] {
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        var out = [UInt8](repeating: 0, count: 32)
        var n: UInt32 = 0
        out.withUnsafeMutableBufferPointer { p in _ = EVP_DigestFinal_ex(context.ctx, p.baseAddress, &n) }
        return out
    }

    /// Lowercase hex digest of `bytes` (one-shot `EVP_Digest` with the implementation fetched once; the
    /// `SHA256()` convenience call fetches it again for every digest).
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var digest = [UInt8](repeating: 0, count: 32)
        let done: Bool? = bytes.withContiguousStorageIfAvailable { b in
            digest.withUnsafeMutableBufferPointer { d in _ = EVP_Digest(b.baseAddress, b.count, d.baseAddress, nil, md, nil) }
            return true
        }
        if done == nil {
            var s = SHA256()
            s.update(bytes)
            digest = s.finalize()
        }
        return String(unsafeUninitializedCapacity: 64) { out in
            let hexDigits: StaticString = "0123456789abcdef"
            let h = hexDigits.utf8Start
            for (i, b) in digest.enumerated() {
                out[2 * i] = h[Int(b >> 4)]
                out[2 * i + 1] = h[Int(b & 15)]
            }
            return 64
        }
    }
}
