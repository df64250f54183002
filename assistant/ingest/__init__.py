"""Stage 1: files in, cleaned `Document`s with metadata out, cut into `Chunk`s."""
