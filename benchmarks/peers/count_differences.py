#!/usr/bin/env python3
"""Explain every `and`/`phrase` hit-count difference between Kërko and SQLite FTS5 on the peers' corpus.

  python3 count_differences.py RUNS_DIR CORPUS.jsonl KERKO_BENCH

RUNS_DIR holds idx-kerko (built by kerko-bench --analyzer plain) and idx-sqlite.topk.jsonl (bench.py).
For each query whose counts differ, Kërko's full match set is listed (kerko-bench query with k = 10^6) and
FTS5's is recomputed in Python (unicode61 remove_diacritics 2 = maximal runs of letters and digits, folded;
checked against SQLite's own count). Every document that only one engine matches must show a query word glued
to a neighbour by a character UAX #29 does not break at (' ’ . _): that is the tokenizer-family difference.
"""
import collections, json, os, re, subprocess, sys, tempfile, unicodedata

runs, corpus, bench = sys.argv[1:4]
sq = {json.loads(l)["qid"]: json.loads(l) for l in open(os.path.join(runs, "idx-sqlite.topk.jsonl"))}
kk = {json.loads(l)["qid"]: json.loads(l) for l in open(os.path.join(runs, "idx-kerko.topk.jsonl"))}
diff = [q for q in kk if kk[q]["class"] in ("and", "phrase") and kk[q]["count"] != sq[q]["count"]]
tmp = tempfile.mkdtemp()
with open(os.path.join(tmp, "q.tsv"), "w") as f:
    for q in diff:
        f.write(f"{q}\t{kk[q]['class']}\t{kk[q]['query']}\n")
subprocess.run([bench, "--analyzer", "plain", "query", "--index-dir", os.path.join(runs, "idx-kerko"),
                "--queries", os.path.join(tmp, "q.tsv"), "--k", "1000000", "--warmup", "0", "--rounds", "1",
                "--results", os.path.join(tmp, "r.jsonl")], check=True, stdout=subprocess.DEVNULL)

def fold(t):
    return "".join(c for c in unicodedata.normalize("NFKD", t.lower()) if not unicodedata.combining(c))

tok = re.compile(r"[^\W_]+")
docs = [json.loads(l) for l in open(corpus)]
fields = [(d["id"], [tok.findall(fold(d["title"])), tok.findall(fold(d["body"]))]) for d in docs]
text = {d["id"]: fold(d["title"] + "\n" + d["body"]) for d in docs}

def fts(cls, words, fs):
    if cls == "and":
        return all(any(w in f for f in fs) for w in words)
    n = len(words)
    return any(f[i:i + n] == words for f in fs for i in range(len(f) - n + 1))

reasons, unexplained, checked, kerko_only, fts_only = collections.Counter(), [], 0, 0, 0
for r in map(json.loads, open(os.path.join(tmp, "r.jsonl"))):
    words = r["query"].split()
    fset = {i for i, fs in fields if fts(r["class"], words, fs)}
    checked += len(fset) == sq[r["qid"]]["count"]
    K = set(r["topk"])
    kerko_only += len(K - fset)
    for i in fset - K:
        fts_only += 1
        t, glue = text[i], set()
        for w in set(words):
            for m in re.finditer(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])", t):
                for c, x in ((t[m.start() - 1:m.start()], t[m.start() - 2:m.start() - 1]), (t[m.end():m.end() + 1], t[m.end() + 1:m.end() + 2])):
                    if c == "_" or (c and c in "'’.:" and x and (x.isalnum() or x == "_")):
                        glue.add(c)
        if glue:
            reasons[" ".join(sorted(glue))] += 1
        else:
            unexplained.append((r["qid"], r["query"], i))
print(f"{len(diff)} queries differ; simulated FTS5 count == SQLite's on {checked}")
print(f"documents only Kërko matches: {kerko_only}; only FTS5 matches: {fts_only}")
print("glue characters next to a query word in those documents:", dict(reasons))
print(f"unexplained: {len(unexplained)}", unexplained[:20])
