-- expect: create-type-without-guard 2:1
CREATE TYPE note_state AS ENUM ('draft', 'published');
