#ifndef KERKO_CICU_H
#define KERKO_CICU_H
// The only door to ICU (libicu 72 on Debian). Plain C types only: this header must never include
// <unicode/...> (Foundation's private ICU defines its own UErrorCode; see ../shared/notes/platform-traps.md).
// UTF-16 code units are uint16_t; ICU error codes are returned through int32_t *status (0 = OK,
// negative = warning, positive = failure, as UErrorCode).
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// True (non-zero) if status is a failure code.
int kss_failure(int32_t status);
/// ICU's name for a status code (static string).
const char *kss_error_name(int32_t status);

// --- Normalization (unorm2_getNFKCCasefoldInstance + unorm2_normalize) ---
/// NFKC_Casefold of src into dst; returns the needed length (retry with a larger buffer when it exceeds cap).
int32_t kss_nfkc_casefold(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *status);
/// 1 if src is already NFKC_Casefold-normalized (unorm2_isNormalized), else 0.
int kss_nfkc_casefold_is_normalized(const uint16_t *src, int32_t len, int32_t *status);
/// NFC of src (unorm2_getNFCInstance).
int32_t kss_nfc(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *status);

// --- Transliteration (utrans_openU / utrans_transUChars) ---
typedef struct kss_trans kss_trans;
/// Opens a rule-based transliterator. id and rules are UTF-16; rules may be NULL for a system ID.
/// On a rule syntax error, *error_line / *error_offset say where.
kss_trans *kss_trans_open(const uint16_t *id, int32_t id_len, const uint16_t *rules, int32_t rules_len,
                          int32_t *error_line, int32_t *error_offset, int32_t *status);
kss_trans *kss_trans_clone(const kss_trans *t, int32_t *status);
/// Transliterates buf[0..*len) in place (capacity cap); *len becomes the new length. If the result
/// would not fit, *status is U_BUFFER_OVERFLOW_ERROR and buf is unspecified.
void kss_trans_apply(const kss_trans *t, uint16_t *buf, int32_t *len, int32_t cap, int32_t *status);
void kss_trans_close(kss_trans *t);

// --- Word breaks (ubrk_open(UBRK_WORD, locale) ...) ---
typedef struct kss_words kss_words;
/// Opens a word break iterator over text (which must outlive the iterator).
kss_words *kss_words_open(const char *locale, const uint16_t *text, int32_t len, int32_t *status);
/// Next boundary (UTF-16 index) or -1 when done; *rule_status is the status of the segment ending there.
int32_t kss_words_next(kss_words *w, int32_t *rule_status);
void kss_words_close(kss_words *w);
/// Points an open iterator at new text (ubrk_setText + ubrk_first), so one iterator serves many texts.
void kss_words_set_text(kss_words *w, const uint16_t *text, int32_t len, int32_t *status);
/// The class of BMP code unit or code point c for Kërko's own word segmenter (Analysis/WordSegmenter.swift),
/// derived from ICU's properties as ICU 72's root word rules (word.txt) use them: 0 Other, 1 CR, 2 LF,
/// 3 Newline, 4 Extend/Format, 5 WSegSpace, 6 ALetter (and '@', as the root rules add it), 7 Numeric, 8 MidLetter (minus ':' U+FE55 U+FF1A,
/// which the root rules remove), 9 MidNumLet/Single_Quote, 10 MidNum, 11 ExtendNumLet, 12 = not handled
/// (ZWJ, Hebrew, Katakana, regional indicators, dictionary scripts, Han/Hiragana, ideographs, Hangul
/// syllables), 13 = not handled and possibly Extend/Format/ZWJ (ZWJ, marks of dictionary scripts, surrogates,
/// which may encode U+E0001...): the caller must leave such text to ICU.
uint8_t kss_wordbreak_class(uint32_t c);

// --- Charset detection (ucsdet_*) and conversion (ucnv_*) ---
/// Detects the charset of bytes; writes its name (NUL-terminated, ASCII) into name (cap bytes) and returns
/// the confidence 0..100, or -1 on failure. declared may name a hint (e.g. from a BOM or meta tag) or be NULL.
int32_t kss_detect_charset(const char *bytes, int32_t len, const char *declared, char *name, int32_t cap,
                           int32_t *status);
/// Converts bytes in charset to UTF-16; returns the needed length. Invalid sequences are a failure
/// (U_INVALID_CHAR_FOUND / U_ILLEGAL_CHAR_FOUND) rather than silently replaced.
int32_t kss_convert_to_utf16(const char *charset, const char *bytes, int32_t len, uint16_t *dst, int32_t cap,
                             int32_t *status);

// --- Confusables (uspoof_getSkeleton) ---
/// The confusable skeleton (UTS #39) of src.
int32_t kss_skeleton(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *status);

// --- Collation (ucol_open / ucol_getSortKey) ---
typedef struct kss_collator kss_collator;
kss_collator *kss_collator_open(const char *locale, int32_t *status);
/// Sort key bytes of src; returns the needed length (including the terminating 0).
int32_t kss_collator_sort_key(const kss_collator *c, const uint16_t *src, int32_t len, uint8_t *dst, int32_t cap);
void kss_collator_close(kss_collator *c);

#ifdef __cplusplus
}
#endif
#endif
