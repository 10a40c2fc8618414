"""Step 5: measure SQ-light alone vs table + SQ-light (metric of ANALYSIS.md §2.4).

Sets (Tests/AnalysisTests/Fixtures, made by make_heldout.py):
  text     sq-heldout-text.tsv — real Kosovo text the table builder never read.
  heldout  sq-heldout.tsv      — forms of lemmas held out of the table.
  iv       (computed here) forms of a deterministic sample of in-table lemmas, gold from the
           paradigm generator, unambiguous among all generated standard forms — the table's
           own consistency, not an independent measurement.
Modes for table + SQ-light: see common.albanian_stems (swift = what AlbanianStemmer.swift does).

usage: python evaluate.py sq-lemmas.tsv FIXTURE_DIR forms.tsv
"""
import collections
import hashlib
import os
import sys

from common import albanian_stems, is_heldout, load_table, metrics
from sqlight import stems


def read_fixture(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]


def fmt(m):
    return "%5.1f%% shared %3d" % (100 * m["conflation"], m["shared_terms"])


def report(name, rows, table, full):
    pairs = [(r[0], r[1]) for r in rows]
    a = metrics(pairs, stems)
    res = {m: metrics(pairs, lambda f, m=m: albanian_stems(f, table, m))
           for m in ("swift", "stems+own", "lemma", "canonical")}
    known = sum(1 for f, _ in pairs if f in full) / len(pairs) if pairs else 0
    print("| %-14s | %5d | %4d | %6d | %5.1f%% | %s | %s | %s | %s | %s |"
          % (name, a["forms"], a["lemmas"], a["pairs"], 100 * known, fmt(a), fmt(res["swift"]),
             fmt(res["stems+own"]), fmt(res["lemma"]), fmt(res["canonical"])))
    return a, res


def iv_rows(forms_path, n=None):
    n = n or {"NOUN": 400, "ADJ": 200, "VERB": 100}
    owner = collections.defaultdict(set)
    forms = collections.defaultdict(set)
    with open(forms_path, encoding="utf-8") as f:
        for line in f:
            form, lemma, pos, nonst = line.rstrip("\n").split("\t")
            if nonst != "0":
                continue
            owner[form].add(lemma)
            forms[(lemma, pos)].add(form)
    out = []
    for pos, k in n.items():
        ks = sorted((x for x in forms if x[1] == pos and not is_heldout(x[0])),
                    key=lambda x: hashlib.md5(("iv" + x[0]).encode()).hexdigest())[:k]
        out += [(f, x[0], pos) for x in ks for f in sorted(forms[x]) if len(owner[f]) == 1]
    return out


def full_table(forms_path):
    """Every standard form → its (non-held-out) lemmas, unpruned (for the canonical mode)."""
    t = collections.defaultdict(list)
    with open(forms_path, encoding="utf-8") as f:
        for line in f:
            form, lemma, pos, nonst = line.rstrip("\n").split("\t")
            if nonst == "0" and not is_heldout(lemma) and lemma not in t[form]:
                t[form].append(lemma)
    return t


def main(table_path, fixdir, forms_path):
    table = load_table(table_path)
    full = full_table(forms_path)
    print("table: %d entries (%d known standard forms)\n" % (len(table), len(full)))
    print("| set | forms | lemmas | same-lemma pairs | forms known to table | SQ-light alone | "
          "**swift: lemma + own stems (ships)** | lemma's stems + own stems | lemma's stems only | lemma only |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    sets = [("text", read_fixture(os.path.join(fixdir, "sq-heldout-text.tsv"))),
            ("heldout", read_fixture(os.path.join(fixdir, "sq-heldout.tsv"))),
            ("iv", iv_rows(forms_path))]
    examples = {}
    for name, rows in sets:
        for pos in ("NOUN", "ADJ"):
            report("%s %s" % (name, pos), [r for r in rows if r[2] == pos], table, full)
        _a, res = report("%s N+A" % name, [r for r in rows if r[2] in ("NOUN", "ADJ")], table, full)
        examples[name] = res["swift"]["shared_examples"]
        report("%s VERB" % name, [r for r in rows if r[2] == "VERB"], table, full)
    for name, ex in examples.items():
        print("\nshared terms, %s N+A (swift mode), first %d:" % (name, len(ex)))
        for t, ls in ex:
            print("  %s: %s" % (t, ", ".join(sorted(ls))))


if __name__ == "__main__":
    main(*sys.argv[1:4])
