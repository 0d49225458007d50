"""Analyses over the store: dyad trends, warming and cooling, the actor network."""
