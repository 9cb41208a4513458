-- expect: timestamp-not-portable 6:8
-- expect: timestamp-not-portable 7:21
-- expect: timestamp-not-portable 8:8
CREATE TABLE IF NOT EXISTS t (
    id VARCHAR(36) PRIMARY KEY,
    a  TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    b  TIMESTAMP(3) WITH TIME ZONE,
    c  DATETIME
);
