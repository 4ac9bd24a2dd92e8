"""ALLIED_WITH: alliances, pacts, partnerships and signatories, from verbs and from nouns; signing
a law or an order gives ANNOUNCED instead."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from spacy.tokens import Token

from ...records import Kind, RelType
from .antecedents import PRONOUNS_THING, state_of
from .arguments import args, head_entity, leaders, named_before
from .clauses import acting_together, clause_verb, object_of, participle, prefixed_subjects, subject_of
from .context import ACTORS, COMPANIES, STATES, Arg, RuleContext, pobjs
from .emit import emit
from .funding import funded, hyphen_backed
from .surface import surface_list
from .things import recent_group, recent_pact, thing

# what partners can be partners in
VENTURES = frozenset({Kind.ORGANIZATION, Kind.ALLIANCE, Kind.POLICY})


def allied_with(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """ALLIED_WITH from a trigger word: a verb ("X signed Y"), a member noun ("allies such as Japan"),
    or a noun of cooperation ("a partnership with X")."""
    if trig.get("funding"):
        funded(ctx, tok, trig)
    elif trig.get("supplies"):
        _supplied(ctx, tok)
    elif trig["pos"] == "VERB" and hyphen_backed(ctx, tok):
        return
    elif trig["pos"] == "VERB":
        _allied_by_verb(ctx, tok, trig)
    elif trig.get("member_as") or trig["lemma"] in ctx.tables.words.member_nouns | ctx.tables.words.stake_nouns:
        _member_noun(ctx, tok, trig.get("member_as", trig["lemma"]))  # "adherents" are signatories
    else:
        _cooperation_noun(ctx, tok, trig)


def _allied_by_verb(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """A verb: "X signed/joined/endorsed/backed Y", "X and Y agreed to cooperate", "X partnered with Y";
    signing a law or an order enacts it (ANNOUNCED)."""
    if any(c.dep_ == "prt" and c.lower_ != trig.get("particle") for c in tok.children):
        return  # "backed away from", "signed off on"; not "teamed up with"
    if trig.get("pact_object") and not any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ctx.tables.words.bilateral_pacts for c in tok.children
    ):
        return  # "concluded a memorandum" allies; "concluded talks" or "concluded that" does not
    preps = frozenset(trig.get("preps", ["with"]))
    subjects, signers_listed = _signers(ctx, tok, trig)
    objects = _without_homes(ctx, [o for o in object_of(ctx, tok, STATES, preps) if o.kind in STATES])
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ctx.tables.words.envoy_nouns for c in tok.children):
        objects = []  # "joining officials from B and C" at a meeting: their envoys are met, not allied with
    heads = _allied_heads(ctx, tok, preps)
    things, pact_partners = _joined_things(ctx, tok, heads, preps)
    # "the Commission's code of practice was signed by A": the code's author is no partner of A's
    authors = {c.i for t in things for c in t.token.children if c.dep_ == "poss"}
    objects = [o for o in objects if o.token.i not in authors]
    objects = (objects if pact_partners is None else pact_partners) + leaders(ctx, heads, STATES)
    signers = {s.name for s in subjects}
    objects = [o for o in objects if o.name not in signers]  # "signed it together with B": B signed too
    if trig.get("partners_only"):
        _made_with(ctx, tok, subjects, preps)
        return
    if trig.get("jointly"):
        _agreed_jointly(ctx, tok, [s for s in subjects if s.kind in STATES])
    if signers_listed and not things and not objects:
        pact = recent_pact(ctx, tok, sentences=2)  # "Delegates adopted X. The countries that signed include"
        things = [pact] if pact is not None else []
    if objects:  # "signed a security pact with Taiwan": the partner, not an unnamed pact
        things = [t for t in things if ctx.entity(t.token) is not None or not _indefinite(t.token, tok)]
    enacted = _enacted(ctx, tok, trig, subjects, things)
    mutual = _mutual(ctx, tok, trig)
    states = [s for s in subjects if s.kind in STATES]
    if mutual and trig.get("mutual") == "object" and not states:
        # "The two leaders signed a strategic partnership": the states the leaders' titles tie them to
        states = [a for a in (state_of(ctx, s) for s in subjects if s.kind == Kind.PERSON) if a is not None]
    # "concluded a memorandum of understanding (MOU)": the abbreviation names the signing, no party
    allied = [
        o for o in [*objects, *things] if o not in enacted and o.name.lower() not in ctx.tables.words.bilateral_pacts
    ]
    if trig.get("object_kinds"):
        allied = [o for o in allied if o.kind in trig["object_kinds"]]
    if mutual and len(states) == 2:
        # "the two sides signed a joint statement": a pact of two parties, neither named nor described
        # ("a declaration on chips" is), allies them with each other; many that sign a letter back
        # the letter, not each other
        allied = [o for o in allied if ctx.entity(o.token) is not None or not _bare_indefinite(o.token, tok)]
    if not allied and mutual:
        allied = _set_up(ctx, heads)  # "signed a memorandum setting up the X Network": they join it
    for s in states:
        for o in allied:
            emit(ctx, RelType.ALLIED_WITH, s, o, tok, confidence=0.7)
    # "the pact was signed by A, B, C and D": more than two back a pact, not each other
    many_signed = trig.get("mutual") == "object" and len(states) > 2
    if not allied and not enacted and mutual and len(states) >= 2 and not many_signed:
        # "Washington and New Delhi agreed to cooperate": the parties ally with each other
        for a, b in combinations(states, 2):
            emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.6)


def _supplied(ctx: RuleContext, tok: Token) -> None:
    """"Nvidia agreed to supply 18,000 chips to Humain", "would supply Humain with chips": a company
    and the company it supplies are partners in the deal; not chips "supplied by" someone (where
    they came from), nor supplies stopped ("stopped supplying Huawei")."""
    if participle(tok) or tok.head.lemma_.lower() in ctx.tables.words.stopping_verbs:
        return
    suppliers = [s for s in subject_of(ctx, tok, COMPANIES) if s.kind == Kind.ORGANIZATION]
    customers = [
        a
        for c in tok.children
        if c.dep_ in ("dobj", "dative") and ctx.entity(c) is not None
        or c.dep_ == "prep" and c.lower_ in ("to", "for")
        for p in ([c] if c.dep_ != "prep" else pobjs(c))
        for a in args(ctx, p, COMPANIES)
        if a.kind == Kind.ORGANIZATION
    ]
    for s in suppliers:
        for c in customers:
            emit(ctx, RelType.ALLIED_WITH, s, c, tok, confidence=0.6)


def _agreed_jointly(ctx: RuleContext, tok: Token, subjects: list[Arg]) -> None:
    """"Japan agreed with Washington to limit exports": the one agreed with is a partner in what
    follows; "OpenAI, Nvidia and Nscale agreed to develop Stargate UK": those that agree to make or run
    something together are partners (not those that agree to cut tariffs or to pay)."""
    # the parser may hang the infinitive as an adverbial clause: "agreed with Washington in 2023 to limit"
    action = next((c for c in tok.children if c.pos_ == "VERB" and (
        c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    )), None)
    if action is None:
        return
    withs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"]
    partners = [a for c in withs for p in pobjs(c) for a in args(ctx, p, STATES)]
    subjects = _without_homes(ctx, subjects)  # "the Dutch Ministry of ...": the ministry, not the Netherlands
    pairs = [(s, p) for s in subjects for p in partners if p.kind in STATES]
    if not partners and action.lemma_.lower() in ctx.tables.words.joint_action_verbs:
        # named in the sentence: "the two sides" may stand for a pair named stories before
        pairs = list(combinations([s for s in subjects if s.token.sent == tok.sent], 2))
    for a, b in pairs:
        emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.6)


def _signers(ctx: RuleContext, verb: Token, trig: dict[str, Any]) -> tuple[list[Arg], bool]:
    """Who signs, joins or backs: the verb's subjects, those of a split "co-<verb>", or the ones the
    main verb lists ("The countries that signed (the X Accord) include A, B and C"); and whether
    they came from such a list."""
    kinds = trig.get("subject_kinds", ACTORS)
    subjects = subject_of(ctx, verb, kinds)
    if not subjects and trig.get("prefix"):
        subjects = prefixed_subjects(ctx, verb, kinds)
    if subjects:
        return subjects + _alongside(ctx, verb, kinds), False
    if not _signers_listed(ctx, verb):
        return subjects, False
    return object_of(ctx, verb.head.head, STATES), True


def _alongside(ctx: RuleContext, verb: Token, kinds: frozenset[Kind]) -> list[Arg]:
    """Those who sign or join with the subject: "Iran joined BRICS alongside Egypt and Ethiopia",
    "Japan signed it along with South Korea"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "alongside"]
    preps += [g for c in verb.children if c.dep_ in ("prep", "advmod") and c.lower_ in ("along", "together")
              for g in c.children if g.dep_ == "prep" and g.lower_ == "with"]
    return [a for prep in preps for p in pobjs(prep) for a in args(ctx, p, kinds)]


def _enacted(ctx: RuleContext, verb: Token, trig: dict[str, Any], subjects: list[Arg], things: list[Arg]) -> list[Arg]:
    """The laws a signing enacts, each announced by the signers: "signed the CHIPS Act" enacts it,
    named or not; "backed the AI Act" supports a law already named."""
    enacted = [
        t for t in things
        if t.token.lemma_.lower() in ctx.tables.enacted and (ctx.entity(t.token) is None or trig.get("enacts_named"))
    ]
    for s in subjects:
        for o in enacted:
            emit(ctx, RelType.ANNOUNCED, s, o, verb, confidence=0.7)
    return enacted


def _signers_listed(ctx: RuleContext, verb: Token) -> bool:
    """True for a verb in a relative clause of the subject of a listing verb: "the countries that
    signed include A and B", "nations that joined the pact are A and B"."""
    noun = verb.head
    return verb.dep_ == "relcl" and noun.dep_ == "nsubj" and noun.head.lemma_ in ctx.tables.words.listing_verbs


def _joined_things(
    ctx: RuleContext, tok: Token, heads: list[Token], preps: frozenset[str]
) -> tuple[list[Arg], list[Arg] | None]:
    """The pacts, blocs and laws a verb's objects name, and the partners when "it" is a pact named
    before ("signed it": the partners are then only those of the verb's "with"; None otherwise)."""
    things: list[Arg] = []
    partners: list[Arg] | None = None
    for head in heads:
        if head.lower_ in PRONOUNS_THING:
            pact = recent_pact(ctx, head)
            if pact is not None:
                things.append(pact)
                partners = [
                    o
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in preps
                    for p in pobjs(c)
                    for o in args(ctx, p, STATES)
                ]
            continue
        for conj in [head, *head.conjuncts]:
            named = thing(ctx, conj)
            if named is not None and named.generic and conj.lemma_.lower() in ctx.tables.pacts and _definite(conj):
                # "signed a declaration on sharing compute. The pact was signed by ...": the one described
                named = recent_pact(ctx, conj)
            if named is None or named.generic or named.kind not in (Kind.POLICY, Kind.ALLIANCE, Kind.ORGANIZATION):
                continue
            lemma = named.token.lemma_.lower()
            # a named bloc or venture, a pact ("the declaration") or a law or order to enact;
            # not "joined a coalition"
            if ctx.entity(named.token) is not None or lemma in ctx.tables.pacts | ctx.tables.enacted:
                things.append(named)
    return things, partners


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _mutual(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> bool:
    """True when the verb's subjects act together: "Japan and Australia signed a security
    partnership", "the deal was signed by A and B" (not "signed it", a pact), "work together"."""
    if tok.dep_ == "relcl" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "among":
        return False  # "A, B and C are among the countries that signed the treaty": signatories, not partners
    mutual = trig.get("mutual")
    if mutual == "object":
        bilateral = ctx.tables.words.bilateral_pacts
        return any(
            (c.dep_ == "dobj" and c.lower_ not in PRONOUNS_THING)
            or (c.dep_ == "nsubjpass" and c.lemma_.lower() in bilateral)  # not "the declaration was signed by"
            for c in tok.children
        )
    return acting_together(tok, mutual)


def _set_up(ctx: RuleContext, pacts: list[Token]) -> list[Arg]:
    """The named bodies a signed pact sets up: "a memorandum setting up the X Network", "an
    agreement establishing the Y Alliance"."""
    return [
        ctx.arg(ent)
        for pact in pacts
        for verb in pact.subtree
        if verb.dep_ == "acl" and (
            verb.lemma_.lower() in ctx.tables.words.forming_verbs
            or (verb.lemma_ == "set" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children))
        )
        for c in verb.children
        if c.dep_ == "dobj"
        for ent in [ctx.entity(c)]
        if ent is not None and ent.label_ in VENTURES and c.i == ent.root.i
    ]


def _made_with(ctx: RuleContext, tok: Token, subjects: list[Arg], preps: frozenset[str]) -> None:
    """"G42 develops Jais with Cerebras": the maker allies with whom it makes the thing, not with the
    thing; "set up MGX with G42 and Mubadala as founding partners": those partners join the thing."""
    # the parser hangs "with" on the verb, its object or a place after it ("a plant in Gujarat with X")
    withs = [t for t in tok.subtree if t.dep_ == "prep" and t.lower_ in preps and clause_verb(t) == tok]
    for prep in withs:
        for pobj in pobjs(prep):
            partners = [a for a in args(ctx, pobj, STATES) if a.kind in STATES]
            after = prep.right_edge.i + 1
            if any(t.lower_ == "as" for t in prep.subtree) or (after < len(ctx.doc) and ctx.doc[after].lower_ == "as"):
                made = [a for c in tok.children if c.dep_ == "dobj" for a in args(ctx, c, STATES)]
                pairs = [(p, m) for p in partners for m in made]
            else:
                pairs = [(s, p) for s in subjects if s.kind in STATES for p in partners]
            for a, b in pairs:
                emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.7)


def _allied_heads(ctx: RuleContext, tok: Token, preps: frozenset[str]) -> list[Token]:
    """The nouns naming what a verb's subjects join, sign or back: its object, the objects of its
    `preps`, its passive subject ("the declaration was backed by X", which the parser may hang on the
    auxiliary), or the noun a participle modifies ("a partnership backed by X")."""
    heads = [c for c in tok.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in preps)]
    heads = [g for h in heads for g in ([h] if h.dep_ == "dobj" else [p for p in pobjs(h)])]
    heads += [
        g
        for c in [tok, *(c for c in tok.children if c.dep_ == "auxpass")]
        for g in c.children
        if g.dep_ == "nsubjpass" or (c.i != tok.i and g.dep_ == "nsubj")
    ]
    passive_clause = tok.dep_ in ("advcl", "conj") and any(c.dep_ == "auxpass" for c in tok.children)
    if (tok.dep_ == "acomp" or passive_clause) and any(c.dep_ == "agent" for c in tok.children) and not heads:
        # "the declaration adopted there was endorsed by X", parsed as "the declaration adopted"
        heads += [g for g in tok.head.children if g.dep_ == "nsubj"]
    if not heads and participle(tok):
        heads = [tok.head]  # "an executive order signed by Joe Biden", "a venture formed by X and Y"
        if tok.head.dep_ == "appos" and ctx.entity(tok.head.head) is not None:
            heads = [tok.head.head]  # "Current AI, a partnership backed by France and Kenya"
    # "the commitments, which 17 companies signed", "the declaration, which was backed by 60
    # countries": what the relative pronoun stands for
    return [tok.head if h.tag_ == "WDT" and tok.dep_ == "relcl" else h for h in heads]


def _indefinite(tok: Token, verb: Token) -> bool:
    """True when `tok` is the verb's own object with an indefinite article ("signed a pact")."""
    return tok.head.i == verb.i and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def _bare_indefinite(tok: Token, verb: Token) -> bool:
    """True when `tok` is the verb's indefinite object with no complement: "signed a security pact"."""
    return _indefinite(tok, verb) and not any(c.dep_ == "prep" for c in tok.children)


def _member_noun(ctx: RuleContext, tok: Token, lemma: str) -> None:
    """A member noun: "allies such as Japan", "X and Y are members of Z", "among the signatories"; not
    a partner in trade ("China is ASEAN's largest trading partner")."""
    if any(c.dep_ in ("compound", "amod") and c.lower_ in ctx.tables.words.trade_partner_words for c in tok.children):
        return
    _fellow_members(ctx, tok)
    if _as_partners(ctx, tok, lemma):
        return
    noun = tok
    if tok.dep_ in ("compound", "nmod") and tok.head.lower_ in ctx.tables.words.group_nouns:
        tok = tok.head  # "GPAI member countries, including A and B": the group noun holds the list
    if tok.dep_ == "conj" and tok.head.dep_ == "attr" and not any(c.dep_ == "poss" for c in tok.children):
        tok = tok.head  # "X will be Y's anchor customer and cloud partner": the first noun holds the clause
    members = _listed_members(ctx, tok)
    # "18 close allies including Japan, Britain and Taiwan": someone's allies, not each other's
    from_list = bool(members)
    partners, more = _groups_of(ctx, tok, lemma)
    if not partners and noun is not tok:
        partners, _ = _groups_of(ctx, noun, lemma)
    members += more
    if not members:
        members, partners = _members_around(ctx, tok, lemma, partners)
    if not partners:
        partners = _partners_around(ctx, tok, lemma)
    # partners "in the project" are partners of the project, not of each other; partners "in
    # technology" and allies "in the chip race" are of each other
    of_something = lemma == "partner" and any(
        c.dep_ == "prep" and any(d.lower_ == "the" for p in pobjs(c) for d in p.children) for c in tok.children
    )
    # "the United States and Japan are close allies": allies of each other; companies listed as
    # "the key technology partners" are a venture's partners, not each other's
    states_only = all(m.kind in (Kind.COUNTRY, Kind.ALLIANCE) for m in members)
    mutual = lemma == "ally" or (lemma == "partner" and states_only)
    # "among the partners are A, B and C", "partners include A and B": partners of something the
    # sentence leaves unnamed, not of each other
    listed = tok.head.lower_ == "among" or (tok.dep_ == "nsubj" and tok.head.lemma_ in ctx.tables.words.listing_verbs)
    # "a joint position with allies such as Japan and Korea": someone's allies, not each other's
    someones = tok.dep_ == "pobj" and tok.head.lower_ == "with"
    mutual = mutual and not listed and not someones and not from_list
    if not partners and tok.tag_ == "NNS" and not of_something and mutual:
        for a, b in combinations(members, 2):
            emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.65)
    if listed:
        partners = [p for p in partners if p not in members]
    # signing and founding are events with a date ("launched X. Founding members are A and B": as
    # the launch); being a member or a partner, or having been a founder, is a standing fact
    founding = listed and any(c.dep_ == "amod" and c.lemma_.lower() in ("found", "founding") for c in tok.children)
    for m in members:
        for p in partners:
            emit(ctx, RelType.ALLIED_WITH, m, p, tok, confidence=0.7, dated=lemma == "signatory" or founding)


def _as_partners(ctx: RuleContext, tok: Token, lemma: str) -> bool:
    """Partners named by "with A and B as partners" are the clause subject's: "Mistral AI will build a
    campus with MGX and Bpifrance as partners". Returns True when `tok` is such a noun."""
    holder = tok.head.head if lemma == "partner" and tok.dep_ == "pobj" and tok.head.lower_ == "as" else None
    if holder is None or holder.dep_ != "pobj" or holder.head.lower_ != "with":
        return False
    for partner in args(ctx, holder, STATES):
        for owner in subject_of(ctx, holder.head.head, STATES):
            emit(ctx, RelType.ALLIED_WITH, owner, partner, tok, confidence=0.65)
    return True


def _fellow_members(ctx: RuleContext, tok: Token) -> None:
    """Whoever has "BRICS partners" or "Quad allies" is in that bloc: "Pretoria has leaned towards its
    BRICS partners"."""
    blocs = [e for c in tok.children if c.dep_ in ("compound", "nmod") and (e := ctx.entity(c)) is not None
             and e.label_ == Kind.ALLIANCE]
    owners = [a for c in tok.children if c.dep_ == "poss" for a in args(ctx, c, STATES)]
    for owner in owners:
        for bloc in blocs:
            emit(ctx, RelType.ALLIED_WITH, owner, ctx.arg(bloc), tok, confidence=0.65, dated=False)


def _refers_to_group(ctx: RuleContext, possessor: Token) -> bool:
    """True for "its" and for a definite noun that repeats the last word of the group named before
    ("joined the Africa AI Council. The council's members include ...")."""
    if possessor.lower_ in PRONOUNS_THING:
        return True
    named = recent_group(ctx, possessor) if possessor.pos_ == "NOUN" and _definite(possessor) else None
    return named is not None and named.name.split()[-1].lower() == possessor.lower_


def _listed_members(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The members a member noun lists: "members including A and B", "allies such as Japan", "a
    member of the Quad, alongside A, B and C", or its apposition."""
    members: list[Arg] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "like", "as", "alongside"):
            for pobj in pobjs(child):
                members.extend(args(ctx, pobj, STATES))
        if child.dep_ == "amod" and child.lower_ == "such":
            for prep in child.children:
                for pobj in pobjs(prep):
                    members.extend(args(ctx, pobj, STATES))
        if child.dep_ == "appos":
            members.extend(args(ctx, child, STATES))
    return members


def _groups_of(ctx: RuleContext, tok: Token, lemma: str) -> tuple[list[Arg], list[Arg]]:
    """What a member noun is of, and the members listed there: "Japan's allies", "members of the
    Quad", "signatories to the statement, including X and Y", "the biggest investor in Mistral"."""
    partners: list[Arg] = []
    members: list[Arg] = []
    for child in tok.children:
        if child.dep_ == "poss":  # "its members" are a bloc's or a body's, never a country's
            # "GPAI was founded in 2020. Its members include A, B and C": the group named last, before
            # any company the pronoun might otherwise stand for
            named = recent_group(ctx, tok) if _refers_to_group(ctx, child) and lemma == "member" else None
            if named is not None:
                partners.append(named)
            else:
                partners.extend(args(ctx, child, STATES - {Kind.COUNTRY} if lemma == "member" else STATES))
        bloc = ctx.entity(child) if child.dep_ in ("compound", "nmod") and lemma == "member" else None
        if bloc is not None and bloc.label_ in (Kind.ALLIANCE, Kind.POLICY):
            partners.append(ctx.arg(bloc))  # "BRICS members include A, B and C"
        if child.dep_ == "prep" and child.lower_ in ("of", "to"):
            for pobj in pobjs(child):
                named_bloc = head_entity(
                    ctx,
                    pobj,
                    frozenset({Kind.ALLIANCE, Kind.POLICY} | ({Kind.COUNTRY} if lemma != "member" else set())
                              | ({Kind.PERSON} if lemma == "ally" else set())),
                )
                group = ctx.entity(pobj)
                if named_bloc is None and lemma == "member" and group is not None and ctx.is_group(group):
                    named_bloc = ctx.arg(group)  # "a founding member of the Open Compute Alliance"
                if named_bloc is not None:
                    partners.append(named_bloc)
                elif lemma == "signatory":
                    named = thing(ctx, pobj)
                    if named is not None:
                        partners.append(named)
                for grand in pobj.children:
                    if grand.dep_ == "prep" and grand.lower_ in ("including", "like"):
                        for member in pobjs(grand):
                            members.extend(args(ctx, member, STATES))
    if lemma in ctx.tables.words.stake_nouns:
        partners += [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for p in pobjs(c)
                     for a in args(ctx, p, COMPANIES)]
    if lemma == "partner":  # "partners in the Stargate project", "partners in the Quad"
        ventures = [head_entity(ctx, p, VENTURES) for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                    for p in pobjs(c)]
        # "the Stargate UAE campus, in which OpenAI, Nvidia and G42 are partners": the clause's noun
        clause = tok.head if tok.dep_ == "attr" and tok.head.dep_ == "relcl" else None
        if clause is not None and any(c.dep_ == "prep" and c.lower_ == "in" and any(p.tag_ == "WDT" for p in pobjs(c))
                                      for c in clause.children):
            ventures.append(head_entity(ctx, clause.head, VENTURES))
        partners += [v for v in ventures if v is not None]
    return partners, members


def _members_around(
    ctx: RuleContext, tok: Token, lemma: str, partners: list[Arg]
) -> tuple[list[Arg], list[Arg]]:
    """The members the clause around a member noun names, and its group when the clause gives it."""
    members: list[Arg] = []
    if tok.dep_ == "attr":
        # "X and Y are members of Z"; "X became a member of Z alongside Y"
        members = subject_of(ctx, tok.head, STATES)
        members += _alongside(ctx, tok.head, STATES) if members else []
    listing = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ctx.tables.words.list_nouns:
        listing = tok.head.head  # "the list of signatories also includes A and B"
    if not members and listing.dep_ == "nsubj" and listing.head.lemma_ in ctx.tables.words.listing_verbs:
        # "its members include A, B and C", "the signatories are A and B"
        members = object_of(ctx, listing.head, STATES)
        if lemma == "signatory" and any(c.dep_ == "poss" and c.lower_ in PRONOUNS_THING for c in tok.children):
            pact = recent_pact(ctx, tok, sentences=None)  # "its signatories": the pact's
            partners = [pact] if pact is not None else partners
    if not members and tok.dep_ == "appos":
        # "France and Germany, longtime partners, ..."
        head = tok.head
        named = named_before(ctx, tok)
        if ctx.entity(head) is None and named is not None:
            # "curbs by Japan and the Netherlands, close US allies", hung on "curbs": the names before it
            head = named.root
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
        # "Javier Milei, a close ally of Donald Trump": a person is someone's ally too
        members = args(ctx, head, STATES | ({Kind.PERSON} if lemma == "ally" else set()))
    if not members and tok.dep_ == "pobj" and tok.head.lower_ == "as":
        # "builds the fab with Taiwan's Powerchip as its technology partner"
        verb = tok.head.head
        near = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "the plant with X"
        for prep in (p for n in near for p in n.children):
            if prep.dep_ == "prep" and prep.lower_ == "with":
                members.extend(a for p in pobjs(prep) for a in args(ctx, p, STATES))
        if not members and lemma == "member":
            members = subject_of(ctx, verb, STATES)  # "China and Brazil, as founding members of BRICS, back"
        if not partners and lemma == "partner":  # the parse may hang "in the X project" on the verb
            partners = [v for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for p in pobjs(c)
                        if (v := head_entity(ctx, p, VENTURES)) is not None]
        if not members and partners:  # "A and B were named as partners in the X project"
            members = [a for c in verb.children if c.dep_ == "nsubjpass" for a in args(ctx, c, STATES)]
    if not members and tok.dep_ in ("dobj", "oprd") and lemma == "ally":
        # "Biden designated Kenya a major non-NATO ally": the verb's other object is the ally
        members = [a for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i for a in args(ctx, c, STATES)]
    if not members and tok.dep_ == "pobj" and tok.head.lower_ == "among":
        # "Canada, Japan and Germany were among the signatories, as was the EU"
        verb = tok.head.head
        members = subject_of(ctx, verb, STATES)
        for clause in verb.children:
            if clause.dep_ == "advcl" and clause.lemma_ == "be" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in clause.children
            ):
                members.extend(subject_of(ctx, clause, STATES))
    return members, partners


def _partners_around(ctx: RuleContext, tok: Token, lemma: str) -> list[Arg]:
    """The group a member noun belongs to when it names none itself: the pact signed before ("among
    the signatories"), the state before "ally" ("Japan is an important US ally"), or the subject of
    the clause ("X and Japan became partners")."""
    if lemma == "signatory":
        pact = recent_pact(ctx, tok, sentences=None)
        return [pact] if pact is not None else []
    bare = not any(c.dep_ in ("poss", "compound", "nmod", "prep") for c in tok.children)
    if lemma == "member" and bare and tok.dep_ == "nsubj" and tok.head.lemma_ in ctx.tables.words.listing_verbs:
        # "X launched the Open Compute Alliance. Founding members are A, B and C"
        group = recent_group(ctx, tok)
        return [group] if group is not None else []
    partners: list[Arg] = []
    if lemma in ("ally", "partner"):  # "an important US ally", "a key U.S. partner", "AMD partners"
        partners = [a for c in tok.children if c.dep_ in ("compound", "nmod", "amod") for a in args(ctx, c, STATES)
                    if a.kind == Kind.COUNTRY or (lemma == "partner" and c.dep_ == "compound")]
    if not partners and lemma in ("ally", "partner") and tok.dep_ in ("dobj", "pobj", "nsubj"):
        anchor: Token | None = tok.head if tok.dep_ != "pobj" else tok.head.head
        if tok.dep_ == "nsubj" and anchor is not None:
            # "AMD said partners including Dell and Lenovo would sell it": the speaker's partners,
            # never the partners' own subject (themselves)
            anchor = anchor.head if anchor.dep_ == "ccomp" else None
        partners = [s for s in subject_of(ctx, anchor, STATES) if s.kind in STATES] if anchor is not None else []
    if not partners and lemma == "ally" and tok.dep_ in ("dobj", "oprd"):
        # "Biden designated Kenya an ally": the designating leader's state
        leaders = [s for s in subject_of(ctx, tok.head, ACTORS) if s.kind == Kind.PERSON]
        partners = [a for a in (state_of(ctx, s) for s in leaders) if a is not None]
    return partners


def _cooperation_noun(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """A noun of cooperation: "cooperation with Japan on AUKUS", "a partnership with X", "a pact
    between X and Y", "the US-UK deal", "a stake in X"; "X and Y announced a partnership"."""
    preps = frozenset(trig.get("preps", ["with"]))
    others: list[Arg] = []
    topics: list[Arg] = []
    between = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "between" for p in pobjs(c)
               for a in args(ctx, p, STATES)]
    between = between or _hyphenated_pair(ctx, tok) or _pair_of(ctx, tok)
    for a, b in combinations(between, 2):
        emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.6)
    # "took a minority stake in G42": the parse may hang what the stake is in on the verb
    # "OpenAI, in which Microsoft holds a stake": or open the relative clause
    verb_preps = [
        c for c in tok.head.children
        if c.lower_ == "in" and (c.i > tok.i or any(p.tag_ == "WDT" for p in pobjs(c)))
    ] if tok.dep_ == "dobj" else []
    for child in [*tok.children, *verb_preps]:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in pobjs(child):
                others.extend(args(ctx, pobj, STATES))
            listed = surface_list(ctx, child.i + 1, tok.sent.end, STATES) if child.i > tok.i else []
            if len(listed) > len(others):  # "with Japan's Renesas and Thailand's Stars": a bad parse
                others = listed
        if child.dep_ == "prep" and child.lower_ == "on":
            for pobj in pobjs(child):
                ent = ctx.entity(pobj)
                if ent is not None and ent.label_ == Kind.ALLIANCE:
                    topics.append(ctx.arg(ent))
                else:
                    for sub in pobj.subtree:
                        e = ctx.entity(sub)
                        if e is not None and e.label_ == Kind.ALLIANCE:
                            topics.append(ctx.arg(e))
                            break
    others = _without_homes(ctx, others)
    if not others and _upgraded_to(ctx, tok):
        return
    if not others:
        formed = tok.dep_ == "dobj" and tok.head.lemma_ in ctx.tables.words.forming_verbs
        if not between and formed and tok.tag_ != "NNS":
            # "Microsoft and OpenAI announced a partnership": the parties ally with each other; those
            # that "have all announced investments" each made their own
            parties = [s for s in subject_of(ctx, tok.head, STATES) if s.kind in STATES]
            for a, b in combinations(parties, 2):
                emit(ctx, RelType.ALLIED_WITH, a, b, tok, confidence=0.6)
        return
    if topics:
        for o in others:
            for t in topics:
                emit(ctx, RelType.ALLIED_WITH, o, t, tok, confidence=0.6)
        return
    # "a market with investments from Microsoft and Google": a country that draws them is no partner
    holders = [s for s in _cooperating(ctx, tok) if s.kind in trig.get("subject_kinds", STATES)]
    for s in holders:
        for o in others:
            emit(ctx, RelType.ALLIED_WITH, s, o, tok, confidence=0.6)


def _pair_of(ctx: RuleContext, noun: Token) -> list[Arg]:
    """The parties an "of" phrase lists: "a joint venture of HCL and Foxconn" (one owner is no pair)."""
    parties = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)
               for a in args(ctx, p, STATES)]
    return parties if len(parties) > 1 else []


def _cooperating(ctx: RuleContext, tok: Token) -> list[Arg]:
    """Who cooperates through a noun of cooperation: the subject of the verb it hangs on, else its
    owner ("Amazon's partnership with Anthropic", "the joint venture of TSMC with Bosch")."""
    head = tok
    for _ in range(3):
        if head.dep_ in ("dobj", "pobj", "prep") and head.head.i != head.i:
            head = head.head
    if head.lemma_.lower() in ctx.tables.words.parting_verbs:
        # "sold a stake in Altera to Silver Lake": the buyer holds it now; the seller, or whoever
        # "divested its stakes", no longer does
        return [a for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for p in pobjs(c)
                for a in args(ctx, p, STATES)]
    subjects = subject_of(ctx, head, STATES) if head.i != tok.i else []
    if subjects:
        return subjects
    owners = [c for c in tok.children if c.dep_ == "poss"]
    owners += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
    return [a for c in owners for a in args(ctx, c, STATES)]


def _without_homes(ctx: RuleContext, partners: list[Arg]) -> list[Arg]:
    """The partners less the countries that only say where companies are from: where a named one is
    ("IBM of the United States"), or unnamed ones ("agreements with two American chip companies")."""
    orgs = [a for a in partners if a.kind == Kind.ORGANIZATION]
    kinds = ctx.tables.words.company_kinds

    def within(tok: Token, org: Token) -> bool:
        # "IBM of the United States", not "Foxconn and Taiwan's government": a conjunct is a partner
        listed = [t.i for c in org.conjuncts for t in c.subtree]
        return org.i != tok.i and org.left_edge.i <= tok.i <= org.right_edge.i and tok.i not in listed

    def home(a: Arg) -> bool:
        tok = a.token
        named = any(within(tok, o.token) for o in orgs)
        return named or (tok.dep_ in ("amod", "compound", "nmod") and tok.head.lemma_.lower() in kinds)

    return [a for a in partners if a.kind != Kind.COUNTRY or not home(a)]


def _upgraded_to(ctx: RuleContext, noun: Token) -> bool:
    """Ties raised to a partnership: "the two countries upgraded their relationship to a strategic
    partnership", "Biden upgraded ties with Hanoi to a comprehensive strategic partnership". True when
    the noun is such a partnership (its parties, if named, are allied)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("to", "into"):
        return False
    verb = prep.head
    if verb.lemma_.lower() not in ctx.tables.words.upgrading_verbs:
        return False
    # "Biden upgraded ties with Hanoi": the state a leader speaks for
    subjects = [
        state_of(ctx, s) or s if s.kind == Kind.PERSON else s for s in subject_of(ctx, verb, STATES | {Kind.PERSON})
    ]
    partners = [
        a for ties in verb.children if ties.dep_ == "dobj"
        for p in ties.children if p.dep_ == "prep" and p.lower_ == "with"
        for q in pobjs(p) for a in args(ctx, q, STATES)
    ]
    pairs = [(s, o) for s in subjects for o in partners] if partners else list(combinations(subjects, 2))
    for a, b in pairs:
        emit(ctx, RelType.ALLIED_WITH, a, b, noun, confidence=0.6)
    return True


def _hyphenated_pair(ctx: RuleContext, noun: Token) -> list[Arg]:
    """The two states written before a cooperation noun, "the US-UK deal", "a new India-EU pact"
    (read from the surface: the small model rarely parses them)."""
    doc = ctx.doc
    i = noun.i - 1
    while i > 0 and doc[i].pos_ in ("ADJ", "NOUN") and ctx.entity(doc[i]) is None and noun.i - i < 4:
        i -= 1
    second = ctx.entity(doc[i]) if i >= 0 else None
    if second is None or second.label_ not in STATES or second.start < 2 or doc[second.start - 1].text != "-":
        return []
    first = ctx.entity(doc[second.start - 2])
    if first is None or first.label_ not in STATES:
        return []
    return [ctx.arg(first), ctx.arg(second)]
