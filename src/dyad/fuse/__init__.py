"""Fuse: everything across documents (actors, stories, corroboration, contradictions)."""
