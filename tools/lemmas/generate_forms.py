"""Step 1: enumerate every word form of uniparser-albanian's lexicon (nouns, adjectives,
verbs) from its own lexemes + paradigms (MIT data) and write
`form<TAB>lemma<TAB>pos<TAB>nonst` (all folded) to the output file.
nonst=1 marks forms tagged `nonst` (nonstandard/dialectal) or `Gheg` by the grammar, except
nonstandard verb participles (Gheg `-ue`: punue, konsultue — common in Kosovo NGO text, §10), which
are marked `p`.

The analyzer loads paradigms uncompiled (it compiles them lazily for parsing), and verb
paradigms are chains of linked sub-paradigms, so the verb paradigms are compiled fully
(PARTIAL_COMPILE off) before generating; the bare stems such a paradigm also yields (a
wordform whose tags are only the lexeme's own) and forms derived into another part of
speech (miratoj → miratim) are skipped — the latter have their own lexemes.

usage: python generate_forms.py OUT.tsv
"""
import copy
import sys
import time
from uniparser_albanian import AlbanianAnalyzer
from sqlight import fold

KEEP = {"NOUN": "NOUN", "A": "ADJ", "V": "VERB"}


def main(out):
    t = time.time()
    a = AlbanianAnalyzer(mode="strict")
    print("grammar loaded in %.0fs: %d lexemes" % (time.time() - t, len(a.g.lexemes)), file=sys.stderr)
    g = a.g
    g.PARTIAL_COMPILE = False
    verb_paradigms = {sl.paradigm for l in g.lexemes if l.gramm.startswith("V") for sl in l.subLexemes}
    for name in verb_paradigms:
        if name in g.paradigms:
            p = copy.deepcopy(g.paradigms[name])
            p.compile_paradigm()
            g.paradigms[name] = p
    print("%d verb paradigms compiled at %.0fs" % (len(verb_paradigms), time.time() - t), file=sys.stderr)
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        for lex in a.g.lexemes:
            pos = KEEP.get(lex.gramm.split(",")[0])
            if pos is None or not lex.lemma:
                continue
            lemma = fold(lex.lemma)
            for wf in lex.generate_wordforms():
                if not isinstance(wf.wf, str) or not wf.wf:
                    continue
                gr = wf.gramm.split(",") if isinstance(wf.gramm, str) else []
                if pos == "VERB" and (not gr or gr[0] != "V" or wf.gramm == lex.gramm):
                    continue
                nonst = "1" if ("nonst" in gr or "Gheg" in gr) else "0"
                if nonst == "1" and pos == "VERB" and "ptcp" in gr:
                    nonst = "p"     # Gheg/nonstandard participle (punue, konsultue): kept in the table
                form = fold(wf.wf)
                if not form.isalpha():
                    continue
                key = (form, lemma, pos, nonst)
                if key in seen:
                    continue
                seen.add(key)
                f.write("%s\t%s\t%s\t%s\n" % key)
    print("%d rows in %.0fs" % (len(seen), time.time() - t), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
