/// The knowledge base's schema as an ordered list of forward-only migrations.
///
/// A database records the number of migrations applied in `meta.schema_version`; opening
/// it applies the missing ones in order inside one transaction. Migrations are never edited
/// once released: a change to the schema is a new migration appended to `all`.
public enum Schema {
    /// One named step from schema version `n - 1` to `n`.
    public struct Migration {
        public let name: String
        public let sql: String
    }

    /// The schema version this build of kg writes.
    public static var currentVersion: Int { all.count }

    /// Every migration, oldest first.
    public static let all: [Migration] = [
        Migration(
            name: "v1: concepts, aliases, spellings, problems, mentions, edges",
            sql: """
                CREATE TABLE meta(
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;

                -- A topic or knowledge point. `key` is the normalised name (see ConceptKey);
                -- `name` is the most frequent spelling among the mentions.
                CREATE TABLE concept(
                    id            INTEGER PRIMARY KEY,
                    kind          TEXT NOT NULL CHECK (kind IN ('topic', 'kp')),
                    key           TEXT NOT NULL,
                    name          TEXT NOT NULL,
                    problem_count INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (kind, key)
                );

                -- Explicit merges: a key that resolves to another concept (`kg merge`).
                CREATE TABLE alias(
                    kind    TEXT NOT NULL CHECK (kind IN ('topic', 'kp')),
                    key     TEXT NOT NULL,
                    concept INTEGER NOT NULL REFERENCES concept(id),
                    PRIMARY KEY (kind, key)
                ) WITHOUT ROWID;

                -- Every distinct spelling of a concept and how many mentions use it.
                CREATE TABLE spelling(
                    id      INTEGER PRIMARY KEY,
                    concept INTEGER NOT NULL REFERENCES concept(id),
                    text    TEXT NOT NULL,
                    count   INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (concept, text)
                );

                -- One seed problem (an extraction record); `external_id` is the record's `id`.
                -- `mentions` is the problem's concept list as a JSON array of [concept, spelling]
                -- id pairs ordered by concept: a record's concepts are replaced as a unit, and one
                -- column instead of a row per mention makes bulk ingest several times faster.
                -- The `mention` view below gives the relational form.
                CREATE TABLE problem(
                    id          INTEGER PRIMARY KEY,
                    external_id TEXT NOT NULL UNIQUE,
                    source      TEXT,
                    level       TEXT,
                    text        TEXT,
                    extra       TEXT,
                    mentions    TEXT NOT NULL DEFAULT '[]'
                );

                -- Provenance: which problem mentions which concept, under which spelling.
                CREATE VIEW mention(problem, concept, spelling) AS
                    SELECT p.id, json_extract(m.value, '$[0]'), json_extract(m.value, '$[1]')
                    FROM problem p, json_each(p.mentions) m;

                -- Undirected co-occurrence: `count` problems mention both a and b (a < b).
                -- The key packs the pair as a << 32 | b: an integer primary key makes the sorted
                -- bulk writes of ingest a B-tree append; `a` and `b` are computed columns.
                CREATE TABLE edge(
                    pair  INTEGER PRIMARY KEY CHECK (pair > 0),
                    count INTEGER NOT NULL CHECK (count > 0),
                    a     INTEGER GENERATED ALWAYS AS (pair >> 32) VIRTUAL,
                    b     INTEGER GENERATED ALWAYS AS (pair & 4294967295) VIRTUAL
                );
                """),
        Migration(
            name: "v2: problem.template, the number-independent template key of the problem's text",
            sql: """
                -- The FNV-1a hash of the problem's text with its numbers masked (TextAnalysis's
                -- NumberMasker, docs/templates.md) as a signed 64-bit integer; NULL when the
                -- problem has no text. Problems that differ only in numbers share it.
                ALTER TABLE problem ADD COLUMN template INTEGER;
                CREATE INDEX problem_template ON problem(template);
                -- The problems still to key (text but no key): empty but for a store written
                -- before this version, so checking for them on open costs nothing.
                CREATE INDEX problem_unkeyed ON problem(id) WHERE template IS NULL AND text IS NOT NULL;
                """),
    ]
}
