// Checks the assumption behind Sources/Analysis/WordSegmenter.swift against the installed ICU: that every
// BMP code point the segmenter handles itself behaves, in ICU's own word break iterator (root rules, locale
// "sq"), as its Word_Break property class says. Prints each code point whose behaviour in three probes
// ("a?a", "1?1", "?" alone) differs from what its class predicts; on ICU 72 the only one is U+0040 '@',
// which the root rules add to ALetter (and kss_wordbreak_class maps to a letter). Run it after an ICU upgrade:
//   cc probe.c -o probe -licuuc -licudata && ./probe
// The exhaustive check is the test WordSegmenterTests.everyBMPCodeUnitInContext; this is the quick look.
#include <stdio.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

static UBreakIterator *bi;

/// Number of segments of u[0..n) and the status of the last one.
static int segments(const UChar *u, int n, int *status) {
    UErrorCode e = U_ZERO_ERROR;
    ubrk_setText(bi, u, n, &e);
    ubrk_first(bi);
    int count = 0;
    while (ubrk_next(bi) != UBRK_DONE) { count++; *status = ubrk_getRuleStatus(bi); }
    return count;
}

int main(void) {
    UErrorCode e = U_ZERO_ERROR;
    bi = ubrk_open(UBRK_WORD, "sq", NULL, 0, &e);
    if (U_FAILURE(e)) { fprintf(stderr, "ubrk_open: %s\n", u_errorName(e)); return 1; }
    int odd = 0;
    for (UChar32 c = 0; c < 0x10000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        // Left to ICU by the segmenter: dictionary scripts, Han, Hiragana, Katakana, ideographs, Hangul.
        if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) continue;
        UErrorCode se = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &se);
        if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) continue;
        if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || (c >= 0xAC00 && c <= 0xD7A3)) continue;
        int wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
        // Classes left to ICU (or only special next to them): Hebrew letters and quotes, Katakana,
        // regional indicators, ZWJ and the legacy emoji classes.
        if (wb == U_WB_HEBREW_LETTER || wb == U_WB_DOUBLE_QUOTE || wb == U_WB_KATAKANA
            || wb == U_WB_REGIONAL_INDICATOR || wb == U_WB_ZWJ || wb == U_WB_E_BASE || wb == U_WB_E_MODIFIER
            || wb == U_WB_GLUE_AFTER_ZWJ || wb == U_WB_E_BASE_GAZ) continue;
        UChar a[3] = {'a', (UChar)c, 'a'}, d[3] = {'1', (UChar)c, '1'}, s[1] = {(UChar)c};
        int st1 = 0, st2 = 0, st3 = 0;
        int n1 = segments(a, 3, &st1), n2 = segments(d, 3, &st2), n3 = segments(s, 1, &st3);
        int expectJoinA = wb == U_WB_ALETTER || wb == U_WB_NUMERIC || wb == U_WB_EXTENDNUMLET || wb == U_WB_MIDNUMLET
                          || wb == U_WB_SINGLE_QUOTE || wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ
                          || (wb == U_WB_MIDLETTER && c != ':' && c != 0xFE55 && c != 0xFF1A);
        int expectJoinD = wb == U_WB_ALETTER || wb == U_WB_NUMERIC || wb == U_WB_EXTENDNUMLET || wb == U_WB_MIDNUMLET
                          || wb == U_WB_SINGLE_QUOTE || wb == U_WB_MIDNUM || wb == U_WB_EXTEND || wb == U_WB_FORMAT
                          || wb == U_WB_ZWJ;
        int expectStatus = wb == U_WB_ALETTER ? 200 : wb == U_WB_NUMERIC ? 100 : 0;
        if ((n1 == 1) != expectJoinA || (n2 == 1) != expectJoinD || (n3 == 1 && st3 != expectStatus)) {
            printf("U+%04X Word_Break=%d: a?a %d segments, 1?1 %d segments, alone status %d\n", c, wb, n1, n2, st3);
            odd++;
        }
    }
    ubrk_close(bi);
    printf("%d code points behave otherwise than their Word_Break class\n", odd);
    return 0;
}
