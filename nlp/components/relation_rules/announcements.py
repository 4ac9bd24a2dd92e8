"""ANNOUNCED: an actor unveils, launches or adopts a policy, product, event or body."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .arguments import args
from .clauses import participle, subject_of
from .context import ACTORS, STATES, Arg, RuleContext, pobjs
from .emit import emit
from .restrictions import noun_restriction
from .things import thing


def announced(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """ANNOUNCED: "X unveiled a national AI strategy"; a restriction announced or imposed also gives
    RESTRICTED ("imposed export controls on China")."""
    if trig["pos"] != "VERB":
        _announcement_noun(ctx, tok)
        return
    subjects = [s for s in subject_of(ctx, tok) if s.kind in ACTORS]
    if not subjects:
        return
    objects: list[Arg] = []
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    clauses = [c for c in tok.children if c.dep_ == "ccomp"] if not heads else []
    reported: list[Token] = []
    for clause in clauses:
        # "announced that Washington would impose tariffs on Chinese goods": the measure, and
        # the clause's own subject restricts
        reported = [c for c in clause.children if c.dep_ in ("dobj", "nsubjpass")]
        for head in reported:
            noun_restriction(ctx, head, subject_of(ctx, clause, STATES))
    heads.extend(reported)
    if not heads:  # "Alibaba released Qwen3": the model read the unknown name as an adverb
        heads = [c for c in tok.children if c.dep_ in ("advmod", "npadvmod", "dep") and ctx.entity(c) is not None]
    if not heads and participle(tok):
        heads = [tok.head]  # "Humain, a new AI company launched by the fund"
        if tok.head.dep_ == "appos" and ctx.entity(tok.head.head) is not None:
            heads = [tok.head.head]
    # "Claude 4, which Anthropic released in May": the thing is the noun the clause modifies
    heads = [tok.head if h.tag_ in ("WDT", "WP") and tok.dep_ == "relcl" else h for h in heads]
    for child in heads:
        for conj in [child, *child.conjuncts]:
            named = thing(ctx, conj)
            if named is not None:
                objects.append(named)
    for s in subjects:
        for o in filter(_announceable, objects):
            emit(ctx, "ANNOUNCED", s, o, tok, confidence=0.75)
    # a restriction announced or imposed: "imposed export controls on China"
    for o in objects:
        if o.token not in reported:
            noun_restriction(ctx, o.token, subjects)


def _announcement_noun(ctx: RuleContext, tok: Token) -> None:
    """A noun: "Nvidia's launch of Blackwell", "the unveiling of the AI Act by the EU"."""
    actors = [a for c in tok.children if c.dep_ == "poss" for a in args(ctx, c)]
    actors += [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in pobjs(c) for a in args(ctx, p)]
    things = [
        thing(ctx, conj)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in pobjs(c)
        for conj in [p, *p.conjuncts]
    ]
    for s in actors:
        for o in filter(_announceable, things):
            emit(ctx, "ANNOUNCED", s, o, tok, confidence=0.65)


def _announceable(thing_: Arg | None) -> bool:
    """A thing an actor can announce: named, and neither a country nor a person."""
    return thing_ is not None and thing_.kind not in ("Country", "Person") and not thing_.generic
