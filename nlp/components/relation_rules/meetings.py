"""MET_WITH: meetings, talks, visits and summits between people, states and organisations."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from spacy.tokens import Token

from ...records import Kind, RelType
from .arguments import args, leaders
from .clauses import acting_together, object_of, participle, prefixed_subjects, subject_of
from .context import ACTORS, PEOPLE, Arg, RuleContext, pobjs
from .emit import emit
from .surface import with_phrase

PLACES = frozenset({Kind.COUNTRY, Kind.LOCATION})


def met_with(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """MET_WITH from a trigger word: a verb ("Biden met Xi") or a noun ("talks with X")."""
    object_kinds: frozenset[Kind] = trig.get("object_kinds", ACTORS)
    if trig.get("attendance"):
        _attended(ctx, tok)
    elif trig["pos"] == "VERB":
        _met_by_verb(ctx, tok, trig, object_kinds)
    else:
        _meeting_noun(ctx, tok, object_kinds)


def _met_by_verb(ctx: RuleContext, tok: Token, trig: dict[str, Any], object_kinds: frozenset[Kind]) -> None:
    """A verb: "X met (with) Y", "X hosted Y"; with a mutual trigger, "X and Y met"."""
    if trig.get("not_urging") and any(c.dep_ in ("xcomp", "advcl", "ccomp", "prt") for c in tok.children):
        return  # "called on Xi to rein in Pyongyang" urges, "called off talks" cancels; "called on Lee" visits
    subjects = subject_of(ctx, tok, trig.get("subject_kinds", ACTORS))
    if not subjects and trig.get("prefix"):
        subjects = prefixed_subjects(ctx, tok, trig.get("subject_kinds", ACTORS))
    preps = frozenset(trig.get("preps", ["with"]))
    objects = _people_first(ctx, tok, object_of(ctx, tok, object_kinds, preps))
    # "met a congressional delegation led by Senator X": meeting those who lead it
    met = [g for c in tok.children for g in ([c] if c.dep_ == "dobj" else pobjs(c) if c.lower_ in preps else [])]
    objects = leaders(ctx, met, PEOPLE) or objects
    if not objects:
        objects = with_phrase(ctx, tok, object_kinds)
    if not objects and not any(c.dep_ == "dobj" for c in tok.children):
        objects = _displaced_guest(ctx, tok)
    if not objects and trig.get("state_visit"):
        objects = _visited_state(ctx, tok, subjects)
    # "Biden and Xi met"; for a word given ("spoke by phone"), only with it: "Huang and Kress spoke" each
    if not objects and len(subjects) >= 2 and acting_together(tok, trig.get("mutual")):
        for a, b in combinations(subjects, 2):
            emit(ctx, RelType.MET_WITH, a, b, tok, confidence=0.75)
        return
    for s in subjects:
        for o in objects:
            # hosting or greeting is a meeting when a person is in it; meeting or summoning always is
            if s.kind == Kind.PERSON or o.kind == Kind.PERSON or trig.get("any_parties"):
                emit(ctx, RelType.MET_WITH, s, o, tok, confidence=0.75)


def _displaced_guest(ctx: RuleContext, verb: Token) -> list[Arg]:
    """The person a verb meets when the time and place come first and the parse loses its object:
    "received this Monday in Brasilia the Minister of Science of China, Yin Hejun"."""
    loose = [c for c in verb.children if c.i > verb.i and c.dep_ in ("npadvmod", "appos", "dep")]
    return [a for c in loose for a in args(ctx, c, PEOPLE)][:1]


def _visited_state(ctx: RuleContext, verb: Token, subjects: list[Arg]) -> list[Arg]:
    """The country a head of state or government visits ("Xi visited Hanoi in December"): a state
    visit meets the host state; anyone else's trip to a country meets no one."""
    words = ctx.tables.words
    leaders = [s for s in subjects if s.kind == Kind.PERSON]
    offices = [ctx.tables.office_org(s.name, ctx.published) for s in leaders]
    homes = {o["organization"] for o in offices if o is not None and o["role"] in words.leader_roles}
    if not homes:
        return []
    places = [a for c in verb.children if c.dep_ == "dobj" for a in args(ctx, c, PLACES)]
    states = [(ctx.tables.country_of(a.kind, a.name), a.token) for a in places]
    return [Arg(Kind.COUNTRY, name, tok) for name, tok in states if name is not None and name not in homes]


def _people_first(ctx: RuleContext, verb: Token, found: list[Arg]) -> list[Arg]:
    """The people a "with" phrase names when the parse gave only their countries: "with Swedish Foreign
    Minister Tobias Billstrom", "with Germany's Digital Minister X and Japan's State Minister Y"."""
    people = [a for a in with_phrase(ctx, verb, PEOPLE) if a.kind == Kind.PERSON]
    # "with U.S. Secretary of State X and Commerce Secretary Y": the parse may keep only the last
    return people if len(people) > sum(a.kind == Kind.PERSON for a in found) else found


def _attended(ctx: RuleContext, tok: Token) -> None:
    """Attending a meeting is meeting its parties: "The meeting was also attended by Lutnick and
    Bessent" after "Trump met Tan" (the parties of the meeting named with it, else of the last one)."""
    nouns = ctx.tables.words.meeting_nouns
    meetings = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in nouns]
    if participle(tok) and tok.head.lemma_.lower() in nouns:
        meetings = [tok.head]  # "The meeting, also attended by Lutnick and Bessent, ..."
    if not meetings:
        return
    attendees = subject_of(ctx, tok, PEOPLE)
    meeting = meetings[0]
    parties = [a for c in meeting.children if c.dep_ == "prep" and c.lower_ in ("with", "between") for p in pobjs(c)
               for a in args(ctx, p)]
    if not parties:
        since = ctx.sentence_window(tok, 1)[-1].start_char
        recent = [r for r in ctx.out if r.type == RelType.MET_WITH and r.start >= since]
        if recent:
            last = recent[-1]
            parties = [Arg(last.subject.kind, last.subject.name, tok), Arg(last.object.kind, last.object.name, tok)]
    for person in attendees:
        for party in parties:
            # a colleague at the host's side meets the guest, not the host
            if not {a.name for a in ctx.sides(person)} & {a.name for a in ctx.sides(party)}:
                emit(ctx, RelType.MET_WITH, person, party, tok, confidence=0.6)


def _meeting_noun(ctx: RuleContext, tok: Token, object_kinds: frozenset[Kind]) -> None:
    """A noun: "a meeting with X", "talks led by X", "X's talks with Y", "a summit between X and Y";
    "X and Y held talks"."""
    others: list[Arg] = []
    between: list[Arg] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "between"):
            found = [a for pobj in pobjs(child) for a in _envoys_of(ctx, pobj) or args(ctx, pobj, object_kinds)]
            (between if child.lower_ == "between" else others).extend(found)
        if child.dep_ == "acl" and child.lemma_ in ctx.tables.words.meeting_leading_verbs:
            # "talks led by Lutnick": whoever leads them is met; "meetings hosted by Malaysia" meet no state
            # (a country meets only through its leaders or delegation)
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in pobjs(agent):
                        others.extend(a for a in args(ctx, pobj, object_kinds) if a.kind != Kind.COUNTRY)
    if len(between) >= 2:
        # "talks between X and Y": the parties met each other, whoever hosted them
        for a, b in combinations(between, 2):
            emit(ctx, RelType.MET_WITH, a, b, tok, confidence=0.65)
    else:
        others.extend(between)
    head = tok
    for _ in range(3):
        if head.dep_ in ("dobj", "pobj", "prep", "attr", "npadvmod") and head.head.i != head.i:
            head = head.head
        else:
            break
    # "Trump's meeting with Xi", whoever recalls it; "Trump talks with Xi" (a headline, or a misparse)
    subjects = [a for child in tok.children if child.dep_ in ("poss", "nmod") for a in args(ctx, child)]
    if not subjects and head.i != tok.i:
        subjects = subject_of(ctx, head)
    if not subjects:  # "where Trump held talks with X", parsed with "held" as an adjective of "talks"
        held = [c for c in tok.children if c.dep_ == "amod" and c.lemma_ in ("hold", "have")]
        subjects = [a for c in held for s in c.children if s.dep_ == "nsubj" for a in args(ctx, s)]
    if not others and (tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ == "in")):
        # "held a rare meeting on Monday with X", "engaged in discussions on Tuesday with X": the
        # parser hung the "with" on the verb
        others = [a for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for p in pobjs(c)
                  for a in args(ctx, p, object_kinds)]
    if tok.dep_ == "dobj":
        others = _people_first(ctx, head, others)
    if not others and tok.dep_ == "dobj" and head.lemma_ == "host":
        # "Kishida hosted a dinner for Biden": the guest
        others = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for p in pobjs(c)
                  for a in args(ctx, p, object_kinds)]
    if not others:
        # "held talks", "held two days of talks", "exchanged views in talks": the parties met each other
        holds = head.lemma_ in ctx.tables.words.meeting_holding_verbs and tok.dep_ in ("dobj", "pobj")
        if (holds or (tok.dep_ == "pobj" and tok.head.lower_ == "in")) and len(subjects) >= 2:
            # "Japan and South Korea held talks", "X and Y exchanged views in talks": they met each other
            for a, b in combinations(subjects, 2):
                emit(ctx, RelType.MET_WITH, a, b, tok, confidence=0.65)
        return
    negotiating = tok.dep_ == "pobj" and tok.head.lower_ == "in"  # "is in talks with": a deal, not a meeting
    for s in subjects:
        for o in others:
            if not (negotiating and Kind.ORGANIZATION in (s.kind, o.kind)):
                emit(ctx, RelType.MET_WITH, s, o, tok, confidence=0.65)


def _envoys_of(ctx: RuleContext, noun: Token) -> list[Arg]:
    """Where the people a noun counts come from: "talks with executives from Microsoft and G42",
    "talks with the heads of state of Kazakhstan and Kyrgyzstan" (meeting a state's leaders meets it)."""
    words = ctx.tables.words
    if noun.lemma_.lower() not in words.envoy_nouns | {"head"}:
        return []
    found: list[Arg] = []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "at")):
        for pobj in pobjs(prep):
            if pobj.lemma_.lower() in ("state", "government"):  # "heads of state of X"
                found.extend(a for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)
                             for a in args(ctx, p, ACTORS))
            else:
                found.extend(args(ctx, pobj, ACTORS))
    return found

