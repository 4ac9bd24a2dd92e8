"""spaCy components of the racegraph pipeline, one factory per module."""
