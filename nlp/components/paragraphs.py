"""`racegraph_paragraphs`: a line break, or the dash after a dateline, starts a new sentence; a
company's abbreviation ("Nvidia Corp. CEO Jensen Huang") does not end one.

Runs before the parser, which keeps preset sentence starts, so a dateline ("WASHINGTON —"),
a bullet or a closing quote on the previous line never joins the next sentence (the small
model parses "WASHINGTON — The administration added X" as a noun phrase), and the evidence
of a relation stays within its paragraph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.training import Example

from .lexicon import LexiconPipe, read_jsonl, resolve_data_path

VERSION = "racegraph.paragraphs.v4"
DASHES = frozenset({"—", "–", "--", "-"})
# a press release's dateline may name two cities and its wire: "SEOUL, South Korea and PALO ALTO,
# Calif., Aug. 26, 2025 /PRNewswire/ --"
DATELINE_TOKENS = 24


class ParagraphSplitter(LexiconPipe):
    """Marks the token after each newline-bearing whitespace token as a sentence start."""

    # abbreviations that end a company's or a person's name, never a sentence before a capitalised word
    LEXICON = ("abbreviations",)

    def _build(self) -> None:
        self.matcher = Matcher(self.nlp.vocab)
        self.matcher.add("BREAK", [[{"IS_SPACE": True, "TEXT": {"REGEX": "\n"}}]])
        self._abbreviations = {a["text"] for a in self.lexicon["abbreviations"]}

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        abbreviations: str = "",
    ) -> None:
        """Load the abbreviations that end names ("Corp.", "Jr.")."""
        self.lexicon = {"abbreviations": list(read_jsonl(resolve_data_path(abbreviations, "name_abbreviations.jsonl")))}
        self._build()

    def annotate(self, doc: Doc) -> Doc:
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
            if tok.text in self._abbreviations and nxt.is_title and nxt.is_sent_start is not True:
                nxt.is_sent_start = False
        return doc


def dateline_end(doc: Doc, marks: frozenset[str] = DASHES) -> int | None:
    """Return the index of the dash (or other mark in `marks`) closing a dateline ("WASHINGTON, March 26
    —", "BRUSSELS (Reuters) -", "(Bloomberg) --", "PARIS and LAGOS, Feb. 11, 2025 --", "Prague, April 9
    (news desk) –"), or None. A dateline has no lowercase word but the "and" between two cities and
    those in parentheses; a hyphen inside a word ("President Lee Jae-myung hosted") closes none."""
    depth = 0
    for tok in doc[:DATELINE_TOKENS]:
        hyphen = tok.text == "-" and tok.i > 0 and not doc[tok.i - 1].whitespace_
        if tok.text in marks and not hyphen:
            return tok.i if tok.i > 0 else None
        depth += (tok.text == "(") - (tok.text == ")")
        if (tok.is_alpha and tok.is_lower and tok.text != "and" and depth <= 0) or "\n" in tok.text:
            return None
    return None


@Language.factory("racegraph_paragraphs", default_config={}, assigns=["token.is_sent_start"], requires=[])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    """Return a `ParagraphSplitter`; its abbreviations are loaded by `initialize()`."""
    return ParagraphSplitter(nlp, name)
