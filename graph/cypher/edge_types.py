"""The aggregated entity-to-entity relationship types, as written into patterns."""

from nlp.records import RelType

# The aggregated entity-to-entity types, named in patterns so expansions never walk claim or mention edges.
AGGREGATED_TYPES = "|".join(t.value for t in RelType)
