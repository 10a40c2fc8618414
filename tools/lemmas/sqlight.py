"""SQ-light — reference implementation of the light Albanian suffix stemmer of
/work/shared/spec/ANALYSIS.md §2.4, for offline evaluation only (the product uses
Sources/Analysis/SQLightStemmer.swift).  Input: one folded token (P5+P6: lowercase,
ë→e, ç→c, diacritics stripped).  Output: ordered list of 1–3 stems, primary first.

Also: `fold()` — the P5+P6 folding approximated in Python (NFKC casefold, đ→dj,
apostrophe variants → ', strip nonspacing marks), good enough for Albanian text.

Run `python3 sqlight.py` to check against the spec's test cases.
"""
import sys
import unicodedata

PROTECTED = {"kredit", "limit", "audit", "deficit", "profit", "tranzit", "statut", "institut", "minut"}

# (suffix, condition) in table order within each length; longest first.
_SUFFIXES = [
    # 5
    ("uarit", "U"), ("uarin", "U"), ("uarve", "U"), ("uarat", "U"),
    # 4
    ("jeje", ""), ("jeve", ""), ("shme", ""), ("shem", ""), ("ohet", ""), ("ohen", ""),
    ("ojne", ""), ("ojme", ""), ("uara", "U"), ("uari", "U"), ("uare", "U"),
    # 3
    ("eve", ""), ("ave", ""), ("esh", ""), ("ash", ""), ("ish", ""), ("eje", ""), ("uar", "U"),
    ("jen", ""), ("jes", ""), ("jet", ""), ("uan", ""), ("uam", ""), ("uat", ""),
    # 2
    ("et", "A"), ("at", "A"), ("it", "A"), ("in", "A"), ("es", "A"), ("en", ""), ("ja", ""),
    ("je", ""), ("oj", ""), ("se", "I"), ("ne", "IA"), ("te", "I"), ("ve", "IS"), ("sh", "I"),
    ("ut", "K"), ("un", "K"),
    # 1
    ("a", ""), ("e", ""), ("i", ""), ("u", "K"),
]
_A_ENDINGS = {"et", "at", "it", "in", "es", "ne"}
_IDROP = {"a", "e", "se", "ne", "te", "ve", "sh", "i"}


def _digraph_ok(x, s):
    if not s:
        return True
    c, l = x[0], s[-1]
    if c == "j" and l in "gn":
        return False
    if c == "h" and l in "dstxz":
        return False
    if c == "l" and l == "l":
        return False
    if c == "r" and l == "r":
        return False
    return True


def _cond_ok(cond, s):
    if "I" in cond and "S" in cond:
        return s.endswith("i") or s.endswith("s")
    if "I" in cond:
        return s.endswith("i")
    if "K" in cond:
        if s.endswith("k") or s.endswith("g"):
            return True
        return s.endswith("h") and (len(s) < 2 or s[-2] not in "dstxz")
    return True


def stems(token):
    if len(token) < 4 or not token.isalpha() or not token.isascii() or token in PROTECTED:
        return [token]
    w = token
    if w.endswith("izem"):
        w = w[:-4] + "izm"
    for x, cond in _SUFFIXES:
        if not w.endswith(x):
            continue
        s = w[: len(w) - len(x)]
        if len(s) < (4 if "U" in cond else 3):
            continue
        if not _digraph_ok(x, s):
            continue
        if not _cond_ok(cond, s):
            continue
        if x in _IDROP and s.endswith("i") and len(s) - 1 >= 3:
            out = [s[:-1], s]
        else:
            out = [s]
        if x in _A_ENDINGS:
            out.append(w[:-1] if x == "ne" else w)
        if x == "ve" and s.endswith("i"):
            out.append(w[:-1])
        res = []
        for t in out:
            if t not in res:
                res.append(t)
        return res
    # §2.4 says "return [token]"; the spec's case table (mekanizëm → mekanizm) shows the
    # step-2 rewrite is kept, so return the rewritten word.
    return [w]


def fold(text):
    t = unicodedata.normalize("NFKC", text).casefold()
    t = unicodedata.normalize("NFKC", t)
    t = t.replace("đ", "dj")
    for ch in "\u2018\u2019\u02bc\u00b4\u0060":
        t = t.replace(ch, "'")
    t = "".join(c for c in unicodedata.normalize("NFD", t) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", t)


def _check(path="/work/shared/data/analysis/cases/sq_cases.tsv"):
    n = bad = 0
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            inp, folded, want = cols[0], cols[1], cols[2].split("|")
            n += 1
            problems = []
            if fold(inp) != folded:
                problems.append("fold=%r" % fold(inp))
            got = stems(folded)
            if got != want:
                problems.append("stems=%s want %s" % ("|".join(got), "|".join(want)))
            if problems:
                bad += 1
                print("MISMATCH", inp, folded, "; ".join(problems))
    print("%d cases, %d mismatches" % (n, bad))
    return bad


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for w in sys.argv[1:]:
            print(w, "|".join(stems(fold(w))))
    else:
        sys.exit(1 if _check() else 0)
