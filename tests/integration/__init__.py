"""The integration tier: the real models over one shared session index."""
