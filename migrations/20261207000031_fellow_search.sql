-- Finding a fellow by part of a name, email or registration number (issue 21). A national
-- scheme has 40,000 fellows; a picker's search read every one of them twice (once to count,
-- once for the page), 30 ms. This index holds each value's three-character pieces (FTS5's
-- trigram tokenizer, case-insensitive), so a search of three characters or more reads only the
-- fellows holding all its pieces. Shorter searches still read the names.
--
-- The index holds no text of its own (content = 'fellows'): the names stay only in `fellows`,
-- and the triggers below keep the index in step with every write, whatever makes it.
CREATE VIRTUAL TABLE fellows_search USING fts5(
    name, email, registration_number,
    content = 'fellows', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO fellows_search(fellows_search) VALUES ('rebuild');

-- FTS5 forgets a value by adding a note that it is gone, and leaves its pieces in the index
-- until a later merge. Erasure therefore merges both search indexes whole ('optimize') when it
-- is done (`privacy::erasure`), so that nothing of an erased person can be read back from the
-- file. (FTS5's 'secure-delete' option would remove them at once, but the SQLite that sqlx
-- 0.8 builds, 3.45, reports its index malformed after such a delete.) Erasures before this
-- migration merged nothing; this merge clears what they left in the reflections' index.
INSERT INTO reflection_search(reflection_search) VALUES ('optimize');

CREATE TRIGGER fellows_search_insert AFTER INSERT ON fellows BEGIN
    INSERT INTO fellows_search(rowid, name, email, registration_number)
    VALUES (new.id, new.name, new.email, new.registration_number);
END;

CREATE TRIGGER fellows_search_delete AFTER DELETE ON fellows BEGIN
    INSERT INTO fellows_search(fellows_search, rowid, name, email, registration_number)
    VALUES ('delete', old.id, old.name, old.email, old.registration_number);
END;

CREATE TRIGGER fellows_search_update AFTER UPDATE OF name, email, registration_number ON fellows BEGIN
    INSERT INTO fellows_search(fellows_search, rowid, name, email, registration_number)
    VALUES ('delete', old.id, old.name, old.email, old.registration_number);
    INSERT INTO fellows_search(rowid, name, email, registration_number)
    VALUES (new.id, new.name, new.email, new.registration_number);
END;
