"""The subjects and objects of a verb: voice, control, raising, relative clauses and participles."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Kind
from .arguments import args, token_args
from .context import ACTORS, Arg, RuleContext, pobjs
from .surface import misparsed, subjectless, surface_list, surface_subject


def participle(verb: Token) -> bool:
    """True for a passive participle modifying a noun: "a company launched by the fund" (the
    small model tags some of them VBD)."""
    return verb.dep_ == "acl" and (verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children))


def acting_together(verb: Token, mutual: object) -> bool:
    """True when a trigger's `mutual` setting makes the verb's subjects act together: always (True), or
    only with the word it names among the verb's children ("work together", "spoke by phone")."""
    if isinstance(mutual, str):
        return any(c.lower_ == mutual for c in verb.children)
    return bool(mutual)


def _passive_subjects(ctx: RuleContext, node: Token, verb: Token, via: str, kinds: frozenset[Kind]) -> list[Arg] | None:
    """The subjects of `verb` when `node`, the verb itself or one it hangs on by `via`, is passive: its
    agent, or its raised subject ("X is expected to announce"); None when `node` is not passive."""
    # "It was co-sponsored by X", parsed with the participle as a complement of "was"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children) or (
        node.tag_ == "VBN" and any(c.dep_ == "agent" for c in node.children)
    )
    if not passive:
        return None
    if via == "advcl" and verb.tag_ == "VBG":
        return []  # "India was placed in the second tier, capping its imports": India caps nothing
    raised = [c for c in node.children if c.dep_ == "nsubjpass"] if node.i != verb.i else []
    if raised:
        return args(ctx, raised[0], kinds)
    for child in node.children:
        if child.dep_ == "agent":
            for pobj in pobjs(child):
                # "signed by the EU together with A and B": all of them signed
                return args(ctx, pobj, kinds) + along_with(ctx, node, kinds)
            # "backed by, among others, Alibaba and Tencent": the names after the aside, which the parse
            # hangs anywhere
            doc = ctx.doc
            aside = child.i + 1 < len(doc) and doc[child.i + 1].text == ","
            close = next((t.i for t in doc[child.i + 2 : node.sent.end] if t.text == ","), None) if aside else None
            return surface_list(ctx, close + 1, node.sent.end, kinds) if close is not None else []
    return []


def subject_of(ctx: RuleContext, verb: Token, kinds: frozenset[Kind] = ACTORS) -> list[Arg]:
    """Return the subject entities of `verb`, climbing control, conjunction and participles."""
    node = verb
    if participle(verb):
        # "a company launched by the fund", "a venture formed by OpenAI and SoftBank"
        agents = [p for c in verb.children if c.dep_ == "agent" for p in pobjs(c)] or _misplaced_agents(verb)
        return [a for p in agents for a in args(ctx, p, kinds)]
    via = ""
    for _ in range(4):
        passive = _passive_subjects(ctx, node, verb, via, kinds)
        if passive is not None:
            return passive
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].tag_ in ("WDT", "WP"):
            # "the EU and the African Union, which joined the G20": one name, not the list
            return token_args(ctx, subjects[0], kinds, 0)
        if subjects:
            # datelines ("BRUSSELS (Reuters) - The G7 will ...") give a second, earlier nsubj
            child = min(subjects, key=lambda c: abs(node.i - c.i))
            found = args(ctx, child, kinds)
            found.extend(along_with(ctx, child, kinds) + along_with(ctx, node, kinds, set_off=True))
            found.extend(as_did(ctx, node, kinds))
            return found
        if node.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and node.head.i != node.i:
            node, via = node.head, node.dep_
            continue
        if node.dep_ in ("acl", "relcl") and node.head.i != node.i:
            head = node.head
            for child in head.children:
                owners = args(ctx, child, kinds) if child.dep_ == "poss" else []
                if owners:  # "Monday's decision by X to ...": a date's possessive owns nothing
                    return owners
            # "efforts by the United States to limit China's development"
            agents = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "by" for p in pobjs(c)]
            if agents and node.dep_ == "acl":
                return [a for p in agents for a in args(ctx, p, kinds)]
            if node.dep_ == "relcl":
                return args(ctx, head, kinds)
            purpose = head.lemma_.lower() in ctx.tables.words.purpose_nouns
            if purpose and head.dep_ == "pobj" and head.head.dep_ == "prep":
                node = head.head.head  # "imposed curbs in an effort to hobble X": whoever imposed them
                continue
            return []
        if node.dep_ in ("pcomp", "pobj", "prep"):
            node = node.head
            continue
        break
    return surface_subject(ctx, verb, kinds) if misparsed(verb) or subjectless(verb) else []


def _misplaced_agents(verb: Token) -> list[Token]:
    """The agent of a participle the parser hung on a noun inside its clause: "signed at the close of
    the summit by Chile and Peru" (a "by" reached through nouns and prepositions only)."""
    for tok in verb.subtree:
        if tok.lower_ == "by" and tok.dep_ == "prep" and tok.i > verb.i:
            path = list(tok.ancestors)  # a token of the verb's subtree, so the verb is among them
            if all(t.pos_ in ("NOUN", "PROPN", "ADP") for t in path[: path.index(verb)]):
                return pobjs(tok)
    return []


def along_with(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], set_off: bool = False) -> list[Arg]:
    """Return the entities joined to the subject `tok` (or a passive verb) by "along with" or "together with";
    with `set_off`, to a verb by a phrase after a comma ("A signed it, along with B": B signed too;
    "co-chaired the Council along with B" may join B to the Council)."""
    out: list[Arg] = []
    for child in tok.children:
        if set_off and (child.i == 0 or tok.doc[child.i - 1].text != ","):
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ in ("with",)
            and any(c.lower_ in ("along", "together") for c in child.children)
        ):
            for pobj in pobjs(child):
                out.extend(args(ctx, pobj, kinds))
        if child.dep_ in ("advmod", "prep") and child.lower_ == "along":
            for prep in child.children:
                for pobj in pobjs(prep):
                    out.extend(args(ctx, pobj, kinds))
    return out


AUXILIARIES = frozenset({"did", "does", "do", "has", "have", "had", "was", "were", "is", "are"})


def as_did(ctx: RuleContext, verb: Token, kinds: frozenset[Kind]) -> list[Arg]:
    """The subjects added after the clause by "as did": "xAI signed the commitments, as did IBM and
    Cohere" (read from the surface: the parser rarely gets it)."""
    doc = ctx.doc
    for i in range(verb.i + 1, verb.sent.end - 2):
        if doc[i].lower_ == "as" and doc[i + 1].lower_ in AUXILIARIES and doc[i - 1].text == ",":
            return surface_list(ctx, i + 2, verb.sent.end, kinds)
    return []


def object_of(
    ctx: RuleContext, verb: Token, kinds: frozenset[Kind] = ACTORS, preps: frozenset[str] = frozenset()
) -> list[Arg]:
    """Return the object entities of `verb`: its direct object or passive subject and the objects of
    its prepositions `preps`; for a participle, the noun it modifies; on a misparse, the names after it."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    out: list[Arg] = []
    # "designated Xiaomi a Chinese military company": the second object says what the first is
    said_to_be = {c.i for c in list(verb.children)[1:] if c.dep_ == "dobj" and _described_object(verb, c)}
    for child in verb.children:
        if child.i in said_to_be:
            continue
        if child.dep_ in ("dobj", "attr") or (passive and child.dep_ == "nsubjpass"):
            out.extend(args(ctx, child, kinds))
        if child.dep_ == "prep" and child.lower_ in preps:
            # "met with X and with Y": the second preposition is a conjunct of the first
            for prep in [child, *(c for c in child.conjuncts if c.lower_ in preps)]:
                for pobj in pobjs(prep):
                    out.extend(args(ctx, pobj, kinds))
    if not out and verb.dep_ in ("acl",) and verb.tag_ == "VBN":
        head = verb.head
        if head.head.lower_ == "among" and head.head.head.pos_ in ("AUX", "VERB"):
            for child in head.head.head.children:
                if child.dep_ == "nsubj":
                    out.extend(args(ctx, child, kinds))
        if not out:
            out.extend(args(ctx, head, kinds))
    if not out and misparsed(verb):
        out = surface_list(ctx, verb.i + 1, verb.sent.end, kinds)
    return out


def _described_object(verb: Token, obj: Token) -> bool:
    """True for an indefinite object after another one: the description of the first ("named Kenya a
    major ally", "designated Xiaomi a military company")."""
    earlier = any(c.dep_ == "dobj" and c.i < obj.i for c in verb.children)
    return earlier and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children)


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok`, or None."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def prefixed_subjects(ctx: RuleContext, verb: Token, kinds: frozenset[Kind] = ACTORS) -> list[Arg]:
    """The subjects of a verb written "co-<verb>", which the tokenizer splits and the parser misreads:
    "A and B have been co-developing X" (parsed with "co" as the verb: the subjects before it) or
    "Anna Berg co-chaired" (parsed with "co" as the subject: the name right before it)."""
    doc = ctx.doc
    if verb.head.i == verb.i - 2:
        return [a for t in verb.sent if t.i < verb.i and t.dep_ == "nsubj" for a in args(ctx, t, kinds)]
    before = ctx.entity(doc[verb.i - 3]) if verb.i >= 3 and doc[verb.i - 1].text == "-" else None
    return [ctx.arg(before)] if before is not None and before.label_ in kinds else []

