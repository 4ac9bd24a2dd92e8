"""Query fields, one module per domain, combined in `app.graphql.schema`."""
