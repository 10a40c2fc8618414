"""Step 2: the vocabulary of real Kosovo Albanian text (Official Gazette act pages and the
CiviKos 2012–2013 report in /work/shared/corpus-candidates), analysed with uniparser-albanian.
Writes `form<TAB>freq<TAB>analyses` where analyses = `lemma:POS:nonst;...` (all folded).
Words are analysed with diacritics (strict mode); words strict mode cannot analyse are
retried in `nodiacritics` mode (texts typed without ë/ç).

usage: python extract_vocab.py CORPUS_DIR OUT.tsv
"""
import collections
import glob
import html
import os
import re
import sys
from uniparser_albanian import AlbanianAnalyzer
from sqlight import fold

KEEP = {"NOUN": "NOUN", "A": "ADJ", "V": "VERB"}
WORD = re.compile(r"[a-zA-ZëËçÇ]+")
SQ_HINT = re.compile(r"(?i)\b(dhe|për|të|në|së|është|ligji|nga)\b")


def texts(corpus):
    for p in sorted(glob.glob(os.path.join(corpus, "gazette-kosovo", "*.html"))):
        t = open(p, encoding="utf-8", errors="replace").read()
        t = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ", t)
        t = html.unescape(re.sub(r"<[^>]+>", " ", t))
        if len(SQ_HINT.findall(t)) >= 5:      # Albanian pages only
            yield t
    for p in sorted(glob.glob(os.path.join(corpus, "seeds", "*.sq.txt"))):
        yield open(p, encoding="utf-8").read()


def analyses(an, w):
    out = set()
    for a in an.analyze_words(w):
        if not isinstance(a.gramm, str) or not a.lemma:
            continue
        gr = a.gramm.split(",")
        pos = KEEP.get(gr[0])
        if pos:
            out.add((fold(a.lemma), pos, "1" if "nonst" in gr else "0"))
    return out


def main(corpus, out):
    freq = collections.Counter()
    for t in texts(corpus):
        for w in WORD.findall(t):
            freq[w.lower()] += 1
    strict = AlbanianAnalyzer(mode="strict")
    nodia = None
    res = collections.defaultdict(set)
    ffreq = collections.Counter()
    for w, n in freq.items():
        ffreq[fold(w)] += n
        res[fold(w)] |= analyses(strict, w)
    missing = [f for f in res if not res[f]]
    nodia = AlbanianAnalyzer(mode="nodiacritics")
    for f in missing:
        res[f] |= analyses(nodia, f)
    with open(out, "w", encoding="utf-8") as fo:
        for f in sorted(res):
            fo.write("%s\t%d\t%s\n" % (f, ffreq[f], ";".join(":".join(x) for x in sorted(res[f]))))
    print("%d word types, %d analysed" % (len(res), sum(1 for f in res if res[f])), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
