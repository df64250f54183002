"""The unit tier: fast, on the fake embedder (tests/fakes.py); no model is loaded."""
