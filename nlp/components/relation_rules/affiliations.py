"""AFFILIATED_WITH: a person's title ("Nvidia CEO Jensen Huang", "Huang, Nvidia's chief executive",
"Premier Li Qiang", "the Chinese president") or a verb ("G42, chaired by X", "X founded Y")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...records import Kind, RelType
from ..name_shapes import POSSESSIVE
from ..resolve import FORMER
from .antecedents import PRONOUNS_THING, pronoun, single_antecedent
from .arguments import args
from .clauses import object_of, participle, subject_of
from .context import COMPANIES, PEOPLE, STATES, Arg, RuleContext, pobjs
from .emit import emit

ORGANIZATIONS = frozenset({Kind.ORGANIZATION, Kind.ALLIANCE})
LEADABLE = frozenset({Kind.ORGANIZATION, Kind.COUNTRY})


def title_affiliations(ctx: RuleContext) -> None:
    """Person + title patterns: "Nvidia CEO Jensen Huang", "Huang, Nvidia's chief executive"; and a
    person's company: "Elon Musk's xAI"."""
    _persons_companies(ctx)
    doc = ctx.doc
    done: set[tuple[str, str]] = set()
    companies: dict[int, Arg] = {}  # the company of each titled name, by its head word
    countries = {name for kind, name in ctx.properties if kind == Kind.COUNTRY}
    for ent in doc.ents:
        if ent.label_ != Kind.PERSON:
            continue
        role, org, anchor = _first_title(ctx, _with_honorific(ctx, ent))
        if role is None or (org is None and anchor.i > 0 and ctx.doc[anchor.i - 1].lower_ == "shadow"):
            continue  # "the shadow science secretary" speaks for the opposition, not the state
        if org is None:
            org = _unnamed_employer(ctx, ent, role, anchor, countries, companies)
            if org is None:
                continue
        if org.kind not in (*STATES, Kind.LOCATION) or (ent.kb_id_, org.name) in done or _nationality(ctx, org, role):
            continue
        done.add((ent.kb_id_, org.name))
        if org.kind == Kind.ORGANIZATION:
            companies[ent.root.i] = org
        emit(
            ctx,
            RelType.AFFILIATED_WITH,
            ctx.arg(ent),
            org,
            anchor,
            item=role or None,
            confidence=0.9,
            dated=False,
            check=False,
        )
    _posts_of_pronouns(ctx, done)


def _unnamed_employer(
    ctx: RuleContext, ent: Span, role: str, anchor: Token, countries: set[str], companies: dict[int, Arg]
) -> Arg | None:
    """Whom a titled person serves when the title names no one: the office table's holder, the country
    of a national title, a local office, the dateline's or story's country, the company around."""
    org: Arg | None = None
    referred = _body_before_title(ctx, ent)
    if referred is not None:
        return referred
    office = ctx.tables.office_org(ent.kb_id_, ctx.published)
    country = ctx.tables.title_country.get(role.lower())
    if office is not None:
        org = Arg(office["kind"], office["organization"], ent.root)
    elif country is not None and country in countries:
        # "Commerce Secretary Wilbur Ross" in a story that names the United States; "Senator
        # Ted Budd" holds a seat in its Senate
        body = ctx.tables.title_body.get(role.lower())
        org = Arg(Kind.ORGANIZATION, body, ent.root) if body else Arg(Kind.COUNTRY, country, ent.root)
    elif (local := _local_office(ctx, ent, role)) is not None:
        org = local  # "Texas Governor Greg Abbott": the state or province he governs
    elif _cabinet_title(ctx, role) and not _possessed(ctx, anchor) and not _local_title(ctx, ent):
        # "NEW DELHI: ... external affairs minister S. Jaishankar": a minister whose country the
        # text leaves unsaid serves where the story is datelined, or the one country around
        org = _dateline_country(ctx, ent) or _only_country_near(ctx, ent) or _story_country(ctx, ent, role)
        if org is not None and _serves_elsewhere(ctx, ent, org):
            org = None  # "Minister Yin Hejun will visit ..." after "China's minister Yin Hejun"
    elif ctx.titles.get(ent.start, (0, ""))[1] == "state" and not _local_title(ctx, ent):
        # "Chile hosted ... President Gabriel Boric said": a head of state may be a visitor, so
        # the one country acting in the same sentence first; else the dateline's, as news
        # names a visiting head of state with a demonym ("French President X"), unless a
        # company acts around the name ("Rapidus ... President Atsuyoshi Koike said")
        org = _only_country_near(ctx, ent, before=0)
        # ("Prime Minister", "Chancellor" are never a company's titles; "President" may be)
        corporate = role.lower().split()[-1] in ("president", "chairman", "chair") and _company_acts_near(ctx, ent)
        org = org or (None if corporate else _dateline_country(ctx, ent))
    elif ctx.titles.get(ent.start, (0, ""))[1] == "org":
        # "Nvidia CEO Jensen Huang and CFO Colette Kress": the company of the name listed
        # before; "OpenAI rebuilt its board. Chairman Bret Taylor said ...": the one acting
        org = companies.get(ent.root.head.i) if ent.root.dep_ == "conj" else None
        org = org or _only_company_near(ctx, ent)
    return org


def _body_before_title(ctx: RuleContext, ent: Span) -> Arg | None:
    """The organisation a common noun before a title refers back to: "company spokesperson X", "council
    minister Y" (the company or council named before), or None."""
    start = ctx.titles.get(ent.start, (ent.start, ""))[0]
    word = ctx.doc[start - 1] if start > 0 else None
    kinds = ctx.tables.singular_references.get(word.lower_) if word is not None and word.is_lower else None
    if word is None or kinds is None or Kind.ORGANIZATION not in kinds:
        return None
    return single_antecedent(ctx, word, frozenset({Kind.ORGANIZATION}))


def _with_honorific(ctx: RuleContext, ent: Span) -> Span:
    """The name with the honorific written before it, where a title's shape starts: "the President of
    SDAIA, Dr. Abdullah Alghamdi"."""
    start, scope = ctx.titles.get(ent.start, (ent.start, ""))
    return Span(ctx.doc, start, ent.end, label=ent.label_, kb_id=ent.kb_id_) if scope == "honorific" else ent


def _first_title(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """The person's title, the organisation it names and its anchor, from the first shape that fits:
    before the name, after it, said of it, or as its possessor's or its "of"."""
    shapes = (_title_only, _left_title, _shared_title, _right_title, _predicate_title, _subject_title,
              _title_of_before, _possessor, _of_organization)
    for shape in shapes:
        role, org, anchor = shape(ctx, ent)
        if role is not None:
            return role, org, anchor
    return None, None, ent.root


def _posts_of_pronouns(ctx: RuleContext, done: set[tuple[str, str]]) -> None:
    """A post a pronoun's person is said to hold: "Halden hired Sara Lind. She is now a senior adviser
    at Y", "He previously served as president of Y" (only where the sentence names the body)."""
    for tok in ctx.doc:
        if tok.lower_ not in ("he", "she") or tok.dep_ != "nsubj":
            continue
        person = pronoun(ctx, tok)
        if person is None or person.kind != Kind.PERSON:
            continue
        role, org, anchor = _predicate_title(ctx, ctx.doc[tok.i : tok.i + 1])
        if role is None or org is None or org.kind not in STATES or (person.name, org.name) in done:
            continue
        done.add((person.name, org.name))
        emit(ctx, RelType.AFFILIATED_WITH, person, org, anchor, item=role or None, confidence=0.8, dated=False,
             check=False)


def _persons_companies(ctx: RuleContext) -> None:
    """A company named with a person's possessive is that person's: "Elon Musk's xAI"."""
    doc = ctx.doc
    for ent in doc.ents:
        if ent.label_ != Kind.ORGANIZATION or ent.start < 2 or doc[ent.start - 1].text not in POSSESSIVE:
            continue
        owner = ctx.entity(doc[ent.start - 2])
        if owner is not None and owner.label_ == Kind.PERSON:
            emit(ctx, RelType.AFFILIATED_WITH, ctx.arg(owner), ctx.arg(ent), ent.root, item="", confidence=0.7,
                 dated=False, check=False)


def _local_office(ctx: RuleContext, ent: Span, role: str) -> Arg | None:
    """The place named right before a local title: "Texas Governor Greg Abbott", "Kumamoto Governor X"."""
    if not set(role.lower().split()) & ctx.tables.words.local_title_words:
        return None
    start = ctx.titles.get(ent.start, (ent.start, ""))[0]
    place = ctx.entity(ctx.doc[start - 1]) if start > 0 else None
    return ctx.arg(place) if place is not None and place.label_ == Kind.LOCATION else None


def _nationality(ctx: RuleContext, org: Arg, role: str | None) -> bool:
    """True when a demonym before a title of business or scholarship says where a person is from, not
    whom they serve: "French CEO Christophe Fouquet", "Chinese researcher X"."""
    words = set((role or "").lower().replace("-", " ").split())
    return org.kind == Kind.COUNTRY and org.token.tag_ == "JJ" and bool(words & ctx.tables.words.nationality_titles)


def _possessed(ctx: RuleContext, title: Token) -> bool:
    """True when a possessive owns the title ("the African Union Commission's Commissioner"): the
    post is that body's, even when the body is not known, never the dateline's country."""
    return title.i > 0 and ctx.doc[title.i - 1].text in POSSESSIVE


def _serves_elsewhere(ctx: RuleContext, ent: Span, guess: Arg) -> bool:
    """True when the story has already tied the person to another country than the one guessed."""
    return any(side.kind == Kind.COUNTRY and side.name != guess.name for side in ctx.sides(ctx.arg(ent)))


def _cabinet_title(ctx: RuleContext, role: str) -> bool:
    """True for a minister's or official's title that news leaves without its country when the
    country is the story's own; not a head of state's (often a visitor's) nor an envoy's."""
    words = role.lower().replace("-", " ").split()
    return bool(ctx.tables.words.cabinet_heads & set(words)) and "prime" not in words


def _dateline_country(ctx: RuleContext, ent: Span) -> Arg | None:
    """The dateline's country as a person's ("TOKYO (Reuters) -", "New Delhi:"), unless the phrase the
    person hangs from or the sentence names another country; else None."""
    country = ctx.dateline_country
    if country is None or _foreign_frame(ctx, ent, country) or _other_country_named(ctx, ent, country):
        return None
    return Arg(Kind.COUNTRY, country, ent.root)


def _only_country_near(ctx: RuleContext, ent: Span, before: int = 1) -> Arg | None:
    """The one country that acts (a subject or a possessor) in the person's sentence and the `before`
    ones ("Berlin tells a similar story. Economy Minister Robert Habeck said ..."), when no other
    country is named there but as another person's title; None otherwise. A country only talked
    about ("the trade imbalance with China") is no minister's."""
    named = [
        other
        for sent in ctx.sentence_window(ent.root, before)
        for other in sent.ents
        if other.label_ == Kind.COUNTRY and other.end <= ent.start and not _titles_another(ctx, other)
        and not _quoted(other)  # a country after the name is what the person talks about
    ]
    acting = _one_acting(named)
    if acting is None or _local_title(ctx, ent):
        return None
    country = acting.kb_id_
    return None if _foreign_frame(ctx, ent, country) else Arg(Kind.COUNTRY, country, ent.root)


def _local_title(ctx: RuleContext, ent: Span) -> bool:
    """True for a title held in a city, province or party ("Shanghai Party Secretary Chen Jining"),
    not in the country's government."""
    title_start = ctx.titles.get(ent.start, (ent.start, ""))[0]
    title = {t.lower_ for t in ctx.doc[max(0, title_start - 1) : ent.start]}
    local = ctx.entity(ctx.doc[title_start - 1]) if title_start > 0 else None
    return bool(title & ctx.tables.words.local_title_words) or (local is not None and local.label_ == Kind.LOCATION)


def _story_country(ctx: RuleContext, ent: Span, role: str) -> Arg | None:
    """The country the story is about, when one dominates it (named at least three times and twice as
    often as any other): "Economy Minister Robert Habeck" in a story about Germany's rules. Not when
    the person's sentence names another country or gives one to someone else ("Doval and his US
    counterpart"), nor for a commissioner, who may serve a bloc."""
    if "commissioner" in role.lower():
        return None
    countries = [e.kb_id_ for e in ctx.doc.ents if e.label_ == Kind.COUNTRY]
    ranked = Counter(countries).most_common(2)
    # the story's own country leads it and is named most, though not always twice as often as any other
    leads = bool(ranked) and countries[0] == ranked[0][0] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1] and not leads):
        return None
    country = ranked[0][0]
    near = [e for e in ent.sent.ents if e.label_ == Kind.COUNTRY]
    if any(e.kb_id_ != country or _titles_another(ctx, e) for e in near):
        return None
    # "met Economy Minister Katherina Reiche in Berlin" in a story about China: a place elsewhere
    places = {ctx.tables.country_of(e.label_, e.kb_id_) for e in ent.sent.ents if e.label_ == Kind.LOCATION}
    if places - {None, country}:
        return None
    if _foreign_frame(ctx, ent, country) or _other_country_named(ctx, ent, country):
        return None
    return Arg(Kind.COUNTRY, country, ent.root)


def _titles_another(ctx: RuleContext, country: Span) -> bool:
    """True for a country that qualifies a title: "the Japanese minister", "Nigeria's minister"."""
    after = country.end + 1 if country.end < len(ctx.doc) and ctx.doc[country.end].text in POSSESSIVE else country.end
    return country.end in ctx.titles or after in ctx.title_starts


def _quoted(ent: Span) -> bool:
    """True for a name inside quotation marks in its sentence: what a speaker talks about."""
    before = ent.doc[ent.sent.start : ent.start].text
    return sum(before.count(q) for q in ('"', "“", "”")) % 2 == 1


def _only_company_near(ctx: RuleContext, ent: Span) -> Arg | None:
    """The one organisation named in the person's sentence and the one before, when it acts there
    (a subject or a possessor); None otherwise."""
    named = [
        other
        for sent in ctx.sentence_window(ent.root, 1)
        for other in sent.ents
        if other.label_ == Kind.ORGANIZATION
    ]
    acting = _one_acting(named)
    return ctx.arg(acting) if acting is not None else None


def _company_acts_near(ctx: RuleContext, ent: Span) -> bool:
    """True when an organisation acts in the person's sentence or the one before."""
    window = ctx.sentence_window(ent.root, 1)
    return any(other.label_ == Kind.ORGANIZATION and _acts(other) for sent in window for other in sent.ents)


def _one_acting(named: list[Span]) -> Span | None:
    """The entity all of `named` name, when they name only one and it acts in one of them."""
    if len({other.kb_id_ for other in named}) != 1 or not any(_acts(other) for other in named):
        return None
    return named[0]


def _acts(ent: Span) -> bool:
    """True for a name that is a subject, or a possessor of something other than a name ("Germany's
    ministry", not "Taiwan's Formosa Wafer", where the country only qualifies a company)."""
    doc = ent.doc
    possessor = ent.root.dep_ == "poss" or (ent.end < len(doc) and doc[ent.end].text in POSSESSIVE)
    qualifies = ent.end + 1 < len(doc) and doc[ent.end + 1].pos_ == "PROPN"
    return ent.root.dep_ in ("nsubj", "nsubjpass") or (possessor and not qualifies)


def _other_country_named(ctx: RuleContext, ent: Span, country: str) -> bool:
    """True when the person's sentence names a country other than the dateline's, except as the
    demonym of another person's title ("British foreign secretary David Lammy held talks with ...")."""
    for other in ent.sent.ents:
        if other.label_ != Kind.COUNTRY or other.kb_id_ == country:
            continue
        if other.end in ctx.titles or other.end in ctx.title_starts:
            continue  # "British foreign secretary": someone else's country
        if _reported_beside(ctx, other, ent, country):
            continue  # "SEOUL - Trade Minister Yeo said South Korea would press Washington": whom he talks of
        return True
    return False


def _reported_beside(ctx: RuleContext, other: Span, person: Span, country: str) -> bool:
    """True when `other` is inside what `person` goes on to say, and so is `country`, the side the
    person speaks for: the clause after the name that a verb of saying with that subject reports."""
    if other.start < person.end:
        return False  # a quotation before the speaker may be anyone's words about anyone
    for node in other.root.ancestors:
        said = node.dep_ == "ccomp" and any(
            c.dep_ == "nsubj" and person.start <= c.i < person.end for c in node.head.children
        )
        if said:
            return any((e := ctx.entity(t)) is not None and e.kb_id_ == country for t in node.subtree)
    return False


def _foreign_frame(ctx: RuleContext, ent: Span, country: str) -> bool:
    """True when the phrase a person hangs from names another country ("the Emirati AI firm chaired by
    adviser Sheikh Tahnoon"): the dateline's country is then not theirs."""
    for node in list(ent.root.ancestors)[:4]:
        if node.pos_ not in ("NOUN", "PROPN"):
            continue
        for word in ctx.doc[node.left_edge.i : node.i]:
            other = ctx.entity(word)
            if other is not None and other.label_ == Kind.COUNTRY and other.kb_id_ != country:
                return True
    return False


def _title_only(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A person named only by a title and its organisation: "the Chinese president"."""
    if ctx.title_starts.get(ent.start) != ent.end:
        return None, None, ent.root
    left = _org_before(ctx, ent.start)
    if left is None:
        return None, None, ent.root
    return ent.text, left, ent.root


def _left_title(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A title before the name: "Nvidia CEO Jensen Huang", "former Dutch Prime Minister X"."""
    doc = ctx.doc
    end = ent.start
    if end in ctx.titles and ctx.titles[end][1] == "honorific":
        end = ctx.titles[end][0]  # "CEO Dr. Jane Doe": an honorific is no title of its own
    if end > 3 and end - 3 in ctx.titles and doc[end - 3].text == "(" and doc[end - 1].text == ")":
        end -= 3  # "National Security Advisor (NSA) Ajit Doval": the title's acronym stands between
    of_org: Arg | None = None
    if end in ctx.titles:
        pass
    elif end - 1 in ctx.titles and doc[end - 1].text == "," and _set_off(ctx, ent):
        end -= 1
    else:
        # "Director of the National Economic Council Lael Brainard", "China's ambassador to the UN,
        # Fu Cong": the title ends before an "of" or "to" phrase naming a body
        end, of_org = _title_before_phrase(ctx, ent)
        if of_org is None:
            end = _title_before_portfolio(ctx, ent)
        if of_org is None and not end:
            return None, None, ent.root
    start = end
    while start in ctx.titles:
        start = ctx.titles[start][0]
        if start - 1 >= 0 and doc[start - 1].lower_ in ("and", ",", "&") and start - 1 in ctx.titles:
            start = ctx.titles[start - 1][0]
    # "EU internal market commissioner": a few lowercase words may qualify the title
    pos = start
    while pos > start - 3 and pos > 0 and doc[pos - 1].is_lower and doc[pos - 1].pos_ in ("NOUN", "ADJ"):
        pos -= 1
    left = _org_before(ctx, pos)
    if left is not None:
        start = pos
    role_start = start
    while role_start > 0 and (
        doc[role_start - 1].lower_ in FORMER
        or (doc[role_start - 1].text == "-" and role_start > 1 and doc[role_start - 2].lower_ in FORMER)  # "then-"
    ):
        role_start -= 1
    role = doc[role_start:end].text.replace("Former", "former").replace("Then-", "then-")
    if left is None:
        left = _org_before(ctx, role_start)
    if left is None and of_org is not None and _portfolio(ctx, of_org, role):
        # "Minister of High-Tech Industry X": the minister's field, which the model took for a body
        return doc[role_start : ent.start].text, None, doc[start]
    if left is None:
        left = of_org if of_org is not None and of_org.kind != Kind.COUNTRY else left
    if left is None and of_org is None:
        state_title = ctx.titles[end][1] == "state"
        left = _office_of_possessor(ctx, role_start) or _of_after(ctx, ent, STATES)
        left = left or _its(ctx, role_start, state_title)
    return role, left or of_org, doc[start]


def _portfolio(ctx: RuleContext, body: Arg, role: str) -> bool:
    """True for a minister's field after "of" that the model took for an unknown organisation ("Minister
    of High-Tech Industry"): no known body, and no word that makes it one ("Ministry", "Council")."""
    words = ctx.tables.words
    if body.kind != Kind.ORGANIZATION or ctx.properties.get((body.kind, body.name)):
        return False
    named = {w.lower() for w in body.name.split()}
    return role.lower().split()[-1] in words.cabinet_heads and not named & (words.state_nouns | words.group_name_words)


def _its(ctx: RuleContext, pos: int, state_title: bool) -> Arg | None:
    """The organisation or state "its" or "whose" stands for before a title: "Its chief executive,
    Toshiki Kawai,", "Malaysia, whose Prime Minister Anwar Ibrahim ..."."""
    before = ctx.doc[pos - 1] if pos > 0 else None
    if before is None or before.lower_ not in ("its", "whose"):
        return None
    if before.lower_ == "whose":
        named = ctx.entity(ctx.doc[pos - 3]) if pos >= 3 and ctx.doc[pos - 2].text == "," else None
        return ctx.arg(named) if named is not None and named.label_ in STATES else None
    owner = pronoun(ctx, before)
    # "its trade minister" is a state's; "its chief executive" a company's or a bloc's
    kinds = STATES if state_title else frozenset({Kind.ORGANIZATION, Kind.ALLIANCE})
    return owner if owner is not None and owner.kind in kinds else None


def _set_off(ctx: RuleContext, ent: Span) -> bool:
    """True when a name after a comma is an apposition closed by punctuation ("the ambassador, Fu Cong,
    said"), not the subject of a new clause ("During the meeting with the minister, Raimondo said")."""
    return ent.end >= len(ctx.doc) or ctx.doc[ent.end].text in (",", ")", "(", "—", "–", "-", ";", ".")


def _title_before_phrase(ctx: RuleContext, ent: Span) -> tuple[int, Arg | None]:
    """The end of a title followed by "of/to (the) BODY" and maybe a comma before the name, and that
    body: (title end, body), or (0, None)."""
    doc = ctx.doc
    pos = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].text == "," and _set_off(ctx, ent) else ent.start
    body = ctx.entity(doc[pos - 1]) if pos > 0 else None
    if body is None or body.label_ not in STATES:
        return 0, None
    prep = body.start - 1
    if prep > 0 and doc[prep].lower_ == "the":
        prep -= 1
    if prep < 1 or doc[prep].lower_ not in ("of", "to") or prep not in ctx.titles:
        return 0, None
    return prep, ctx.arg(body)


def _title_before_portfolio(ctx: RuleContext, ent: Span) -> int:
    """The end of a title whose portfolio runs on to a comma before the name ("Ghana's Minister for
    Communications and Digitalisation, Efua Mensah"), or 0."""
    doc = ctx.doc
    if ent.start < 3 or doc[ent.start - 1].text != ",":
        return 0
    for k in range(ent.start - 2, max(0, ent.start - 10), -1):
        word = doc[k]
        if word.lower_ in ("of", "for") and k in ctx.titles:
            return k
        if not (word.is_title or word.is_upper or word.lower_ in ("and", "&", "the", "of", "for")):
            return 0
    return 0


def _of_after(ctx: RuleContext, ent: Span, kinds: frozenset[Kind], article: bool = False) -> Arg | None:
    """The state or body of `kinds` named by an "of" right after a name ("President William Ruto of
    Kenya", "Masayoshi Son of SoftBank"); with `article`, also by "of the"."""
    doc = ctx.doc
    pos = ent.end + 1
    if article and pos < len(doc) and doc[pos].lower_ == "the":
        pos += 1
    if pos >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    body = ctx.entity(doc[pos])
    return ctx.arg(body) if body is not None and body.label_ in kinds else None


def _office_of_possessor(ctx: RuleContext, pos: int) -> Arg | None:
    """The office of the person whose possessive stands before a title: "Biden's Chief of Staff X"
    serves where Biden holds office."""
    doc = ctx.doc
    if pos < 2 or doc[pos - 1].text not in POSSESSIVE:
        return None
    owner = ctx.entity(doc[pos - 2])
    if owner is None or owner.label_ != Kind.PERSON:
        return None
    office = ctx.tables.office_org(owner.kb_id_, ctx.published)
    return Arg(office["kind"], office["organization"], owner.root) if office is not None else None


def _title_of_before(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A title of an organisation before the name, set off by a comma: "The CEO of Arm, Rene Haas"."""
    doc = ctx.doc
    comma = ent.start - 1
    org = ctx.entity(doc[comma - 1]) if comma >= 2 and doc[comma].text == "," else None
    if org is None or org.label_ not in STATES:
        return None, None, ent.root
    of = org.start - 2 if org.start >= 2 and doc[org.start - 1].lower_ == "the" else org.start - 1
    title = ctx.titles.get(of) if of >= 1 and doc[of].lower_ == "of" else None
    if title is None:
        return None, None, ent.root
    return doc[title[0] : of].text, ctx.arg(org), doc[title[0]]


def _possessor(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A person named with the organisation's possessive and no title: "Nvidia's Jensen Huang". The
    role is the office the table gives the person there, else unknown ("")."""
    if ent.start == 0 or ctx.doc[ent.start - 1].text not in POSSESSIVE:
        return None, None, ent.root
    org = _org_before(ctx, ent.start)
    if org is None:
        return None, None, ent.root
    return _office_role(ctx, ent, org), org, ent.root


def _of_organization(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A person named with the organisation they belong to and no title: "Masayoshi Son of SoftBank".
    The role is the office the table gives the person there, else unknown ("")."""
    body = _of_after(ctx, ent, ORGANIZATIONS, article=True)
    if body is None:
        return None, None, ent.root
    return _office_role(ctx, ent, body), body, ent.root


def _office_role(ctx: RuleContext, ent: Span, org: Arg) -> str:
    """The office the table gives the person `ent` at `org` on the publication day, else "" (unknown)."""
    office = ctx.tables.office_org(ent.kb_id_, ctx.published)
    return office["role"] if office is not None and office["organization"] == org.name else ""


def _org_before(ctx: RuleContext, pos: int) -> Arg | None:
    """The organisation or country that ends right before token `pos` ("Nvidia's", "Dutch"), or the
    company a possessive reference stands for ("the startup's"); before a company's title, a name the
    model read as a place is that company ("Zhongke president Lin Yi-ting")."""
    title = pos
    pos -= 1
    possessive = pos >= 0 and ctx.doc[pos].text in POSSESSIVE
    if possessive:
        pos -= 1
    left = ctx.entity(ctx.doc[pos]) if pos >= 0 else None
    unit = ctx.doc[pos] if pos > 0 else None
    if left is None and unit is not None and unit.is_title and unit.lower_ in ctx.tables.words.unit_name_words:
        # "Google Cloud chief executive X": a unit named after its company serves in the company
        parent = ctx.entity(ctx.doc[pos - 1])
        left = parent if parent is not None and parent.label_ == Kind.ORGANIZATION else None
    if left is None and possessive:
        return _company_referred(ctx, ctx.doc[pos])
    if left is not None and left.label_ == Kind.LOCATION and title in ctx.title_starts:
        words = set(ctx.doc[title : ctx.title_starts[title]].text.lower().replace("-", " ").split())
        if words & (ctx.tables.words.nationality_titles | {"president"}):
            return Arg(Kind.ORGANIZATION, left.kb_id_, left.root, (left.start_char, left.end_char))
    return ctx.arg(left) if left is not None and left.label_ in STATES else None


def _company_referred(ctx: RuleContext, noun: Token) -> Arg | None:
    """The company "the company" or "the startup" refers back to, or None."""
    if noun.lower_ not in ctx.tables.singular_references or not any(c.lower_ == "the" for c in noun.children):
        return None
    company = next(iter(args(ctx, noun, COMPANIES)), None)
    # a title's company is named close by: further back, "the company" is more likely one the model missed
    near = ctx.sentence_window(noun, 1)[-1].start
    return company if company is not None and company.token.i >= near else None


def _shared_title(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A plural title before a pair of names is each one's: "Presidents Joe Biden and Xi Jinping"."""
    first = ctx.entity(ent.root.head) if ent.root.dep_ == "conj" else None
    if first is None or first.label_ != Kind.PERSON or first.start not in ctx.titles:
        return None, None, ent.root
    title = ctx.doc[ctx.titles[first.start][0] : first.start]
    return (title.text, None, ent.root) if title[-1].tag_ in ("NNS", "NNPS") else (None, None, ent.root)


def _right_title(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A title after the name: "Jensen Huang, Nvidia's chief executive", "X, the chairman of Y"; not
    the title of the next name in a list ("OpenAI's Sam Altman, Google chief executive Sundar Pichai")."""
    doc = ctx.doc
    pos = ent.end
    if pos >= len(doc) or doc[pos].text != ",":
        return None, None, ent.root
    role, org, anchor = _title_from(ctx, ent, pos + 1)
    after = ctx.title_starts.get(anchor.i)
    named = ctx.entity(doc[after]) if role is not None and after is not None and after < len(doc) else None
    if named is not None and named.label_ == Kind.PERSON and named.start == after:
        return None, None, ent.root
    return role, org, anchor


def _predicate_title(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A title the person is said to hold: "X is now a senior adviser at Y", "X was chief scientist at Y",
    "X previously served as president of Y"."""
    doc = ctx.doc
    pos = ent.end
    verb = ent.root.head
    if ent.root.dep_ != "nsubj" or verb.i < pos:
        return None, None, ent.root
    if verb.lemma_ in ctx.tables.words.serving_verbs:
        post = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        return _title_from(ctx, ent, post.i + 1) if post is not None else (None, None, ent.root)
    if verb.lemma_ != "be":
        return None, None, ent.root
    while pos < len(doc) and (doc[pos].pos_ in ("AUX", "ADV") or pos == verb.i):
        pos += 1  # "has been", "is now", "is currently"
    if pos == ent.end or not any(c.dep_ == "attr" and c.i >= pos for c in verb.children):
        return None, None, ent.root
    return _title_from(ctx, ent, pos)


def _subject_title(ctx: RuleContext, ent: Span) -> tuple[str | None, Arg | None, Token]:
    """A title said to be held by the person: "Its board chair is Diane Mercer", "The company's chief
    scientist is X"."""
    verb = ent.root.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if ent.root.dep_ != "attr" or verb.lemma_ != "be" or subject is None:
        return None, None, ent.root
    start = next((s for s, e in ctx.title_starts.items() if s <= subject.i < e), None)
    if start is None:
        return None, None, ent.root
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    named = ctx.entity(owner) if owner is not None else None
    org = None
    if named is not None and named.label_ in STATES:
        org = ctx.arg(named)
    elif owner is not None and owner.lower_ == "its":
        org = _its(ctx, owner.i + 1, state_title=False)
    elif owner is not None:
        org = _company_referred(ctx, owner)
    return ctx.doc[start : ctx.title_starts[start]].text, org, subject


def _title_from(ctx: RuleContext, ent: Span, pos: int) -> tuple[str | None, Arg | None, Token]:
    """The title that starts at token `pos` after a person's name, with the organisation it names."""
    doc = ctx.doc
    org: Arg | None = None
    if pos + 1 < len(doc) and doc[pos].lower_ in ("then", "now") and doc[pos + 1].lower_ in ("the", "a", "an"):
        pos += 1  # "X, then the trade minister": the post held then is still the person's
    if pos < len(doc) and doc[pos].lower_ in ("the", "a", "an"):
        pos += 1
    while pos < len(doc) and doc[pos].lower_ in FORMER and ctx.entity(doc[pos + 1]) is not None:
        pos += 1  # "X, a former Google executive"
    left = ctx.entity(doc[pos]) if pos < len(doc) else None
    if left is not None and left.label_ in STATES:
        org = ctx.arg(left)
        pos = left.end
        if pos < len(doc) and doc[pos].text in POSSESSIVE:
            pos += 1
    elif pos + 1 < len(doc) and doc[pos + 1].text in POSSESSIVE:
        org = _company_referred(ctx, doc[pos])  # "X, the company's chief global affairs officer"
        pos = pos + 2 if org is not None else pos
    elif pos < len(doc) and doc[pos].lower_ == "its":
        org = _its(ctx, pos + 1, state_title=False)  # "X, its head of international business"
        pos = pos + 1 if org is not None else pos
    start = pos
    while pos < len(doc) and doc[pos].lower_ in FORMER:
        pos += 1
    # "deputy research director at X": a few lowercase words may qualify the title
    qualified = pos
    while qualified < min(pos + 3, len(doc)) and qualified not in ctx.title_starts and (
        (doc[qualified].is_lower and (doc[qualified].pos_ in ("NOUN", "ADJ", "PROPN") or doc[qualified].tag_ == "VBG"))
        or (doc[qualified].text == "-" and qualified > pos)  # "vice-chair"
        or _country_word(ctx, doc[qualified])  # "deputy China research director at X"
    ):
        qualified += 1
    if qualified in ctx.title_starts:
        pos = qualified
    if pos not in ctx.title_starts:
        return None, None, ent.root
    end = ctx.title_starts[pos]
    while end + 1 < len(doc) and doc[end].lower_ == "and" and end + 1 in ctx.title_starts:
        end = ctx.title_starts[end + 1]
    end = _field_of_post(doc, end)
    role = doc[start:end].text
    if org is None and end + 1 < len(doc) and doc[end].lower_ in ("of", "at", "for", "with"):
        org = _org_after_title(ctx, end + 1)
    if org is None and end + 1 < len(doc) and doc[end].text == ",":
        org = _listed_org(ctx, end + 1)
    return role, org, doc[start]


def _field_of_post(doc: Doc, end: int) -> int:
    """The end of a title that names its field before its employer: "head of research at Nuvama",
    "director of public policy for Y" (the field is part of the role, the employer comes after)."""
    field = end + 1
    while field < min(end + 5, len(doc)) and doc[field].is_lower and doc[field].pos_ in ("NOUN", "ADJ"):
        field += 1
    shaped = doc[end].lower_ == "of" and field > end + 1 and field < len(doc) - 1
    return field if shaped and doc[field].lower_ in ("at", "for") else end


def _listed_org(ctx: RuleContext, pos: int) -> Arg | None:
    """The body set off after a title in a list of names ("Katrin Albers, senior policy fellow, European
    Council on Foreign Relations"; a hearing's witnesses): a name that ends its own comma-set part."""
    found = ctx.entity(ctx.doc[pos])
    if found is None or found.start != pos or found.label_ not in STATES:
        return None
    closed = found.end == len(ctx.doc) or ctx.doc[found.end].text in (",", ";", ".", ")")
    return ctx.arg(found) if closed else None


def _country_word(ctx: RuleContext, tok: Token) -> bool:
    """True for a one-word country inside a title: the region a post covers, not its employer."""
    ent = ctx.entity(tok)
    return ent is not None and ent.label_ == Kind.COUNTRY and len(ent) == 1


def _org_after_title(ctx: RuleContext, nxt: int) -> Arg | None:
    """The organisation of "X, the chairman of Y", "X, a fellow at Y", from token `nxt` on."""
    doc = ctx.doc
    if doc[nxt].lower_ == "the" and nxt + 1 < len(doc):
        nxt += 1
    named: list[Span] = []
    for i in range(nxt, min(nxt + 6, len(doc))):
        if doc[i].text == "-" or doc[i].lower_ in ("based", "headquartered"):
            continue  # "at Shenzhen-based Qianhai Insight"
        # "governor of the Bank of Japan": an "of" inside an unrecognised name reads on
        if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX") or (doc[i].pos_ == "ADP" and doc[i].lower_ != "of"):
            break
        found = ctx.entity(doc[i])
        # "at Hong Kong consultancy X", "the Accra-based institute": a place that qualifies a noun
        qualifies = found is not None and found.end < len(doc) and (
            doc[found.end].text == "-" or (doc[found.end].is_lower and doc[found.end].pos_ == "NOUN")
        )
        if found is not None and found.label_ in STATES and found not in named and not qualifies:
            named.append(found)
    # "chief executive of French startup Mistral AI": the organisation, not the demonym before it
    right = next((e for e in named if e.label_ != Kind.COUNTRY), named[0] if named else None)
    if right is not None:
        return ctx.arg(right)
    if doc[nxt].lower_ in ctx.tables.singular_references:  # "Chief Executive Officer of the company"
        return _company_referred(ctx, doc[nxt])
    return None


def affiliated_by_verb(ctx: RuleContext, tok: Token, trig: dict[str, Any]) -> None:
    """A person who chairs, heads or founded an organisation: "G42, the AI firm chaired by
    Tahnoon bin Zayed", "Liang Wenfeng, who founded DeepSeek"; or who takes a titled post."""
    if trig.get("appointment"):
        _appointed(ctx, tok, trig["appointment"] == "join")
        return
    orgs: list[Arg] = []
    people: list[Arg] = []
    maker = ctx.entity(ctx.doc[tok.i - 2]) if tok.i >= 2 and ctx.doc[tok.i - 1].text == "-" else None
    if maker is not None and maker.label_ == Kind.PERSON and tok.dep_ == "amod":
        # "xAI, the Elon Musk-founded start-up": the person before the hyphen, the company described
        noun = tok.head
        people = [ctx.arg(maker)]
        orgs = args(ctx, noun.head, ORGANIZATIONS) if noun.dep_ == "appos" else args(ctx, noun, ORGANIZATIONS)
    elif tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
        noun = tok.head
        # "Tenstorrent, the AI chip startup led by Jim Keller": the name the description is of
        orgs = args(ctx, noun.head, ORGANIZATIONS) if noun.dep_ == "appos" else []
        orgs = orgs or args(ctx, noun, ORGANIZATIONS)
        people = _agents(ctx, tok)
    elif tok.dep_ == "advcl" and tok.tag_ == "VBN" and tok.i < tok.head.i:
        # "Founded in 2023 by A, B and C, Mistral AI has raised ...": the main clause's subject
        orgs = [a for c in tok.head.children if c.dep_ == "nsubj" for a in args(ctx, c, ORGANIZATIONS)]
        people = _agents(ctx, tok)
    else:
        people = subject_of(ctx, tok, PEOPLE)
        # "Ruto, who leads Kenya": a person may lead a country as well as a company; "the institute is
        # chaired by X": the passive's subject is what X leads
        # "it is chaired by X": "it" is a body, never a country, which no one chairs by a passive
        orgs = [a for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                for a in args(ctx, c, frozenset({Kind.ORGANIZATION}) if c.lower_ in PRONOUNS_THING else LEADABLE)]
        orgs = orgs or _unit_of(ctx, tok)
    for person in people:
        for org in orgs:
            emit(ctx, RelType.AFFILIATED_WITH, person, org, tok, item=trig["role"], confidence=0.75, dated=False)
    if trig["role"] in ("founder", "co-founder"):
        _founded_by_companies(ctx, tok)


def _agents(ctx: RuleContext, verb: Token) -> list[Arg]:
    """The people a passive participle's "by" names: "led by Jim Keller", "founded by A and B"."""
    return [a for agent in verb.children if agent.dep_ == "agent" for p in pobjs(agent) for a in args(ctx, p, PEOPLE)]


def _unit_of(ctx: RuleContext, tok: Token) -> list[Arg]:
    """The organisation whose unit a person leads: "led the machine learning group at Philips Research",
    "headed the Bogota office of the Inter-American Development Bank"."""
    return [
        a
        for unit in tok.children
        if unit.dep_ == "dobj" and unit.lemma_.lower() in ctx.tables.words.unit_nouns
        for prep in unit.children
        if prep.dep_ == "prep" and prep.lower_ in ("at", "of")
        for p in pobjs(prep)
        for a in args(ctx, p, ORGANIZATIONS)
    ]


def _founded_by_companies(ctx: RuleContext, tok: Token) -> None:
    """Companies that found one together are its partners: "Rapidus was founded by eight Japanese
    companies including Toyota and Sony", "Toyota and Sony founded Rapidus" (ALLIED_WITH, founder to
    venture)."""
    kinds = frozenset({Kind.ORGANIZATION, Kind.COUNTRY})
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if passive or participle(tok):
        founders = [a for c in tok.children if c.dep_ == "agent" for p in pobjs(c) for a in args(ctx, p, kinds)]
    else:  # "Toyota, Sony and NEC founded Rapidus"
        founders = subject_of(ctx, tok, kinds)
    ventures = object_of(ctx, tok, frozenset({Kind.ORGANIZATION, Kind.ALLIANCE}))
    for founder in founders:
        for venture in ventures:
            emit(ctx, RelType.ALLIED_WITH, founder, venture, tok, confidence=0.65)


def _appointed_to_board(ctx: RuleContext, tok: Token) -> None:
    """"OpenAI appointed X to its board": the board's owner (its possessor, else the subject) gains X,
    dated when the sentence dates the appointment (as for every appointment and joining)."""
    boards = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in pobjs(c)
              if p.lemma_.lower() in ctx.tables.words.board_nouns]
    if not boards:
        return
    owners = [a for c in boards[0].children if c.dep_ in ("poss", "compound") for a in args(ctx, c, ORGANIZATIONS)]
    owners = owners or subject_of(ctx, tok, ORGANIZATIONS)
    people = [a for c in tok.children if c.dep_ == "dobj" for a in args(ctx, c, PEOPLE)]
    for person in people:
        for org in owners:
            emit(ctx, RelType.AFFILIATED_WITH, person, org, tok, item="board member", confidence=0.75, dated=True)


def _appointed_to_lead(ctx: RuleContext, tok: Token) -> None:
    """A person an organisation names to lead a part of it: "Micron named Park Sung-ho to lead its
    memory business" (the role is what the person is to do)."""
    leads = [c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() in ctx.tables.words.leading_verbs]
    if not leads:
        return
    role = ctx.doc[leads[0].i : leads[0].right_edge.i + 1].text
    named = [c for c in tok.children if c.dep_ in ("dobj", "oprd")]
    for person in (a for c in named for a in args(ctx, c, PEOPLE)):
        for org in subject_of(ctx, tok, ORGANIZATIONS):
            emit(ctx, RelType.AFFILIATED_WITH, person, org, tok, item=role, confidence=0.7, dated=True)


def _appointed(ctx: RuleContext, tok: Token, joins: bool) -> None:
    """A person put in a titled post: "Intel named Lip-Bu Tan (as) its chief executive", "Tan was
    appointed chief executive of Intel", "Mustafa Suleyman joined Microsoft as chief executive"."""
    slots = [c for c in tok.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj")]
    named = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "oprd"))]  # "as CEO" may hang on the name
    slots += [p for n in named for c in n.children if c.dep_ == "prep" and c.lower_ == "as" for p in pobjs(c)]
    # "promoted Cha Seon-yong to chief technology officer"
    slots += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in pobjs(c)]
    title = next((t for t in slots if t.i in ctx.title_of), None)
    if title is None and not joins:
        _appointed_to_board(ctx, tok)
        _appointed_to_lead(ctx, tok)
        return
    if title is None:
        if joins:  # "Fouquet, who joined ASML in 2008": a person joining a company works there
            employers = [a for c in tok.children if c.dep_ == "dobj" for a in args(ctx, c, COMPANIES)]
            for person in subject_of(ctx, tok, PEOPLE):
                for org in employers:
                    emit(ctx, RelType.AFFILIATED_WITH, person, org, tok, item="", confidence=0.7, dated=True)
        return
    end = ctx.title_of[title.i]
    role = ctx.doc[ctx.titles[end][0] : end].text
    orgs = [a for c in title.children if c.dep_ == "prep" and c.lower_ in ("of", "at") for p in pobjs(c)
            for a in args(ctx, p, ORGANIZATIONS)]
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    subjects = subject_of(ctx, tok, ORGANIZATIONS | {Kind.PERSON}) if not passive else [
        a for c in tok.children if c.dep_ == "nsubjpass" for a in args(ctx, c, PEOPLE)
    ]
    others = [a for c in tok.children if c.dep_ in ("dobj", "oprd") and c.i != title.i for a in args(ctx, c)]
    # joining, the subject takes the post in the object; appointing, the subject puts the object in it
    people, bodies = (subjects, others) if joins or passive else (others, subjects)
    for person in (p for p in people if p.kind == Kind.PERSON):
        for org in orgs or [b for b in bodies if b.kind in ORGANIZATIONS]:
            emit(ctx, RelType.AFFILIATED_WITH, person, org, tok, item=role, confidence=0.75, dated=True)
