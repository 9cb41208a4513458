DELETE FROM notes WHERE id IN ('n1', 'n2', 'n3');
