"""Product names with versions: "GPT-5", "Qwen3", "Kimi K2", "Claude Opus 4", "Ascend 910C".

AI news names models and chips by version, and new versions appear every month, faster than any
gazetteer; the small model reads them as places ("Qwen3"), people ("Kimi K2") or nothing
("GPT-5"). A version is a distinct product, so a known product followed by its version is
named by the whole phrase ("Claude" -> "Claude Opus 4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .spans import covered_tokens

# a name that carries its version: "GPT-5", "GLM-4.5", "Qwen3", "Qwen2.5-Max", "K2", "R1", "A100"
VERSIONED_NAME = re.compile(r"[A-Z][A-Za-z]*-?\d+(\.\d+)?[A-Za-z]*(-[A-Za-z0-9.]+)*")
# the same shape in dates and figures: "Q3", "H1", "FY2025", "G20", "COVID-19", "COP29"
NOT_A_PRODUCT = re.compile(r"[QH][1-4]|FY\d+|G\d+|COVID-\d+|COP\d+")
# a version after a product name: "4", "2.5", "910C", "4o", "K2", "V3"
VERSION = re.compile(r"\d{1,3}(\.\d+)?[A-Za-z]?|[A-Za-z]\d+[A-Za-z]?")
# labels of model spans a versioned name may overrule (never a gazetteer's Kind)
MODEL_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "PRODUCT", "NORP", "FAC", "WORK_OF_ART"})


def versioned(tok: Token) -> bool:
    """True when `tok` is a name that carries a version ("GPT-5"), not a period or a bloc ("Q3", "G20")."""
    text = tok.text.rstrip(".")
    return VERSIONED_NAME.fullmatch(text) is not None and NOT_A_PRODUCT.fullmatch(text) is None


@dataclass(frozen=True)
class VersionWords:
    """The words of `nlp/data/resolver_words.jsonl` that versions need."""

    # model tiers that end a versioned name: "Gemini 2.5 Pro", "Claude Opus 4", "Blackwell Ultra"
    tiers: frozenset[str]
    # a number followed by these counts something: "Gemini 2 weeks later", "ChatGPT 400 million users"
    counted: frozenset[str]
    # verbs whose object, followed by a number, is a product and its version: "released Lingxi 3"
    launches: frozenset[str] = frozenset()
    # numbered parts of a document or a plan, never products: "Section 3", "Phase 2", "Pillar 2"
    parts: frozenset[str] = frozenset()


def _launched(span: Span, words: VersionWords) -> bool:
    """True when the name is what a launch verb's object names: "Moyu released Lingxi 3"."""
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in words.launches and span[0].text not in words.parts


def _version_part(tok: Token, words: VersionWords) -> bool:
    if tok.text in words.tiers:
        return True
    counts = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in words.counted
    return VERSION.fullmatch(tok.text.rstrip(".")) is not None and not counts


def _glued_part(tok: Token, words: VersionWords) -> bool:
    """True for a piece of a versioned name written on without a space: "VL" and "1M" of
    "Qwen2.5-VL" and "Qwen2.5-1M", "mini" of "GPT-4o-mini"; not "powered" of "Qwen2.5-powered"."""
    text = tok.text
    return text[:1].isdigit() or text[:1].isupper() or text.capitalize() in words.tiers


def _glued_end(doc: Doc, end: int, taken: set[int], words: VersionWords) -> int:
    """Return the end of a versioned name run on over the pieces written without a space after it
    (the tokenizer splits "Qwen2.5-1M" into four tokens)."""
    while end < len(doc) and end not in taken and not doc[end - 1].whitespace_:
        tok = doc[end]
        hyphen = tok.text == "-" and not tok.whitespace_ and end + 1 < len(doc) and end + 1 not in taken
        if hyphen and _glued_part(doc[end + 1], words):
            end += 2
        elif tok.text[:1].isalnum() and _glued_part(tok, words):
            end += 1
        else:
            break
    return end


def _extend(doc: Doc, start: int, end: int, taken: set[int], words: VersionWords) -> int:
    """Return the end of the name from `start` to `end` run on over its version words."""
    while end < len(doc) and end not in taken:
        if any(versioned(t) for t in doc[start:end]):
            glued = _glued_end(doc, end, taken, words)
            if glued > end:
                end = glued
                continue
        tok = doc[end]
        hyphen = tok.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc)
        if hyphen and _version_part(doc[end + 1], words):
            end += 2  # "DeepSeek-V3" split at the hyphen
        elif _version_part(tok, words) and doc[end - 1].whitespace_:
            end += 1
        else:
            break
    return end


def _product(doc: Doc, start: int, end: int) -> Span:
    name = " ".join(doc[start:end].text.rstrip(".").split())
    return Span(doc, start, end, label="Product", kb_id=name)


def product_names(
    doc: Doc, spans: list[Span], model_spans: list[Span], words: VersionWords
) -> tuple[list[Span], list[Span]]:
    """Return (`spans` with products run on over their versions, model spans turned into products).

    `spans` are the resolved entity spans; `model_spans` the statistical model's own spans, of
    which those holding a versioned name are products whatever the model called them ("Kimi K2"
    is no person), and so is a versioned name the model left unlabelled."""
    # a version alone ("910C") names nothing a gazetteer does not know ("R1" is DeepSeek-R1): it
    # belongs to the name before it ("Ascend 910C")
    spans = [s for s in spans if not (s.label_ == "Product" and VERSION.fullmatch(s.kb_id_ or s.text))]
    taken = covered_tokens(spans)
    out = []
    for span in spans:
        taken -= set(range(span.start, span.end))
        if span.label_ == "Product" and NOT_A_PRODUCT.fullmatch(span.kb_id_):
            continue  # the model's "products" "H1" and "Q3" are half-years and quarters
        end = _extend(doc, span.start, span.end, taken, words)
        taken |= set(range(span.start, end))
        numbered = len(span) > 1 and VERSION.fullmatch(span[-1].text) is not None and span[-1].text[:1].isdigit()
        if end == span.end and span.label_ != "Product" and numbered and _launched(span, words):
            out.append(_product(doc, span.start, end))  # the model's "Nakhla 2" is no company
        elif end == span.end:
            out.append(span)
        elif span.label_ == "Product" or doc[span.end].text == "-" or _launched(span, words):
            out.append(_product(doc, span.start, end))  # "Claude" -> "Claude Opus 4", "DeepSeek" -> "DeepSeek-V3"
        else:
            out.append(span)
            taken -= set(range(span.end, end))
    products = []
    for ent in model_spans:
        if ent.label_ in MODEL_LABELS and any(versioned(t) for t in ent):
            start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
            products.append(_product(doc, start, _extend(doc, start, ent.end, taken, words)))
    seen = taken | covered_tokens(products)
    for tok in doc:
        named = tok.i not in seen and tok.pos_ == "PROPN" and tok.is_title and tok.i + 1 < len(doc)
        if named and doc[tok.i + 1].text[:1].isdigit() and _launched(doc[tok.i : tok.i + 1], words):
            end = _extend(doc, tok.i, tok.i + 1, seen, words)  # "Kalpa Labs released Vaani 2"
            if end > tok.i + 1:
                products.append(_product(doc, tok.i, end))
                seen |= set(range(tok.i, end))
                continue
        # alone, a longer name only: "K2" or "B2" could be anything
        if tok.i not in seen and len(tok) > 2 and tok.pos_ in ("PROPN", "NOUN", "ADJ", "ADP", "X") and versioned(tok):
            end = _extend(doc, tok.i, tok.i + 1, seen, words)
            products.append(_product(doc, tok.i, end))
            seen |= set(range(tok.i, end))
    return out, products
