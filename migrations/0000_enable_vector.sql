-- pgvector stores the embeddings of labelled examples and knowledge snippets (PGlite ships it as an extension).
CREATE EXTENSION IF NOT EXISTS vector;
