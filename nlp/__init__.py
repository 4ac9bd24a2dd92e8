"""Extraction: article text in, canonical entities and dated, sourced relations out."""
