#ifndef KERKO_CCODEC_H
#define KERKO_CCODEC_H
// Hot integer-codec loops in C (owned by the Codec module; the Swift face is Sources/Codec/BitPacking.swift).
//
// Block layout: SIMD-BP128 "vertical" (interleaved) bit packing of Lemire & Boytsov, "Decoding billions of
// integers per second through vectorization", Software: Practice and Experience 45(1), 2015, §4–5.
// A block is 128 uint32 values packed with one bit width b (0…32) into 16·b bytes, seen as b words of
// 128 bits, each word 4 little-endian uint32 lanes. Value i goes to lane i mod 4, at bit (i div 4)·b of
// that lane's 32·b-bit stream; lane k's stream bit t lives in 128-bit word t div 32, lane k, bit t mod 32.
// Frame of reference: the packed quantity is (value − ref) mod 2³², masked to b bits.
//
// Every function reads and writes exactly the bytes stated; nothing is read past 16·b input bytes, so
// decoding straight from a memory-mapped file is safe once the caller has checked that 16·b bytes exist.
// Pointers need no alignment. The *_avx2 functions must be called only when kerko_codec_has_avx2() != 0;
// the unsuffixed functions dispatch at run time (AVX2 when the CPU has it, else the portable code).
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Asks the processor to start loading the cache line holding `p` (a hint: it never faults, whatever the
/// address, and changes no result). Query set-up issues these for the lines it is about to read from the
/// mapped index — dictionary blocks, list heads, hit ids — so their cache misses overlap instead of
/// following one another (software prefetching; the memory-level parallelism argument of Chen, Ailamaki,
/// Gibbons & Mowry, "Improving hash join performance through prefetching", ICDE 2004).
static inline void kerko_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

/// 1 if the AVX2 kernels can run on this CPU (__builtin_cpu_supports("avx2")), else 0.
int kerko_codec_has_avx2(void);

// --- Bit packing of one 128-value block (16·bits bytes) ---

/// Packs in[0..<128] as (in[i] − ref) masked to `bits` (0…32) bits; writes 16·bits bytes to out.
void kerko_bp128_pack(const uint32_t *in, uint8_t *out, uint32_t bits, uint32_t ref);
/// Unpacks 128 values from 16·bits bytes: out[i] = unpacked[i] + ref (mod 2³²). bits must be 0…32.
void kerko_bp128_unpack(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref);
void kerko_bp128_unpack_portable(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref);
void kerko_bp128_unpack_avx2(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref);

/// Unpacks deltas and prefix-sums them in the same pass (D1 delta coding, Lemire & Boytsov §5):
/// out[i] = base + Σ_{k≤i} (unpacked[k] + ref)  (mod 2³²). Returns out[127].
uint32_t kerko_bp128_unpack_delta(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref, uint32_t base);
uint32_t kerko_bp128_unpack_delta_portable(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref,
                                           uint32_t base);
uint32_t kerko_bp128_unpack_delta_avx2(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref,
                                       uint32_t base);

// --- Block statistics for the encoder ---

/// Minimum of in[0..<count] (UINT32_MAX when count is 0).
uint32_t kerko_min_u32(const uint32_t *in, size_t count);
/// Bits needed for every (in[i] − ref) mod 2³², i < count: 0…32.
uint32_t kerko_max_bits_u32(const uint32_t *in, size_t count, uint32_t ref);

// --- Delta coding of any length (wrapping arithmetic: every sequence round-trips) ---

/// out[i] = in[i] − in[i−1] (mod 2³²) with in[−1] = base. in and out may be the same array.
void kerko_delta_encode(const uint32_t *in, uint32_t *out, size_t count, uint32_t base);
/// In place prefix sum: v[i] = base + v[0] + … + v[i] (mod 2³²). Returns the last value (base if count is 0).
uint32_t kerko_prefix_sum(uint32_t *v, size_t count, uint32_t base);
uint32_t kerko_prefix_sum_portable(uint32_t *v, size_t count, uint32_t base);
uint32_t kerko_prefix_sum_avx2(uint32_t *v, size_t count, uint32_t base);
/// 1 when v[0] < v[1] < … < v[count − 1] (unsigned; always for count < 2), else 0.
int kerko_strictly_increasing_u32(const uint32_t *v, size_t count);
int kerko_strictly_increasing_u32_portable(const uint32_t *v, size_t count);
/// kerko_prefix_sum from `base`, the last value in *last (base if count is 0); returns 1 when the sums
/// strictly increase — v[0] > base too when check_first — else 0 (a zero gap or a sum past 2³²).
int kerko_prefix_sum_increasing(uint32_t *v, size_t count, uint32_t base, int check_first, uint32_t *last);
int kerko_prefix_sum_increasing_portable(uint32_t *v, size_t count, uint32_t base, int check_first,
                                         uint32_t *last);
/// In place v[i] += 1 (mod 2³²); returns 1 when some value wrapped to 0, else 0.
int kerko_increment_u32(uint32_t *v, size_t count);
int kerko_increment_u32_portable(uint32_t *v, size_t count);

// --- Variable-byte integers (unsigned LEB128) ---

/// Status of kerko_vbyte_decode.
enum { KERKO_VBYTE_OK = 0, KERKO_VBYTE_TRUNCATED = 1, KERKO_VBYTE_OVERFLOW = 2 };

/// Decodes `count` LEB128 uint32 values from in[0..<len] into out[0..<count]. Reads nothing outside
/// in[0..<len]. On KERKO_VBYTE_OK, *end is the number of bytes consumed; otherwise *end is the offset of the
/// value that is truncated (runs past len) or overflows 32 bits, and out holds the values before it.
int kerko_vbyte_decode(const uint8_t *in, size_t len, uint32_t *out, size_t count, size_t *end);

#ifdef __cplusplus
}
#endif
#endif
