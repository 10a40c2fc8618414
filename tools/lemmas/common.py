"""Shared helpers: the held-out lemma split, the table-lookup stemmer, and the metrics."""
import collections
import hashlib
import itertools

from sqlight import stems

HELDOUT_MOD = 20  # 1 lemma in 20 (5 %) is held out of the table


def is_heldout(lemma):
    """Deterministic split by lemma (folded): md5(lemma) mod 20 == 0 → held out."""
    return int(hashlib.md5(lemma.encode("utf-8")).hexdigest(), 16) % HELDOUT_MOD == 0


def table_terms(lemmas):
    out = []
    for l in lemmas:
        for s in stems(l):
            if s not in out:
                out.append(s)
    return out


def albanian_stems(form, table, mode="swift"):
    """Table + SQ-light.  Modes (how a form the table knows is stemmed):
      swift      — what Sources/Analysis/AlbanianStemmer.swift does (since 0d019f1): the lemma(s)
                   themselves, then the SQ-light stems of the form (SQ-light's own conflation kept);
      stems+own  — its first version: SQ-light stems of each lemma, then SQ-light stems of the form;
      lemma      — only the SQ-light stems of the lemmas;
      canonical  — only the lemmas themselves.
    Forms the table does not know: SQ-light stems (all modes)."""
    lem = table.get(form) if table is not None else None
    if not lem:
        return stems(form)
    if mode == "canonical":
        return list(lem)
    out = list(lem) if mode == "swift" else table_terms(lem)
    if mode in ("swift", "stems+own"):
        for s in stems(form):
            if s not in out:
                out.append(s)
    return out


def encode_lemma(form, lemma):
    """On-disk lemma code: the length of the prefix shared with the form (decimal, omitted if 0)
    followed by the rest of the lemma.  komuna→komune is `5e`, ligjeve→ligj is `4`.  A code without
    digits is a whole lemma, so plain `form<TAB>lemma` lines are valid too."""
    k = 0
    while k < min(len(form), len(lemma)) and form[k] == lemma[k]:
        k += 1
    return (str(k) if k else "") + lemma[k:]


def decode_lemma(form, code):
    i = 0
    while i < len(code) and code[i].isdigit():
        i += 1
    return form[: int(code[:i])] + code[i:] if i else code


def load_table(path):
    t = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            form, lem = line.rstrip("\n").split("\t", 1)
            t[form] = [decode_lemma(form, c) for c in lem.split("|")]
    return t


def metrics(rows, stemfn):
    """rows: [(form, gold_lemma)].  Returns dict with conflation (share of same-lemma form
    pairs sharing ≥1 term), shared_terms (terms produced by forms of >1 lemma),
    lemma_pair_share (share of all lemma pairs that share a term), counts."""
    by_lemma = collections.defaultdict(set)
    for form, lemma in rows:
        by_lemma[lemma].add(form)
    terms = {f: set(stemfn(f)) for f, _ in rows}
    pairs = hit = 0
    for lemma, forms in by_lemma.items():
        for a, b in itertools.combinations(sorted(forms), 2):
            pairs += 1
            if terms[a] & terms[b]:
                hit += 1
    term_lemmas = collections.defaultdict(set)
    for form, lemma in rows:
        for t in terms[form]:
            term_lemmas[t].add(lemma)
    shared = {t: ls for t, ls in term_lemmas.items() if len(ls) > 1}
    lemma_pairs = set()
    for ls in shared.values():
        for p in itertools.combinations(sorted(ls), 2):
            lemma_pairs.add(p)
    nl = len(by_lemma)
    return {
        "forms": len(set(f for f, _ in rows)),
        "lemmas": nl,
        "lemmas_multi": sum(1 for v in by_lemma.values() if len(v) > 1),
        "pairs": pairs,
        "conflation": hit / pairs if pairs else float("nan"),
        "shared_terms": len(shared),
        "shared_lemma_pairs": len(lemma_pairs),
        "lemma_pair_share": len(lemma_pairs) / (nl * (nl - 1) / 2) if nl > 1 else 0.0,
        "shared_examples": sorted(shared.items())[:15],
    }
