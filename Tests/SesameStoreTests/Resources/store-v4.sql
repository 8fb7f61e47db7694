-- A store as the release before v5 wrote it (migrations v1 to v4): one class of a generated
-- school imported, planned, printed, three letters recorded as handed over. Kept as it is:
-- the migration test opens it with today's Sésame. Codes are the generator's, fictional.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
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
    source_line INTEGER NOT NULL, birth_date TEXT, sex TEXT, distinction TEXT,
    UNIQUE (school_id, ent_key)
);
CREATE TABLE account_class (
    account_id INTEGER NOT NULL REFERENCES account(id),
    class_id INTEGER NOT NULL REFERENCES class(id),
    PRIMARY KEY (account_id, class_id)
) WITHOUT ROWID;
CREATE TABLE parent_child (
    parent_id INTEGER NOT NULL REFERENCES account(id),
    child_id INTEGER NOT NULL REFERENCES account(id),
    PRIMARY KEY (parent_id, child_id)
) WITHOUT ROWID;
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
, stale_code INTEGER NOT NULL DEFAULT 0);
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES delivery(id),
    at REAL NOT NULL,
    actor TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    note TEXT
);
CREATE TABLE left_out (
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    account_id INTEGER NOT NULL REFERENCES account(id),
    code TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE "import" (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('accounts', 'addresses', 'pupils')),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    imported_at REAL NOT NULL,
    summary TEXT
);
INSERT INTO grdb_migrations (identifier) VALUES ('v1-accounts');
INSERT INTO grdb_migrations (identifier) VALUES ('v2-plans');
INSERT INTO grdb_migrations (identifier) VALUES ('v3-tracking');
INSERT INTO grdb_migrations (identifier) VALUES ('v4-registry');
INSERT INTO school (id, name) VALUES (1, 'École élémentaire publique Les Tilleuls');
INSERT INTO class (id, school_id, name, name_key, sort_key) VALUES (1, 1, 'CP A', 'cp a', '04|cpa');
INSERT INTO class (id, school_id, name, name_key, sort_key) VALUES (2, 1, 'PS-MS', 'ps-ms', '01|psms');
INSERT INTO class (id, school_id, name, name_key, sort_key) VALUES (3, 1, 'GS', 'gs', '03|gs');
INSERT INTO class (id, school_id, name, name_key, sort_key) VALUES (4, 1, 'CE2', 'ce2', '06|ce2');
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (1, 1, 'a8bb193d-c5d9-0bb3-2788-0dadef13b08d', NULL, 'student', 0, 'Girard', 'Élodie', 'girardelodieelodie.girard', 'elodie.girard', NULL, '4s3enmrt', '', 0, 'CP A', '04|cpa', '', 'Théo GirardLina Girard', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 2, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (2, 1, 'ab0909e5-acff-90bc-93d6-64ee50e3f377', NULL, 'student', 0, 'Martin', 'Nathan', 'martinnathannathan.martin', 'nathan.martin', NULL, NULL, '', 0, 'CP A', '04|cpa', '', 'Héloïse MartinLéa Martin', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1785846900.0, NULL, 1796008717.3979912, 1, 1, NULL, 3, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (3, 1, 'aca2de92-0226-0c36-c35f-b5d200d95f85', NULL, 'parent', 1, 'Fontaine', 'Ibrahim', 'fontaineibrahimibrahim.fontaine', 'ibrahim.fontaine', NULL, 's9vf4ebh', '', 0, 'PS-MSCP A', '01|psms', 'Gaël FontaineNoé Fontaine', '', NULL, '0636597741', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 4, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (4, 1, '6727e57b-38ad-c340-9fac-f0baccc178ad', NULL, 'parent', 1, 'Fournier', 'Emma', 'fournieremmaemma.fournier', 'emma.fournier', NULL, 'ftm6wbz4', '', 0, 'CP A', '04|cpa', 'Camille Fournier', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 5, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (5, 1, 'c1aa4c42-5702-eea4-8f23-8d3cdce50e48', NULL, 'parent', 1, 'Moreau', 'Jade', 'moreaujadejade.moreau', 'jade.moreau', NULL, NULL, '', 0, 'CP A', '04|cpa', 'Éloi Moreau', '', NULL, '0611021392', NULL, NULL, NULL, NULL, NULL, 1786259100.0, NULL, 1796008717.3979912, 1, 1, NULL, 6, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (6, 1, 'e81238f4-c33c-df46-42a8-1abbb877507c', NULL, 'parent', 1, 'Richard', 'Gabriel', 'richardgabrielgabriel.richard', 'gabriel.richard', NULL, '9ydzh3v3', '', 0, 'CP A', '04|cpa', 'Sacha Richard', '', NULL, '0677792718', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 7, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (7, 1, 'a0f44ed4-78b7-58ae-8fa2-09bf2fc134d7', NULL, 'student', 0, 'Benoît-Hamon', 'Léo', 'benoithamonleoleo.benoithamon', 'leo.benoithamon', NULL, 'yba9t884', '', 0, 'CP A', '04|cpa', '', 'Chloé Benoît-HamonThéo Benoît-Hamon', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 8, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (8, 1, '509d50f5-2a86-73af-8016-31d9d88a3c24', NULL, 'parent', 1, 'Da Silva', 'Héloïse', 'dasilvaheloiseheloise.dasilva', 'heloise.dasilva', NULL, NULL, '', 0, 'CP A', '04|cpa', 'Sacha Richard', '', 'heloise.dasilva@wanadoo.fr', '0641252790', NULL, NULL, NULL, NULL, NULL, 1787145540.0, NULL, 1796008717.3979912, 1, 1, NULL, 9, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (9, 1, 'b9e6b9c4-25e2-913b-07d8-7f710326911d', NULL, 'parent', 1, 'Fontaine', 'Sofia', 'fontainesofiasofia.fontaine2', 'sofia.fontaine2', NULL, '4h4gt9vw', '', 0, 'PS-MSCP A', '01|psms', 'Sofia FontaineÉloi Fontaine', '', NULL, '0661010787', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 10, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (10, 1, '3218e63a-4580-fffc-224f-cb2c3b9b1753', NULL, 'teacher', 2, 'Kowalczyk', 'Gaël', 'kowalczykgaelgael.kowalczyk', 'gael.kowalczyk', NULL, NULL, '', 0, 'GSCP A', '03|gs', '', '', 'gael.kowalczyk@sfr.fr', NULL, NULL, NULL, NULL, NULL, NULL, 1784900760.0, NULL, 1796008717.3979912, 1, 1, NULL, 11, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (11, 1, 'f3ca9fc8-fd23-c1ab-2fd1-4dd3d9ad1523', NULL, 'parent', 1, 'Girard', 'Lina', 'girardlinalina.girard', 'lina.girard', NULL, NULL, '', 0, 'CP A', '04|cpa', 'Élodie Girard', '', 'lina.girard@wanadoo.fr', '0699553933', NULL, NULL, NULL, NULL, NULL, 1786013820.0, NULL, 1796008717.3979912, 1, 1, NULL, 12, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (12, 1, '9edac6cc-0c92-791a-d3e9-66f7a9c5e464', NULL, 'student', 0, 'Fournier', 'Camille', 'fourniercamillecamille.fournier', 'camille.fournier', NULL, 'kw7ppfnx', '', 0, 'CP A', '04|cpa', '', 'Emma FournierHéloïse Fournier', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 13, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (13, 1, 'a579a979-f3c0-75df-e31f-1b91b2abf70d', NULL, 'student', 0, 'Richard', 'Sacha', 'richardsachasacha.richard', 'sacha.richard', NULL, 'mgzvshmy', '', 0, 'CP A', '04|cpa', '', 'Gabriel RichardHéloïse Da Silva', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 14, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (14, 1, 'd98a3381-20a9-19e8-1fc6-777229efdb22', NULL, 'parent', 1, 'Bertrand', 'Noé', 'bertrandnoenoe.bertrand', 'noe.bertrand', NULL, 'k4z4htda', '', 0, 'CP A', '04|cpa', 'Léa Bertrand', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 15, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (15, 1, '5e525d05-ea84-c7a7-0341-f2a6b114bf3e', NULL, 'parent', 1, 'Laurent', 'Anaïs', 'laurentanaisanais.laurent', 'anais.laurent', NULL, '37pm886g', '', 0, 'CP A', '04|cpa', 'Éloi Laurent', '', NULL, '0669774686', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 16, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (16, 1, '26064514-10fc-276a-3c07-f4f722fe6644', NULL, 'student', 0, 'Benoît-Hamon', 'Raphaël', 'benoithamonraphaelraphael.benoithamon', 'raphael.benoithamon', NULL, '3mm6x5gr', '', 0, 'CP A', '04|cpa', '', 'Éloi Benoît-HamonHugo Lefèvre', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 17, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (17, 1, '4a0924a9-c009-cd04-29dd-88ed934edcdf', NULL, 'parent', 1, 'Haddad', 'Louise', 'haddadlouiselouise.haddad', 'louise.haddad', NULL, 'gysjpvda', '', 0, 'CP ACE2', '04|cpa', 'Raphaël HaddadÉloi Haddad', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 18, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (18, 1, '2dc3ea4f-486a-d8b8-46f9-36c17815847f', NULL, 'parent', 1, 'Roux', 'Élodie', 'rouxelodieelodie.roux', 'elodie.roux', NULL, '3x83rw9c', '', 0, 'CP A', '04|cpa', 'Gaël Roux', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 19, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (19, 1, '0a0b0ab2-3bca-659e-5fc7-f77feab8bd88', NULL, 'parent', 1, 'Bertrand', 'Inès', 'bertrandinesines.bertrand', 'ines.bertrand', NULL, 'xt847wca', '', 0, 'CP A', '04|cpa', 'Léa Bertrand', '', NULL, '0657688796', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 20, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (20, 1, 'fdb10961-e39d-16cd-8296-edf0c06fc3b3', NULL, 'student', 0, 'Mercier', 'Maëlle', 'merciermaellemaelle.mercier', 'maelle.mercier', NULL, NULL, '', 0, 'CP A', '04|cpa', '', 'Anaïs MercierOumar Mercier', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1784879100.0, NULL, 1796008717.3979912, 1, 1, NULL, 21, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (21, 1, '3152c96a-8cfd-e2ad-abbd-e6a00a28ce1d', NULL, 'student', 0, 'Laurent', 'Éloi', 'laurenteloieloi.laurent', 'eloi.laurent', NULL, 'ajjd85vd', '', 0, 'CP A', '04|cpa', '', 'Anaïs LaurentThéo Laurent', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 22, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (22, 1, 'c14c5ff3-0859-2b2f-a658-6885ea7eca17', NULL, 'parent', 1, 'Müller', 'Chloé', 'mullerchloechloe.muller', 'chloe.muller', NULL, NULL, '', 0, 'CP ACE2', '04|cpa', 'Jérôme MüllerAnh Müller', '', 'chloe.muller@gmail.com', '0625359128', NULL, NULL, NULL, NULL, NULL, 1785858960.0, NULL, 1796008717.3979912, 1, 1, NULL, 23, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (23, 1, '06f3ef0a-13ee-4f35-0ed9-f5e3bfc272f4', NULL, 'parent', 1, 'Mercier', 'Oumar', 'mercieroumaroumar.mercier', 'oumar.mercier', NULL, '95edpnfa', '', 0, 'CP A', '04|cpa', 'Maëlle Mercier', '', NULL, '0690306681', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 24, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (24, 1, '7576b26c-f17c-a60b-7084-d092a1b27b74', NULL, 'parent', 1, 'Benoît-Hamon', 'Théo', 'benoithamontheotheo.benoithamon', 'theo.benoithamon', NULL, NULL, '', 0, 'CP A', '04|cpa', 'Léo Benoît-Hamon', '', 'theo.benoithamon@wanadoo.fr', '0686859105', NULL, NULL, NULL, NULL, NULL, 1786874040.0, NULL, 1796008717.3979912, 1, 1, NULL, 25, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (25, 1, '80d1af12-1626-fe96-9c1f-70179f2accff', NULL, 'parent', 1, 'Kowalczyk', 'Inès', 'kowalczykinesines.kowalczyk', 'ines.kowalczyk', NULL, 'sfmxb8dy', '', 0, 'CP A', '04|cpa', 'Alice Kowalczyk', '', NULL, '0699036481', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 26, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (26, 1, '9ac4ca42-9588-4dd6-35dc-bdc3c930e48f', NULL, 'student', 0, 'Fontaine', 'Lina', 'fontainelinalina.fontaine', 'lina.fontaine', NULL, 'ek3rtkr7', '', 0, 'CP A', '04|cpa', '', 'Adam FontaineHéloïse N''Diaye', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 27, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (27, 1, '65047ae7-8fca-8974-a2a2-d379e1822938', NULL, 'student', 0, 'Moreau', 'Éloi', 'moreaueloieloi.moreau', 'eloi.moreau', NULL, 'fghfkjkt', '', 0, 'CP A', '04|cpa', '', 'Jade MoreauMathéo Moreau', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 28, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (28, 1, '175382eb-72d4-f66f-4bad-884d5641b943', NULL, 'student', 0, 'Roux', 'Gaël', 'rouxgaelgael.roux', 'gael.roux', NULL, 'p5s4dc73', '', 0, 'CP A', '04|cpa', '', 'Élodie RouxJérôme Roux', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 29, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (29, 1, '964caacf-f3d2-36d2-63cc-c15b60061374', NULL, 'student', 0, 'Fontaine', 'Éloi', 'fontaineeloieloi.fontaine', 'eloi.fontaine', NULL, '6rxcnpcm', '', 0, 'CP A', '04|cpa', '', 'Alice FontaineSofia Fontaine', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1796008717.3979912, 1, 1, NULL, 30, NULL, NULL, NULL);
INSERT INTO account (id, school_id, ent_key, siecle_id, profile, profile_rank, last_name, first_name, name_sort, login, alias, activation_code, functions, is_local_admin, classes, class_sort, children_names, parent_names, ent_email, phone, collected_email, collected_phone, street, postcode, city, last_login, created_at, first_seen_at, first_import_id, changed_import_id, removed_import_id, source_line, birth_date, sex, distinction) VALUES (30, 1, '46a243bf-e5de-62a4-45fd-ea683cc07984', NULL, 'student', 0, 'Durand', 'Jade', 'durandjadejade.durand', 'jade.durand', NULL, NULL, '', 0, 'CP A', '04|cpa', '', 'Léa Durand', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1786709820.0, NULL, 1796008717.3979912, 1, 1, NULL, 31, NULL, NULL, NULL);
INSERT INTO account_class (account_id, class_id) VALUES (1, 1);
INSERT INTO account_class (account_id, class_id) VALUES (2, 1);
INSERT INTO account_class (account_id, class_id) VALUES (3, 1);
INSERT INTO account_class (account_id, class_id) VALUES (3, 2);
INSERT INTO account_class (account_id, class_id) VALUES (4, 1);
INSERT INTO account_class (account_id, class_id) VALUES (5, 1);
INSERT INTO account_class (account_id, class_id) VALUES (6, 1);
INSERT INTO account_class (account_id, class_id) VALUES (7, 1);
INSERT INTO account_class (account_id, class_id) VALUES (8, 1);
INSERT INTO account_class (account_id, class_id) VALUES (9, 1);
INSERT INTO account_class (account_id, class_id) VALUES (9, 2);
INSERT INTO account_class (account_id, class_id) VALUES (10, 1);
INSERT INTO account_class (account_id, class_id) VALUES (10, 3);
INSERT INTO account_class (account_id, class_id) VALUES (11, 1);
INSERT INTO account_class (account_id, class_id) VALUES (12, 1);
INSERT INTO account_class (account_id, class_id) VALUES (13, 1);
INSERT INTO account_class (account_id, class_id) VALUES (14, 1);
INSERT INTO account_class (account_id, class_id) VALUES (15, 1);
INSERT INTO account_class (account_id, class_id) VALUES (16, 1);
INSERT INTO account_class (account_id, class_id) VALUES (17, 1);
INSERT INTO account_class (account_id, class_id) VALUES (17, 4);
INSERT INTO account_class (account_id, class_id) VALUES (18, 1);
INSERT INTO account_class (account_id, class_id) VALUES (19, 1);
INSERT INTO account_class (account_id, class_id) VALUES (20, 1);
INSERT INTO account_class (account_id, class_id) VALUES (21, 1);
INSERT INTO account_class (account_id, class_id) VALUES (22, 1);
INSERT INTO account_class (account_id, class_id) VALUES (22, 4);
INSERT INTO account_class (account_id, class_id) VALUES (23, 1);
INSERT INTO account_class (account_id, class_id) VALUES (24, 1);
INSERT INTO account_class (account_id, class_id) VALUES (25, 1);
INSERT INTO account_class (account_id, class_id) VALUES (26, 1);
INSERT INTO account_class (account_id, class_id) VALUES (27, 1);
INSERT INTO account_class (account_id, class_id) VALUES (28, 1);
INSERT INTO account_class (account_id, class_id) VALUES (29, 1);
INSERT INTO account_class (account_id, class_id) VALUES (30, 1);
INSERT INTO parent_child (parent_id, child_id) VALUES (4, 12);
INSERT INTO parent_child (parent_id, child_id) VALUES (5, 27);
INSERT INTO parent_child (parent_id, child_id) VALUES (6, 13);
INSERT INTO parent_child (parent_id, child_id) VALUES (8, 13);
INSERT INTO parent_child (parent_id, child_id) VALUES (9, 29);
INSERT INTO parent_child (parent_id, child_id) VALUES (11, 1);
INSERT INTO parent_child (parent_id, child_id) VALUES (15, 21);
INSERT INTO parent_child (parent_id, child_id) VALUES (18, 28);
INSERT INTO parent_child (parent_id, child_id) VALUES (23, 20);
INSERT INTO parent_child (parent_id, child_id) VALUES (24, 7);
INSERT INTO plan (id, name, strategy, strategy_source, selection, created_at, created_by, follows_plan_id) VALUES (1, 'Plan du 30/11/2026', 'ecole', '# Stratégie « ecole » (par défaut) : le tableau de la fiche 5.1 « Distribuer les identifiants ».
#
# À choisir quand l''école suit la démarche habituelle de rentrée :
#   - les élèves reçoivent leur lettre en classe, des mains de leur enseignant ;
#   - les parents la reçoivent à la réunion de rentrée ; les absents viennent la chercher
#     au bureau du directeur ; à défaut, elle leur est envoyée par courriel (adresse
#     recueillie en début d''année) ou par la Poste ;
#   - les personnels la retirent au bureau du directeur.
# L''équipe enseignante n''est pas concernée : c''est elle qui distribue.
#
# Pour chaque profil, les canaux sont essayés dans l''ordre : le premier possible est prévu,
# les suivants servent aux relances (absent à la réunion → bureau → courriel → courrier).
# Canaux : in-class (remise en classe), via-student (via l''élève), meeting (réunion de
# rentrée), office (bureau du directeur), post (courrier postal), email (courriel).
# Conditions (if) : has-email, has-address, no-email, no-address, pending, activated,
# local-admin, not-local-admin, ou classes: [CP A, CP B].
title: École — remise en classe, réunion de rentrée, puis bureau, courriel ou courrier
profiles:
  student:
    - in-class
    - office
  parent:
    - meeting
    - office
    - channel: email
      if: has-email
    - channel: post
      if: has-address
  staff:
    - office
  guest:
    - office
  teacher:
    excluded: l’équipe enseignante distribue les identifiants et n’est pas concernée (fiche 5.1)
', '{"activation":["pending"]}', 1796008717.5446415, 'sesame', NULL);
INSERT INTO batch (id, plan_id, position, school_id, channel, class_name, recipients, meeting_at) VALUES (1, 1, 0, 1, 'in-class', 'CP A', 'Gaël Kowalczyk', NULL);
INSERT INTO batch (id, plan_id, position, school_id, channel, class_name, recipients, meeting_at) VALUES (2, 1, 1, 1, 'meeting', 'PS-MS', '', NULL);
INSERT INTO batch (id, plan_id, position, school_id, channel, class_name, recipients, meeting_at) VALUES (3, 1, 2, 1, 'meeting', 'CP A', 'Gaël Kowalczyk', NULL);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (1, 1, 1, 0, 7, 'in-class', 'activation', 0, 0, 'handed-over', 1796008717.9049892, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (2, 1, 1, 1, 16, 'in-class', 'activation', 0, 0, 'handed-over', 1796008717.9049892, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (3, 1, 1, 2, 29, 'in-class', 'activation', 0, 0, 'handed-over', 1796008717.9049892, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (4, 1, 1, 3, 26, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (5, 1, 1, 4, 12, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (6, 1, 1, 5, 1, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (7, 1, 1, 6, 21, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (8, 1, 1, 7, 27, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (9, 1, 1, 8, 13, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (10, 1, 1, 9, 28, 'in-class', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (11, 1, 2, 0, 3, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (12, 1, 3, 0, 19, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (13, 1, 3, 1, 14, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (14, 1, 3, 2, 17, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (15, 1, 3, 3, 25, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (16, 1, 3, 4, 9, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (17, 1, 3, 5, 4, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (18, 1, 3, 6, 15, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (19, 1, 3, 7, 23, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (20, 1, 3, 8, 6, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO delivery (id, plan_id, batch_id, position, account_id, channel, letter, step, is_copy, state, state_at, follows_delivery_id, stale_code) VALUES (21, 1, 3, 9, 18, 'meeting', 'activation', 0, 0, 'issued', 1796008717.6033068, NULL, 0);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (1, 1, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (2, 2, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (3, 3, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (4, 4, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (5, 5, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (6, 6, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (7, 7, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (8, 8, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (9, 9, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (10, 10, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (11, 11, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (12, 12, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (13, 13, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (14, 14, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (15, 15, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (16, 16, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (17, 17, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (18, 18, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (19, 19, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (20, 20, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (21, 21, 1796008717.5446415, 'sesame', NULL, 'planned', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (22, 1, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (23, 2, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (24, 3, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (25, 4, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (26, 5, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (27, 6, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (28, 7, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (29, 8, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (30, 9, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (31, 10, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (32, 11, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (33, 12, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (34, 13, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (35, 14, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (36, 15, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (37, 16, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (38, 17, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (39, 18, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (40, 19, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (41, 20, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (42, 21, 1796008717.6033068, 'sesame', 'planned', 'issued', 'imprimée');
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (43, 1, 1796008717.9049892, 'sesame', 'issued', 'handed-over', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (44, 2, 1796008717.9049892, 'sesame', 'issued', 'handed-over', NULL);
INSERT INTO event (id, delivery_id, at, actor, from_state, to_state, note) VALUES (45, 3, 1796008717.9049892, 'sesame', 'issued', 'handed-over', NULL);
INSERT INTO import (id, kind, file_name, sha256, encoding, imported_at, summary) VALUES (1, 'accounts', 'e.csv', '08bb8d3afbfa56ef648582992b8d892a05916fce0d423f7ea6c01378ed07ac32', 'UTF-8 (BOM)', 1796008717.3979912, '{"accounts":30,"activated":9,"byProfile":{"parent":16,"student":13,"teacher":1},"changes":{"activated":[],"codeChanged":[],"new":[],"removed":[],"updated":[]},"classes":1,"deliveries":{"cancelled":0,"closedByActivation":0,"toRemake":[]},"encoding":"UTF-8 (BOM)","file":"e.csv","links":{"ambiguous":0,"resolved":10,"unresolved":25},"localAdmins":0,"pending":21,"problems":[{"column":13,"file":"e.csv","kind":"unresolvedParent","line":2,"message":"élève « Élodie Girard » (elodie.girard) : aucun responsable « Théo Girard » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":3,"message":"élève « Nathan Martin » (nathan.martin) : aucun responsable « Héloïse Martin » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":3,"message":"élève « Nathan Martin » (nathan.martin) : aucun responsable « Léa Martin » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":4,"message":"responsable « Ibrahim Fontaine » (ibrahim.fontaine) : aucun élève « Gaël Fontaine » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":4,"message":"responsable « Ibrahim Fontaine » (ibrahim.fontaine) : aucun élève « Noé Fontaine » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":8,"message":"élève « Léo Benoît-Hamon » (leo.benoithamon) : aucun responsable « Chloé Benoît-Hamon » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":10,"message":"responsable « Sofia Fontaine » (sofia.fontaine2) : aucun élève « Sofia Fontaine » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":13,"message":"élève « Camille Fournier » (camille.fournier) : aucun responsable « Héloïse Fournier » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":15,"message":"responsable « Noé Bertrand » (noe.bertrand) : aucun élève « Léa Bertrand » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":17,"message":"élève « Raphaël Benoît-Hamon » (raphael.benoithamon) : aucun responsable « Hugo Lefèvre » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":17,"message":"élève « Raphaël Benoît-Hamon » (raphael.benoithamon) : aucun responsable « Éloi Benoît-Hamon » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":18,"message":"responsable « Louise Haddad » (louise.haddad) : aucun élève « Raphaël Haddad » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":18,"message":"responsable « Louise Haddad » (louise.haddad) : aucun élève « Éloi Haddad » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":20,"message":"responsable « Inès Bertrand » (ines.bertrand) : aucun élève « Léa Bertrand » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":21,"message":"élève « Maëlle Mercier » (maelle.mercier) : aucun responsable « Anaïs Mercier » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":22,"message":"élève « Éloi Laurent » (eloi.laurent) : aucun responsable « Théo Laurent » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":23,"message":"responsable « Chloé Müller » (chloe.muller) : aucun élève « Anh Müller » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":23,"message":"responsable « Chloé Müller » (chloe.muller) : aucun élève « Jérôme Müller » dans l’établissement ; lien non créé"},{"column":12,"file":"e.csv","kind":"unresolvedChild","line":26,"message":"responsable « Inès Kowalczyk » (ines.kowalczyk) : aucun élève « Alice Kowalczyk » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":27,"message":"élève « Lina Fontaine » (lina.fontaine) : aucun responsable « Adam Fontaine » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":27,"message":"élève « Lina Fontaine » (lina.fontaine) : aucun responsable « Héloïse N''Diaye » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":28,"message":"élève « Éloi Moreau » (eloi.moreau) : aucun responsable « Mathéo Moreau » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":29,"message":"élève « Gaël Roux » (gael.roux) : aucun responsable « Jérôme Roux » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":30,"message":"élève « Éloi Fontaine » (eloi.fontaine) : aucun responsable « Alice Fontaine » dans l’établissement ; lien non créé"},{"column":13,"file":"e.csv","kind":"unresolvedParent","line":31,"message":"élève « Jade Durand » (jade.durand) : aucun responsable « Léa Durand » dans l’établissement ; lien non créé"}],"schools":["École élémentaire publique Les Tilleuls"],"sha256":"08bb8d3afbfa56ef648582992b8d892a05916fce0d423f7ea6c01378ed07ac32","withEmail":5}');
CREATE INDEX account_login ON account(school_id, login);
CREATE INDEX account_alias ON account(school_id, alias) WHERE alias IS NOT NULL;
CREATE INDEX account_class_class ON account_class(class_id);
CREATE INDEX parent_child_child ON parent_child(child_id);
CREATE INDEX batch_plan ON batch(plan_id, position);
CREATE INDEX delivery_batch ON delivery(batch_id, position);
CREATE INDEX delivery_account ON delivery(account_id);
CREATE UNIQUE INDEX delivery_follows ON delivery(follows_delivery_id) WHERE follows_delivery_id IS NOT NULL;
CREATE INDEX event_delivery ON event(delivery_id);
CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE INDEX left_out_plan ON left_out(plan_id);
CREATE INDEX plan_follows ON plan(follows_plan_id);
CREATE INDEX import_sha256 ON import(sha256);
CREATE VIEW class_teacher AS
    SELECT ac.class_id, a.id AS teacher_id
    FROM account_class ac JOIN account a ON a.id = ac.account_id
    WHERE a.profile = 'teacher' AND a.removed_import_id IS NULL;
COMMIT;
