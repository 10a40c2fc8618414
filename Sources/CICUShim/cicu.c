// Forwarders from Kërko's stable names to ICU's version-renamed C API (urename.h maps e.g.
// unorm2_normalize to unorm2_normalize_72, which Swift cannot see through). Each function names the
// ICU call it wraps. Opaque handles are the ICU objects themselves, cast.
#include "cicu.h"
#include <string.h>
#include <unicode/utypes.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ubrk.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uspoof.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

int kss_failure(int32_t status) { return U_FAILURE((UErrorCode)status); }
const char *kss_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

int32_t kss_nfkc_casefold(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);  // singleton, never freed
    if (U_FAILURE(e)) { *status = e; return 0; }
    int32_t n = unorm2_normalize(nf, (const UChar *)src, len, (UChar *)dst, cap, &e);
    *status = e;
    return n;
}

int kss_nfkc_casefold_is_normalized(const uint16_t *src, int32_t len, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    if (U_FAILURE(e)) { *status = e; return 0; }
    UBool r = unorm2_isNormalized(nf, (const UChar *)src, len, &e);
    *status = e;
    return r ? 1 : 0;
}

int32_t kss_nfc(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e)) { *status = e; return 0; }
    int32_t n = unorm2_normalize(nf, (const UChar *)src, len, (UChar *)dst, cap, &e);
    *status = e;
    return n;
}

kss_trans *kss_trans_open(const uint16_t *id, int32_t id_len, const uint16_t *rules, int32_t rules_len,
                          int32_t *error_line, int32_t *error_offset, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UParseError pe;
    memset(&pe, 0, sizeof pe);
    UTransliterator *t = utrans_openU((const UChar *)id, id_len, UTRANS_FORWARD, (const UChar *)rules,
                                      rules_len, &pe, &e);
    *status = e;
    if (error_line) *error_line = pe.line;
    if (error_offset) *error_offset = pe.offset;
    return (kss_trans *)t;
}

kss_trans *kss_trans_clone(const kss_trans *t, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UTransliterator *c = utrans_clone((const UTransliterator *)t, &e);
    *status = e;
    return (kss_trans *)c;
}

void kss_trans_apply(const kss_trans *t, uint16_t *buf, int32_t *len, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t limit = *len;
    utrans_transUChars((const UTransliterator *)t, (UChar *)buf, len, cap, 0, &limit, &e);
    *status = e;
}

void kss_trans_close(kss_trans *t) { if (t) utrans_close((UTransliterator *)t); }

kss_words *kss_words_open(const char *locale, const uint16_t *text, int32_t len, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, (const UChar *)text, len, &e);
    *status = e;
    if (U_FAILURE(e)) { if (bi) ubrk_close(bi); return NULL; }
    ubrk_first(bi);
    return (kss_words *)bi;
}

int32_t kss_words_next(kss_words *w, int32_t *rule_status) {
    UBreakIterator *bi = (UBreakIterator *)w;
    int32_t p = ubrk_next(bi);
    if (p == UBRK_DONE) return -1;
    *rule_status = ubrk_getRuleStatus(bi);
    return p;
}

void kss_words_close(kss_words *w) { if (w) ubrk_close((UBreakIterator *)w); }

void kss_words_set_text(kss_words *w, const uint16_t *text, int32_t len, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    ubrk_setText((UBreakIterator *)w, (const UChar *)text, len, &e);
    if (U_SUCCESS(e)) ubrk_first((UBreakIterator *)w);
    *status = e;
}

uint8_t kss_wordbreak_class(uint32_t c) {
    enum { O = 0, CR = 1, LF = 2, NL = 3, E = 4, WS = 5, L = 6, N = 7, ML = 8, MNL = 9, MN = 10, EX = 11, FB = 12,
           FBX = 13 };
    // Surrogates: the code point they encode may be Extend/Format (U+E0001, U+1D165...), so FBX.
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return FBX;
    int wb = u_getIntPropertyValue((UChar32)c, UCHAR_WORD_BREAK);
    if (wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ) {
        // Extend/Format/ZWJ that ICU must handle (e.g. Thai vowel signs, ZWJ): attaches to what precedes it.
        if (wb == U_WB_ZWJ || u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return FBX;
        UErrorCode e0 = U_ZERO_ERROR;
        UScriptCode sc0 = uscript_getScript((UChar32)c, &e0);
        if (sc0 == USCRIPT_HAN || sc0 == USCRIPT_HIRAGANA || sc0 == USCRIPT_KATAKANA) return FBX;
        return E;
    }
    // ICU's $dictionary set ([:LineBreak=Complex_Context:], Han, Hiragana, Katakana, Hangul syllables) and
    // the ideographs: dictionary-based or own-status segments.
    if (u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return FB;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)c, &e);
    if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) return FB;
    if (c >= 0xAC00 && c <= 0xD7A3) return FB;
    if (u_hasBinaryProperty((UChar32)c, UCHAR_IDEOGRAPHIC)) return FB;
    if (c == 0x40) return L;   // ICU 72's root rules: $ALetter = [\p{Word_Break = ALetter} @] (e-mail addresses)
    switch (wb) {
    case U_WB_OTHER: return O;
    case U_WB_CR: return CR;
    case U_WB_LF: return LF;
    case U_WB_NEWLINE: return NL;
    case U_WB_EXTEND: case U_WB_FORMAT: return E;
    case U_WB_WSEGSPACE: return WS;
    case U_WB_ALETTER: return L;
    case U_WB_NUMERIC: return N;
    case U_WB_MIDLETTER: return (c == 0x3A || c == 0xFE55 || c == 0xFF1A) ? O : ML;
    case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: return MNL;
    case U_WB_MIDNUM: return MN;
    case U_WB_EXTENDNUMLET: return EX;
    case U_WB_DOUBLE_QUOTE: return O;   // only special next to Hebrew letters, which are left to ICU
    default: return FB;                 // ZWJ, Hebrew_Letter, Katakana, Regional_Indicator, legacy emoji classes
    }
}

int32_t kss_detect_charset(const char *bytes, int32_t len, const char *declared, char *name, int32_t cap,
                           int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&e);
    if (U_FAILURE(e)) { *status = e; return -1; }
    ucsdet_setText(d, bytes, len, &e);
    if (declared && *declared) ucsdet_setDeclaredEncoding(d, declared, -1, &e);
    const UCharsetMatch *m = ucsdet_detect(d, &e);
    int32_t conf = -1;
    if (U_SUCCESS(e) && m) {
        const char *n = ucsdet_getName(m, &e);
        conf = ucsdet_getConfidence(m, &e);
        if (U_SUCCESS(e) && n) {
            strncpy(name, n, (size_t)cap - 1);
            name[cap - 1] = 0;
        } else {
            conf = -1;
        }
    }
    ucsdet_close(d);
    *status = e;
    return conf;
}

int32_t kss_convert_to_utf16(const char *charset, const char *bytes, int32_t len, uint16_t *dst, int32_t cap,
                             int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &e);
    if (U_FAILURE(e)) { *status = e; return 0; }
    // Stop on invalid input instead of substituting U+FFFD.
    ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
    int32_t n = ucnv_toUChars(c, (UChar *)dst, cap, bytes, len, &e);
    ucnv_close(c);
    *status = e;
    return n;
}

int32_t kss_skeleton(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&e);
    if (U_FAILURE(e)) { *status = e; return 0; }
    int32_t n = uspoof_getSkeleton(sc, 0, (const UChar *)src, len, (UChar *)dst, cap, &e);
    uspoof_close(sc);
    *status = e;
    return n;
}

kss_collator *kss_collator_open(const char *locale, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UCollator *c = ucol_open(locale, &e);
    *status = e;
    return (kss_collator *)c;
}

int32_t kss_collator_sort_key(const kss_collator *c, const uint16_t *src, int32_t len, uint8_t *dst, int32_t cap) {
    return ucol_getSortKey((const UCollator *)c, (const UChar *)src, len, dst, cap);
}

void kss_collator_close(kss_collator *c) { if (c) ucol_close((UCollator *)c); }
