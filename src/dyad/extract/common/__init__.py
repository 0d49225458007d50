"""What every extraction component shares.

The parsed-document context, per-document caches, model loading and grammar words.
"""
