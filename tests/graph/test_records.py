"""The read records: typed fields from a Cypher map, and back to the same map, keys in the order they came."""

from __future__ import annotations

from graph.records import ArticleDetailRecord, ArticleRecord, ClaimRecord, EntityRecord

CITED = {"id": "a1", "published": "2025-01-10", "source": "Wire", "title": "Allies", "url": None}
END = {"name": "Japan", "id": "country:japan", "kind": "Country"}


def claim_map(**fields: object) -> dict[str, object]:
    """A claim map in an order no fixed field list has, as Neo4j may send one (no `item`: it was not known)."""
    return {
        "created_at": "2025-01-10T08:00:00Z", "date": "2025-01-09", "subject_id": "country:japan",
        "evidence": "Japan and Australia renewed their alliance.", "confidence": 0.9, "start": 0, "hedged": False,
        "type": "ALLIED_WITH", "object_id": "country:australia", "article_id": "a1", "extractor_version": "v1",
        "end": 44, "id": "c1", **fields,
    }


def test_a_claim_reads_typed_fields_and_serialises_as_the_map_it_came_from():
    row = claim_map(subject=END, article=CITED)
    claim = ClaimRecord.from_row(row)
    assert (claim.type, claim.date, claim.item, claim.hedged) == ("ALLIED_WITH", "2025-01-09", None, False)
    assert claim.subject == EntityRecord("country:japan", "Japan", "Country") and claim.object is None
    assert claim.article == ArticleRecord("a1", published="2025-01-10", source="Wire", title="Allies")
    assert list(claim.as_row().items()) == list(row.items())


def test_an_articles_claims_carry_the_article_and_leave_it_out_of_their_maps():
    article = {"ingested_at": "2025-01-10T08:00:00Z", "sha256": "ab" * 32, "id": "a1", "text": "Japan.", "title": "T"}
    mention = {"name": "Japan", "spans": [0, 5], "id": "country:japan", "kind": "Country"}
    detail = ArticleDetailRecord.from_row(article, [mention], [claim_map()])
    assert [c.article for c in detail.claims] == [detail.article] and detail.article.title == "T"
    assert list(detail.as_row().items()) == list({**article, "entities": [mention], "claims": [claim_map()]}.items())
