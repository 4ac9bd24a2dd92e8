"""ALLIED_WITH from bloc membership: "the US, UK and Australia AUKUS pact", "a group made up of X and Y",
"the Quad comprises A, B, C and D", "A, B and C make up the group"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Kind, RelType
from .arguments import args
from .clauses import subject_of
from .context import COUNTRIES, STATES, Arg, RuleContext, pobjs
from .emit import emit
from .surface import surface_list
from .things import recent_group


def memberships(ctx: RuleContext) -> None:
    """Countries written as modifiers of a bloc ("the US, UK and Australia AUKUS pact")
    or listed as what it is "made up of"."""
    seen: set[int] = set()
    for ent in ctx.doc.ents:
        if ent.label_ != Kind.ALLIANCE or ent.root.i in seen:
            continue
        seen.add(ent.root.i)
        head = ent.root
        if head.dep_ in ("compound", "nmod", "amod") and head.head.i not in seen:
            head = head.head
        members: list[Arg] = []
        for child in head.children:
            if child.dep_ in ("compound", "nmod", "amod") and child.i not in range(ent.start, ent.end):
                members.extend(args(ctx, child, COUNTRIES))
        members.extend(listed_before(ctx, ent))
        members.extend(listed_after(ctx, ent))
        path = [head]
        while (
            len(path) < 5
            and path[-1].dep_ in ("appos", "pobj", "prep", "nmod", "compound")
            and path[-1].head.i != path[-1].i
        ):
            path.append(path[-1].head)
        acls = [c for node in path for c in node.children if c.dep_ == "acl"]
        for tok in acls:
            if tok.lemma_ in ctx.tables.words.composing_verbs:
                for sub in tok.children:
                    if sub.dep_ == "prep" and sub.lower_ == "of":
                        for pobj in pobjs(sub):
                            members.extend(args(ctx, pobj, frozenset({Kind.COUNTRY, Kind.ALLIANCE})))
                            for extra in pobj.subtree:
                                if extra.dep_ == "pobj" and extra.head.lower_ == "as":
                                    members.extend(args(ctx, extra, frozenset({Kind.COUNTRY, Kind.ALLIANCE})))
                    if sub.dep_ == "dobj":
                        members.extend(args(ctx, sub, frozenset({Kind.COUNTRY, Kind.ALLIANCE})))
        bloc = ctx.arg(ent)
        for m in members:
            emit(ctx, RelType.ALLIED_WITH, m, bloc, ent.root, confidence=0.7, dated=False)
    for verb in ctx.doc:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in ctx.tables.words.composing_verbs:
            _composed(ctx, verb)


def _composed(ctx: RuleContext, verb: Token) -> None:
    """A group and the members a verb of composition lists: "the G7 comprises A, B and C", "BRICS
    is made up of A and B", "the Quad includes A"; or its members as the subject: "A, B and C make
    up the group"."""
    made_up = verb.lemma_.lower() != "make" or any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    if not made_up:
        return  # "made a deal", "made clear"
    groups = [g for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for g in _group(ctx, c)]
    if groups:
        members = [
            a
            for c in verb.children
            for o in ([c] if c.dep_ == "dobj" else pobjs(c) if c.dep_ == "prep" and c.lower_ == "of" else [])
            for a in args(ctx, o, STATES)
        ]
    else:
        groups = [g for c in verb.children if c.dep_ == "dobj" for g in _group(ctx, c)]
        members = subject_of(ctx, verb, STATES) if groups and verb.lemma_ == "make" else []
    for group in groups:
        for member in members:
            emit(ctx, RelType.ALLIED_WITH, member, group, verb, confidence=0.7, dated=False)


def _group(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The group a noun names: a bloc or a coalition by name, or "the group" for the one named in
    this sentence or the one before."""
    ent = ctx.entity(tok)
    if ent is not None:
        return [ctx.arg(ent)] if ctx.is_group(ent) and tok.i == ent.root.i else []
    if tok.lemma_.lower() in ctx.tables.words.bloc_nouns and any(c.lower_ == "the" for c in tok.children):
        named = recent_group(ctx, tok)
        return [named] if named is not None else []
    return []


def listed_before(ctx: RuleContext, ent: Span) -> list[Arg]:
    """Countries listed right before a bloc name: "the US, UK, and Australia trilateral AUKUS pact"."""
    doc = ctx.doc
    found: list[Arg] = []
    i = ent.start - 1
    while i >= ent.sent.start:
        tok = doc[i]
        other = ctx.entity(tok)
        if other is not None and other.label_ == Kind.COUNTRY:
            found.append(ctx.arg(other))
            i = other.start - 1
        elif tok.text in (",", "and") or (tok.pos_ == "ADJ" and not found):
            i -= 1
        else:
            break
    return found


def listed_after(ctx: RuleContext, ent: Span) -> list[Arg]:
    """Countries set off after a bloc's group noun, or listed after "of": "the leaders of the G7
    nations - the United States, Japan, Germany ... -", "the Quad grouping of the United States,
    Japan, India and Australia" (read from the surface: the parser hangs the list anywhere)."""
    doc = ctx.doc
    group = doc[ent.end] if ent.end < ent.sent.end else None
    words = ctx.tables.words
    if group is None or (group.lower_ not in words.group_nouns and group.lemma_.lower() not in words.bloc_nouns):
        return []
    dash = group.i + 1
    # "the G7 nations - A, B and C -", "the Quad grouping of A, B, C and D"
    if dash >= ent.sent.end or doc[dash].text not in ("-", "–", "—", ":", "(", "of"):
        return []
    return surface_list(ctx, dash + 1, ent.sent.end, COUNTRIES)
