"""Live sources: fetch feeds and pages over HTTP and turn their items into articles."""
