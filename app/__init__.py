"""The racegraph service: CLI, FastAPI app, GraphQL schema and web views."""
