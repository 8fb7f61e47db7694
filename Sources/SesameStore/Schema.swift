import GRDB

/// The store's tables, one migration per step of the product's history.
///
/// Lists (classes, functions, names as written) are kept as text joined with the ASCII
/// unit separator, a character no ENT value contains; `account_class` indexes the
/// classes for selection. Instants are seconds since 1970 (REAL).
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE school (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                CREATE TABLE class (
                    id INTEGER PRIMARY KEY,
                    school_id INTEGER NOT NULL REFERENCES school(id),
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    sort_key TEXT NOT NULL,
                    UNIQUE (school_id, name_key)
                );
                CREATE TABLE import (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('accounts', 'addresses')),
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    imported_at REAL NOT NULL,
                    summary TEXT
                );
                CREATE INDEX import_sha256 ON import(sha256);
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    school_id INTEGER NOT NULL REFERENCES school(id),
                    ent_key TEXT NOT NULL,
                    siecle_id TEXT,
                    profile TEXT NOT NULL,
                    profile_rank INTEGER NOT NULL,
                    last_name TEXT NOT NULL,
                    first_name TEXT NOT NULL,
                    name_sort TEXT NOT NULL,
                    login TEXT NOT NULL,
                    alias TEXT,
                    activation_code TEXT,
                    functions TEXT NOT NULL,
                    is_local_admin INTEGER NOT NULL,
                    classes TEXT NOT NULL,
                    class_sort TEXT NOT NULL,
                    children_names TEXT NOT NULL,
                    parent_names TEXT NOT NULL,
                    ent_email TEXT,
                    phone TEXT,
                    collected_email TEXT,
                    collected_phone TEXT,
                    street TEXT,
                    postcode TEXT,
                    city TEXT,
                    last_login REAL,
                    created_at REAL,
                    first_seen_at REAL NOT NULL,
                    first_import_id INTEGER NOT NULL REFERENCES import(id),
                    changed_import_id INTEGER NOT NULL REFERENCES import(id),
                    removed_import_id INTEGER REFERENCES import(id),
                    source_line INTEGER NOT NULL,
                    UNIQUE (school_id, ent_key)
                );
                -- UNIQUE (school_id, ent_key) also serves every per-school scan. Logins are
                -- indexed per school too: an index on the login alone takes a million random
                -- insertions per académie import; per school they stay in file order.
                CREATE INDEX account_login ON account(school_id, login);
                CREATE INDEX account_alias ON account(school_id, alias) WHERE alias IS NOT NULL;
                CREATE TABLE account_class (
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    class_id INTEGER NOT NULL REFERENCES class(id),
                    PRIMARY KEY (account_id, class_id)
                ) WITHOUT ROWID;
                CREATE INDEX account_class_class ON account_class(class_id);
                CREATE TABLE parent_child (
                    parent_id INTEGER NOT NULL REFERENCES account(id),
                    child_id INTEGER NOT NULL REFERENCES account(id),
                    PRIMARY KEY (parent_id, child_id)
                ) WITHOUT ROWID;
                CREATE INDEX parent_child_child ON parent_child(child_id);
                -- Who teaches which class: the Classes of the export's teachers.
                CREATE VIEW class_teacher AS
                    SELECT ac.class_id, a.id AS teacher_id
                    FROM account_class ac JOIN account a ON a.id = ac.account_id
                    WHERE a.profile = 'teacher' AND a.removed_import_id IS NULL;
                """)
        }
        migrator.registerMigration("v2-plans") { db in
            try db.execute(sql: """
                CREATE TABLE plan (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    strategy TEXT NOT NULL,
                    strategy_source TEXT NOT NULL,
                    selection TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    created_by TEXT NOT NULL,
                    follows_plan_id INTEGER REFERENCES plan(id)
                );
                CREATE TABLE batch (
                    id INTEGER PRIMARY KEY,
                    plan_id INTEGER NOT NULL REFERENCES plan(id),
                    position INTEGER NOT NULL,
                    school_id INTEGER NOT NULL REFERENCES school(id),
                    channel TEXT NOT NULL,
                    class_name TEXT,
                    recipients TEXT NOT NULL,
                    meeting_at REAL
                );
                CREATE INDEX batch_plan ON batch(plan_id, position);
                CREATE TABLE delivery (
                    id INTEGER PRIMARY KEY,
                    plan_id INTEGER NOT NULL REFERENCES plan(id),
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    position INTEGER NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    channel TEXT NOT NULL,
                    letter TEXT NOT NULL CHECK (letter IN ('activation', 'reminder')),
                    step INTEGER NOT NULL,
                    is_copy INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    state_at REAL NOT NULL,
                    -- The delivery this one escalates: a miss is escalated once, never twice.
                    follows_delivery_id INTEGER REFERENCES delivery(id)
                );
                -- A plan's deliveries are found through its batches (batch_plan): one index less
                -- to maintain for each of a million deliveries.
                CREATE INDEX delivery_batch ON delivery(batch_id, position);
                CREATE INDEX delivery_account ON delivery(account_id);
                CREATE UNIQUE INDEX delivery_follows ON delivery(follows_delivery_id) WHERE follows_delivery_id IS NOT NULL;
                -- Every change of a delivery, never the activation code.
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    delivery_id INTEGER NOT NULL REFERENCES delivery(id),
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    note TEXT
                );
                CREATE INDEX event_delivery ON event(delivery_id);
                CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TABLE left_out (
                    plan_id INTEGER NOT NULL REFERENCES plan(id),
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    code TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX left_out_plan ON left_out(plan_id);
                """)
        }
        migrator.registerMigration("v3-tracking") { db in
            try db.execute(sql: """
                -- Set by an import that brings a new code for a letter already printed or sent:
                -- that letter no longer works and is to be made again.
                ALTER TABLE delivery ADD COLUMN stale_code INTEGER NOT NULL DEFAULT 0;
                -- Follow-up plans are found from the plan they follow.
                CREATE INDEX plan_follows ON plan(follows_plan_id);
                """)
            // `sesame purge` leaves an empty activation_code: a code exists in the ENT (the account
            // is not activated) but the store no longer keeps it. NULL still means activated.
        }
        migrator.registerMigration("v4-registry") { db in
            // The import table learns a third kind of file, ONDE's pupils extraction. SQLite
            // cannot change a CHECK constraint: the table is made again (foreign keys are
            // checked once the migration is done).
            try db.execute(sql: """
                CREATE TABLE new_import (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('accounts', 'addresses', 'pupils')),
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    imported_at REAL NOT NULL,
                    summary TEXT
                );
                INSERT INTO new_import SELECT id, kind, file_name, sha256, encoding, imported_at, summary FROM import;
                DROP TABLE import;
                ALTER TABLE new_import RENAME TO import;
                CREATE INDEX import_sha256 ON import(sha256);
                -- A pupil's birth date ("2017-03-12") and sex ('F', 'M') from ONDE's pupils
                -- extraction: printed only to tell homonyms apart.
                ALTER TABLE account ADD COLUMN birth_date TEXT;
                ALTER TABLE account ADD COLUMN sex TEXT;
                -- What documents add to the name of someone with a homonym in the school
                -- (`Homonyms`), kept up to date by every import; NULL for a name of one's own.
                ALTER TABLE account ADD COLUMN distinction TEXT;
                """)
        }
        migrator.registerMigration("v5-identity") { db in
            // A random name of this store, drawn once: Message-IDs carry it, so that two
            // schools' stores never give two messages the same Message-ID.
            try db.execute(sql: """
                CREATE TABLE store_identity (token TEXT NOT NULL);
                INSERT INTO store_identity (token) VALUES (lower(hex(randomblob(12))));
                """)
        }
        migrator.registerMigration("v6-event-command") { db in
            // The command that wrote an event ('record', 'undo'), so that `record undo --last`
            // finds the last record command; NULL for the other commands' events and older ones.
            try db.execute(sql: "ALTER TABLE event ADD COLUMN command TEXT")
        }
        migrator.registerMigration("v7-web") { db in
            try db.execute(sql: """
                -- The people of the web pages (sesame serve). A password is kept as a bcrypt hash only.
                CREATE TABLE web_person (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    username TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('teacher', 'director', 'support')),
                    school_id INTEGER REFERENCES school(id),
                    password_hash TEXT,
                    created_at REAL NOT NULL
                );
                CREATE TABLE web_person_class (
                    person_id INTEGER NOT NULL REFERENCES web_person(id) ON DELETE CASCADE,
                    class_name TEXT NOT NULL,
                    PRIMARY KEY (person_id, class_name)
                ) WITHOUT ROWID;
                -- Enrolment links and sessions: only the SHA-256 of their secret is kept, so that a
                -- copy of the store opens no session.
                CREATE TABLE web_token (
                    digest TEXT PRIMARY KEY,
                    person_id INTEGER NOT NULL REFERENCES web_person(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('enrolment', 'session')),
                    csrf TEXT,
                    expires_at REAL NOT NULL,
                    last_seen REAL NOT NULL
                ) WITHOUT ROWID;
                -- Failed log-ins, by account and by address, for throttling.
                CREATE TABLE web_login_failure (key TEXT NOT NULL, at REAL NOT NULL);
                CREATE INDEX web_login_failure_key ON web_login_failure(key, at);
                """)
        }
        migrator.registerMigration("v8-teachers-by-school") { db in
            try db.execute(sql: """
                -- Planning and following up read each school's teachers: found through this index,
                -- not by walking every account of the school's classes (a school has a dozen
                -- teachers and hundreds of pupils and parents).
                CREATE INDEX account_teacher ON account(school_id) WHERE profile = 'teacher' AND removed_import_id IS NULL;
                DROP VIEW class_teacher;
                CREATE VIEW class_teacher AS
                    SELECT ac.class_id, a.id AS teacher_id, a.school_id
                    FROM account_class ac JOIN account a ON a.id = ac.account_id
                    WHERE a.profile = 'teacher' AND a.removed_import_id IS NULL;
                """)
        }
        return migrator
    }()
}

/// Lists stored in one text column.
enum ListColumn {
    static let separator: Character = "\u{1F}"

    static func join(_ items: [String]) -> String {
        items.joined(separator: String(separator))
    }

    static func split(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        // Most accounts have one class: no need to walk the characters.
        guard text.utf8.contains(0x1F) else { return [text] }
        // A control character is a character of its own: splitting the bytes splits the characters.
        return text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }
}
