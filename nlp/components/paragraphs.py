"""`racegraph_paragraphs`: a line break, or the dash after a dateline, starts a new sentence; a
company's abbreviation ("Nvidia Corp. CEO Jensen Huang") does not end one.

Runs before the parser, which keeps preset sentence starts, so a dateline ("WASHINGTON —"),
a bullet or a closing quote on the previous line never joins the next sentence (the small
model parses "WASHINGTON — The administration added X" as a noun phrase), and the evidence
of a relation stays within its paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

VERSION = "racegraph.paragraphs.v3"
DASHES = frozenset({"—", "–", "--", "-"})
DATELINE_TOKENS = 12
# abbreviations that end a company's or a person's name, never a sentence before a capitalised word
NAME_ABBREVIATIONS = frozenset({"Corp.", "Inc.", "Co.", "Ltd.", "Jr.", "Sr.", "Bhd.", "Plc.", "Pte."})


class ParagraphSplitter:
    """Marks the token after each newline-bearing whitespace token as a sentence start."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("BREAK", [[{"IS_SPACE": True, "TEXT": {"REGEX": "\n"}}]])

    def __call__(self, doc: Doc) -> Doc:
        """Return `doc` with sentence starts set after line breaks and after a dateline."""
        for _, _, end in self.matcher(doc):
            if end < len(doc):
                doc[end].is_sent_start = True
        dash = dateline_end(doc)
        if dash is not None and dash + 1 < len(doc):
            doc[dash + 1].is_sent_start = True
        # "met with Nvidia Corp. CEO Jensen Huang": a company's or person's abbreviation before a
        # capitalised word ends no sentence
        for tok in doc[:-1]:
            nxt = doc[tok.i + 1]
            if tok.text in NAME_ABBREVIATIONS and nxt.is_title and nxt.is_sent_start is not True:
                nxt.is_sent_start = False
        return doc


def dateline_end(doc: Doc) -> int | None:
    """Return the index of the dash closing a dateline ("WASHINGTON, March 26 —",
    "BRUSSELS (Reuters) -", "(Bloomberg) --"), or None. A dateline has no lowercase word."""
    for tok in doc[:DATELINE_TOKENS]:
        if tok.text in DASHES:
            return tok.i if tok.i > 0 else None
        if tok.is_alpha and tok.is_lower or "\n" in tok.text:
            return None
    return None


@Language.factory("racegraph_paragraphs", default_config={}, assigns=["token.is_sent_start"], requires=[])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    """Return a `ParagraphSplitter` (no data: the rule is the line break)."""
    return ParagraphSplitter(nlp, name)
