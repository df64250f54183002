"""The SQLite layout of the store: its tables, and the columns added to older indexes."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    date TEXT,
    kenmerk TEXT,
    source_url TEXT,
    file_type TEXT NOT NULL,
    extracted_meta TEXT NOT NULL,
    pages INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    indexed_at TEXT NOT NULL DEFAULT (datetime('now')),
    author TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS pages (
    doc_path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    number INTEGER,
    text TEXT NOT NULL,
    label TEXT,
    PRIMARY KEY (doc_path, idx)
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    page INTEGER,
    page_idx INTEGER NOT NULL,
    section TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    answers TEXT NOT NULL DEFAULT '',
    ocr INTEGER NOT NULL DEFAULT 0,
    page_label TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_path);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical USING fts5(body, context, tokenize = 'ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS doc_lexical USING fts5(title, body, tokenize = 'ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_terms USING fts5vocab(lexical, 'row');
CREATE TABLE IF NOT EXISTS vocab (word TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS doc_vectors (
    doc_path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    leg TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (doc_path, leg)
);
"""

# Columns added since the layout was made, added in place: an answer's question and numbers,
# the OCR flag (no page was read by OCR before it came), printed page numbers, a study's
# author organisation.
ADDED_COLUMNS = (
    ("chunks", "context", "TEXT NOT NULL DEFAULT ''"),
    ("chunks", "answers", "TEXT NOT NULL DEFAULT ''"),
    ("chunks", "ocr", "INTEGER NOT NULL DEFAULT 0"),
    ("chunks", "page_label", "TEXT"),
    ("pages", "label", "TEXT"),
    ("documents", "author", "TEXT"),
)
