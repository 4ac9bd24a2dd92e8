"""The announceable things a noun phrase names ("a national semiconductor strategy"), and the pact
a later reference ("endorsed it", "the signatories") points back to."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ...records import Kind
from .context import Arg, RuleContext, pobjs

THINGS = frozenset({Kind.POLICY, Kind.PRODUCT, Kind.EVENT, Kind.ALLIANCE, Kind.ORGANIZATION})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def thing(ctx: RuleContext, tok: Token, depth: int = 0) -> Arg | None:
    """The announceable thing a noun phrase names: an entity, else the phrase itself when its
    head is in `objects.jsonl` ("a national semiconductor strategy", "rules for generative AI")."""
    ent = ctx.entity(tok)
    if ent is not None and ent.label_ in THINGS:
        return ctx.arg(ent)
    later = _named_later(ctx, tok) if depth == 0 else None
    if later is not None:  # "released a new model ... The model, called Aster-2, ..."
        return later
    named = _naming(ctx, tok)
    if named is not None:
        return named
    lemma = tok.lemma_.lower()
    kind = ctx.tables.objects.get(lemma)
    if kind is None and lemma not in ctx.tables.descending:
        # "the Blackwell Ultra GPU": the named product before a head noun we do not list; a company
        # before a proper name ("Amazon Nova") is the maker the product is named after, not the thing
        for child in tok.children:
            ent = ctx.entity(child) if child.dep_ == "compound" else None
            maker = ent is not None and ent.label_ == Kind.ORGANIZATION and tok.pos_ == "PROPN"
            # "a common ASEAN approach": a bloc before a noun says whose the thing is, it is not the thing
            if ent is not None and ent.label_ in THINGS - {Kind.ALLIANCE} and not maker:
                return ctx.arg(ent)
    if lemma in ctx.tables.descending and depth < 2:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in pobjs(child):
                    return thing(ctx, pobj, depth + 1)
        return _product_line(ctx, tok) if lemma == "series" else None
    if kind is None:
        return None
    first, last = _first_word(tok), _last_word(ctx, tok)
    span = (ctx.doc[first].idx, last.idx + len(last))
    phrase = Arg(kind, _clean_name(ctx.doc[first : last.i + 1].text), tok, span)
    return _described(ctx, phrase, depth)


def named_products(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The products a phrase names before a product noun, each on its own: "its Qwen2.5-VL and
    Qwen2.5-1M models" names two models, not one thing called so."""
    if ctx.tables.objects.get(tok.lemma_.lower()) != Kind.PRODUCT:
        return []
    found: list[Span] = []
    for t in tok.subtree:
        ent = ctx.entity(t)
        if t.i < tok.i and ent is not None and ent.label_ == Kind.PRODUCT and ent.end <= tok.i and ent not in found:
            found.append(ent)
    return [ctx.arg(ent) for ent in found]


def _product_line(ctx: RuleContext, noun: Token) -> Arg | None:
    """A product line named before "series": "the Ryzen AI PRO 300 series", "the EPYC 9005 series"
    (named by its words, the noun left out), when a capitalised word names it."""
    first = _first_word(noun)
    words = ctx.doc[first : noun.i]
    named = all(t.pos_ in ("PROPN", "NUM", "X") or t.is_upper or t.like_num for t in words)
    if not words or not words[0].text[:1].isupper() or not named:
        return None
    return Arg(Kind.PRODUCT, words.text, noun, (words.start_char, words.end_char))


def _first_word(tok: Token) -> int:
    """The index of the first word of the name a noun phrase gives its head: its modifiers, without
    determiners, possessors, words like "new" ("its new national AI strategy") and a leading
    participle ("newly announced export controls"), with a number hyphenated to it ("three-year")."""
    words = [
        t
        for t in tok.subtree
        if t.i <= tok.i
        and (t.dep_ not in ("det", "poss", "predet", "nummod", "punct", "case") or t.head.text == "%")
        and t.lower_ not in ("own", "its", "their", "new", "fresh", "latest") and t.text != "first"
        and not (t.i < tok.i and t.head.dep_ == "poss")
    ]
    while len(words) > 1 and any(_participle_modifier(t) for t in (words[0], words[0].head)):
        words.pop(0)
    start = min((t.i for t in words), default=tok.i)
    doc = tok.doc
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].dep_ == "nummod":
        start -= 2
    return start


def _participle_modifier(tok: Token) -> bool:
    # "newly announced export controls" describes them; "a design-linked incentive scheme" names one
    return tok.dep_ == "amod" and tok.tag_ == "VBN" and not (tok.i > 0 and tok.nbor(-1).text == "-")


def _last_word(ctx: RuleContext, tok: Token) -> Token:
    """The last word of the name a noun phrase gives its head: the end of a short complement ("code of
    conduct", "plan for AI", "rules on chips") or purpose ("a new forum to coordinate on minerals
    trade"), else the head."""
    place = place_complement(ctx, tok)
    if place is not None:  # "a data centre in Uzbekistan", "a fab at Dholera": a facility is named by its site
        return next(t for t in reversed(list(place.subtree)) if t.text != "," and t.i < _apposition_end(place))
    preps = [c for c in tok.rights if c.dep_ == "prep"]
    hung = _hung_on_verb(ctx, tok)
    if not preps and hung is not None:
        preps = [hung]  # the parser hung "for generative AI" on the verb
    for child in preps[:1]:
        # "on 28 November" is when, not what
        dated = any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "on") and not dated:
            tail: list[Token] = []
            for t in child.subtree:  # up to an apposition or a clause: "plans for a campus, one of ..."
                # "a declaration on sharing computing capacity": a gerund right after the preposition names
                gerund = t.dep_ == "pcomp" and t.tag_ == "VBG" and t.i == child.i + 1
                clause = t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") and not gerund
                if clause or t.text in (",", ";", "(", ":"):
                    break
                tail.append(t)
            while tail and (tail[-1].pos_ in ("ADP", "CCONJ", "DET") or tail[-1].lower_ == "to"):
                tail.pop()
            if len(tail) > 1 and len([t for t in tail if t.text not in QUOTES]) <= 7:
                return tail[-1]
    purposes = [
        c for c in tok.rights
        if c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    if purposes:
        words = list(purposes[0].subtree)
        # "a campaign to develop home-grown chips and other products": the first of a list will do
        cut = next((k for k, t in enumerate(words) if t.text in (",", ";", "(", ":") or t.dep_ == "cc"), len(words))
        if 1 < cut <= 7:
            return words[cut - 1]
    if tok.lemma_.lower() in ctx.tables.enacted:
        return _what_it_does(tok) or tok
    return tok


def _what_it_does(law: Token) -> Token | None:
    """The last word of the clause that says what an unnamed law does, which names it: "a bill
    regulating AI", "an order barring purchases", "a bill that would outlaw imports" (its first six
    words, up to a comma); not "the bill that the Chamber approved"."""
    clause = next((c for c in law.rights if c.dep_ in ("acl", "relcl")), None)
    # "a bill regulating AI", "a bill that would ..." say what it does; "a law passed in 2022" says when
    if clause is None or not (clause.tag_ == "VBG" or clause.dep_ == "relcl"):
        return None
    doing = any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "WDT" for c in clause.children)
    if clause.dep_ == "relcl" and not doing:
        return None  # "the bill that the Chamber approved" says who passed it, not what it does
    if clause.left_edge.i != law.i + 1:
        return None  # "the order, which allows ...": a clause set off describes a thing already named
    words = [t for t in clause.subtree if t.i > law.i]
    cut = next((k for k, t in enumerate(words) if t.text in (",", ";", "(", ":", "—")), len(words))
    words = words[: min(cut, 6)]
    while words and (words[-1].pos_ in ("ADP", "CCONJ", "DET") or words[-1].lower_ == "to"):
        words.pop()
    return words[-1] if words else None


def place_complement(ctx: RuleContext, facility: Token) -> Token | None:
    """The "in Kenya" or "at Dholera" that places a described facility ("a data centre in Kenya"): its
    first complement, a short phrase on a proper name that is no date; None for other nouns and for a
    facility with a name of its own ("the UAE-US AI Campus")."""
    if facility.lemma_.lower() not in ctx.tables.words.facility_nouns or not facility.is_lower:
        return None
    # "will build a fab at Dholera": the parser may hang the site on the verb
    prep = next((c for c in facility.rights if c.dep_ == "prep"), None) or _hung_on_verb(ctx, facility)
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "near") or len(list(prep.subtree)) > 5:
        return None
    # a place the model took for a person ("Kumamoto") still places the facility
    places = [p for p in pobjs(prep) if p.pos_ == "PROPN" and p.ent_type_ not in ("DATE", "TIME")]
    return prep if places else None


def _hung_on_verb(ctx: RuleContext, obj: Token) -> Token | None:
    """The word right after an object's phrase when the parser hung it on the verb ("invest $1 billion in
    a campus at Kilkenny"), else None."""
    after = obj.right_edge.i + 1
    verb = obj.head.head if obj.dep_ == "pobj" and obj.head.dep_ == "prep" else obj.head if obj.dep_ == "dobj" else None
    if verb is not None and verb.pos_ in ("VERB", "AUX") and after < len(ctx.doc) and ctx.doc[after].head.i == verb.i:
        return ctx.doc[after]
    return None


def _apposition_end(prep: Token) -> int:
    """The index where a place phrase stops: at a comma ("in Quilicura, north of Santiago")."""
    return next((t.i for t in prep.subtree if t.text == ","), prep.right_edge.i + 1)


def _clean_name(text: str) -> str:
    """`text` without quotes, runs of spaces and a leading "its", "their", "new" and the like."""
    name = " ".join(w for w in text.replace("“", "").replace("”", "").replace('"', "").split())
    for lead in ("its own ", "their own ", "its ", "their ", "new ", "fresh ", "latest "):
        if name.lower().startswith(lead):
            name = name[len(lead) :]
    return name


def _described(ctx: RuleContext, phrase: Arg, depth: int) -> Arg:
    """The thing a phrase names: itself when it says enough ("a national AI strategy"); for a bare
    definite noun ("the declaration") the thing named before; generic when it names nothing by itself."""
    tok, kind, name, span = phrase.token, phrase.kind, phrase.name, phrase.span
    if any(c.dep_ == "amod" and c.lower_ in ctx.tables.words.referring_modifiers for c in tok.children):
        return Arg(kind, name, tok, span, generic=True)  # "similar bodies": like something named before
    determiners = [c for c in tok.children if c.dep_ in ("det", "poss")]
    if tok.tag_ == "NNS" and not determiners and tok.lemma_.lower() in ctx.tables.words.kinds_of_product and all(
        t.pos_ not in ("PROPN", "NUM") for t in tok.subtree
    ):
        return Arg(kind, name, tok, span, generic=True)  # "rolled out large language models": a kind, no one
    definite = any(c.lower_ not in ("a", "an", "some", "any") for c in determiners)
    pact = tok.lemma_.lower() in ctx.tables.enacted | ctx.tables.pacts
    if " " in name and definite and pact and depth == 0 and all(t.pos_ != "PROPN" for t in tok.lefts):
        # "signed the first-ever international treaty on AI risks": described, not named; the pact
        # named before is the one meant
        named = recent_named(ctx, tok, Kind.POLICY)
        if named is not None:
            return Arg(named.kind, named.name, tok, span)
    if " " in name:
        return phrase
    if definite and depth == 0:
        # "the declaration" is the one named earlier ("a joint declaration on AI")
        for prev in reversed(ctx.doc[: tok.i]):
            # "the compact" after "the Oslo Compact": the name may be a proper noun
            if prev.lemma_.lower() == tok.lemma_.lower() and prev.pos_ in ("NOUN", "PROPN"):
                earlier = thing(ctx, prev, depth + 1)
                if earlier is not None and not earlier.generic:
                    return Arg(earlier.kind, earlier.name, tok, span)
                break
        # "passed the law" after "the AI Act": a law or pact refers back to the one named before
        if pact:
            named = recent_named(ctx, tok, Kind.POLICY)
            if named is not None:
                return Arg(named.kind, named.name, tok, span)
        # "announce the investment" names nothing by itself: what it refers to was worded otherwise
        return Arg(kind, name, tok, span, generic=True)
    return Arg(kind, name, tok, span, generic=not determiners)


def _named_later(ctx: RuleContext, tok: Token) -> Arg | None:
    """The name an indefinite noun ("released a new model") is given in the next two sentences by a
    definite mention of the same noun: "The model, called Aster-2," or "The model, Aster-2,"."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return None
    for sent in ctx.sentences_after(tok, 2):
        for other in sent:
            if other.lemma_ != tok.lemma_ or not any(c.lower_ == "the" for c in other.children):
                continue
            named = _naming(ctx, other)
            if named is not None:
                return named
    return None


def _naming(ctx: RuleContext, noun: Token) -> Arg | None:
    """The name a noun is given by an apposition or a naming participle: "a joint venture called
    Stargate", "a new company, Humain", "a framework called the U.S.-India TRUST initiative" (a proper
    name the model did not know, after "called"), or the name it is set beside ("Stargate, the
    venture that OpenAI launched")."""
    beside = ctx.entity(noun.head) if noun.dep_ == "appos" else None
    if beside is not None and beside.label_ in THINGS:
        return ctx.arg(beside)
    for child in noun.children:
        names = [child] if child.dep_ == "appos" else []
        if child.dep_ == "acl" and child.lemma_ in ctx.tables.words.naming_verbs:
            names = [c for c in child.children if c.dep_ in ("oprd", "attr", "dobj", "xcomp")]
            # "the document, billed by its hosts as the Vienna Call" (the parser may hang "as" on "hosts")
            names += [p for c in child.subtree if c.dep_ == "prep" and c.lower_ == "as" for p in pobjs(c)][:1]
        for name in names:
            ent = ctx.entity(name)
            if ent is not None and ent.label_ in THINGS:
                return ctx.arg(ent)
            called = _proper_name(ctx, name) if child.dep_ == "acl" else None
            if called is not None:
                text, offsets = called
                return Arg(ctx.tables.objects.get(noun.lemma_.lower(), Kind.POLICY), text, noun, offsets)
    return None


def _proper_name(ctx: RuleContext, tok: Token) -> tuple[str, tuple[int, int]] | None:
    """The text and offsets of the phrase `tok` heads when it is a proper name (capitalised words, no
    clause), without a leading article; None otherwise."""
    words = [t for t in tok.subtree if not (t.i == tok.left_edge.i and t.lower_ in ("the", "a", "an"))]
    if not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in words):
        return None
    if not any(t.is_title or t.is_upper for t in words if t.is_alpha):
        return None
    span = ctx.doc[words[0].i : words[-1].i + 1]
    return span.text, (span.start_char, span.end_char)


def recent_named(ctx: RuleContext, tok: Token, kind: Kind, sentences: int = 3) -> Arg | None:
    """The nearest entity of `kind` (a Policy: a law, act, declaration; an Alliance) named before
    `tok` in its sentence or the `sentences` before, or None."""
    return _recent(ctx, tok, sentences, lambda ent: ent.label_ == kind)


def recent_group(ctx: RuleContext, tok: Token, sentences: int = 1) -> Arg | None:
    """The nearest group of members (a bloc, or a coalition or network named as one) named before
    `tok` in its sentence or the `sentences` before, or None."""
    return _recent(ctx, tok, sentences, ctx.is_group)


def _recent(ctx: RuleContext, tok: Token, sentences: int, accept: Callable[[Span], bool]) -> Arg | None:
    lower = ctx.sentence_window(tok, sentences)[-1].start
    for i in range(tok.i - 1, lower - 1, -1):
        ent = ctx.entity(ctx.doc[i])
        if ent is not None and accept(ent) and i == ent.root.i:
            return ctx.arg(ent)
    return None


def recent_pact(ctx: RuleContext, tok: Token, sentences: int | None = 2) -> Arg | None:
    """The pact a pronoun or a bare "the signatories" refers to: the nearest declaration,
    treaty or other Policy named before `tok` in its sentence or the `sentences` before
    (anywhere before when None)."""
    lower = 0
    if sentences is not None:
        lower = ctx.sentence_window(tok, sentences)[-1].start
    law: Arg | None = None
    for i in range(tok.i - 1, lower - 1, -1):
        cand = ctx.doc[i]
        ent = ctx.entity(cand)
        if ent is not None and ent.label_ == Kind.POLICY and cand.i == ent.root.i:
            if cand.lemma_.lower() not in ctx.tables.enacted:
                return ctx.arg(ent)
            law = law or ctx.arg(ent)  # "comply with the AI Act": a law is signed only when no pact is named
        if ent is None and cand.lemma_.lower() in ctx.tables.pacts:
            return thing(ctx, cand)
    return law
