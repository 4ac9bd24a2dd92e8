"""What pronouns and plural references ("it", "he", "the two leaders", "they") stand for."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...records import Kind, RelType
from .context import STATES, Arg, RuleContext

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "appos", "conj", "attr", "poss"}
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_THING = frozenset({"it", "its"})


def pronoun(ctx: RuleContext, tok: Token) -> Arg | None:
    """The entity a pronoun stands for: for "he"/"she", the last person who was a subject
    (else the last person); for "it"/"its", see `thing_pronoun`."""
    if tok.lower_ in PRONOUNS_THING:
        return thing_pronoun(ctx, tok)
    topic = _topic(ctx, tok)
    if topic is not None:
        return topic
    people = [e for e in ctx.doc.ents if e.label_ == Kind.PERSON and e.end <= tok.i]
    subjects = [e for e in people if e.root.dep_ in SUBJECT_DEPS]
    # "Altman, on his first visit since Lee took office, was received ..., where he sat down with":
    # the main clause's subject, not one of a clause inside it
    main = [e for e in subjects if e.sent == tok.sent and e.root.head.i == tok.sent.root.i]
    found = main or subjects or people
    return ctx.arg(found[-1]) if found else None


def _topic(ctx: RuleContext, tok: Token, depth: int = 0) -> Arg | None:
    """The person a sentence's opening "he"/"she" continues: the subject of the sentence before's main
    verb, followed through its own "he" ("He met Rubio, when Rubio attended ... . The same week he
    received Wang Yi": the first "he"'s person, not Rubio); None when that subject is no person."""
    if tok.dep_ != "nsubj" or tok.head.dep_ != "ROOT" or tok.sent.start == 0 or depth > 3:
        return None
    before = ctx.doc[tok.sent.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in ("he", "she"):
        return _topic(ctx, subject, depth + 1)
    ent = ctx.entity(subject)
    return ctx.arg(ent) if ent is not None and ent.label_ == Kind.PERSON else None


def thing_pronoun(ctx: RuleContext, tok: Token, depth: int = 0) -> Arg | None:
    """The country, bloc or organisation "it"/"its" stands for: an argument earlier in the
    sentence (subjects first; never the subject of the verb "it" is the object of), else the
    last subject of the sentence before, or what that subject itself referred to."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    verb_subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if tok.lower_ == "it" else []
    bound = {t.i for c in verb_subjects for t in (c, *c.conjuncts)}  # "OpenAI and Mistral AI signed it"
    in_sent = [
        e
        for e in ctx.doc.ents
        if e.label_ in STATES
        and tok.sent.start <= e.start
        and e.end <= tok.i
        # a name the parser made the sentence's root is its subject misread ("DeepSeek, founded in ...,
        # rattled markets when it released ...")
        and (e.root.dep_ in ARGUMENT_DEPS or e.root.dep_ == "ROOT" and e.root.pos_ == "PROPN")
        and e.root.i not in bound
    ]
    subjects = [e for e in in_sent if e.root.dep_ in SUBJECT_DEPS or e.root.dep_ == "ROOT"]
    if subjects or in_sent:
        return ctx.arg((subjects or in_sent)[-1])
    if tok.sent.start == 0:
        return None
    before = ctx.doc[tok.sent.start - 1].sent
    previous = [e for e in before.ents if e.label_ in STATES and e.root.dep_ in SUBJECT_DEPS]
    if previous:
        return ctx.arg(previous[-1])
    return _continued_reference(ctx, before, depth)


def _continued_reference(ctx: RuleContext, sent: Span, depth: int) -> Arg | None:
    """What the subject of `sent` stood for when it named nothing itself: "Mistral AI builds models.
    The company is based in Paris. Its investors include ..." (Mistral AI, through "the company")."""
    subject = next((c for c in sent.root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or depth >= 2:
        return None
    if subject.lower_ == "it":
        return thing_pronoun(ctx, subject, depth + 1)
    family = ctx.tables.singular_references.get(subject.lower_)
    if family is None or subject.tag_ != "NN" or not any(c.lower_ in ("the", "this") for c in subject.children):
        return None
    found = single_antecedent(ctx, subject, family)
    return found if found is not None and found.kind in STATES else None


def single_antecedent(ctx: RuleContext, tok: Token, family: frozenset[Kind]) -> Arg | None:
    """The entity a definite noun refers back to ("the company", "the bloc"): of `family` kinds,
    named before `tok` in its sentence or the two before, subjects of the nearest sentence first; a
    body ("the ministry") must carry the noun, or a word of its kind, in its name, a company must not be a
    government body."""
    noun = tok.lemma_.lower()
    maker = _maker_of_announced(ctx, tok, family)
    if maker is not None:
        return maker
    origin = _origin(ctx, tok)
    for sent in ctx.sentence_window(tok, 2):
        found = []
        for ent in sent.ents:
            if ent.end > tok.i or ent.label_ not in family or tok.left_edge.i <= ent.start < tok.i:
                continue
            country = ctx.properties.get((ent.label_, ent.kb_id_), {}).get("country")
            if origin is not None and country != origin:
                continue  # "the Chinese telecoms equipment maker" is a Chinese one named before
            kind = ctx.properties.get((ent.label_, ent.kb_id_), {}).get("type")
            if noun in ctx.tables.bodies and not any(w in ent.kb_id_.lower() for w in ctx.tables.bodies[noun]):
                continue  # "the agency" is a body named as one: an agency, an administration, a bureau
            if noun not in ctx.tables.bodies and kind == "government":
                continue
            found.append(ent)
        if found:
            if any(c.dep_ == "amod" and c.lower_ == "new" for c in tok.children):
                # "launched Humain, and the new firm ...": the one just launched, not its founder
                launched = {r.object.name for r in ctx.out if r.type == RelType.ANNOUNCED}
                fresh = [e for e in found if e.kb_id_ in launched]
                if fresh:
                    return ctx.arg(fresh[-1])
            subjects = [e for e in found if e.root.dep_ in SUBJECT_DEPS]
            return ctx.arg((subjects or found)[-1])
    return None


def _maker_of_announced(ctx: RuleContext, tok: Token, family: frozenset[Kind]) -> Arg | None:
    """Who launched the unnamed thing a definite noun refers back to: "DeepSeek released a chatbot. ...
    the Garante ordered the chatbot blocked" (DeepSeek, not a company named in between)."""
    since = ctx.sentence_window(tok, 2)[-1].start_char
    launched = [
        r for r in ctx.out
        if r.type == RelType.ANNOUNCED and since <= r.start < tok.idx and r.subject.kind in family
        and _head_lemma(ctx, r.object.span) == tok.lemma_.lower()
    ]
    return Arg(launched[-1].subject.kind, launched[-1].subject.name, tok) if launched else None


def _head_lemma(ctx: RuleContext, span: tuple[int, int] | None) -> str | None:
    """The lemma of the head word of the text at `span` (character offsets), or None."""
    words = ctx.doc.char_span(*span, alignment_mode="expand") if span is not None else None
    return words.root.lemma_.lower() if words is not None else None


def _origin(ctx: RuleContext, tok: Token) -> str | None:
    """The ISO code of the country a referring noun names its referent by ("the Chinese company"), or
    None."""
    for child in tok.children:
        ent = ctx.entity(child) if child.dep_ in ("amod", "compound", "nmod") else None
        if ent is not None and ent.label_ == Kind.COUNTRY:
            iso: str | None = ctx.properties.get((Kind.COUNTRY, ent.kb_id_), {}).get("iso_alpha2")
            return iso
    return None


def group_antecedent(ctx: RuleContext, tok: Token, size: int | None, family: frozenset[Kind]) -> list[Arg]:
    """The group a plural noun refers back to: the latest coordination ("Biden and Xi") or
    the participants of one verb ("Biden hosted Kishida and Yoon") of `family` kinds, with
    `size` members when the text gives a number; nothing when no group fits."""
    for sent in ctx.sentence_window(tok, 2):
        groups: list[list[Arg]] = []
        for t in sent:
            if t.i >= tok.i:
                break
            ent = ctx.entity(t)
            if ent is not None and t.i == ent.root.i and t.dep_ != "conj" and ent.label_ in family:
                groups.append(_members(ctx, [ent, *(ctx.entity(c) for c in t.conjuncts)], family))
            if t.pos_ == "VERB":
                heads = [c for c in t.children if c.dep_ in ("nsubj", "dobj")]
                heads += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children]
                groups.append(_members(ctx, [ctx.entity(x) for h in heads for x in (h, *h.conjuncts)], family))
        if sent != tok.sent:
            groups.extend(_met(ctx, sent, family))
        fitting = [g for g in groups if len({a.name for a in g}) == size or (size is None and len(g) >= 2)]
        if fitting:
            return list({a.name: a for a in fitting[-1]}.values())
        # a parse gone astray ("President Lee Jae-myung hosted Crown Prince Mohammed bin Salman" read
        # as one noun phrase): the sentence's named ones, when they are just as many as "the two" says
        named = _members(ctx, [e for e in sent.ents if e.end <= tok.i], family)
        if size is not None and len({a.name for a in named}) == size:
            return list({a.name: a for a in named}.values())
    return []


def _met(ctx: RuleContext, sent: Span, family: frozenset[Kind]) -> list[list[Arg]]:
    """The two sides of each meeting found in `sent` ("he held talks with X. The two sides signed
    ..."), a pronoun resolved, each as a state when the family is of states."""
    return [
        _member_args(ctx, [Arg(p.kind, p.name, sent.root) for p in (found.subject, found.object)], family)
        for found in ctx.out
        if found.type is RelType.MET_WITH and sent.start_char <= found.start < sent.end_char
    ]


def _members(ctx: RuleContext, spans: list[Span | None], family: frozenset[Kind]) -> list[Arg]:
    """The group members among the entity `spans`, as `_member_args` reads them."""
    kinds = family | {Kind.PERSON}
    return _member_args(ctx, [ctx.arg(s) for s in spans if s is not None and s.label_ in kinds], family)


def _member_args(ctx: RuleContext, found: list[Arg], family: frozenset[Kind]) -> list[Arg]:
    """The group members among `found` of `family` kinds; a person stands for the country their title
    ties them to when the family is of states ("Modi hosted Macron ... the two sides")."""
    out: list[Arg] = []
    for arg in found:
        if arg.kind in family:
            out.append(arg)
        elif arg.kind == Kind.PERSON and Kind.COUNTRY in family:
            country = state_of(ctx, arg)
            if country is not None:
                out.append(country)
    return out


def state_of(ctx: RuleContext, person: Arg) -> Arg | None:
    """The country a person's title in the story, or the office table, ties them to, or None."""
    return next((side for side in ctx.sides(person) if side.kind == Kind.COUNTRY), None)


# offices whose holder "the <office>" names with no demonym: a head of state or government
LEADER_OFFICES = frozenset({"president", "premier", "chancellor", "prime minister", "prince", "king", "emir", "sultan"})


def titled_person(ctx: RuleContext, tok: Token) -> Arg | None:
    """The person "the Korean minister" refers back to: the latest one named before whose title in
    the story ties them to the country its demonym names; with no demonym ("the president"), the
    latest one named before with that title; or None."""
    named = [ctx.entity(c) for c in tok.children if c.dep_ in ("amod", "compound")]
    country = next((ctx.arg(e) for e in named if e is not None and e.label_ == Kind.COUNTRY), None)
    office = "prime minister" if any(c.lower_ == "prime" for c in tok.children) else tok.lemma_.lower()
    # "the president", "the prime minister": a head of state or government named before, unless the
    # phrase names whose ("the President of the European Commission")
    leader = office in LEADER_OFFICES and not any(
        c.dep_ == "prep" for c in tok.children)
    if country is None and (any(e is not None for e in named) or not leader):
        return None
    people = [
        r.subject for r in ctx.out
        if r.type == RelType.AFFILIATED_WITH and r.subject.kind == Kind.PERSON
        and (r.object.name == country.name if country is not None
             else r.object.kind == Kind.COUNTRY and (r.item or "").lower().endswith(office))
        and r.subject.span is not None and r.subject.span[1] <= tok.idx
    ]
    latest = max(people, key=lambda p: p.span or (0, 0), default=None)
    return Arg(Kind.PERSON, latest.name, tok) if latest is not None else None


def earlier_subjects(ctx: RuleContext, tok: Token) -> Iterator[Token]:
    """Yield the subjects a plural "they" may continue: those before `tok` in its sentence, then
    in the sentence before, nearest first."""
    for sent in ctx.sentence_window(tok, 1):
        subjects = [t for t in sent if t.i < tok.i and t.dep_ == "nsubj" and t.lower_ != "they"]
        yield from reversed(subjects)
