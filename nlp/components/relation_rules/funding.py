"""ALLIED_WITH from funding: a company's investors back it ("raised $500 million from a consortium
that included Bosch and SAP", "closed a funding round led by General Catalyst", "closed a Series B
led by X, with participation from Y")."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from ...records import Kind, RelType
from .arguments import args, hyphenated_state, named_after
from .clauses import clause_verb, subject_of
from .context import COMPANIES, Arg, RuleContext, pobjs
from .emit import emit

INVESTORS = frozenset({Kind.ORGANIZATION, Kind.COUNTRY})


def funded(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """Investors and the company they back, from a verb of raising money or from a funding round."""
    if trig["pos"] != "VERB":  # the small model may read "funding round" as an adverb
        _joined_round(ctx, tok)
    else:
        _raised(ctx, tok)


def hyphen_backed(ctx: RuleContext, tok: Token) -> bool:
    """"Nvidia-backed Mistral AI", "a SoftBank-funded startup, X": the one before the hyphen backs the
    company after the participle. Returns True when `tok` is such a participle."""
    backer = hyphenated_state(ctx, tok)
    if backer is None or tok.lemma_.lower() not in ctx.tables.words.funding_verbs:
        return False
    company = named_after(ctx, tok, COMPANIES)
    if company is not None:
        emit(ctx, RelType.ALLIED_WITH, backer, company, tok, confidence=0.65, dated=False)
    return True


def _joined_round(ctx: RuleContext, round_: Token) -> None:
    """"QIA took part in Anthropic's funding round", "Nvidia led Mistral's round": the subject of the
    verb that joins or leads the round backs the round's company."""
    companies = [a for c in round_.children if c.dep_ == "poss" for a in args(ctx, c, COMPANIES)]
    verb = round_.head.head if round_.dep_ == "pobj" else round_.head
    if round_.dep_ == "pobj" and verb.lower_ == "part":  # "took part in": the verb above "part"
        verb = verb.head
    if not companies or verb.lemma_.lower() not in ctx.tables.words.joining_verbs:
        return
    for investor in subject_of(ctx, verb, INVESTORS):
        for company in companies:
            emit(ctx, RelType.ALLIED_WITH, investor, company, round_, confidence=0.7)


def _raised(ctx: RuleContext, tok: Token) -> None:
    """A company raising money ("raised", "closed a round", "secured funding") allies with each
    investor the clause names: after "from", as the agent of "led by" or "backed by", or listed by
    the group it came from ("a consortium that included A and B")."""
    if not _raises_money(ctx, tok):
        return
    companies = subject_of(ctx, tok, COMPANIES)
    investors: list[Arg] = []
    for word in tok.subtree:
        if word.dep_ == "prep" and word.lower_ == "from" and clause_verb(word) == tok:
            investors += [a for p in pobjs(word) for a in [*args(ctx, p, INVESTORS), *_included(ctx, p)]]
        participle = word.head
        if word.dep_ == "agent" and participle.lemma_.lower() in ctx.tables.words.funding_verbs and (
            clause_verb(participle) == tok
        ):  # "a round led by X"
            investors += [a for p in pobjs(word) for a in args(ctx, p, INVESTORS)]
        leader = hyphenated_state(ctx, word) if word.lemma_.lower() in ctx.tables.words.funding_verbs else None
        if leader is not None and clause_verb(word) == tok:  # "closed a SoftBank-led round"
            investors.append(leader)
    investors += _joined_next(ctx, tok)
    for company in companies:
        for investor in investors:
            emit(ctx, RelType.ALLIED_WITH, investor, company, tok, confidence=0.7)


def _joined_next(ctx: RuleContext, raised: Token) -> list[Arg]:
    """The investors the next sentence says took part without naming the round again: "... raised $210
    million in a round led by X. Y, Z and existing backer W also participated"."""
    verb = next((sent.root for sent in ctx.sentences_after(raised, 1)), None)
    if verb is None or verb.lemma_.lower() not in ctx.tables.words.joining_verbs:
        return []
    if any(c.dep_ in ("dobj", "prep") for c in verb.children):
        return []  # "Y joined the board", "Y participated in a panel": something else
    return subject_of(ctx, verb, INVESTORS)


def _raises_money(ctx: RuleContext, verb: Token) -> bool:
    """True when the verb's object is a sum or a round of funding, not "raised concerns"."""
    words = ctx.tables.words
    return any(
        # the small model may read "a funding round" as an adverb of "closed"
        c.dep_ in ("dobj", "advmod", "npadvmod")
        and (
            c.ent_type_ == "MONEY"
            or c.lemma_.lower() in words.funding_nouns
            # "closed a $41 million Series B", parsed with the letter as the object
            or any(g.dep_ == "compound" and g.lower_ in words.round_names for g in c.children)
        )
        for c in verb.children
    )


def _included(ctx: RuleContext, group: Token) -> list[Arg]:
    """The members a group noun's relative clause lists: "a consortium that included A and B"."""
    return [
        a
        for clause in group.children
        if clause.dep_ == "relcl" and clause.lemma_.lower() in ctx.tables.words.listing_verbs
        for c in clause.children
        if c.dep_ == "dobj"
        for a in args(ctx, c, INVESTORS)
    ]

