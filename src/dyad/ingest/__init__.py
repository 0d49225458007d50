"""Turn any source into `Document` records."""
