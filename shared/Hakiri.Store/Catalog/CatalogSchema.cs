namespace Hakiri.Store.Catalog;

/// <summary>
/// The catalog's SQL schema. Column names are a public format: sqlite3 users and docs/store-format.md rely on them.
/// Every statement is idempotent, so opening a catalog an older version created adds the tables it lacks.
/// </summary>
internal static class CatalogSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS runs (
            run_id        TEXT PRIMARY KEY,
            project       TEXT NOT NULL,
            pipelines     TEXT NOT NULL,           -- JSON array of pipeline names
            status        TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
            started_at    TEXT NOT NULL,           -- ISO 8601 UTC
            finished_at   TEXT,
            rows_written  INTEGER NOT NULL DEFAULT 0,
            files_written INTEGER NOT NULL DEFAULT 0,
            bytes_written INTEGER NOT NULL DEFAULT 0,
            error         TEXT,
            definition_sha256 TEXT                 -- hash of the state machine definition the run executed
        );
        CREATE TABLE IF NOT EXISTS tables (
            name          TEXT PRIMARY KEY,
            pipeline      TEXT NOT NULL,
            connector     TEXT NOT NULL,
            description   TEXT NOT NULL DEFAULT '',
            primary_key   TEXT NOT NULL DEFAULT '[]',  -- JSON array of column names
            columns       TEXT NOT NULL DEFAULT '[]',  -- JSON array of {"name", "type"} in DuckDB type names
            row_count     INTEGER NOT NULL DEFAULT 0,
            file_count    INTEGER NOT NULL DEFAULT 0,
            byte_count    INTEGER NOT NULL DEFAULT 0,
            updated_run_id TEXT,
            updated_at    TEXT
        );
        CREATE TABLE IF NOT EXISTS files (
            path        TEXT PRIMARY KEY,            -- relative to the store root, '/'-separated
            table_name  TEXT NOT NULL REFERENCES tables(name),
            run_id      TEXT NOT NULL,
            row_count   INTEGER NOT NULL,
            byte_size   INTEGER NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS files_by_table ON files(table_name);
        CREATE TABLE IF NOT EXISTS lineage (
            file_path   TEXT NOT NULL,               -- a data file, live or since replaced
            run_id      TEXT NOT NULL,
            connector   TEXT NOT NULL,
            source      TEXT NOT NULL,               -- what the rows came from: a source file, an API, a compaction of files
            PRIMARY KEY (file_path, source)
        );
        CREATE TABLE IF NOT EXISTS cursors (
            table_name  TEXT PRIMARY KEY REFERENCES tables(name),
            cursor      TEXT NOT NULL,               -- opaque to the catalog; the connector's resume point
            run_id      TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS source_files (
            table_name  TEXT NOT NULL REFERENCES tables(name),
            path        TEXT NOT NULL,               -- as matched by the pipeline's glob, relative to the manifest
            fingerprint TEXT NOT NULL,               -- size and modification time; a change means re-ingest
            row_count   INTEGER NOT NULL,
            run_id      TEXT NOT NULL,
            PRIMARY KEY (table_name, path)
        );
        CREATE TABLE IF NOT EXISTS run_connectors (
            run_id      TEXT NOT NULL,
            pipeline    TEXT NOT NULL,
            connector   TEXT NOT NULL,               -- the WebAssembly connector's name in its connector.toml
            version     TEXT NOT NULL,
            wasm_sha256 TEXT NOT NULL,               -- lower-case hex of the component file the run loaded
            grants      TEXT NOT NULL DEFAULT '[]',  -- JSON array in grant syntax: http:HOST[:PORT], env:NAME, clock
            PRIMARY KEY (run_id, pipeline)
        );
        CREATE TABLE IF NOT EXISTS revoked_tokens (
            token_id   TEXT PRIMARY KEY,             -- a token block's id, as 'hakiri token inspect' prints it
            revoked_at TEXT NOT NULL,                -- ISO 8601 UTC
            reason     TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE IF NOT EXISTS table_redactions (
            table_name  TEXT PRIMARY KEY REFERENCES tables(name),
            columns     TEXT NOT NULL DEFAULT '[]',  -- JSON array of the redacted top-level columns; empty: none in force
            mode        TEXT NOT NULL CHECK (mode IN ('drop', 'hash')),
            salt_sha256 TEXT,                        -- hash mode: first 16 hex of SHA-256(salt), never the salt
            run_id      TEXT NOT NULL,               -- the run or `redact apply` that put it in force
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS index_segments (
            data_path  TEXT NOT NULL,                -- the live data file indexed (files.path); a row whose file is gone is stale
            kind       TEXT NOT NULL CHECK (kind IN ('fts', 'vector')),
            table_name TEXT NOT NULL,
            path       TEXT NOT NULL,                -- the sidecar directory, relative to the store root
            spec       TEXT NOT NULL,                -- JSON: what it was built for (columns and analyzer; column, model, metric)
            row_count  INTEGER NOT NULL,             -- rows indexed (fts: documents; vector: rows with a vector)
            byte_size  INTEGER NOT NULL,
            run_id     TEXT NOT NULL,                -- the run (or 'rebuild-…') that built it
            created_at TEXT NOT NULL,
            PRIMARY KEY (data_path, kind)
        );
        CREATE TABLE IF NOT EXISTS table_guides (
            table_name TEXT PRIMARY KEY,
            guide      TEXT NOT NULL,                -- JSON: {"text", "examples", "columns", "indexes"} from the manifest
            updated_at TEXT NOT NULL
        );
        """;
}
