"""ANNOUNCED: an actor unveils, launches or adopts a policy, product, event or body."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pycountry
from spacy.tokens import Token

from ...records import Kind, RelType
from ..hedging import token_hedged
from .antecedents import state_of
from .arguments import args, named_before
from .clauses import participle, subject_of
from .context import ACTORS, COMPANIES, STATES, Arg, RuleContext, pobjs
from .emit import emit
from .restrictions import noun_restriction
from .things import named_products, place_complement, thing

# what can launch or debut by itself ("Gemini 2.5 debuted"); a company that "announced" is its announcer
LAUNCHED = frozenset({Kind.PRODUCT, Kind.POLICY, Kind.EVENT})
CURRENCY_CODES = frozenset(c.alpha_3 for c in pycountry.currencies)  # ISO 4217: "EUR", "INR", "KRW"


def announced(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """ANNOUNCED: "X unveiled a national AI strategy"; a restriction announced or imposed also gives
    RESTRICTED ("imposed export controls on China")."""
    if trig["pos"] != "VERB":
        _announcement_noun(ctx, tok)
        return
    if trig.get("describes") and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return  # "presented Mistral AI as proof that ...": a description of something known
    if any(c.dep_ == "aux" and c.lower_ in ctx.tables.words.advising_modals for c in tok.children):
        return  # "Brussels should create a compute facility": advice, not a plan
    subjects = _announcers(ctx, tok)
    if not subjects:
        return
    if trig.get("money"):
        # only a sum still to be spent is news of a plan: "will invest", "pledged to invest"; "has
        # invested $13 billion in OpenAI" reports a stake in it
        if trig.get("pledge") or token_hedged(tok):  # a pledge or commitment is of money still to come
            _pledged_money(ctx, tok, subjects)
        elif tok.lemma_ == "invest":
            held = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in pobjs(c)
                    for a in args(ctx, p, COMPANIES)]
            for s in subjects:
                for company in held:
                    emit(ctx, RelType.ALLIED_WITH, s, company, tok, confidence=0.6)
        return
    heads, reported = _announced_heads(ctx, tok)
    objects = [named for child in heads for conj in [child, *child.conjuncts] for named in _named(ctx, conj, subjects)]
    if not objects and any(c.dep_ == "dobj" and _is_money(ctx, c) for c in tok.children):
        _pledged_money(ctx, tok, subjects)  # "Macron announced 109 billion euros of investment"
    for plan in [o for o in objects if ctx.entity(o.token) is None]:
        # "announced a plan to invest $500 billion": the investment is what was announced
        spending = [c for c in plan.token.children if c.dep_ == "acl"
                    and any(g.dep_ == "dobj" and _is_money(ctx, g) for g in c.children)]
        if spending:
            objects.remove(plan)
            _pledged_money(ctx, spending[0], subjects)
    objects = _fitting(ctx, tok, trig, objects)
    # "imposed export controls": a measure imposed is news of the restriction, not an announcement
    announceable = [] if trig.get("restricts_only") else list(filter(_announceable, objects))
    for s in subjects:
        for o in announceable:
            emit(ctx, RelType.ANNOUNCED, s, o, tok, confidence=0.75)
            joint = any(c.lower_ == "joint" for c in o.token.children)
            if joint and o.token.lemma_.lower() in ctx.tables.pacts and s.kind != Kind.ALLIANCE:
                # "dozens of countries, including A and B, issued a joint statement": each backs it (a
                # bloc's own declaration is only its announcement)
                emit(ctx, RelType.ALLIED_WITH, s, o, tok, confidence=0.65)
    _launched_together(ctx, tok, subjects, announceable)
    # a restriction announced or imposed: "imposed export controls on China"
    for o in objects:
        if o.token not in reported:
            noun_restriction(ctx, o.token, subjects)


def _launched_together(ctx: RuleContext, verb: Token, subjects: list[Arg], things: list[Arg]) -> None:
    """Two states that launch or set up one thing together are partners: "Ukraine and Denmark on
    Feb. 5 launched a 200 million euro fund", and so are two companies building one facility; not
    "both" or "each" doing their own."""
    each = any(t.lower_ in ("both", "each", "separately") for t in verb.subtree if t.i < verb.i + 3)
    if not things or each:
        return
    states = [s for s in subjects if s.kind == Kind.COUNTRY]
    if len(states) == 2 and verb.lemma_.lower() in ctx.tables.words.forming_verbs:
        emit(ctx, RelType.ALLIED_WITH, states[0], states[1], verb, confidence=0.6)
    # "The two leaders adopted a joint roadmap": the leaders' states, by what they made together
    joint = any(c.lower_ == "joint" for t in things for c in t.token.children)
    leaders_states = {a.name: a for a in (state_of(ctx, s) for s in subjects if s.kind == Kind.PERSON) if a is not None}
    if joint and not states and len(leaders_states) == 2:
        first, second = leaders_states.values()
        emit(ctx, RelType.ALLIED_WITH, first, second, verb, confidence=0.6)
    # "CATL and Stellantis are building a plant in Zaragoza": two companies' one facility
    companies = [s for s in subjects if s.kind == Kind.ORGANIZATION]
    facility = [t for t in things if t.token.lemma_.lower() in ctx.tables.words.facility_nouns and t.token.tag_ == "NN"]
    if len(companies) == 2 and facility and verb.lemma_.lower() in ctx.tables.words.building_verbs:
        emit(ctx, RelType.ALLIED_WITH, companies[0], companies[1], verb, confidence=0.6)


def _announcers(ctx: RuleContext, tok: Token) -> list[Arg]:
    """Who announces: the verb's subject, else the owner of what a participle, a passive or an
    intransitive use names ("Huawei's Ascend 910B, released in 2022", "Biren, whose BR100 chip was
    unveiled", "Google's Gemini 2.5 debuted in March")."""
    subjects = [s for s in subject_of(ctx, tok) if s.kind in ACTORS]
    if not subjects and _modifies(tok):
        subjects = _owners(ctx, tok.head)
    if not subjects:
        things = [c for c in tok.children if c.dep_ == "nsubjpass"] + _launched_things(ctx, tok)
        subjects = [a for t in things for a in _owners(ctx, _relative(tok, t))]
    if not subjects and any(c.dep_ == "nsubj" and c.lower_ == "government" for c in tok.children):
        # "The government launched Sri Lanka's first AI strategy": the state whose thing it is
        subjects = [a for c in tok.children if c.dep_ == "dobj" for a in _owners(ctx, c) if a.kind == Kind.COUNTRY]
    return subjects


def _owners(ctx: RuleContext, noun: Token) -> list[Arg]:
    """The actors whose possessive names a thing: "Huawei's Ascend 910B", "Its suite", "whose chip"."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    named = [ctx.arg(e) for e in (ctx.entity(c) for c in owners) if e is not None and e.label_ in ACTORS]
    return named or [a for c in owners if ctx.entity(c) is None for a in args(ctx, c, ACTORS)]


def _launched_things(ctx: RuleContext, verb: Token) -> list[Token]:
    """The subject of a verb used without an object when it names a thing: "Gemini 2.5 debuted",
    "Grok 3, which launched in February"."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return [c for c in subjects if (ent := ctx.entity(_relative(verb, c))) is not None and ent.label_ in LAUNCHED]


def _relative(verb: Token, tok: Token) -> Token:
    """The noun a relative pronoun stands for in the clause of `verb` ("Grok 3, which launched"), else `tok`."""
    return verb.head if tok.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else tok


def _relative_prep(tok: Token) -> bool:
    """True for a preposition with a relative pronoun: "under which", "in which"."""
    return tok.dep_ == "prep" and any(p.tag_ in ("WDT", "WP") for p in tok.children)


def _apposed_name(ctx: RuleContext, noun: Token) -> Token:
    """The name an apposition describes ("Stargate, the US data center venture"), else `noun`; for
    "the family of open models the government unveiled", the name the family's apposition describes."""
    if ctx.entity(noun) is not None:
        return noun
    outer = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    # the name right before the comma first: the parser may hang the apposition on an earlier word
    before = outer.left_edge.i - 2  # "in Stargate, the venture, which", "around Tinker, the API the company"
    apposed = before >= 0 and ctx.doc[before + 1].text == "," and outer.left_edge.lower_ in ("the", "a", "an")
    named = ctx.entity(ctx.doc[before]) if apposed else None
    if named is not None and named.label_ != Kind.PERSON:
        return named.root
    if noun.dep_ == "appos" and ctx.entity(noun.head) is not None:
        return noun.head
    return noun


def _announced_heads(ctx: RuleContext, tok: Token) -> tuple[list[Token], list[Token]]:
    """The nouns naming what a verb announces, and those of them inside a reported clause (whose own
    subject restricts: "announced that Washington would impose tariffs on Chinese goods")."""
    # "agreed to supply chips to Humain, the AI company ...": an object after the verb's own clause is
    # a misparsed apposition, not what was agreed
    own_clause = min((c.i for c in tok.children if c.dep_ == "xcomp"), default=len(ctx.doc))
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.i < own_clause]
    # "the open model that ETH Zurich released", "Stargate, the venture, which Trump unveiled": what
    # the relative pronoun stands for, the name an apposition describes first
    # the parser may take the relative "that" for a conjunction, and news often leaves it out ("the API
    # the company released last fall")
    # (the clause lacks an object of its own: not "the summit, where they agreed that ...")
    gapped = not any(c.dep_ in ("ccomp", "xcomp") or c.tag_ == "WRB" or _relative_prep(c) for c in tok.children)
    subject = gapped and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in tok.children)
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
    if not heads and (tok.dep_ == "relcl" and (subject or that) or tok.dep_ == "acl" and subject):
        heads = [tok.head]
    heads = [_apposed_name(ctx, _relative(tok, h)) for h in heads] or _launched_things(ctx, tok)
    if heads and ctx.entity(heads[0]) is not None:
        # "released Gemini 2.0, the latest version of its AI model": an apposition parsed as an object
        heads = [h for h in heads if h.i == heads[0].i or ctx.doc[h.left_edge.i - 1].text != ","]
    # "announced that his country would join the Belt and Road Initiative": membership, not a launch
    clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.lemma_ not in ctx.tables.words.adhering_verbs]
    clauses = clauses if not heads else []
    reported: list[Token] = []
    for clause in clauses:
        # "announced that restrictions on laptops will take effect": the clause's subject, if a thing;
        # "announced that the BRICS group will create X": what an acting subject makes
        objects = [c for c in clause.children if c.dep_ in ("dobj", "nsubjpass")]
        acting = [c for c in clause.children if c.dep_ == "nsubj" and _acts(ctx, c)]
        # "announces that Mr. Liang has resigned", "announced that Nvidia and Ayala had agreed to ...": an
        # actor is the news's subject, never a thing announced
        reported = objects + [c for c in clause.children if c.dep_ == "nsubj" and c not in acting]
        for head in reported:
            noun_restriction(ctx, head, subject_of(ctx, clause, STATES))
    heads.extend(reported)
    if not heads:  # "Alibaba released Qwen3": the model read the unknown name as an adverb
        heads = [c for c in tok.children if c.dep_ in ("advmod", "npadvmod", "dep") and ctx.entity(c) is not None]
    if not heads and _modifies(tok):
        heads = [tok.head]  # "Humain, a new AI company launched by the fund", "its newly released model"
        if tok.head.dep_ == "appos" and ctx.entity(tok.head.head) is not None:
            heads = [tok.head.head]
    # "announced sweeping countermeasures, including export bans on rare earths": the things listed
    heads += [p for node in (tok, *heads) for c in node.children if c.dep_ == "prep" and c.lower_ == "including"
              for p in pobjs(c)]
    # "Claude 4, which Anthropic released in May": the thing is the noun the clause modifies
    return [_relative(tok, h) for h in heads], reported


def _acts(ctx: RuleContext, tok: Token) -> bool:
    """True for a subject that names an actor (a state, a body, a company, a person), not a thing."""
    return bool(args(ctx, tok, ACTORS))


def _fitting(ctx: RuleContext, verb: Token, trig: dict[str, Any], objects: list[Arg]) -> list[Arg]:
    """The objects a trigger of narrow sense announces: a law passed, anything but a meeting opened, a
    facility still to be built."""
    if trig.get("enacts"):  # "passed the AI Basic Act": a law, not "passed the test"
        objects = [o for o in objects if o.token.lemma_.lower() in ctx.tables.enacted]
    if trig.get("not_events"):  # "Donelan opened the summit": she chaired it; "opened a plant" is news
        meetings = ctx.tables.words.meeting_nouns
        objects = [o for o in objects if o.kind != Kind.EVENT and o.token.lemma_.lower() not in meetings]
    if trig.get("facilities"):
        objects = _planned_facilities(ctx, verb, objects)
    return objects


def _planned_facilities(ctx: RuleContext, verb: Token, objects: list[Arg]) -> list[Arg]:
    """The facilities a building verb announces: "would build a $200 million AI factory" or "is building
    a plant in Kumamoto" is news of a plan; a plant built is not, nor is "build trust"."""
    if not (token_hedged(verb) or _under_way(verb)):
        return []
    facility_nouns = ctx.tables.words.facility_nouns
    return [o for o in objects if o.token.lemma_.lower() in facility_nouns and _qualified(ctx, o)]


def _qualified(ctx: RuleContext, facility: Arg) -> bool:
    """True for a facility its phrase tells apart ("a chip plant", "a $200 million AI factory", "a fab
    at Dholera"), not "the third plant" or "a new plant"."""
    children = list(facility.token.children)
    told_apart = any(c.dep_ in ("compound", "nmod", "nummod") or c.ent_type_ == "MONEY" for c in children)
    # "the fab in Dholera" is one named before: its site says where it is, not that it is news
    known = any(c.dep_ == "det" and c.lower_ == "the" for c in children)
    return told_apart or (not known and place_complement(ctx, facility.token) is not None)


def _under_way(verb: Token) -> bool:
    """True for a verb in the progressive ("is building a second plant"): the thing is still to come."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _modifies(verb: Token) -> bool:
    """True for a participle that describes a noun, after it ("a company launched by the fund") or
    before it ("China's newly announced export controls")."""
    return participle(verb) or (verb.dep_ == "amod" and verb.tag_ == "VBN")


def _is_money(ctx: RuleContext, tok: Token) -> bool:
    """True for a sum: a MONEY entity, or a number before a currency the model did not label."""
    if tok.ent_type_ == "MONEY":
        return True
    currency = tok.lemma_.lower() in ctx.tables.words.currencies
    if currency and any(c.like_num or c.ent_type_ == "CARDINAL" for c in tok.children):
        return True
    # "EUR 1.2 billion", "INR 500 crore": a number after a currency's ISO code
    return tok.like_num and any(c.text in CURRENCY_CODES for c in tok.children if c.i < tok.i)


def _named(ctx: RuleContext, tok: Token, subjects: list[Arg]) -> list[Arg]:
    """What one announced object names: each product before a product noun, else the one thing it is."""
    products = named_products(ctx, tok)
    if products:
        return products
    named = _described(ctx, tok)
    if named is not None:
        return [named]
    one = thing(ctx, tok) or _misread_product(ctx, tok, subjects)
    return [one] if one is not None else []


def _described(ctx: RuleContext, noun: Token) -> Arg | None:
    """The company a description set off after its name stands for: "Humain, the AI company launched by
    the fund" (read from the surface: the parse often loses the apposition)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ctx.tables.words.company_kinds:
        return None
    named = named_before(ctx, noun)
    return ctx.arg(named) if named is not None and named.label_ == Kind.ORGANIZATION else None


def _misread_product(ctx: RuleContext, tok: Token, subjects: list[Arg]) -> Arg | None:
    """A name the model took for a person or a place, or did not know, launched or released by an
    organisation, is its product ("Moonshot AI launched Kimi k1.5", "the Commission unveiled
    InvestAI", "Huawei launched HarmonyOS Next"), as is its own name with more words ("Amazon launched
    Amazon Nova")."""
    if not any(s.kind != Kind.PERSON for s in subjects):
        return None
    ent = ctx.entity(tok)
    name = ctx.doc[ent.start : ent.end] if ent is not None else None
    if ent is None:  # "Kimi k1.5": the version the model left out of the name
        first = next((ctx.entity(c) for c in tok.children if c.dep_ == "compound" and ctx.entity(c)), None)
        ent, name = first, ctx.doc[first.start : tok.i + 1] if first is not None else None
    if tok.tag_ == "NNPS" or any(c.dep_ == "nummod" and c.i < tok.i for c in tok.children):
        return None  # "would train 500,000 young Africans": people counted, no product
    if ent is None:  # "launched HarmonyOS Next": a capitalised name the model did not know
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in ("compound", "amod") or t.i == tok.i]
        if tok.pos_ == "PROPN" and all(t.pos_ == "PROPN" for t in words) and not tok.is_sent_start:
            name = ctx.doc[words[0].i : tok.i + 1]
            return Arg(Kind.PRODUCT, name.text, tok, (name.start_char, name.end_char))
        return None
    if name is not None and ent.label_ == Kind.ORGANIZATION and name.end > ent.end:
        # "Mistral AI announced Mistral Compute": a product named after the company that launches it
        own = any(s.name == ctx.arg(ent).name for s in subjects)
        return Arg(Kind.PRODUCT, name.text, tok, (name.start_char, name.end_char)) if own else None
    if name is None or ent.label_ not in (Kind.PERSON, Kind.LOCATION):
        return None
    return Arg(Kind.PRODUCT, name.text, tok, (name.start_char, name.end_char))


def _pledged_money(ctx: RuleContext, tok: Token, subjects: list[Arg]) -> None:
    """An investment or funding pledge: "will invest $100 billion in Arizona", "pledged $5 billion for
    chips" announce the investment, named by its sum and where it goes, or the facility it goes into."""
    money = [c for c in tok.children if c.dep_ in ("dobj", "npadvmod", "attr") and _is_money(ctx, c)]
    if not money:
        return
    plan = _funded_facility(ctx, tok, money[0]) or _named_sum(ctx, tok, money[0])
    for s in subjects:
        emit(ctx, RelType.ANNOUNCED, s, plan, tok, confidence=0.7)
    # "Microsoft and G42 will invest $1 billion in a data centre": investing together is a partnership
    investors = [s for s in subjects if s.kind in (Kind.ORGANIZATION, Kind.COUNTRY)]
    apart = any(t.lower_ in ("each", "separately", "respectively") for t in tok.sent)  # "A and B each pledged"
    for a, b in combinations([] if apart else investors, 2):
        emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.6)


def _named_sum(ctx: RuleContext, verb: Token, money: Token) -> Arg:
    """A pledged sum as a plan: "$6.6 billion in CHIPS Act grants" (named by what it is given as), "109
    billion euros of private investment", else "$100 billion investment in Arizona"."""
    sum_ = next(
        (e for e in ctx.doc.ents if e.start <= money.i < e.end and e.label_ == "MONEY"),
        ctx.doc[money.left_edge.i : money.i + 1],  # "109 billion euros": a number before a currency
    )
    aid = [p for c in money.children if c.dep_ == "prep" and c.lower_ == "in" for p in pobjs(c)
           if p.lemma_.lower() in ctx.tables.words.aid_nouns]
    if aid:
        phrase = ctx.doc[sum_.start : aid[0].i + 1]
        return Arg(Kind.POLICY, phrase.text, money, (phrase.start_char, phrase.end_char))
    name = f"{sum_.text} investment"
    end = sum_.end_char
    kinds = [p for c in money.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
    if kinds and len(list(kinds[0].subtree)) <= 4:
        phrase = ctx.doc[sum_.start : kinds[0].right_edge.i + 1]
        name, end = phrase.text, phrase.end_char
    # the parser hangs "in Arizona" on the verb or on the sum
    for prep in sorted([*verb.children, *money.children], key=lambda t: t.i):
        dated = any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)  # "in fiscal 2025" is when
        if prep.dep_ == "prep" and prep.lower_ in ("in", "into", "for", "on") and prep.i >= sum_.end and not dated:
            target = ctx.doc[prep.i : prep.right_edge.i + 1]
            if len(target) <= 6:
                name, end = f"{name} {target.text}", target.end_char
            break
    return Arg(Kind.POLICY, name, money, (sum_.start_char, end))


def _funded_facility(ctx: RuleContext, verb: Token, money: Token) -> Arg | None:
    """The facility a sum goes into, which is what the pledge announces: "will invest $1 billion in a
    data centre in Kenya" or "spend $10 million on a supercomputing centre" announces the facility; "in
    Brazil", "in AI", "in data centres" (no one facility) or "in a new plant" (none told apart) leave
    the investment."""
    # "spend $720m building an AI factory", "pledged $7.5 million to support AI hubs": what the sum is for
    purposes = [c for c in [*verb.children, *money.children] if c.dep_ in ("xcomp", "advcl", "pcomp", "acl")
                and c.i > money.i]
    for prep in [*verb.children, *money.children, *purposes]:
        if any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree):
            continue  # "on Monday", "over three years": when, not where the money goes
        if prep.dep_ == "prep" and prep.lower_ in ("in", "into", "on") or prep in purposes:
            objects = pobjs(prep) if prep not in purposes else [c for c in prep.children if c.dep_ == "dobj"]
            facilities = [p for p in objects if p.lemma_.lower() in ctx.tables.words.facility_nouns]
            named = thing(ctx, facilities[0]) if facilities else None
            if named is None or named.generic or not _qualified(ctx, named):
                return None
            one = any(c.dep_ == "det" for c in named.token.children)
            return named if one or place_complement(ctx, named.token) is not None else None
    return None


def _announcement_noun(ctx: RuleContext, tok: Token) -> None:
    """A noun: "Nvidia's launch of Blackwell", "the unveiling of the AI Act by the EU"."""
    actors = [a for c in tok.children if c.dep_ == "poss" for a in args(ctx, c)]
    actors += [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in pobjs(c) for a in args(ctx, p)]
    # "the announcement of a new institute by Britain": the parser hangs the "by" on the thing
    actors += [
        a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)
        for b in p.children if b.dep_ == "prep" and b.lower_ == "by" for q in pobjs(b) for a in args(ctx, q)
    ]
    things = [
        thing(ctx, conj)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in pobjs(c)
        for conj in [p, *p.conjuncts]
    ]
    announceable = [o for o in things if o is not None and _announceable(o)]
    for s in actors:
        for o in announceable:
            emit(ctx, RelType.ANNOUNCED, s, o, tok, confidence=0.65)


def _announceable(thing_: Arg | None) -> bool:
    """A thing an actor can announce: named, and neither a country nor a person."""
    return thing_ is not None and thing_.kind not in (Kind.COUNTRY, Kind.PERSON) and not thing_.generic
