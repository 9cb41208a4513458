-- expect: update-without-where 3:1
-- The WHERE of a subquery does not bound the UPDATE.
UPDATE documents SET search_title = (SELECT lower(title) FROM documents d WHERE d.id = documents.id);
