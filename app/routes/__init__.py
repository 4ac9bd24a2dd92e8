"""HTTP routes, one router per file."""
