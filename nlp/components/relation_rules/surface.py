"""Reading arguments from word order where the small model's parse goes astray."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Kind
from ..name_shapes import POSSESSIVE
from .context import ACTORS, Arg, RuleContext

SURFACE_STOPS = frozenset({"to", "on", "in", "for", "at", "from", "over", "after", "before", "during", ";"})
MISPARSED_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "dep", "pobj", "dobj", "nsubj", "appos", "poss"})


def misparsed(verb: Token) -> bool:
    """True for a finite verb the parser made a modifier ("The administration on Friday
    *added* SMIC ..." parsed as an adjective of "SMIC")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ in MISPARSED_DEPS:
        return True
    # "Trump hosted OpenAI chief executive Sam Altman": a past tense read as a participle
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if verb.tag_ == "VBN" and verb.dep_ == "amod" and before is not None and before.ent_type_ in ACTORS:
        return True
    # "Japan has limited sales to China": a present perfect read as "has" and an adjective
    return verb.tag_ == "VBN" and verb.dep_ == "amod" and verb.head.dep_ == "dobj" and verb.head.head.lemma_ == "have"


def subjectless(verb: Token) -> bool:
    """True for a finite main verb the parser gave no subject ("In Abu Dhabi, the UAE and
    the United States unveiled ...", with the subjects hung on "In")."""
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)
    )


def surface_subject(ctx: RuleContext, verb: Token, kinds: frozenset[Kind]) -> list[Arg]:
    """The entities right before a misparsed verb ("X and Y unveiled"), skipping dates and
    prepositional phrases."""
    doc = ctx.doc
    found: list[Arg] = []
    i = verb.i - 1
    while i >= verb.sent.start:
        ent = ctx.entity(doc[i])
        if ent is not None:
            start = ent.start - 1 if ent.start > verb.sent.start and doc[ent.start - 1].pos_ == "DET" else ent.start
            before = doc[start - 1] if start > verb.sent.start else None
            if ent.label_ in kinds and (before is None or before.pos_ != "ADP"):  # not "by the Fund"
                found.append(ctx.arg(ent))
                i = ent.start - 1
                # coordinated subjects: "the UAE and the United States"
                while i >= verb.sent.start and doc[i].lower_ in ("and", ",", "the"):
                    i -= 1
                if i >= verb.sent.start and ctx.entity(doc[i]) is not None:
                    continue
                break
            if found:
                break
            i = ent.start - 1
            continue
        perfect = doc[i].lemma_ == "have" and not found  # "X and Y have both limited"
        if found or (doc[i].pos_ in ("VERB", "AUX") and not perfect) or doc[i].text in (";", ":"):
            break
        i -= 1
    return found or _set_off_first(ctx, verb, kinds)


def _set_off_first(ctx: RuleContext, verb: Token, kinds: frozenset[Kind]) -> list[Arg]:
    """The name that opens the sentence, set off by a comma, when the description after it swallowed
    the subject: "HUMAIN, the company launched by the Fund, on Tuesday signed ..."."""
    first = ctx.entity(ctx.doc[verb.sent.start])
    if first is None or first.label_ not in kinds or first.end >= verb.i or ctx.doc[first.end].text != ",":
        return []
    return [ctx.arg(first)]


def surface_list(ctx: RuleContext, start: int, end: int, kinds: frozenset[Kind]) -> list[Arg]:
    """The entities listed from token `start` on, up to a verb, a preposition or the end
    (people only when there are any: "OpenAI chief executive Sam Altman, SoftBank CEO ...")."""
    found: list[Arg] = []
    for tok in ctx.doc[start:end]:
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ in SURFACE_STOPS or tok.is_sent_end:
            break
        ent = ctx.entity(tok)
        if ent is None or ent.label_ not in kinds or tok.i != ent.root.i:
            continue
        if ent.end + 1 < len(ctx.doc) and ctx.doc[ent.end].text in POSSESSIVE:
            continue  # "Japan's Renesas": the possessor qualifies the name
        if ent.end < len(ctx.doc) and ctx.doc[ent.end].is_lower and ctx.doc[ent.end].pos_ == "NOUN":
            continue  # "the Canadian startup Cohere": the demonym qualifies the noun
        found.append(ctx.arg(ent))
    people = [a for a in found if a.kind == Kind.PERSON]
    return people or found


def with_phrase(ctx: RuleContext, verb: Token, kinds: frozenset[Kind]) -> list[Arg]:
    """Entities of a "with ..." phrase right after the verb, read from the surface when the
    parse went astray ("met separately with X and Y to push ...")."""
    doc = ctx.doc
    i = verb.i + 1
    while i < verb.sent.end and doc[i].pos_ == "ADV":
        i += 1
    if i >= verb.sent.end or doc[i].lower_ != "with":
        # "held a video call with X", "spoke by telephone with X", "co-chaired it along with X": the
        # "with" of the verb, of its object or of its prepositional phrase; not "visited the site
        # along with X", who came with the subject
        joint = verb.i > 1 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "co"
        preps = [c for c in verb.children if c.dep_ == "prep" and (joint or c.lower_ not in ("along", "together"))]
        hosts = [verb, *(c for c in verb.children if c.dep_ == "dobj"), *preps]
        hosts += [p for c in preps for p in c.children if p.dep_ == "pobj"]
        i = next((c.i for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "with"), verb.sent.end)
    if i >= verb.sent.end:
        return []
    return surface_list(ctx, i + 1, verb.sent.end, kinds)
