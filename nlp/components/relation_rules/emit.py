"""Recording a relation: negation, hedging, confidence and date."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Kind, RelType
from ..hedging import token_cancelled, token_hedged, token_negated
from .candidate import Candidate
from .context import ACTORS, Arg, RuleContext
from .dating import date_for, line_date, paragraph_date


def emit(
    ctx: RuleContext,
    rel: RelType,
    subj: Arg,
    obj: Arg,
    anchor: Token,
    *,
    item: str | None = None,
    confidence: float = 0.7,
    dated: bool = True,
    check: bool = True,
) -> None:
    """Record a `rel` relation from `subj` to `obj` found at `anchor`, unless both are one entity or
    `check` is set and the clause of `anchor` is negated or calls it off ("postponed the talks"); a
    hedged clause lowers `confidence`."""
    if subj.name == obj.name and subj.kind == obj.kind:
        return
    if subj.kind not in ACTORS:
        return  # "the roadmap, which creates a research centre": only an actor announces, meets or restricts
    state = _state_of(ctx, subj) if rel == RelType.RESTRICTED else None
    if state is not None and state == _state_of(ctx, obj):
        return  # "MOFCOM barred Chinese exporters from shipping to them": a state's rule on its own traders
    if check and (token_negated(anchor) or token_cancelled(anchor)):
        return
    # a role is a standing fact; the clause around a title ("will be built by G42, chaired by
    # ...") does not make it uncertain
    hedged = rel != RelType.AFFILIATED_WITH and token_hedged(anchor)
    sent = anchor.sent
    # a stated announcement happened by the day it is reported: a later date in its clause is the
    # plan's ("unveiled a campus, to open in 2027"); a hedged one ("will launch it in May") is dated ahead
    latest = ctx.published if rel == RelType.ANNOUNCED and not hedged else None
    date = (date_for(anchor, ctx.dates, latest) or line_date(anchor, ctx.dates)) if dated else None
    if date is None and dated and ctx.fallback_date and rel != RelType.AFFILIATED_WITH:
        date = paragraph_date(anchor, ctx.dates, ctx.published) if ctx.published else None
        date = date or ctx.fallback_date
    ctx.out.append(
        Candidate(
            type=rel,
            subject=subj.party(),
            object=obj.party(),
            start=sent.start_char,
            end=sent.end_char,
            date=date,
            hedged=hedged,
            confidence=round(confidence * (0.8 if hedged else 1.0), 3),
            item=item,
        )
    )


def _state_of(ctx: RuleContext, arg: Arg) -> str | None:
    """The ISO code of the state `arg` is or governs for: a country, or a government body."""
    properties = ctx.properties.get((arg.kind, arg.name), {})
    if arg.kind == Kind.COUNTRY:
        code = properties.get("iso_alpha2")
    else:
        code = properties.get("country") if properties.get("type") == "government" else None
    return str(code) if code else None
