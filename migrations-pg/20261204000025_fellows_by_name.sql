-- The fellows list is read a page at a time in name order: without this each page sorted every
-- fellow of the programme first.
CREATE INDEX fellows_by_name ON fellows(lower(name), id);
