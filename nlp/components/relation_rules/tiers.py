"""RESTRICTED from a tiered rule: "South Africa was placed in the middle tier" of a rule that caps
what each tier of countries may import."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Kind, RelType
from .clauses import object_of, subject_of
from .context import STATES, Arg, RuleContext
from .emit import emit

PLACING_VERBS = frozenset({"place", "put", "assign", "relegate", "consign", "move", "drop", "be", "remain"})


def placed_in_tier(ctx: RuleContext, tier: Token) -> None:
    """"X was placed in the capped middle tier", "the rule put Singapore in its second tier": the
    rule's maker restricts X; a first tier, free of caps, restricts no one."""
    prep = tier.head
    if tier.dep_ != "pobj" or prep.lower_ not in ("in", "into") or prep.head.lemma_ not in PLACING_VERBS:
        return
    if not any(c.lower_ in ctx.tables.words.capped_tiers for c in tier.children):
        return
    verb = prep.head
    placed = [a for a in object_of(ctx, verb, STATES) if a.kind in STATES] or subject_of(ctx, verb, STATES)
    if not placed:  # "two-thirds of EU member states, including Poland and Portugal, were placed"
        placed = [a for c in verb.children if c.dep_ == "nsubjpass" for a in _named_within(ctx, c)]
    if any(c.dep_ == "dobj" for c in verb.children):
        makers = [s for s in subject_of(ctx, verb, STATES) if s.kind in STATES]
    else:
        makers = _rule_makers(ctx, tier)
    # the placing dates from the rule: "Under the rule issued in January, X was placed in ..."
    made = next((t for t in verb.sent if t.pos_ == "VERB" and t.lemma_ in ctx.tables.words.rule_making_verbs), verb)
    for maker in makers[:1]:
        for target in placed:
            if target.kind in (Kind.COUNTRY, Kind.ALLIANCE) and target.name != maker.name:
                emit(ctx, RelType.RESTRICTED, maker, target, made, item="capped tier", confidence=0.6)


def _named_within(ctx: RuleContext, phrase: Token) -> list[Arg]:
    """The countries a phrase lists, not those that only qualify a word in it ("EU member states")."""
    return [
        ctx.arg(ent) for ent in phrase.sent.ents
        if ent.label_ == Kind.COUNTRY and ent.root.dep_ != "compound"
        and phrase.left_edge.i <= ent.start and ent.end <= phrase.right_edge.i + 1
    ]


def _rule_makers(ctx: RuleContext, tier: Token) -> list[Arg]:
    """Who made the tiered rule: a state in the sentence that made a rule ("the rule the Biden
    administration published", "issued by", however the parser hangs it), the keeper of a rule named in it or the
    two before, or the last restrictor of the story."""
    making = ctx.tables.words.rule_making_verbs
    makers = [
        ent for ent in tier.sent.ents
        if ent.label_ in (Kind.COUNTRY, Kind.ORGANIZATION) and (
            ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in making
            or any(c.dep_ == "acl" and c.lemma_ in making for c in ent.root.children)
            or ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent" and ent.root.head.head.lemma_ in making
        )
    ]
    if makers:
        return [ctx.arg(makers[0])]
    for window in ctx.sentence_window(tier, 2):
        for ent in window.ents:
            owner = ctx.properties.get((ent.label_, ent.kb_id_), {}).get("owner") if ent.label_ == Kind.POLICY else None
            if owner:
                return [Arg(Kind.ORGANIZATION, owner, ent.root)]
    return [ctx.last_restrictor] if ctx.last_restrictor is not None else []
