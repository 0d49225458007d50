"""What every extraction component shares: the parsed-document context, per-document caches,
model loading and grammar words."""
