"""The entities a syntactic argument stands for: names, coordination, lists, titles and references."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Kind, RelType
from ..name_shapes import POSSESSIVE
from ..resolve import BASED
from .antecedents import (
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    earlier_subjects,
    group_antecedent,
    pronoun,
    single_antecedent,
    state_of,
    titled_person,
)
from .context import ACTORS, PEOPLE, STATES, Arg, RuleContext, pobjs

LIST_PREPS = frozenset({"including", "like", "as", "among", "with"})
GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
# first-person subjects of reported speech, and the verbs that report it
PRONOUNS_SPEAKER = frozenset({"we", "i"})


def args(ctx: RuleContext, token: Token | None, kinds: frozenset[Kind] = ACTORS, depth: int = 0) -> list[Arg]:
    """Return the entities a syntactic argument stands for (coordination and lists expanded)."""
    if token is None or depth > 4:
        return []
    found: list[Arg] = []
    tokens = [token, *token.conjuncts]
    ent = ctx.entity(token)
    if ent is not None:
        tokens.extend(t for t in _listed_as_apposition(ctx, token, ent) if t not in tokens)
    if ent is not None and len(ent) > 1:
        # a mis-parsed multi-word name: its coordination may hang on any of its words
        for word in ent:
            if word.i != token.i:
                tokens.extend(c for c in word.conjuncts if not ent.start <= c.i < ent.end)
    for tok in tokens:
        found.extend(token_args(ctx, tok, kinds, depth))
    if ent is not None and ent.label_ in kinds:
        found.extend(_hung_before(ctx, ent, kinds))
        found.extend(listed_with(ctx, ent, kinds))
    unique: dict[tuple[str, str], Arg] = {}
    for a in found:
        unique.setdefault((a.kind, a.name), a)
    return list(unique.values())


def _listed_as_apposition(ctx: RuleContext, token: Token, ent: Span) -> list[Token]:
    """The rest of a list "A, B and C" the parser read as A with the apposition "B and C": an
    apposition naming another entity, coordinated with a third, is no second name for A."""
    for child in token.children:
        other = ctx.entity(child) if child.dep_ == "appos" else None
        if other is not None and other.kb_id_ != ent.kb_id_ and child.conjuncts:
            return [child, *child.conjuncts]
    return []


def named_before(ctx: RuleContext, noun: Token) -> Span | None:
    """The entity that ends right before the comma setting off `noun`'s phrase: "Humain, the AI firm
    ...", "Japan and the Netherlands, close US allies" (read from the surface)."""
    left = noun.left_edge.i
    return ctx.entity(ctx.doc[left - 2]) if left >= 2 and ctx.doc[left - 1].text == "," else None


def _set_off_after(ctx: RuleContext, appos: Token) -> bool:
    """True when an apposition follows its head's names right after a comma, not a parse that hangs
    it on an earlier word."""
    named = named_before(ctx, appos)
    return named is not None and named.root.i in (appos.head.i, *(c.i for c in appos.head.conjuncts))


def token_args(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], depth: int) -> list[Arg]:
    """Return the entities one token stands for: its own entity, the person a title introduces, the
    name a relative pronoun follows, a pronoun's antecedent, else what its phrase names."""
    ent = ctx.entity(tok)
    doc = ctx.doc
    if ent is None and tok.i in ctx.title_of:
        # "U.S. President Joe Biden" parsed with "President" as the head: the person it introduces
        named = ctx.entity(doc[ctx.title_of[tok.i]]) if ctx.title_of[tok.i] < len(doc) else None
        if named is not None and named.label_ == Kind.PERSON:
            people = [ctx.arg(named)] if Kind.PERSON in kinds else []
            for child in tok.children:  # "Prime Minister [Kishida and President Biden]" as appositions
                if child.dep_ == "appos" and depth < 4:
                    people.extend(a for a in args(ctx, child, kinds, depth + 1) if a.name != named.kb_id_)
            return people
    # "OpenAI, in which Microsoft holds a stake": the pronoun behind a preposition opens the clause too
    opener = tok.head if tok.head.dep_ == "prep" and tok.head.i == tok.i - 1 else tok
    relcl = opener.head.dep_ == "relcl" or (tok.tag_ == "WP$" and tok.head.head.dep_ == "relcl")
    if tok.tag_ in ("WDT", "WP", "WP$") and relcl:
        return _relative_args(ctx, tok, opener, kinds, depth)
    if ent is not None and ent.end + 1 < len(doc) and doc[ent.end].text in POSSESSIVE:
        if doc[ent.end + 1].pos_ == "PROPN" and ctx.entity(doc[ent.end + 1]) != ent:
            return []  # "Thailand's Stars Microelectronics": Thailand only qualifies the name
    if ent is not None and ent.label_ in kinds:
        # a possessor ("Nvidia's chips") stands for its entity only through its root word
        if tok.i == ent.root.i or ent.root.dep_ not in ("poss",):
            return [ctx.arg(ent)]
    if ent is not None and ent.label_ == Kind.LOCATION and tok.i == ent.root.i:
        return []  # a name the model took for a place is no actor, nor is the owner in its apposition
    low = tok.lower_
    sayer = _sayer_of_it(ctx, tok) if low in PRONOUNS_THING and depth < 4 else None
    if sayer is not None:
        # "Seoul's trade ministry said it ...": the body, else whose it is; never a name guessed elsewhere
        owners = [c for c in sayer.children if c.dep_ == "poss"]
        return args(ctx, sayer, kinds, depth + 1) or [a for o in owners for a in args(ctx, o, kinds, depth + 1)]
    if low in PRONOUNS_PERSON | PRONOUNS_THING:
        resolved = pronoun(ctx, tok)
        return [resolved] if resolved and resolved.kind in kinds else []
    if low in PRONOUNS_SPEAKER and tok.dep_ in ("nsubj", "nsubjpass") and depth < 4:
        return _speaker(ctx, tok, kinds, depth)
    return _phrase_args(ctx, tok, kinds, depth)


def _relative_args(ctx: RuleContext, tok: Token, opener: Token, kinds: frozenset[Kind], depth: int) -> list[Arg]:
    """The entities a relative pronoun stands for; `opener` is the pronoun or the preposition before it."""
    doc = ctx.doc
    # "Huawei, which the U.S. blacklisted": the name right before the relative pronoun
    before = opener.i - 1 if doc[opener.i - 1].text != "," else opener.i - 2
    named = ctx.entity(doc[before]) if before >= 0 else None
    if tok.lower_ in ("who", "whom") and (named is None or named.label_ != Kind.PERSON):
        # "Fouquet, a Frenchman who joined ASML": "who" is a person, the one the description is of
        noun = opener.head.head
        while noun.dep_ == "appos" and noun.head.i != noun.i:
            noun = noun.head
        person = ctx.entity(noun)
        if person is None or person.label_ != Kind.PERSON or Kind.PERSON not in kinds:
            return []
        return [ctx.arg(person)]
    if named is not None and named.root.dep_ == "conj" and not _singular(opener.head):
        # "The Netherlands and Japan, which joined Washington": every name of the list
        return [a for t in sorted((named.root, *named.root.conjuncts)) for a in token_args(ctx, t, kinds, 4)]
    if named is not None:
        return [ctx.arg(named)] if named.label_ in kinds else []
    if opener is not tok:
        return []  # the noun's phrase holds the clause itself, and the clause's own names
    among = _among_whom(opener.head.head)
    if among is not None and depth < 4:
        # "A and B are among the countries that signed it": A and B signed it
        return args(ctx, among, kinds, depth + 1)
    noun = opener.head.head
    if noun.dep_ == "appos" and ctx.entity(noun) is None and _set_off_after(ctx, noun) and depth < 4:
        # "Japan and the Netherlands, close US allies that restrict ...": the ones the description is of
        return args(ctx, noun.head, kinds, depth + 1)
    return token_args(ctx, noun, kinds, depth + 1) if depth < 4 else []


def _sayer_of_it(ctx: RuleContext, tok: Token) -> Token | None:
    """The subject of the verb of saying whose clause "it" opens ("The ministry said it had added two
    firms to its list": the ministry, for "it" and for the "its" of the same clause), or None."""
    clause = tok.head
    while clause.dep_ not in ("ccomp", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    said = _verb_of_saying(ctx, clause)
    if subject is None or subject.lower_ != "it" or said is None:
        return None
    return next((c for c in said.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS_THING), None)


def _verb_of_saying(ctx: RuleContext, clause: Token) -> Token | None:
    """The verb of saying whose complement a clause is ("the ministry said [it had added ...]"), or None."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in ctx.tables.words.say_verbs:
        return None
    return clause.head


def _singular(verb: Token) -> bool:
    """True when a verb or its auxiliary agrees with one subject only ("which makes", "which was")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(t.tag_ == "VBZ" or t.lower_ == "was" for t in (verb, *auxiliaries))


def _among_whom(noun: Token) -> Token | None:
    """The subject of "X are among the <noun>", or None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "among":
        return None
    return next((c for c in noun.head.head.children if c.dep_ == "nsubj"), None)


def _speaker(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], depth: int) -> list[Arg]:
    """Who "we" or "I" is in reported speech: the subject of the verb of saying the clause hangs on
    ('"We will restrict exports," the ministry said')."""
    node = tok.head
    for _ in range(3):
        if node.dep_ not in ("ccomp", "parataxis", "conj") or node.head.i == node.i:
            return []
        node = node.head
        if node.lemma_.lower() in ctx.tables.words.say_verbs:
            return [a for c in node.children if c.dep_ == "nsubj" for a in args(ctx, c, kinds, depth + 1)]
    return []


def _phrase_args(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], depth: int) -> list[Arg]:
    """Return the entities a noun phrase names, the first of: a list, an apposition, a bloc's members,
    the group a plural refers back to, what "they" continues, a possessor, a modifying name, an "of"
    phrase."""
    titled = _titled(ctx, tok)
    if titled is not None and Kind.PERSON in kinds:
        return [titled]  # "met AMD chair and chief executive Lisa Su": the chair is Lisa Su, not AMD
    found = _listed_in(ctx, tok, kinds, depth)
    if found:
        return found
    named = _named_by_next_word(ctx, tok)
    if named is not None:
        return [named] if named.kind in kinds else []
    referred = _referred(ctx, tok, kinds, depth)
    if referred is not None:
        return referred
    return _qualifiers(ctx, tok, kinds, depth)


def _named_by_next_word(ctx: RuleContext, tok: Token) -> Arg | None:
    """The company a company noun introduces when its name follows at once: "Saudi Arabian AI company
    Humain" (the parser may hang the name elsewhere; the demonym only says where it is from)."""
    if tok.i + 1 >= len(ctx.doc) or tok.lemma_.lower() not in ctx.tables.words.company_kinds:
        return None
    ent = ctx.entity(ctx.doc[tok.i + 1])
    return ctx.arg(ent) if ent is not None and ent.start == tok.i + 1 and ent.label_ == Kind.ORGANIZATION else None


def _titled(ctx: RuleContext, tok: Token) -> Arg | None:
    """The person a title word names, when the title runs up to the name: "chair" in "AMD chair and
    chief executive Lisa Su"; None otherwise."""
    end = ctx.title_of.get(tok.i)
    while end is not None and end + 1 < len(ctx.doc) and ctx.doc[end].lower_ in ("and", "&"):
        end = ctx.title_of.get(end + 1)  # "chair and chief executive": the titles run on together
    person = ctx.entity(ctx.doc[end]) if end is not None and end < len(ctx.doc) else None
    return ctx.arg(person) if person is not None and person.label_ == Kind.PERSON else None


def _listed_in(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], depth: int) -> list[Arg]:
    """The entities a noun phrase lists ("companies, including ByteDance and Alibaba", "allies such as
    Japan"), else those of its apposition."""
    out: list[Arg] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in LIST_PREPS:
            for pobj in pobjs(child):
                out.extend(args(ctx, pobj, kinds, depth + 1))
        if child.dep_ == "amod" and child.lower_ == "such":
            for grand in child.children:
                if grand.dep_ == "prep":
                    for pobj in pobjs(grand):
                        out.extend(args(ctx, pobj, kinds, depth + 1))
    if out:
        return out
    for child in tok.children:
        if child.dep_ == "appos" and not _attribution(ctx, child):
            out.extend(args(ctx, child, kinds, depth + 1))
    return out


def _attribution(ctx: RuleContext, appos: Token) -> bool:
    """True for a name the parse made an apposition that is the sentence's source: "stop buying
    Nvidia's RTX Pro 6000D, the Financial Times reported"."""
    after = appos.right_edge.i + 1
    return after < len(ctx.doc) and ctx.doc[after].lemma_.lower() in ctx.tables.words.say_verbs


def _referred(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], depth: int) -> list[Arg] | None:
    """The entities a noun or "they" refers to: a bloc ("the Quad grouping"), a bloc's members ("the
    three AUKUS allies"), the group or the one named before ("the two leaders", "the chipmaker"), the
    subjects "they" continues; None when the phrase is no such reference."""
    low = tok.lower_
    # "the Quad grouping of the United States, Japan ...": the bloc acts, its members are listed
    if tok.lemma_.lower() in ctx.tables.words.bloc_nouns:
        blocs = [ctx.entity(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "nsubj", "poss")]
        named = [ctx.arg(b) for b in blocs if b is not None and b.label_ == Kind.ALLIANCE and Kind.ALLIANCE in kinds]
        if named:
            return named
    if low in ctx.tables.words.group_nouns:
        for child in tok.children:
            ent = ctx.entity(child)
            if ent is not None and ent.label_ == Kind.ALLIANCE and ent.kb_id_ in ctx.tables.members:
                return [
                    Arg(Kind.COUNTRY, m, tok) for m in ctx.tables.members[ent.kb_id_] if Kind.COUNTRY in kinds
                ]
    plural, singular = ctx.tables.plural_references, ctx.tables.singular_references
    # "the leaders of Japan and South Korea" name their group themselves
    of_named = any(c.dep_ == "prep" and c.lower_ == "of" and ctx.entity(p) is not None for c in tok.children
                   for p in pobjs(c))
    # "the DeepSeek app", "the Quad leaders": a name in the phrase says whose; a country only says
    # where a company is from ("the U.S. data analytics firm" is the one named before)
    in_name = [e for c in tok.children if c.dep_ == "compound" and (e := ctx.entity(c)) is not None]
    has_name = any(e.label_ != Kind.COUNTRY or Kind.COUNTRY in singular.get(low, {Kind.COUNTRY}) for e in in_name)
    if low in plural and tok.tag_ == "NNS" and not of_named and not has_name:
        determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        # "the two leaders", "both countries"; not "three Chinese firms", which names new ones
        if determiners & {"the", "these", "those", "both"} and not determiners & {"other", "some", "many"}:
            size = next((GROUP_SIZES[d] for d in determiners if d in GROUP_SIZES), None)
            family = plural[low]
            return [a for a in group_antecedent(ctx, tok, size, family) if a.kind in kinds]
    definite = any(c.lower_ in ("the", "this") for c in tok.children)
    if definite and tok.lemma_.lower() in ctx.tables.words.office_nouns and Kind.PERSON in kinds:
        titled = titled_person(ctx, tok)  # "the Korean minister held talks": the one named before
        if titled is not None:
            return [titled]
    if low in singular and tok.tag_ == "NN" and definite and not has_name:
        # "the chipmaker", "the Beijing-based company": the one named before, never its demonym
        found = speakers_organisation(ctx, tok, singular[low]) or single_antecedent(ctx, tok, singular[low])
        national = any(c.dep_ in ("amod", "compound") and (e := ctx.entity(c)) is not None and e.label_ == Kind.COUNTRY
                       for c in tok.children)
        if found is not None or not national or tok.lemma_.lower() not in ctx.tables.bodies:
            return [found] if found is not None and found.kind in kinds else []
        # "the Kenyan ministry", none named before: a government body is its country's (a company
        # is never its demonym's)
    if low == "they" and tok.dep_ in ("nsubj", "nsubjpass") and depth == 0:
        return they_antecedent(ctx, tok, kinds)
    if definite and tok.lemma_.lower() == "delegation" and Kind.PERSON in kinds:
        # "a delegation ..., led by Minister X. The delegation met Y": its leader, named before
        return _delegation_leaders(ctx, tok) or None
    if tok.lemma_.lower() in ctx.tables.words.state_nouns:
        return _persons_state(ctx, tok, kinds)
    return None


def _delegation_leaders(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The leaders of the delegation named before `tok` in its sentence or the two before."""
    lower = ctx.sentence_window(tok, 2)[-1].start
    earlier = [t for t in ctx.doc[lower : tok.i] if t.lemma_.lower() == "delegation"]
    # "a delegation of 30 companies, led by X": the parser may hang "led" on a noun inside the phrase
    return leaders(ctx, list(earlier[-1].subtree), PEOPLE)[:1] if earlier else []


def _persons_state(ctx: RuleContext, tok: Token, kinds: frozenset[Kind]) -> list[Arg] | None:
    """The state a state noun stands for through a person: "Ruto said his country would join",
    "Malatsi's department published" (the state of the person "his" is, or of the person named)."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    possessor = ctx.entity(owner) if owner is not None else None
    if possessor is not None and possessor.label_ == Kind.PERSON:
        person: Arg | None = ctx.arg(possessor)
    elif owner is None:
        person = _speaker_of_clause(ctx, tok)  # "Vaishnaw said the government would launch ..."
    else:
        person = pronoun(ctx, owner) if owner.lower_ in ("his", "her") else None
    state = state_of(ctx, person) if person is not None and person.kind == Kind.PERSON else None
    if state is None:
        return None
    return [Arg(state.kind, state.name, tok)] if state.kind in kinds else []


def _speaker_of_clause(ctx: RuleContext, noun: Token) -> Arg | None:
    """The person who says what "the government" does: "Vaishnaw said the government would launch a
    scheme" (the subject of the verb of saying whose clause the noun is the subject of), or None."""
    said = _verb_of_saying(ctx, noun.head)
    if noun.dep_ != "nsubj" or not any(c.lower_ == "the" for c in noun.children) or said is None:
        return None
    speakers = [ctx.entity(c) for c in said.children if c.dep_ == "nsubj"]
    return next((ctx.arg(s) for s in speakers if s is not None and s.label_ == Kind.PERSON), None)


def _qualifiers(ctx: RuleContext, tok: Token, kinds: frozenset[Kind], depth: int) -> list[Arg]:
    """The entities that qualify a noun, the first of: its possessor, a modifying name, its "of" phrase."""
    out: list[Arg] = []
    if tok.pos_ != "PROPN":  # "China's access" is China's; "Thailand's Stars Microelectronics" is not
        for child in tok.children:
            if child.dep_ == "poss":
                out.extend(args(ctx, child, kinds, depth + 1))
    if out:
        return out
    if tok.dep_ in ("conj", "appos") and any(c.dep_ == "nummod" or c.lower_ == "other" for c in tok.children):
        return out  # "Inspur and four other Chinese firms", "BRINC, two American drone makers": not the country
    if any(c.dep_ in ("compound", "amod") and c.lower_ in ctx.tables.words.private_sector_words for c in tok.children):
        return out  # "met U.S. business leaders": people of the country's firms, not its state
    if tok.pos_ == "PROPN" and tok.is_title and tok.dep_ in ("conj", "appos", "dobj", "pobj"):
        return out  # "the Italian start-up Fastweb", a name the model missed: not Italy
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            for word in (child, *child.conjuncts):
                ent = ctx.entity(word)
                if ent is not None and ent.label_ in kinds:
                    out.append(ctx.arg(ent))
    if out:
        return out
    # "leaders of the G7", "representatives from 86 countries, including Belgium"; not "dozens of other
    # Chinese apps", unnamed others beside those named
    preps = ("of", "from") if tok.lemma_.lower() in ctx.tables.words.envoy_nouns else ("of",)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in pobjs(child):
                if not any(c.lower_ == "other" for c in pobj.children):
                    out.extend(args(ctx, pobj, kinds, depth + 1))
    return out


def they_antecedent(ctx: RuleContext, tok: Token, kinds: frozenset[Kind]) -> list[Arg]:
    """The plural subject "they" continues: the nearest earlier subject (this sentence, then
    the one before) that stands for two or more entities."""
    for cand in earlier_subjects(ctx, tok):
        found = args(ctx, cand, kinds, 1)
        if len(found) >= 2:
            return found
    return []


def head_entity(ctx: RuleContext, tok: Token, kinds: frozenset[Kind]) -> Arg | None:
    """The entity a noun phrase names: its head, or a name modifying it ("the Five Eyes network")."""
    ent = ctx.entity(tok)
    if ent is None:
        ent = next(
            (
                ctx.entity(c)
                for c in tok.children
                if c.dep_ in ("compound", "nmod", "amod") and ctx.entity(c) is not None
            ),
            None,
        )
    return ctx.arg(ent) if ent is not None and ent.label_ in kinds else None


def leaders(ctx: RuleContext, heads: list[Token], kinds: frozenset[Kind]) -> list[Arg]:
    """The leaders of what the nouns name: "joined the US-led effort", "a consortium led by BlackRock",
    "met a delegation led by Senator X"."""
    hyphenated = [
        leader for h in heads for c in h.children if c.dep_ == "amod" and c.lemma_ == "lead"
        for leader in [hyphenated_state(ctx, c)] if leader is not None and leader.kind in kinds
    ]
    return hyphenated + [
        a for h in heads for c in h.children if c.dep_ == "acl" and c.lemma_ == "lead"
        for g in c.children if g.dep_ == "agent" for p in pobjs(g) for a in args(ctx, p, kinds)
    ]


def hyphenated_state(ctx: RuleContext, tok: Token) -> Arg | None:
    """The state written before a participle with a hyphen: "US-sanctioned", "U.S.-led"."""
    if tok.i < 2 or ctx.doc[tok.i - 1].text != "-":
        return None
    ent = ctx.entity(ctx.doc[tok.i - 2])
    return ctx.arg(ent) if ent is not None and ent.label_ in STATES else None


def named_after(ctx: RuleContext, tok: Token, kinds: frozenset[Kind]) -> Arg | None:
    """The first entity of `kinds` right after a hyphenated participle ("US-sanctioned chipmaker
    SMIC", "Nvidia-backed Mistral"), before any verb, preposition or punctuation; read past a
    sentence end, which the small model often puts at the participle."""
    for word in ctx.doc[tok.i + 1 : min(tok.i + 5, len(ctx.doc))]:
        ent = ctx.entity(word)
        if ent is not None and ent.label_ in kinds:
            return ctx.arg(ent)
        if word.pos_ in ("VERB", "AUX", "ADP") or word.is_punct:
            return None
    return None


LIST_JOINS = frozenset({",", "and", "or", "as", "well"})


def _hung_before(ctx: RuleContext, ent: Span, kinds: frozenset[Kind]) -> list[Arg]:
    """A name joined by "and" right before `ent` that the parser hung inside it as a modifier ("added
    China's Huawei Technologies and Semiconductor Manufacturing International Corp to its list"), or
    inside the seat set before it ("Microsoft and Abu Dhabi-based G42 signed ...")."""
    doc = ctx.doc
    start = _seat_start(ctx, ent)
    if start < 2 or doc[start - 1].lower_ != "and":
        return []
    before = ctx.entity(doc[start - 2])
    # the parser hangs a name before a seat anywhere, often as a sentence of its own: the words decide
    hung = start < ent.start or start <= before.root.head.i < ent.end if before is not None else False
    if before is None or before.label_ != ent.label_ or not hung:
        return []
    return [ctx.arg(before)]


def _seat_start(ctx: RuleContext, ent: Span) -> int:
    """Where the seat before a name begins ("Abu Dhabi-based G42": at "Abu"), else where the name does."""
    doc = ctx.doc
    if ent.start < 3 or doc[ent.start - 1].lower_ not in BASED or doc[ent.start - 2].text != "-":
        return ent.start
    place = ctx.entity(doc[ent.start - 3])
    return place.start if place is not None else ent.start - 3


def listed_with(ctx: RuleContext, ent: Span, kinds: frozenset[Kind]) -> list[Arg]:
    """The names listed after `ent` up to a closing "and" ("OpenAI, Google, Microsoft and Meta"),
    read from the surface, since the small model drops items of long lists. Nothing unless an "and",
    "or" or "as well as" closes the run, so an apposition ("Huang, Nvidia's CEO,") is no list."""
    doc = ctx.doc
    items: list[Arg] = []
    i, closed = ent.end, False
    people = ent.label_ == Kind.PERSON  # people are listed with people, states and bodies with each other
    while i < ent.sent.end:
        joins = []
        while i < ent.sent.end and doc[i].lower_ in LIST_JOINS:
            joins.append(doc[i].lower_)
            i += 1
        if not joins or i >= ent.sent.end:
            break
        if i < ent.sent.end and doc[i].lower_ == "the":
            i += 1
        item = ctx.entity(doc[i]) if i < ent.sent.end else None
        if item is None or item.label_ not in kinds or item.start != i or (item.label_ == Kind.PERSON) != people:
            break
        if item.end < len(doc) and doc[item.end].text in POSSESSIVE:
            break  # "Nvidia's Jensen Huang and AMD's Lisa Su": a possessor qualifies the next name
        if item.label_ == Kind.COUNTRY and doc[item.end - 1].tag_ == "JJ":
            break  # "IBM and the Italian start-up Fastweb": a demonym qualifies the next name
        items.append(ctx.arg(item))
        closed = closed or any(j in ("and", "or", "well") for j in joins)
        i = item.end
        if closed:
            break
    return items if closed else []


def speakers_organisation(ctx: RuleContext, tok: Token, family: frozenset[Kind]) -> Arg | None:
    """In reported speech, "the company" is the speaker's own: "Naver chief executive Choi said the
    company had released ..." (the organisation the speaker's title ties them to)."""
    node = tok
    while node.dep_ not in ("ccomp", "ROOT") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "ccomp" or node.head.lemma_.lower() not in ctx.tables.words.say_verbs:
        return None
    speakers = {a.name for c in node.head.children if c.dep_ == "nsubj" for a in args(ctx, c, PEOPLE)}
    roles = [r for r in ctx.out if r.type == RelType.AFFILIATED_WITH and r.subject.name in speakers]
    org = next((r.object for r in roles if r.object.kind in family), None)
    return Arg(org.kind, org.name, tok) if org is not None else None
