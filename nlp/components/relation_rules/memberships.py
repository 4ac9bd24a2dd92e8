"""ALLIED_WITH from bloc membership: "the US, UK and Australia AUKUS pact", "a group made up of X and Y",
"the Quad comprises A, B, C and D", "A, B and C make up the group"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Kind, RelType
from .arguments import args, leaders
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
        if not ctx.is_group(ent) or ent.root.i in seen:
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
        # "BRICS, a group made up of A and B": the group noun in apposition holds the clause
        path += [c for c in head.children if c.dep_ == "appos" and ctx.entity(c) is None]
        acls = [c for node in path for c in node.children if c.dep_ == "acl"]
        for tok in acls:
            if tok.lemma_ in ctx.tables.words.composing_verbs:
                for sub in tok.children:
                    if sub.dep_ == "prep" and sub.lower_ == "of":
                        for pobj in pobjs(sub):
                            members.extend(args(ctx, pobj, STATES))
                            for extra in pobj.subtree:
                                if extra.dep_ == "pobj" and extra.head.lower_ == "as":
                                    members.extend(args(ctx, extra, STATES))
                    if sub.dep_ == "dobj":
                        members.extend(args(ctx, sub, STATES))
        bloc = ctx.arg(ent)
        for m in members:
            emit(ctx, RelType.ALLIED_WITH, m, bloc, ent.root, confidence=0.7, dated=False)
    for ent in ctx.doc.ents:
        if ctx.is_group(ent):
            _enabled(ctx, ent)
            _presiding(ctx, ent)
    for tok in ctx.doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in ctx.tables.words.composing_verbs:
            _composed(ctx, tok)
        elif tok.lemma_.lower() in ctx.tables.words.meeting_nouns:
            _at_group_meeting(ctx, tok)


def _presiding(ctx: RuleContext, group: Span) -> None:
    """A state that holds a group's rotating presidency is a member: "Brazil, which holds the G20
    presidency this year", "India took over the BRICS chair", "Malaysia, which holds the rotating
    chair of ASEAN", "Brazil, which chairs BRICS"."""
    root = group.root
    office = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    named = root.dep_ in ("compound", "nmod") or office is not root.head
    held = office.dep_ == "dobj" and office.lemma_.lower() in ("presidency", "chairmanship", "chair") and named
    if held:
        verb = office.head
    elif root.dep_ == "dobj" and root.head.lemma_.lower() in ("chair", "preside"):
        verb = office
    else:
        return
    for state in subject_of(ctx, verb, COUNTRIES):
        emit(ctx, RelType.ALLIED_WITH, state, ctx.arg(group), verb, confidence=0.7, dated=False)


def _composed(ctx: RuleContext, verb: Token) -> None:
    """A group and the members a verb of composition lists: "the G7 comprises A, B and C", "BRICS
    is made up of A and B", "the Quad includes A"; or its members as the subject: "A, B and C make
    up the group"."""
    made_up = verb.lemma_.lower() != "make" or any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    if not made_up:
        return  # "made a deal", "made clear"
    groups = [g for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for g in _group(ctx, c)]
    if not groups and verb.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in verb.children):
        groups = _group(ctx, verb.head)  # "the Quad, which includes A, B and C"
        described = verb.head.head.head if verb.head.dep_ == "pobj" and verb.head.head.lower_ == "of" else None
        if not groups and described is not None:
            groups = _group(ctx, described)  # "the BRICS bloc of developing nations, which is made up of"
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


def _enabled(ctx: RuleContext, ent: Span) -> None:
    """"The X Network, which is meant to let A, B and C warn each other": the states a group lets
    act together are its members (not allies of each other for being listed)."""
    clauses = [c for c in ent.root.children if c.dep_ == "relcl"]
    words = ctx.tables.words
    verbs = [t for c in clauses for t in c.subtree if t.pos_ == "VERB" and t.lemma_.lower() in words.enabling_verbs]
    group = ctx.arg(ent)
    for verb in verbs:
        # "let A and B warn", parsed with the list as the subject of "warn"; "allow A and B to share"
        listed = [c for c in verb.children if c.dep_ == "dobj"]
        listed += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
        for member in (a for t in listed for a in args(ctx, t, STATES)):
            emit(ctx, RelType.ALLIED_WITH, member, group, verb, confidence=0.65, dated=False)


def _at_group_meeting(ctx: RuleContext, meeting: Token) -> None:
    """"A took part in a meeting of the X group, joining officials from B and C": the states at a
    group's meeting belong to the group (and are not each other's allies for being there)."""
    groups = [g for c in meeting.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)
              for g in _group(ctx, p)]
    verb = meeting.head.head if meeting.dep_ == "pobj" else meeting.head
    if verb.lower_ == "part":  # "took part in": the verb above "part"
        verb = verb.head
    if not groups or meeting.dep_ not in ("pobj", "dobj") or verb.lemma_.lower() not in ctx.tables.words.joining_verbs:
        return
    if any(c.dep_ == "prep" and c.lower_ == "as" for node in (verb, meeting) for c in node.children):
        return  # "attended a meeting of the G7 as a guest": invited, not a member
    members = subject_of(ctx, verb, STATES)
    joined = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_ == "join"]
    members += [a for c in joined for d in c.children if d.dep_ == "dobj" for a in args(ctx, d, STATES)]
    for group in groups:
        for member in members:
            emit(ctx, RelType.ALLIED_WITH, member, group, meeting, confidence=0.65)  # dated as the meeting


def _group(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The group a noun names: a bloc or a coalition by name ("the so-called Chip 4 group"), a
    consortium by who leads it, or "the group" for the one named in this sentence or the one before."""
    ent = ctx.entity(tok)
    if ent is not None:
        return [ctx.arg(ent)] if ctx.is_group(ent) and tok.i == ent.root.i else []
    words = ctx.tables.words
    if tok.lemma_.lower() not in words.bloc_nouns | words.group_name_words:
        return []
    named = [ctx.entity(c) for c in tok.children if c.dep_ in ("compound", "nmod")]
    found = [ctx.arg(e) for e in named if e is not None and ctx.is_group(e)] or _led_group(ctx, tok)
    if not found and tok.lemma_.lower() in words.bloc_nouns and any(c.lower_ == "the" for c in tok.children):
        recent = recent_group(ctx, tok)
        found = [recent] if recent is not None else []
    return found


def _led_group(ctx: RuleContext, noun: Token) -> list[Arg]:
    """Who leads an unnamed group, which stands for it: "the consortium led by Deutsche Telekom",
    "Deutsche Telekom leads the consortium, which ...", or "the consortium" after "a consortium led
    by Deutsche Telekom" earlier in the story."""
    if noun.dep_ == "dobj" and noun.head.lemma_ == "lead":
        return subject_of(ctx, noun.head, STATES)
    earlier = [t for sent in ctx.sentence_window(noun, 2) for t in sent if t.i < noun.i and t.lemma_ == noun.lemma_]
    return next((found for t in [noun, *reversed(earlier)] if (found := leaders(ctx, [t], STATES))), [])


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
