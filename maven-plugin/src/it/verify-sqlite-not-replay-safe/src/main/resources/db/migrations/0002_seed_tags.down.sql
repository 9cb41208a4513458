DELETE FROM tags WHERE name = 'red';
