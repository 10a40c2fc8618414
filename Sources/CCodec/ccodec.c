// SIMD-BP128 vertical bit packing and D1 delta decoding; see include/ccodec.h for the layout.
//
// Reference: D. Lemire, L. Boytsov, "Decoding billions of integers per second through vectorization",
// Software: Practice and Experience 45(1):1–29, 2015 (the vertical layout, §4; SIMD-BP128 and the D1
// prefix sum, §5). The in-register prefix sum is the "shift and add" scan also used by Lemire, Kurz and
// Rupp, "Stream VByte: Faster byte-oriented integer compression", Information Processing Letters 130, 2018.
//
// Each kernel is written once as an always-inline body taking the bit width as a constant; the 33 widths
// are instantiated by macro, so the compiler sees constant shifts and word indexes and unrolls fully (the
// per-width generated code of the paper, without a code generator). Two bodies exist:
//   * portable: clang/GCC vector extensions, 4 lanes of 32 bits (SSE2 on x86-64, NEON on ARM);
//   * AVX2: two consecutive 4-value groups per 256-bit register, with per-half variable shifts
//     (vpsrlvd / vpsllvd, which yield 0 for counts ≥ 32, so a value that does not straddle two words needs
//     no branch). Compiled with __attribute__((target("avx2"))) so the rest of the package stays baseline
//     x86-64, and chosen at run time with __builtin_cpu_supports("avx2").
// Invariant of every unpack kernel: it reads only in[0 ..< 16·bits] and writes only out[0 ..< 128].
#include "ccodec.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define KERKO_X86 1
#include <immintrin.h>
#else
#define KERKO_X86 0
#endif

#define KERKO_INLINE static inline __attribute__((always_inline))

typedef uint32_t v4u __attribute__((vector_size(16)));

KERKO_INLINE v4u load4(const void *p) {
    v4u v;
    memcpy(&v, p, sizeof v);
    return v;
}

KERKO_INLINE void store4(void *p, v4u v) { memcpy(p, &v, sizeof v); }

KERKO_INLINE v4u splat4(uint32_t x) { return (v4u){x, x, x, x}; }

KERKO_INLINE uint32_t mask_of(uint32_t bits) { return bits >= 32 ? 0xFFFFFFFFu : ((1u << bits) - 1u); }

// 33 instantiations of a macro X(b).
#define KERKO_WIDTHS(X)                                                                                      \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) \
    X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31) X(32)

// ---------------------------------------------------------------------------------------------------------
// Portable kernels (4 lanes)

/// Prefix sum of the 4 lanes of v (v0, v0+v1, …): the log-step shift-and-add scan.
KERKO_INLINE v4u scan4(v4u v) {
    const v4u zero = splat4(0);
    v += __builtin_shufflevector(v, zero, 4, 0, 1, 2);
    v += __builtin_shufflevector(v, zero, 4, 5, 0, 1);
    return v;
}

/// Unpacks one block; with `delta`, also prefix-sums from *carry (and leaves the last value in *carry).
KERKO_INLINE void unpack_portable_body(const uint8_t *in, uint32_t *out, const uint32_t B, uint32_t ref,
                                       const int delta, uint32_t *carry) {
    const v4u vref = splat4(ref);
    const v4u mask = splat4(mask_of(B));
    v4u acc = splat4(delta ? *carry : 0);
#pragma clang loop unroll(full)
    for (uint32_t j = 0; j < 32; j++) {
        v4u v;
        if (B == 0) {
            v = splat4(0);
        } else {
            const uint32_t bit = j * B, w = bit >> 5, s = bit & 31;
            v = load4(in + 16 * w) >> s;
            if (s + B > 32) v |= load4(in + 16 * (w + 1)) << (32 - s);
            if (B < 32) v &= mask;
        }
        v += vref;
        if (delta) {
            const v4u local = scan4(v);
            v = local + acc;
            acc += __builtin_shufflevector(local, local, 3, 3, 3, 3);
        }
        store4(out + 4 * j, v);
    }
    if (delta) *carry = acc[0];
}

KERKO_INLINE void pack_body(const uint32_t *in, uint8_t *out, const uint32_t B, uint32_t ref) {
    if (B == 0) return;
    const v4u vref = splat4(ref);
    const v4u mask = splat4(mask_of(B));
    v4u acc = splat4(0);
#pragma clang loop unroll(full)
    for (uint32_t j = 0; j < 32; j++) {
        const uint32_t bit = j * B, w = bit >> 5, s = bit & 31;
        v4u v = load4(in + 4 * j) - vref;
        if (B < 32) v &= mask;
        acc = s == 0 ? v : (acc | (v << s));
        if (s + B >= 32) {
            store4(out + 16 * w, acc);
            acc = s + B > 32 ? (v >> (32 - s)) : splat4(0);
        }
    }
}

#define KERKO_DEFINE_PORTABLE(b)                                                                             \
    static void unpack_portable_##b(const uint8_t *in, uint32_t *out, uint32_t ref, uint32_t *carry) {      \
        (void)carry;                                                                                         \
        unpack_portable_body(in, out, b, ref, 0, 0);                                                         \
    }                                                                                                        \
    static void unpack_delta_portable_##b(const uint8_t *in, uint32_t *out, uint32_t ref, uint32_t *carry) { \
        unpack_portable_body(in, out, b, ref, 1, carry);                                                     \
    }                                                                                                        \
    static void pack_##b(const uint32_t *in, uint8_t *out, uint32_t ref) { pack_body(in, out, b, ref); }
KERKO_WIDTHS(KERKO_DEFINE_PORTABLE)

typedef void (*kerko_unpack_fn)(const uint8_t *, uint32_t *, uint32_t, uint32_t *);
typedef void (*kerko_pack_fn)(const uint32_t *, uint8_t *, uint32_t);

#define KERKO_ENTRY(prefix, b) prefix##b,
#define KERKO_UNPACK_PORTABLE_ENTRY(b) KERKO_ENTRY(unpack_portable_, b)
#define KERKO_UNPACK_DELTA_PORTABLE_ENTRY(b) KERKO_ENTRY(unpack_delta_portable_, b)
#define KERKO_PACK_ENTRY(b) KERKO_ENTRY(pack_, b)
static const kerko_unpack_fn unpack_portable_table[33] = {KERKO_WIDTHS(KERKO_UNPACK_PORTABLE_ENTRY)};
static const kerko_unpack_fn unpack_delta_portable_table[33] = {KERKO_WIDTHS(KERKO_UNPACK_DELTA_PORTABLE_ENTRY)};
static const kerko_pack_fn pack_table[33] = {KERKO_WIDTHS(KERKO_PACK_ENTRY)};

// ---------------------------------------------------------------------------------------------------------
// AVX2 kernels (two 4-lane groups per register)

#if KERKO_X86
#define KERKO_AVX2 __attribute__((target("avx2")))

/// 256 bits whose low half is 128-bit word w0 of the block and high half word w1 (w1 − w0 ∈ {0, 1, 2}).
KERKO_INLINE KERKO_AVX2 __m256i load_words(const uint8_t *in, uint32_t w0, uint32_t w1) {
    if (w0 == w1) return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(in + 16 * w0)));
    if (w1 == w0 + 1) return _mm256_loadu_si256((const __m256i *)(in + 16 * w0));
    return _mm256_loadu2_m128i((const __m128i *)(in + 16 * w1), (const __m128i *)(in + 16 * w0));
}

/// In-register prefix sum of 8 lanes without carry-in (shift-and-add within each half, then the low
/// half's total added to the high half).
KERKO_INLINE KERKO_AVX2 __m256i scan8(__m256i v) {
    v = _mm256_add_epi32(v, _mm256_slli_si256(v, 4));
    v = _mm256_add_epi32(v, _mm256_slli_si256(v, 8));
    __m256i low_total = _mm256_shuffle_epi32(v, 0xFF);
    low_total = _mm256_permute2x128_si256(low_total, low_total, 0x08); // (0 | low half's last)
    return _mm256_add_epi32(v, low_total);
}

KERKO_INLINE KERKO_AVX2 void unpack_avx2_body(const uint8_t *in, uint32_t *out, const uint32_t B, uint32_t ref,
                                              const int delta, uint32_t *carry) {
    const __m256i vref = _mm256_set1_epi32((int)ref);
    const __m256i mask = _mm256_set1_epi32((int)mask_of(B));
    const __m256i last = _mm256_set1_epi32(7);
    __m256i acc = _mm256_set1_epi32(delta ? (int)*carry : 0);
#pragma clang loop unroll(full)
    for (uint32_t p = 0; p < 16; p++) {
        __m256i v;
        if (B == 0) {
            v = _mm256_setzero_si256();
        } else {
            const uint32_t b0 = 2 * p * B, b1 = b0 + B;
            const uint32_t w0 = b0 >> 5, s0 = b0 & 31, w1 = b1 >> 5, s1 = b1 & 31;
            const int x0 = s0 + B > 32, x1 = s1 + B > 32; // does the value straddle into the next word?
            v = _mm256_srlv_epi32(load_words(in, w0, w1),
                                  _mm256_setr_epi32(s0, s0, s0, s0, s1, s1, s1, s1));
            if (x0 || x1) {
                // A half that does not straddle re-reads its own word (in bounds) and shifts by 32 (→ 0).
                const int l0 = x0 ? 32 - s0 : 32, l1 = x1 ? 32 - s1 : 32;
                const __m256i hi = load_words(in, x0 ? w0 + 1 : w0, x1 ? w1 + 1 : w1);
                v = _mm256_or_si256(v, _mm256_sllv_epi32(hi, _mm256_setr_epi32(l0, l0, l0, l0, l1, l1, l1, l1)));
            }
            if (B < 32) v = _mm256_and_si256(v, mask);
        }
        v = _mm256_add_epi32(v, vref);
        if (delta) {
            const __m256i local = scan8(v);
            v = _mm256_add_epi32(local, acc);
            // The carry chain is one add per 8 values: the block total is broadcast off the chain.
            acc = _mm256_add_epi32(acc, _mm256_permutevar8x32_epi32(local, last));
        }
        _mm256_storeu_si256((__m256i *)(out + 8 * p), v);
    }
    if (delta) *carry = (uint32_t)_mm256_cvtsi256_si32(acc);
}

#define KERKO_DEFINE_AVX2(b)                                                                                 \
    static KERKO_AVX2 void unpack_avx2_##b(const uint8_t *in, uint32_t *out, uint32_t ref, uint32_t *carry) { \
        (void)carry;                                                                                         \
        unpack_avx2_body(in, out, b, ref, 0, 0);                                                             \
    }                                                                                                        \
    static KERKO_AVX2 void unpack_delta_avx2_##b(const uint8_t *in, uint32_t *out, uint32_t ref,            \
                                                 uint32_t *carry) {                                          \
        unpack_avx2_body(in, out, b, ref, 1, carry);                                                         \
    }
KERKO_WIDTHS(KERKO_DEFINE_AVX2)

#define KERKO_UNPACK_AVX2_ENTRY(b) KERKO_ENTRY(unpack_avx2_, b)
#define KERKO_UNPACK_DELTA_AVX2_ENTRY(b) KERKO_ENTRY(unpack_delta_avx2_, b)
static const kerko_unpack_fn unpack_avx2_table[33] = {KERKO_WIDTHS(KERKO_UNPACK_AVX2_ENTRY)};
static const kerko_unpack_fn unpack_delta_avx2_table[33] = {KERKO_WIDTHS(KERKO_UNPACK_DELTA_AVX2_ENTRY)};

static KERKO_AVX2 uint32_t prefix_sum_avx2(uint32_t *v, size_t count, uint32_t base) {
    const __m256i last = _mm256_set1_epi32(7);
    __m256i acc = _mm256_set1_epi32((int)base);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m256i local = scan8(_mm256_loadu_si256((const __m256i *)(v + i)));
        _mm256_storeu_si256((__m256i *)(v + i), _mm256_add_epi32(local, acc));
        acc = _mm256_add_epi32(acc, _mm256_permutevar8x32_epi32(local, last));
    }
    uint32_t sum = (uint32_t)_mm256_cvtsi256_si32(acc);
    for (; i < count; i++) v[i] = sum += v[i];
    return sum;
}

int kerko_codec_has_avx2(void) { return __builtin_cpu_supports("avx2") ? 1 : 0; }
#else
static const kerko_unpack_fn *const unpack_avx2_table = unpack_portable_table;
static const kerko_unpack_fn *const unpack_delta_avx2_table = unpack_delta_portable_table;
static uint32_t prefix_sum_avx2(uint32_t *v, size_t count, uint32_t base) {
    return kerko_prefix_sum_portable(v, count, base);
}
int kerko_codec_has_avx2(void) { return 0; }
#endif

// ---------------------------------------------------------------------------------------------------------
// Entry points. Out-of-range widths are clamped to 32 so a bad argument can never index past a table; the
// Swift layer rejects them before calling.

KERKO_INLINE uint32_t clamp_bits(uint32_t bits) { return bits > 32 ? 32 : bits; }

void kerko_bp128_pack(const uint32_t *in, uint8_t *out, uint32_t bits, uint32_t ref) {
    pack_table[clamp_bits(bits)](in, out, ref);
}

void kerko_bp128_unpack_portable(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref) {
    unpack_portable_table[clamp_bits(bits)](in, out, ref, 0);
}

void kerko_bp128_unpack_avx2(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref) {
    unpack_avx2_table[clamp_bits(bits)](in, out, ref, 0);
}

void kerko_bp128_unpack(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref) {
    const kerko_unpack_fn *table = kerko_codec_has_avx2() ? unpack_avx2_table : unpack_portable_table;
    table[clamp_bits(bits)](in, out, ref, 0);
}

uint32_t kerko_bp128_unpack_delta_portable(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref,
                                           uint32_t base) {
    unpack_delta_portable_table[clamp_bits(bits)](in, out, ref, &base);
    return base;
}

uint32_t kerko_bp128_unpack_delta_avx2(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref,
                                       uint32_t base) {
    unpack_delta_avx2_table[clamp_bits(bits)](in, out, ref, &base);
    return base;
}

uint32_t kerko_bp128_unpack_delta(const uint8_t *in, uint32_t *out, uint32_t bits, uint32_t ref, uint32_t base) {
    const kerko_unpack_fn *table = kerko_codec_has_avx2() ? unpack_delta_avx2_table : unpack_delta_portable_table;
    table[clamp_bits(bits)](in, out, ref, &base);
    return base;
}

uint32_t kerko_min_u32(const uint32_t *in, size_t count) {
    uint32_t m = 0xFFFFFFFFu;
    for (size_t i = 0; i < count; i++) m = in[i] < m ? in[i] : m;
    return m;
}

uint32_t kerko_max_bits_u32(const uint32_t *in, size_t count, uint32_t ref) {
    uint32_t bits = 0;
    for (size_t i = 0; i < count; i++) bits |= in[i] - ref;
    return bits == 0 ? 0 : 32u - (uint32_t)__builtin_clz(bits);
}

void kerko_delta_encode(const uint32_t *in, uint32_t *out, size_t count, uint32_t base) {
    uint32_t previous = base;
    for (size_t i = 0; i < count; i++) {
        const uint32_t current = in[i];
        out[i] = current - previous;
        previous = current;
    }
}

uint32_t kerko_prefix_sum_portable(uint32_t *v, size_t count, uint32_t base) {
    v4u acc = splat4(base);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const v4u local = scan4(load4(v + i));
        store4(v + i, local + acc);
        acc += __builtin_shufflevector(local, local, 3, 3, 3, 3);
    }
    uint32_t sum = acc[0];
    for (; i < count; i++) v[i] = sum += v[i];
    return sum;
}

uint32_t kerko_prefix_sum_avx2(uint32_t *v, size_t count, uint32_t base) { return prefix_sum_avx2(v, count, base); }

uint32_t kerko_prefix_sum(uint32_t *v, size_t count, uint32_t base) {
    return kerko_codec_has_avx2() ? prefix_sum_avx2(v, count, base) : kerko_prefix_sum_portable(v, count, base);
}

// Branch-free over the whole array (one flag, or-ed): the portable loops vectorise with SSE2; the AVX2 ones
// take 8 lanes and AVX2's unsigned max (v[i] ≤ v[i−1] ⇔ max(v[i], v[i−1]) = v[i−1]).
static int strictly_increasing_portable(const uint32_t *v, size_t count) {
    uint32_t bad = 0;
    for (size_t i = 1; i < count; i++) bad |= v[i] <= v[i - 1];
    return bad == 0;
}

static int increment_portable(uint32_t *v, size_t count) {
    uint32_t wrapped = 0;
    for (size_t i = 0; i < count; i++) {
        const uint32_t x = v[i] + 1;
        v[i] = x;
        wrapped |= x == 0;
    }
    return wrapped != 0;
}

#if KERKO_X86
static KERKO_AVX2 int strictly_increasing_avx2(const uint32_t *v, size_t count) {
    if (count < 2) return 1;
    __m256i bad = _mm256_setzero_si256();
    size_t i = 1;
    for (; i + 8 <= count; i += 8) {
        const __m256i cur = _mm256_loadu_si256((const __m256i *)(v + i));
        const __m256i prev = _mm256_loadu_si256((const __m256i *)(v + i - 1));
        bad = _mm256_or_si256(bad, _mm256_cmpeq_epi32(_mm256_max_epu32(cur, prev), prev));
    }
    uint32_t tail = 0;
    for (; i < count; i++) tail |= v[i] <= v[i - 1];
    return _mm256_testz_si256(bad, bad) && tail == 0;
}

static KERKO_AVX2 int increment_avx2(uint32_t *v, size_t count) {
    const __m256i one = _mm256_set1_epi32(1), zero = _mm256_setzero_si256();
    __m256i wrapped = zero;
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m256i x = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(v + i)), one);
        _mm256_storeu_si256((__m256i *)(v + i), x);
        wrapped = _mm256_or_si256(wrapped, _mm256_cmpeq_epi32(x, zero));
    }
    uint32_t tail = 0;
    for (; i < count; i++) { v[i] += 1; tail |= v[i] == 0; }
    return !_mm256_testz_si256(wrapped, wrapped) || tail != 0;
}

// Prefix sum and strictly-increasing check in one pass: each register's sums are compared with the same
// sums shifted up one lane, the previous register's last sum (the carry) in lane 0.
static KERKO_AVX2 int prefix_sum_increasing_avx2(uint32_t *v, size_t count, uint32_t base, int check_first,
                                                 uint32_t *last) {
    const __m256i last_lane = _mm256_set1_epi32(7);
    const __m256i up_one = _mm256_setr_epi32(0, 0, 1, 2, 3, 4, 5, 6);
    __m256i acc = _mm256_set1_epi32((int)base);
    __m256i bad = _mm256_setzero_si256();
    // Lane 0 of the first register is v[0] against the base: ignored when the first value is absolute.
    __m256i ignore = check_first ? _mm256_setzero_si256() : _mm256_setr_epi32(-1, 0, 0, 0, 0, 0, 0, 0);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m256i out = _mm256_add_epi32(scan8(_mm256_loadu_si256((const __m256i *)(v + i))), acc);
        _mm256_storeu_si256((__m256i *)(v + i), out);
        const __m256i prev = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(out, up_one), acc, 0x01);
        bad = _mm256_or_si256(bad, _mm256_andnot_si256(ignore, _mm256_cmpeq_epi32(_mm256_max_epu32(out, prev), prev)));
        ignore = _mm256_setzero_si256();
        acc = _mm256_permutevar8x32_epi32(out, last_lane);
    }
    uint32_t sum = (uint32_t)_mm256_cvtsi256_si32(acc);
    uint32_t tail = 0;
    for (; i < count; i++) {
        const uint32_t next = sum + v[i];
        if (i > 0 || check_first) tail |= next <= sum;
        v[i] = sum = next;
    }
    *last = sum;
    return _mm256_testz_si256(bad, bad) && tail == 0;
}
#else
static int strictly_increasing_avx2(const uint32_t *v, size_t count) { return strictly_increasing_portable(v, count); }
static int increment_avx2(uint32_t *v, size_t count) { return increment_portable(v, count); }
#endif

int kerko_strictly_increasing_u32(const uint32_t *v, size_t count) {
    return kerko_codec_has_avx2() ? strictly_increasing_avx2(v, count) : strictly_increasing_portable(v, count);
}

int kerko_strictly_increasing_u32_portable(const uint32_t *v, size_t count) {
    return strictly_increasing_portable(v, count);
}

static int prefix_sum_increasing_portable(uint32_t *v, size_t count, uint32_t base, int check_first,
                                          uint32_t *last) {
    *last = kerko_prefix_sum_portable(v, count, base);
    if (count == 0) return 1;
    return (!check_first || v[0] > base) && strictly_increasing_portable(v, count);
}

#if !KERKO_X86
static int prefix_sum_increasing_avx2(uint32_t *v, size_t count, uint32_t base, int check_first, uint32_t *last) {
    return prefix_sum_increasing_portable(v, count, base, check_first, last);
}
#endif

int kerko_prefix_sum_increasing(uint32_t *v, size_t count, uint32_t base, int check_first, uint32_t *last) {
    return kerko_codec_has_avx2() ? prefix_sum_increasing_avx2(v, count, base, check_first, last)
                                  : prefix_sum_increasing_portable(v, count, base, check_first, last);
}

int kerko_prefix_sum_increasing_portable(uint32_t *v, size_t count, uint32_t base, int check_first,
                                         uint32_t *last) {
    return prefix_sum_increasing_portable(v, count, base, check_first, last);
}

int kerko_increment_u32(uint32_t *v, size_t count) {
    return kerko_codec_has_avx2() ? increment_avx2(v, count) : increment_portable(v, count);
}

int kerko_increment_u32_portable(uint32_t *v, size_t count) { return increment_portable(v, count); }

// ---------------------------------------------------------------------------------------------------------
// Variable-byte decoding. While 5 bytes remain a value cannot run off the end, so only the value's own
// continuation bits are tested (branchy on purpose: for the common 1-byte values the branch predicts and
// the loads of consecutive values overlap; a branch-free length computation puts a load→length→address
// chain on the critical path and measured slower here). The last bytes are decoded with full checks.

int kerko_vbyte_decode(const uint8_t *in, size_t len, uint32_t *out, size_t count, size_t *end) {
    size_t i = 0, n = 0;
    while (n < count && i + 5 <= len) {
        uint32_t b = in[i];
        if (b < 0x80) {
            out[n++] = b;
            i += 1;
            continue;
        }
        uint32_t v = b & 0x7F;
        b = in[i + 1];
        v |= (b & 0x7F) << 7;
        if (b < 0x80) {
            i += 2;
        } else {
            b = in[i + 2];
            v |= (b & 0x7F) << 14;
            if (b < 0x80) {
                i += 3;
            } else {
                b = in[i + 3];
                v |= (b & 0x7F) << 21;
                if (b < 0x80) {
                    i += 4;
                } else {
                    b = in[i + 4];
                    if (b > 0x0F) {
                        *end = i;
                        return KERKO_VBYTE_OVERFLOW;
                    }
                    v |= b << 28;
                    i += 5;
                }
            }
        }
        out[n++] = v;
    }
    while (n < count) {
        uint32_t v = 0;
        size_t k = 0;
        for (;;) {
            if (i + k >= len) {
                *end = i;
                return KERKO_VBYTE_TRUNCATED;
            }
            const uint32_t b = in[i + k];
            if (k == 4) {
                if (b > 0x0F) {
                    *end = i;
                    return KERKO_VBYTE_OVERFLOW;
                }
                v |= b << 28;
                k++;
                break;
            }
            v |= (b & 0x7F) << (7 * k);
            k++;
            if (b < 0x80) break;
        }
        out[n++] = v;
        i += k;
    }
    *end = i;
    return KERKO_VBYTE_OK;
}
