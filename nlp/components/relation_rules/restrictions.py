"""RESTRICTED: sanctions, export controls, tariffs and blacklistings, from verbs and from nouns."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from ...records import Kind, RelType
from ..hedging import token_reverses
from .arguments import args, hyphenated_state, named_after
from .clauses import object_of, participle, subject_of
from .context import COMPANIES, COUNTRIES, STATES, Arg, RuleContext, pobjs
from .emit import emit
from .surface import misparsed
from .tiers import placed_in_tier

# what a restriction's target may be, a company the model called a place or a person included
# (see restricted_actors)
TARGETS = STATES | {Kind.LOCATION, Kind.PERSON}


def restricted(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """RESTRICTED from a trigger word: a restriction noun, an order to stop ("told X to halt ..."), a
    listing ("added X to the Entity List"), or a verb of its own ("sanctioned X")."""
    if _urged(ctx, tok):
        return  # "Rubio urged the administration to add ChangXin to the list": a call, not a restriction
    if trig.get("tier"):
        placed_in_tier(ctx, tok)
    elif trig.get("on_list"):
        _on_list(ctx, tok)
    elif trig["pos"] == "NOUN":
        _restriction_noun(ctx, tok, trig)
    elif (restrictor := hyphenated_state(ctx, tok)) is not None:
        if not trig.get("needs_list"):  # "Hong Kong-listed SMIC" trades there; "US-blacklisted" is barred
            _restricted_by_hyphen(ctx, tok, restrictor)
    elif _kept_from(tok):
        _restricted_by_verb(ctx, tok, trig)  # "will stop Nvidia from selling the H800": Nvidia is restricted
    elif trig.get("needs_from"):
        return
    elif trig.get("needs_trade"):
        _halted_trade(ctx, tok)
    elif trig.get("needs_licence"):
        _revoked_licence(ctx, tok)
    elif trig.get("needs_approval"):
        _approval_needed(ctx, tok)
    elif trig.get("needs_xcomp"):
        _restricted_with_xcomp(ctx, tok, trig)
    elif trig.get("needs_list"):
        _listed(ctx, tok)
    else:
        _restricted_by_verb(ctx, tok, trig)


def _urged(ctx: RuleContext, tok: Token) -> bool:
    """True for a trigger in what a verb of urging calls for: "urged X to add Y to the list", "pressed
    the region to stop re-exports to Russia" (the trigger or the verb that governs it)."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    # the parser may read "pressed the region to stop ..." as a purpose (advcl)
    return verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in ctx.tables.words.urging_verbs


def _kept_from(verb: Token) -> bool:
    """True for "stop/prevent X from doing": an object, and a "from" with a verb of its own."""
    froms = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"]
    return any(c.dep_ == "dobj" for c in verb.children) and any(
        g.dep_ == "pcomp" and g.pos_ == "VERB" for f in froms for g in f.children
    )


def _restriction_noun(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """A restriction noun: its modifiers ("U.S. export controls") or the subject of its verb restrict."""
    if trig.get("needs_modifier") and not _modified_by(tok, trig["needs_modifier"]):
        return
    holder = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if holder is not None and _measures(ctx, holder) == tok:
        tok = holder  # "imposed a package of sanctions on Russia": the package stands where the verb put it
    restrictors: list[Arg] = []
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            restrictors.extend(args(ctx, child, STATES))
    imposed = tok.dep_ != "dobj" or _imposes(ctx, tok.head)
    if not restrictors and tok.dep_ in ("dobj", "nsubj", "attr") and imposed:
        # "X imposed curbs": X restricts; "X criticised the curbs", "helped draft the controls" do not
        restrictors = [s for s in subject_of(ctx, tok.head) if s.kind in STATES | {Kind.PERSON}]
        reach = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ctx.tables.words.reaching_verbs
        if not restrictors and reach and ctx.last_restrictor is not None and _definite(tok):
            # "X imposed new controls on Monday. The restrictions extend to A, B and C": X's
            restrictors = [ctx.last_restrictor]
    if not restrictors and tok.dep_ == "dobj":
        # "the new rule from the Commerce Department expands the curbs to X": the rule's issuer
        rules = [c for c in tok.head.children if c.dep_ == "nsubj" and c.lemma_.lower() in ctx.tables.heads]
        restrictors = [
            a for r in rules for c in r.children
            if c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("from", "by", "of"))
            for t in ([c] if c.dep_ != "prep" else pobjs(c)) for a in args(ctx, t, STATES)
        ]
    if not restrictors and tok.dep_ == "ROOT" and any(c.dep_ == "amod" and misparsed(c) for c in tok.children):
        # "The United States further tightened controls on ...", read with the verb as an adjective
        if any(c.dep_ == "amod" and token_reverses(c) for c in tok.children):
            return  # "eased controls"
        restrictors = [a for c in tok.children if c.dep_ == "nsubj" for a in args(ctx, c, STATES | {Kind.PERSON})]
    said = tok.head.head.lemma_.lower() in ctx.tables.words.say_verbs
    if not restrictors and tok.dep_ in ("nsubj", "dobj") and tok.head.dep_ == "ccomp" and said:
        # "the restrictions extend to X, the Commerce Department said", "the Dutch government said it
        # would expand export restrictions": the speaker's ("the lesson of X is that controls ..." names
        # no one who restricts)
        restrictors = [s for s in subject_of(ctx, tok.head.head) if s.kind in STATES]
    if tok.dep_ == "pobj" and tok.head.lower_ == "under":
        _under_restriction(ctx, tok, [r for r in restrictors if r is not None])
        return
    if restrictors and tok.dep_ == "dobj" and imposed:
        ctx.last_restrictor = restrictors[0]  # "X imposed new curbs": whose "the restrictions" are later
    noun_restriction(ctx, tok, [r for r in restrictors if r is not None])


def _imposes(ctx: RuleContext, verb: Token) -> bool:
    """True for a verb whose subject puts in place the restriction that is its object ("imposed")."""
    return verb.lemma_.lower() in ctx.tables.words.imposing_verbs


def _modified_by(noun: Token, word: str) -> bool:
    """True when `word` qualifies the noun before it ("export controls") or after it ("controls on the
    export of chips", "controls on exports")."""
    return any(
        c.lower_ == word
        or (c.dep_ == "prep" and c.lower_ in ("on", "over") and any(p.lemma_ == word for p in pobjs(c)))
        for c in noun.children
    )


def _definite(noun: Token) -> bool:
    """True for a noun that refers back to one named before ("the restrictions", "these curbs")."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in noun.children)


def _under_restriction(ctx: RuleContext, noun: Token, restrictors: list[Arg]) -> None:
    """Being under someone's restriction: "SMIC is under American curbs", "Huawei, which has been
    under U.S. export controls", "Naura, the equipment maker already under US sanctions": the state
    named on the restriction restricts what is under it."""
    attached = noun.head.head
    if attached.pos_ in ("VERB", "AUX"):
        targets = subject_of(ctx, attached, TARGETS)
    else:
        # "X, the (Wuxi) equipment maker already under US sanctions": up the appositions to X
        named = ctx.entity(attached)
        while (named is None or named.label_ not in STATES) and attached.dep_ == "appos":
            attached = attached.head
            named = ctx.entity(attached)
        targets = [ctx.arg(named)] if named is not None and named.label_ in STATES else []
    _restricting(ctx, restrictors, restricted_actors(ctx, targets), noun, None, 0.65)


def _measure_makers(ctx: RuleContext, verb: Token) -> list[Arg]:
    """Who made the measure that is a restricting verb's subject: "The rules, announced by the Commerce
    Department on Oct. 7, restrict exports to China" (the agent of its participle, or its possessor)."""
    nouns = ctx.tables.words.restriction_nouns
    makers: list[Token] = []
    for measure in (c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in nouns):
        for child in measure.children:
            if child.dep_ == "poss":
                makers.append(child)
            if child.dep_ == "acl":
                makers.extend(p for agent in child.children if agent.dep_ == "agent" for p in pobjs(agent))
    return [a for maker in makers for a in args(ctx, maker, STATES)]


def _restricted_with_xcomp(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """An order to stop: "told its firms to halt purchases" restricts the firms; "told personnel not to
    use the DeepSeek app" restricts what is not to be used."""
    stops = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_ in trig["needs_xcomp"]]
    shunned = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_ in ctx.tables.words.shunned_uses
               and any(g.dep_ == "neg" for g in c.children)]
    # "ordering Nvidia and AMD to obtain licences before selling": a licence to seek is a restriction
    # "told Nvidia that its chip would need a licence": a licence needed is one to seek
    licensed = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and any(
        g.lemma_.lower() in ctx.tables.words.licences
        and (g.head.i == c.i and g.dep_ == "dobj" or g.dep_ == "pobj" and g.head.head.i == c.i)  # "apply for licences"
        for g in c.subtree)]
    if not stops and not shunned and not licensed:
        return
    subjects = [s for s in subject_of(ctx, tok) if s.kind in STATES]
    # "told operators to stop buying from Huawei", "asked Apple to remove DeepSeek": the supplier or
    # the thing removed; else those told ("told its firms to halt purchases", "Intel was ordered to
    # stop shipping", by whoever restricted last when the text names no one)
    told = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not subjects and ctx.last_restrictor is not None and any(c.dep_ == "nsubjpass" for c in told):
        subjects = [ctx.last_restrictor]
    # "ordered Nexperia to sell its stake": a forced sale restricts the seller, not what it owns
    divests = bool(stops) and all(c.lemma_ in ctx.tables.words.divesting_verbs for c in stops)
    # "ordered DeepSeek to stop processing the data of Italian users": the restrictor's own people are
    # what the order protects, not whom it restricts
    own = {s.name for s in subjects}
    targets = [] if divests else [t for t in _stopped_dealings(ctx, tok) if t.name not in own]
    if not targets and divests:
        # "ordered Nexperia to sell": only a company sells, whatever the small model called it
        targets = restricted_actors(ctx, [a for child in told for a in args(ctx, child, TARGETS)])
    if not targets:
        targets = [a for child in told for a in args(ctx, child, STATES)]
    for s in subjects:
        for t in targets:
            emit(ctx, RelType.RESTRICTED, s, t, tok, confidence=0.65)


def _stopped_dealings(ctx: RuleContext, verb: Token) -> list[Arg]:
    """The organisations and states named as the object or the "from" of the verbs an order governs
    ("stop buying equipment from X", "remove X from app stores", "from using X")."""
    found: list[Arg] = []
    inner = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "pcomp")]
    inner += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
              if p.dep_ == "pcomp"]
    seen: set[int] = set()
    while inner:
        node = inner.pop()
        if node.i in seen:
            continue
        seen.add(node.i)
        for child in node.children:
            if child.dep_ == "dobj":
                # "buying products made by Micron": the maker of what is no longer bought
                named = args(ctx, child, STATES) or [
                    a for c in child.children if participle(c) for g in c.children if g.dep_ == "agent"
                    for p in pobjs(g) for a in args(ctx, p, STATES)
                ]
                # "stop using Brazilian users' posts": the owners' nationality is no party dealt with
                named = [a for a in named if not (a.token.dep_ == "amod" and a.token.head.dep_ == "poss")]
                # "avoid buying Nvidia's H20 chips": the maker of a named product
                makers = [ctx.entity(c) for c in child.children if c.dep_ == "poss"]
                found.extend(named or [ctx.arg(m) for m in makers if m is not None and m.label_ in STATES])
            if child.dep_ == "prep" and child.lower_ == "from":
                found.extend(a for p in pobjs(child) for a in args(ctx, p, STATES))
            if child.dep_ in ("xcomp", "pcomp"):
                inner.append(child)
    return found


def _on_list(ctx: RuleContext, tok: Token) -> None:
    """Being on a restriction list: "Huawei has been on the US Entity List since 2019" (its keeper,
    or the state named on it, restricts the subject); kept there: "Washington has kept NSO Group on its
    Entity List" (the object)."""
    prep = tok.head if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "onto") else None
    verb = prep.head if prep is not None else None
    kept = verb is not None and verb.lemma_ == "keep" and any(c.dep_ == "dobj" for c in verb.children)
    if verb is None or (verb.lemma_ not in ("be", "remain", "stay") and not kept):
        return
    if tok.lemma_.lower() not in ctx.tables.words.list_nouns:
        return
    keepers_named = subject_of(ctx, verb, STATES) if kept else []
    keeper = keepers_named[0] if keepers_named else list_owner(ctx, tok)
    # the state may qualify a modifier rather than the noun: "a US restricted trade list"
    keepers = [keeper] if keeper is not None else [
        ctx.arg(ent)
        for t in tok.subtree
        if t.i < tok.i and (ent := ctx.entity(t)) is not None and t.i == ent.root.i and ent.label_ in STATES
    ]
    listed = restricted_actors(ctx, object_of(ctx, verb, TARGETS) if kept else subject_of(ctx, verb, TARGETS))
    for k in keepers:
        for t in listed:
            emit(ctx, RelType.RESTRICTED, k, t, verb, item=ctx.doc[tok.left_edge.i : tok.i + 1].text, confidence=0.65)


def _halted_trade(ctx: RuleContext, tok: Token) -> None:
    """A trade stopped: "TSMC halted shipments to Sophgo", "suspended sales to Russia": whoever stops
    it restricts the destination."""
    ordered = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ctx.tables.words.ordering_verbs
    if ordered and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children):
        return  # "AMD was ordered to stop selling to China": the order restricts AMD, AMD restricts no one
    subjects = subject_of(ctx, tok, STATES | {Kind.PERSON})
    trades = _objects_among(tok, ctx.tables.words.trade_nouns)
    targets = [t for trade in trades for t in destinations(ctx, trade, places=True)
               or destinations(ctx, tok, ("to",), places=True)]
    if not targets:  # "suspended Meta's use of Brazilian users' data": the one whose use stops
        targets = restricted_actors(ctx, [a for trade in trades if trade.lemma_.lower() == "use"
                                          for c in trade.children if c.dep_ == "poss" for a in args(ctx, c, STATES)])
    if not targets:  # "suspended new downloads of the DeepSeek app": whose product is stopped
        targets = [a for trade in trades if trade.lemma_.lower() in ("download", "use") for c in trade.children
                   if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c) for a in args(ctx, p, STATES)]
    # "stopped supplying Huawei", "halted selling chips to China": the customer of the trade verb
    trade_verbs = ctx.tables.words.trade_verbs
    dealings = [c for c in tok.children if c.dep_ in ("xcomp", "pcomp") and c.lemma_.lower() in trade_verbs]
    for verb in dealings:
        # a named object is the customer ("supplying Huawei"); goods ("shipping its machines") are not
        customers = [
            a for c in verb.children
            if c.dep_ == "dative" or (c.dep_ == "dobj" and ctx.entity(c) is not None) for a in args(ctx, c, TARGETS)
        ]
        goods = [c for c in verb.children if c.dep_ == "dobj"]
        targets += restricted_actors(ctx, customers) or [
            t for node in (verb, *goods, tok) for t in destinations(ctx, node, ("to",), places=True)
        ]
    if targets:
        item = trades[0].lemma_.lower() if trades else dealings[0].lemma_.lower()
        _restricting(ctx, subjects, targets, tok, item, 0.65)


def _revoked_licence(ctx: RuleContext, tok: Token) -> None:
    """A licence or waiver withdrawn: "revoked Huawei's licences", "cancelled export licences for
    Huawei", "revoked the licences of two traders, A and B", "revoked licences that let Intel sell chips
    to Huawei": its holder or the buyer it served."""
    subjects = subject_of(ctx, tok, STATES | {Kind.PERSON})
    licences = _objects_among(tok, ctx.tables.words.licences)
    targets: list[Arg] = []
    for licence in licences:
        targets += [a for c in licence.children if c.dep_ == "poss" for a in args(ctx, c, STATES)]
        targets += [a for c in licence.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "of")
                    for p in pobjs(c) for a in args(ctx, p, STATES)]
        if not targets:  # "licences that let Intel sell chips to Huawei": the buyer
            targets = [a for t in licence.subtree if t.dep_ == "pobj" and t.head.lower_ == "to"
                       for a in args(ctx, t, STATES)]
    if targets:
        _restricting(ctx, subjects, targets, tok, licences[0].lemma_.lower(), 0.65)


def _approval_needed(ctx: RuleContext, tok: Token) -> None:
    """Traders who need a licence to ship somewhere: "Companies will need approval before shipping them
    to buyers in China and Russia" restricts the destinations, by the state the subject is, else by the
    last restrictor, else by the state acting in the sentence before ("Seoul will require licences")."""
    words = ctx.tables.words
    if not _objects_among(tok, words.licences):
        return
    trades = [t for t in tok.subtree if t.pos_ == "VERB" and t.lemma_.lower() in words.trade_verbs]
    buyers = [p for t in trades for c in t.children if c.dep_ == "prep" and c.lower_ == "to" for p in pobjs(c)]
    # "to buyers in China": where the buyers are
    places = [a for p in buyers for g in p.children if g.dep_ == "prep" and g.lower_ == "in"
              for q in pobjs(g) for a in args(ctx, q, COUNTRIES)]
    places = places or [d for t in trades for d in destinations(ctx, t, ("to",), places=True)]
    states = subject_of(ctx, tok, COUNTRIES)
    window = ctx.sentence_window(tok, 1)
    subjects = [a for t in (window[1] if len(window) > 1 else []) if t.dep_ == "nsubj" for a in args(ctx, t, STATES)]
    acting = [a for a in subjects if ctx.properties.get((a.kind, a.name), {}).get("type") != "company"]
    restrictors = states or ([ctx.last_restrictor] if ctx.last_restrictor is not None else acting[:1])
    _restricting(ctx, restrictors, places, tok, "licence", 0.65)


def _objects_among(verb: Token, lemmas: frozenset[str]) -> list[Token]:
    """The direct objects (or passive subjects) of `verb` whose lemma is one of `lemmas`."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lemmas]


def _restricting(
    ctx: RuleContext, restrictors: list[Arg], targets: list[Arg], anchor: Token, item: str | None, confidence: float
) -> None:
    """Record RESTRICTED from each of `restrictors` to each of `targets`, and remember the restrictor for
    a later listing that names none ("X was also added to the list")."""
    for restrictor in restrictors:
        for target in targets:
            emit(ctx, RelType.RESTRICTED, restrictor, target, anchor, item=item, confidence=confidence)
            ctx.last_restrictor = restrictor


def _restricted_by_hyphen(ctx: RuleContext, tok: Token, restrictor: Arg) -> None:
    """"The US-sanctioned chipmaker SMIC": the state before the hyphen restricts the first name after
    the participle."""
    target = named_after(ctx, tok, frozenset({Kind.ORGANIZATION, Kind.COUNTRY}))
    if target is not None:
        emit(ctx, RelType.RESTRICTED, restrictor, target, tok, confidence=0.65)


def _listed(ctx: RuleContext, tok: Token) -> None:
    """A listing, "added X to the Entity List": without a subject, the list's keeper or the last
    restrictor restricts X."""
    # "placed 12 entities on the list": the parser may hang the list on the object
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    lists = [
        p
        for c in [*tok.children, *(g for o in objects for g in o.children)]
        if c.dep_ == "prep" and c.lower_ in ("to", "on")
        for p in pobjs(c)
    ]
    if not lists and misparsed(tok):
        lists = [
            t
            for t in ctx.doc[tok.i + 1 : tok.sent.end]
            if t.head.lower_ in ("to", "on") and t.dep_ == "pobj"
        ]
    # "to its export control and unreliable entities lists": the list noun may end a coordination
    lists = [
        p for p in lists
        if any(t.lemma_.lower() in ctx.tables.words.list_nouns for t in (p, *p.conjuncts))
        or list_owner(ctx, p) is not None
    ]
    if not lists:
        return
    listing = lists[0]
    restrictors = [s for s in subject_of(ctx, tok) if s.kind in STATES]
    listed = object_of(ctx, tok, TARGETS)
    # "Companies added to the list include A and B", which the parser may also read as "Companies
    # added to the list" with "include A and B" hung on "added"
    names = tok.head.head if tok.dep_ == "acl" and tok.head.dep_ == "nsubj" else next(
        (c for c in tok.children if c.dep_ in ("advcl", "ccomp") and not restrictors), None)
    if names is not None and names.lemma_ in ctx.tables.words.listing_verbs:
        listed = object_of(ctx, names, TARGETS)
    # "Huawei and SMIC added to Taiwan's entity list": a headline's passive without its "were", companies
    # listed by no one the sentence names
    active = objects or listed or any(c.dep_ in ("nsubjpass", "auxpass", "aux") for c in tok.children)
    headline = [] if active else [s for s in restrictors if s.kind == Kind.ORGANIZATION]
    if headline:
        restrictors = []
    if not restrictors:
        for child in listing.children:
            if child.dep_ in ("poss", "compound"):
                restrictors.extend(args(ctx, child, STATES))
    if not restrictors:
        # the state that restricted last in the story keeps its list; else the list's keeper, else
        # whoever restricted last
        owner = list_owner(ctx, listing)
        last = ctx.last_restrictor
        state = last if last is not None and last.kind == Kind.COUNTRY else None
        restrictors = [r for r in (state or owner or last,) if r is not None]
    targets = restricted_actors(ctx, listed or headline)
    targets = targets or [a for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for a in _unnamed_company(c)]
    # "added 601 entities from Russia, Iran and China": the countries the counted entities are from
    targets = targets or [a for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ in ("from", "in")
                          for p in pobjs(c) for a in args(ctx, p, COUNTRIES)]
    _restricting(ctx, restrictors, targets + _named_next(ctx, tok), tok, "Entity List", 0.7)


def _named_next(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The targets named for a listing or sanction that only counts them: after "including" ("added
    12 entities to the list on Monday, including A and B"), or in the next sentence ("The list
    includes A and B", "The nine include ...", "They include ...", "Among them were A and B"),
    dated as the listing."""
    counted = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "NNS" and ctx.entity(c) is None]
    if not counted:
        return []
    # "including" hangs on the counted noun, on the list they were added to or, late, on the verb
    lists = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "on") for p in pobjs(c)]
    hosts = [tok, counted[0], *lists]
    # "added five firms, among them A and B, to its list": "among them" lists as "including" does
    found = [a for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in ("including", "among")
             for p in pobjs(c) if p.lower_ not in ("them", "those", "these") for a in args(ctx, p, TARGETS)]
    verb = next((sent.root for sent in ctx.sentences_after(tok, 1)), None)
    if verb is None or verb.lemma_.lower() not in ctx.tables.words.listing_verbs:
        return restricted_actors(ctx, found)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    refers = any(
        s.lemma_.lower() in ctx.tables.words.list_nouns | {counted[0].lemma_.lower()}
        or (s.pos_ == "NUM" and any(c.lower_ == "the" for c in s.children))  # "the nine"
        or s.lower_ in ("they", "these", "those")
        for s in subjects
    )
    if refers:
        found += object_of(ctx, verb, TARGETS)
    elif any(c.dep_ == "prep" and c.lower_ == "among" and any(p.lower_ in ("them", "those") for p in pobjs(c))
             for c in verb.children):
        found += subject_of(ctx, verb, TARGETS)  # "Among them were A and B", "A and B are among them"
    return restricted_actors(ctx, found)


def _among(tok: Token) -> bool:
    """True for the participle of "Among those blacklisted were A, B and C", which names its targets
    (`object_of` finds them) but not who restricted them."""
    return tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "among"


def _restricted_by_verb(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """A restricting verb, "sanctioned X", "banned exports to X": the item is its direct object unless
    that names an entity. With `not_by_companies`, a company's use of the verb is business, not a
    restriction ("Nvidia is targeting China with a new chip")."""
    if any(c.dep_ in ("dobj", "oprd") and c.lemma_.lower() in ctx.tables.words.member_nouns for c in tok.children):
        return  # "designated Kenya a major non-NATO ally": a standing, not a restriction
    subjects = _restrictors(ctx, tok, trig)
    objects = object_of(ctx, tok, TARGETS, frozenset({"on", "against"}))
    # "fined Qualcomm $975 million": the one fined is the verb's indirect object
    objects += [a for c in tok.children if c.dep_ == "dative" for a in args(ctx, c, TARGETS)]
    targets = restricted_actors(ctx, objects)
    item = None
    # "Japan has limited sales of X to China", read with "limited" as an adjective of its object
    misread = [tok.head] if tok.dep_ == "amod" and misparsed(tok) else []
    for child in [*tok.children, *misread]:
        if child.dep_ == "dobj" or child in misread:
            named = ctx.entity(child) is not None or child.pos_ == "PRON"
            item = item_of(ctx, child) or (
                None
                if named or child.lemma_.lower() in ctx.tables.singular_references
                else ctx.doc[child.left_edge.i : child.i + 1].text
            )
            if child.lemma_.lower() in ctx.tables.words.acquisition_nouns:
                # "blocked the takeover of Alba by Zhen", "blocked Intel's acquisition of Tower": the
                # buyer is stopped, not the company it would have bought
                buyers = [c for c in child.children if c.dep_ == "poss"]
                # the parser may hang "by" on the company bought, or on the verb
                bys = [*child.subtree, *(p for p in tok.children if p.dep_ == "prep")]
                buyers += [q for p in bys if p.dep_ == "prep" and p.lower_ == "by" for q in pobjs(p)]
                targets = restricted_actors(ctx, [a for b in buyers for a in args(ctx, b, TARGETS | {Kind.PERSON})])
                continue
            if not named:
                # "banned sales of chips to China", "restricted ASML's shipments to China": the trade's
                # destination is the target, not the trader
                places = destinations(ctx, child, places=True) or destinations(ctx, tok, ("to",), places=True)
                # "block Chinese access to American chips": what is reached is no destination of the
                # restrictor's own trade
                places = [p for p in places if p.name not in {s.name for s in subjects}]
                # "restricted sales of memory from SK Hynix and Micron" (to no one named): the makers'
                # sales are what is curbed
                made = makers(ctx, child) if child.lemma_.lower() in ctx.tables.words.trade_nouns else []
                if places or made:
                    targets = places or made
    if not targets:
        targets = _stopped_dealings(ctx, tok)  # "barred officials from using X"
    targets += _named_next(ctx, tok)  # "sanctioned nine firms. They include A and B"
    exported = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for p in pobjs(c)]
    if not targets and exported:  # "a version Washington barred from export to China"
        targets = [t for node in (*exported, tok) for t in destinations(ctx, node, ("to",), places=True)]
    _restricting(ctx, subjects, targets, tok, item, 0.75)


def _restrictors(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> list[Arg]:
    """Who restricts with a verb: its subjects, who imposed the rules it describes, those joined in
    restricting, the makers of the measure, or, for a passive without an agent, the last restrictor."""
    subjects = subject_of(ctx, tok, STATES | {Kind.PERSON})
    if not subjects and tok.dep_ == "acl" and tok.head.dep_ == "dobj" and _imposes(ctx, tok.head.head):
        # "Washington imposed rules restricting sales of chips to China": who imposed the rules
        subjects = subject_of(ctx, tok.head.head, STATES | {Kind.PERSON})
    if tok.dep_ == "pcomp" and tok.head.lower_ == "in" and tok.head.head.lemma_ == "join":
        # "The Hague joined the United States and Japan in restricting sales": they restrict too
        subjects += [a for c in tok.head.head.children if c.dep_ == "dobj" for a in args(ctx, c, STATES)]
    if not subjects:
        subjects = _measure_makers(ctx, tok)
    passive = _among(tok) or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if not subjects and passive:
        # "Huawei was barred from Canada's 5G networks": the state whose market it is shut out of
        subjects = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for p in pobjs(c)
                    for o in p.children if o.dep_ == "poss" for a in args(ctx, o, frozenset({Kind.COUNTRY}))]
    if not subjects and passive:
        # "DeepSeek has been banned in Italy since January": the country it is banned in
        subjects = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in pobjs(c)
                    for a in args(ctx, p, frozenset({Kind.COUNTRY}))]
    if not subjects and passive and ctx.last_restrictor is not None:
        # "Skydio and BRINC were blacklisted": by whoever restricted last in the story
        subjects = [ctx.last_restrictor]
    if trig.get("not_by_companies"):
        subjects = [s for s in subjects if ctx.properties.get((s.kind, s.name), {}).get("type") != "company"]
    return subjects


def noun_restriction(ctx: RuleContext, noun: Token, restrictors: list[Arg]) -> None:
    """Record RESTRICTED from each of `restrictors` to the targets of a restriction noun ("curbs on
    Huawei", "controls targeting China"), unless a verb lifts it ("eased the curbs")."""
    words = ctx.tables.words
    measure = _measures(ctx, noun) or noun  # "a package of sanctions against Russia": the sanctions
    # "a license requirement on exports to China": a licence to obtain is a restriction
    licensed = any(c.dep_ == "compound" and c.lemma_.lower() in words.licences for c in measure.children)
    if measure.lemma_.lower() not in words.restriction_nouns and not licensed:
        return
    if noun.dep_ in ("dobj", "nsubjpass") and token_reverses(noun.head):
        return  # "eased the curbs on China", "would cut tariffs on Chinese goods"
    targets: list[Arg] = []
    preps = [c for t in {noun, measure} for c in t.children if c.dep_ == "prep"]
    if noun.dep_ == "dobj":
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "to")]
    # "restrictions imposed last year on Huawei", "the controls, which Washington imposed on China"
    preps += [p for c in noun.children if participle(c) for p in c.children if p.dep_ == "prep"]
    preps += [
        p for c in noun.children if c.dep_ == "relcl" for p in c.children
        if p.dep_ == "prep" and p.lower_ in ("on", "against", "to")
    ]
    for child in preps:
        traded = child.lower_ == "for" and any(p.lemma_.lower() in words.trade_nouns for p in pobjs(child))
        if child.lower_ in ("on", "against", "to") or traded:  # "a licence requirement for the export of X"
            for pobj in pobjs(child):
                # "on U.S. imports" and "on ASML's machines" name goods, not whom they restrict
                goods = pobj.lemma_.lower() in words.goods | words.made_goods
                if pobj.lemma_.lower() in words.investment_nouns:
                    # "curbs on outbound investments in Chinese firms": where the money would go
                    targets.extend(_invested_in(ctx, pobj))
                    continue
                found = args(ctx, pobj, STATES) if not goods else []
                if not found and ctx.entity(pobj) is None:
                    # "restrictions on chip exports to China", "curbs on chips sold to Huawei"
                    found = destinations(ctx, pobj)
                    if found:  # "on exports of Nvidia's H20 to China": the maker's sales are curbed too
                        found += makers(ctx, pobj)
                if not found and goods:
                    # "tariffs on U.S. imports", "curbs on Chinese chips": where the goods come from
                    found = [a for c in pobj.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                             for a in args(ctx, c, COUNTRIES)]
                targets.extend(found)
    if noun.dep_ == "nsubj" and noun.head.lemma_ in ctx.tables.words.reaching_verbs:
        # "the restrictions extend to A, B and C", "the sanctions cover X"
        verb = noun.head
        targets += [a for c in verb.children if c.dep_ == "dobj" for a in args(ctx, c, STATES)]
        targets += [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in pobjs(c)
                    for a in args(ctx, p, STATES)]
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_ in words.targeting_verbs:
            for obj in child.children:
                if obj.dep_ in ("dobj",):
                    targets.extend(args(ctx, obj, STATES))
                if obj.dep_ == "prep":
                    for pobj in pobjs(obj):
                        targets.extend(args(ctx, pobj, STATES))
    targets += _undergoers(ctx, noun)
    if targets:
        acting = [r for r in restrictors if r.kind in STATES or r.kind == Kind.PERSON]
        _restricting(ctx, acting, targets, noun, item_of(ctx, noun), 0.7)


def _measures(ctx: RuleContext, noun: Token) -> Token | None:
    """The restriction noun a batch noun's "of" names ("a new round of export controls"), or None."""
    if noun.lemma_.lower() not in ctx.tables.words.measure_collections:
        return None
    inner = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
    return inner[0] if inner and inner[0].lemma_.lower() in ctx.tables.words.restriction_nouns else None


def _undergoers(ctx: RuleContext, noun: Token) -> list[Arg]:
    """Those a restriction noun falls on, named as the subject of its clause or the noun it describes:
    "SMIC faces U.S. sanctions", "Huawei has been subject to U.S. curbs", "firms under U.S. sanctions"."""
    prep = noun.head if noun.dep_ == "pobj" else None
    verb: Token | None = None
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ctx.tables.words.facing_verbs:
        verb = noun.head
    elif prep is not None and prep.lower_ == "to" and prep.head.lower_ == "subject":
        verb = prep.head.head  # "is subject to", "companies subject to"
    elif prep is not None and prep.lower_ == "under" and prep.head.lemma_ in ("be", "remain", "come", "fall", "stay"):
        verb = prep.head
    elif prep is not None and prep.lower_ == "under" and prep.head.pos_ in ("NOUN", "PROPN"):
        verb = prep.head  # "Chinese firms under U.S. sanctions"
    if verb is None:
        return []
    named = args(ctx, verb, TARGETS) if verb.pos_ in ("NOUN", "PROPN") else subject_of(ctx, verb, TARGETS)
    return restricted_actors(ctx, named)


def destinations(
    ctx: RuleContext, trade: Token, preps: tuple[str, ...] = ("to", "for", "from", "into"), places: bool = False
) -> list[Arg]:
    """The states a trade goes to or comes from: "exports to China", "chips sold to China", "chips bound
    for China", "sales of chips to China" (the objects of `preps` on the trade word, on a participle of
    it, or on its "of")."""
    # "exports of gallium and germanium to the US": the destination may hang on the last conjunct
    heads = [
        trade, *trade.conjuncts, *(c for c in trade.children if participle(c) or c.lemma_ in ("bound", "destined"))
    ]
    heads += [p for c in trade.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
    reached = [inner for head in heads for prep in head.children if prep.dep_ == "prep" and prep.lower_ in preps
               for inner in pobjs(prep)]
    # "chips that China could use": who would use the goods is where they would go
    using = ctx.tables.words.using_verbs
    reached += [s for head in heads for c in head.children if c.dep_ == "relcl" and c.lemma_ in using
                for s in c.children if s.dep_ == "nsubj"]
    return [a for inner in reached
            for a in (restricted_actors(ctx, args(ctx, inner, TARGETS)) if places else args(ctx, inner, STATES))]


def _invested_in(ctx: RuleContext, investment: Token) -> list[Arg]:
    """Whom an investment goes to: "investments in Huawei", "in Chinese AI firms" (the firms' country)."""
    found: list[Arg] = []
    for prep in investment.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "into"):
            for inner in pobjs(prep):
                named = args(ctx, inner, TARGETS)
                found += named or [
                    a for c in inner.subtree if c.i < inner.i and c.dep_ in ("amod", "compound", "nmod")
                    for a in args(ctx, c, COUNTRIES)
                ]
    return restricted_actors(ctx, found)


def makers(ctx: RuleContext, trade: Token) -> list[Arg]:
    """The companies whose goods a trade word's "of" names: "exports of Nvidia's H20 and AMD's MI308",
    "sales of memory from SK Hynix and Micron"."""
    goods = [p for c in trade.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
    owners = [
        ctx.entity(owner)
        for good in goods
        for item in [good, *good.conjuncts]
        for owner in item.children
        if owner.dep_ == "poss"
    ]
    # the parser hangs "from SK Hynix" on the goods, the trade or the verb the trade is the object of
    nodes = [*goods, trade, *([trade.head] if trade.dep_ == "dobj" else [])]
    sources = [a for node in nodes for c in node.children if c.dep_ == "prep" and c.lower_ == "from"
               for p in pobjs(c) for a in args(ctx, p, COMPANIES)]
    return [ctx.arg(ent) for ent in owners if ent is not None and ent.label_ in COMPANIES] + sources


def _name_run(ctx: RuleContext, start: int) -> int:
    """How many capitalised proper nouns outside any entity follow token `start` (0 when none)."""
    end = start
    doc = ctx.doc
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and ctx.entity(doc[end]) is None:
        end += 1
    return end - start


def _unnamed_company(tok: Token) -> list[Arg]:
    """A capitalised name the small model did not recognise, listed or sanctioned by name ("placed
    Illumina on its list"): by what is done to it, a company."""
    if tok.pos_ != "PROPN" or tok.ent_type_ or not (tok.is_title or tok.is_upper) or tok.i == tok.sent.start:
        return []
    start = min((c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=tok.i)
    name = tok.doc[start : tok.i + 1]
    return [Arg(Kind.ORGANIZATION, name.text, tok, (name.start_char, name.end_char))]


def restricted_actors(ctx: RuleContext, found: list[Arg]) -> list[Arg]:
    """The states and bodies among `found`, with a "place" or one-word "person" read as the company
    the small model took for one ("added Skydio to the list", "halted shipments to Sophgo", "placed
    Zorvex on its list"): towns are not restricted, and people are named by more than one word. A
    place with an article ("exports to the Gulf") or a known region ("Latin American countries") is
    a region."""
    out = []
    for arg in found:
        ent = ctx.entity(arg.token)
        run = _name_run(ctx, ent.end) if ent is not None and arg.kind == Kind.COUNTRY else 0
        if ent is not None and run:
            # "Sino Golden Bridge": a country word opening a company's name the model did not know
            name = ctx.doc[ent.start : ent.end + run]
            out.append(Arg(Kind.ORGANIZATION, name.text, arg.token, (name.start_char, name.end_char)))
            continue
        region = ent is not None and (
            (ent.start > 0 and ctx.doc[ent.start - 1].lower_ == "the") or ctx.is_region(ent.label_, ent.kb_id_)
        )
        if (arg.kind == Kind.LOCATION and not region) or (arg.kind == Kind.PERSON and " " not in arg.name):
            out.append(Arg(Kind.ORGANIZATION, arg.name, arg.token, arg.span))
        elif arg.kind in STATES:
            out.append(arg)
    return out


def list_owner(ctx: RuleContext, tok: Token) -> Arg | None:
    """The body that keeps a named list ("the Entity List"), from its lexicon record's `owner`."""
    ent = ctx.entity(tok)
    if ent is None:
        return None
    owner = ctx.properties.get((ent.label_, ent.kb_id_), {}).get("owner")
    return Arg(Kind.ORGANIZATION, owner, tok) if owner else None


def item_of(ctx: RuleContext, tok: Token) -> str | None:
    """Return the text of what `tok` restricts ("curbs on chip exports"): its first "to", "of" or "on"
    object that is not an entity, or None."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "of", "on"):
            for pobj in pobjs(child):
                if ctx.entity(pobj) is None:
                    return ctx.doc[pobj.left_edge.i : pobj.i + 1].text
    return None
