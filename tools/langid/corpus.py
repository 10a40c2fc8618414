"""Paragraph extraction and the train/test split for the language identifier (ANALYSIS.md §6).

Shared by train.py (profiles) and evaluate.py (accuracy report). The Swift test
(Tests/AnalysisTests/LanguageIdentifierTests.swift) re-implements the same extraction and split.

Split (deterministic, no document in both halves):
  * Gazette act pages (../shared/corpus-candidates/gazette-kosovo/*.html): the page language comes from the
    page's own field labels ("Lloji i aktit" = sq, "Tip akta" = sr); pages with neither are not used.
    Albanian: train on files whose name starts with 0-7, test on 8-f.
    Serbian pages are few and short (≈ 80 distinct paragraphs of ≥ 100 characters in all), so Serbian is
    split by length instead: train on the distinct lines of 20–99 characters of every Serbian page, test on
    the paragraphs of ≥ 100 characters.
  * English: USLM and Akoma Ntoso (English documents only); the held-out files below are test only.
  * Seeds (civikos report sq, "Kosovo We Want" en): test only.
"""
import glob, html, os, re

SHARED = os.environ.get("KERKO_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")
CC = os.path.join(SHARED, "corpus-candidates")

ENGLISH_XML = ["uslm/114publ190-uslm.xml", "uslm/115publ9-uslm.xml", "uslm/H1000_IH.xml", "uslm/S1000_IS.xml",
               "uslm/S2245_IS.xml", "akoma-ntoso/Act_Kenya_1989-12-06.xml", "akoma-ntoso/Bill_Kenya_2006-02-10.xml",
               "akoma-ntoso/Bill_SouthAfrica_2010-10-10.xml", "akoma-ntoso/Bill_UN_2012.xml",
               "akoma-ntoso/Report_SudAfrica_2007-03-22.xml", "akoma-ntoso/eu_COM(2013)0619_EN-8.xml",
               "akoma-ntoso/uk_pga-2014-27-enacted-data.xml", "akoma-ntoso/us_Act_2011-11-29.xml",
               "akoma-ntoso/za_Judgement_2008-11-26.xml"]
ENGLISH_TEST = {"uslm/H1000_IH.xml", "akoma-ntoso/eu_COM(2013)0619_EN-8.xml", "akoma-ntoso/uk_pga-2014-27-enacted-data.xml"}


def strip_tags(markup):
    """Tag strip: drop script/style, every tag becomes a line break, entities decoded."""
    t = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", markup)
    t = re.sub(r"(?s)<!--.*?-->", " ", t)
    t = re.sub(r"(?s)<[^>]+>", "\n", t)
    return html.unescape(t)


def paragraphs(text, minimum=100):
    """Blocks separated by blank lines, whitespace collapsed, at least `minimum` characters."""
    out = []
    for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        p = re.sub(r"\s+", " ", p).strip()
        if len(p) >= minimum:
            out.append(p)
    return out


def gazette_language(markup):
    if "Lloji i aktit" in markup:
        return "sq"
    if "Tip akta" in markup:
        return "sr"
    return None


def documents(part):
    """(lang, path, text) for part 'train' or 'test'."""
    for path in sorted(glob.glob(os.path.join(CC, "gazette-kosovo", "*.html"))):
        name = os.path.basename(path)
        if (name[0] in "01234567") != (part == "train"):
            continue
        markup = open(path, encoding="utf-8", errors="replace").read()
        lang = gazette_language(markup)
        if lang:
            yield lang, path, strip_tags(markup)
    for rel in ENGLISH_XML:
        if (rel in ENGLISH_TEST) != (part == "test"):
            continue
        yield "en", rel, strip_tags(open(os.path.join(CC, rel), encoding="utf-8").read())
    if part == "test":
        yield "sq", "seeds/civikos", open(os.path.join(CC, "seeds/civikos-report-2012-2013.sq.txt"), encoding="utf-8").read()
        yield "en", "seeds/kww", open(os.path.join(CC, "seeds/kosovo-we-want-2nd-congress.en.txt"), encoding="utf-8").read()


def labelled_paragraphs(part):
    """Deduplicated (lang, paragraph) of ≥ 100 characters. '***'-prefixed paragraphs (the Gazette's mark for
    a title not translated into the page's language) are left out."""
    seen = set()
    for lang, path, text in _docs(part):
        for p in paragraphs(text):
            if p.startswith("***") or p in seen:
                continue
            seen.add(p)
            yield lang, p


def _docs(part):
    for lang, path, text in documents(part):
        if lang != "sr":
            yield lang, path, text
    if part == "test":
        for lang, path, text in list(documents("train")) + list(documents("test")):
            if lang == "sr":
                yield lang, path, text


def training_text():
    """{lang: [text]} to train the profiles on."""
    out = {"sq": [], "en": [], "sr": []}
    for lang, p in labelled_paragraphs("train"):
        out[lang].append(p)
    seen = set()
    for lang, path, text in list(documents("train")) + list(documents("test")):
        if lang != "sr":
            continue
        for line in text.split("\n"):
            line = re.sub(r"\s+", " ", line).strip()
            if 20 <= len(line) < 100 and not line.startswith("***") and "ë" not in line.lower() and line not in seen:
                seen.add(line)
                out["sr"].append(line)
    return out
