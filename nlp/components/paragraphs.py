"""`racegraph_paragraphs`: a line break starts a new sentence.

Runs before the parser, which keeps preset sentence starts, so a dateline ("WASHINGTON"),
a bullet or a closing quote on the previous line never joins the next sentence, and the
evidence of a relation stays within its paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

VERSION = "racegraph.paragraphs.v1"


class ParagraphSplitter:
    """Marks the token after each newline-bearing whitespace token as a sentence start."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("BREAK", [[{"IS_SPACE": True, "TEXT": {"REGEX": "\n"}}]])

    def __call__(self, doc: Doc) -> Doc:
        """Return `doc` with sentence starts set after line breaks."""
        for _, _, end in self.matcher(doc):
            if end < len(doc):
                doc[end].is_sent_start = True
        return doc


@Language.factory("racegraph_paragraphs", default_config={}, assigns=["token.is_sent_start"], requires=[])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    """Return a `ParagraphSplitter` (no data: the rule is the line break)."""
    return ParagraphSplitter(nlp, name)
