"""Query texts with holes for the few names a query is ready-written with, one text per choice."""

from string import Template


class QueryTemplate(Template):
    """A query text whose holes are `@name`: `$` already marks Cypher's parameters, and braces its maps.

    Holes take relation types from `RelType` and fixed fragments, never input; `substitute` refuses a
    hole left unfilled.
    """

    delimiter = "@"
