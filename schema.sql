-- The kmaticker store: one SQLite file, this schema. kmaticker carries a copy of this file in its
-- binary (a test proves they are the same) and applies it, in one transaction, to a new store.
-- A store from an earlier version is migrated in place, in one transaction, by the steps in
-- Sources/KMATickerStore/StoreMigrations.swift; a test proves the result has this schema.
--
-- Times are Unix seconds (UTC) in INTEGER columns, so that ranges and ordering are plain integer
-- comparisons; kmaticker shows and exports them in KST (UTC+9), and so do the views at the end,
-- for tools that show a store as it is (Datasette, the sqlite3 shell). Text is NFC.

-- Marks the file as a kmaticker store ('KMAT'): kmaticker refuses SQLite files without it.
PRAGMA application_id = 1263354196;

-- The KMA ASOS station registry, brought in step with the one compiled into kmaticker whenever
-- kmaticker writes (new stations added, changed ones updated; a station no longer listed is kept
-- for the observations that name it).
CREATE TABLE stations (
    id          INTEGER PRIMARY KEY,       -- ASOS station number, e.g. 133
    name_ko     TEXT    NOT NULL UNIQUE,   -- e.g. 대전
    name_en     TEXT    NOT NULL,          -- e.g. Daejeon
    lat         REAL    NOT NULL,
    lon         REAL    NOT NULL,
    elevation_m REAL,                      -- NULL where unknown (251 고창군)
    province    TEXT    NOT NULL
) STRICT;

-- One row per ingested page: where it came from (a file, or a record or part of an archive), how it
-- was read, its times, what it added.
CREATE TABLE pages (
    id                   INTEGER PRIMARY KEY,
    source               TEXT    NOT NULL,  -- the file's name ('stdin' for standard input)
    path                 TEXT    NOT NULL,  -- the path as given on the command line
    sha256               TEXT    NOT NULL,  -- of the page's bytes as read: a file's (before gunzip), an
                                            -- archive record's payload (after HTTP decoding)
    charset              TEXT    NOT NULL,  -- what the bytes were decoded from: 'UTF-8', 'CP949', …
    format               TEXT    NOT NULL,  -- 'text' | 'html' | 'feed'
    observed_at          INTEGER NOT NULL,  -- Unix seconds: the page's "observations as of" time
    time_source          TEXT    NOT NULL,  -- how it was found: a capture time ('warc-date' | 'arc-date'
                                            -- | 'http-date' | 'mhtml-date' | 'singlefile-saved-date'
                                            -- | 'httrack-comment' | 'file-mtime'),
                                            -- 'at-option', 'feed', or a time the page prints
                                            -- ('last-edit-header' | 'updated-header' | …; README, Time)
    item_count           INTEGER NOT NULL,  -- ticker items (feed entries) read from the page
    new_count            INTEGER NOT NULL,  -- observations it added when first ingested
    already_stored_count INTEGER NOT NULL,  -- observations the store already held then
    conflict_count       INTEGER NOT NULL,  -- observations that differed from the store then
    warning_count        INTEGER NOT NULL,
    ingested_at          INTEGER NOT NULL,  -- Unix seconds, when kmaticker first stored it
    byte_count           INTEGER,           -- the page's size; NULL for pages stored before version 2
    -- Version 3: pages inside archives, and every time a page has.
    record               TEXT,              -- which record or part of an archive: 'record 7', 'part 1',
                                            -- 'archive/a.warc.gz record 7' (a WACZ's member);
                                            -- NULL for a file that is one page
    uri                  TEXT,              -- the page's address, when its archive records it
    captured_at          INTEGER,           -- Unix seconds: when the page was captured (archive, file)
    capture_source       TEXT,              -- where that came from: 'warc-date' | 'http-date' | …
    printed_time         TEXT,              -- the time the page prints, KST, as 'YYYY-MM-DD HH:MM',
                                            -- or 'YYYY-MM-DD' for a page that prints only a date
    printed_time_source  TEXT,              -- where it was printed: 'last-edit-header' | …
    -- The same bytes at the same time are the same page.
    UNIQUE (sha256, observed_at)
) STRICT;

-- One row per ticker item. Identity: (station_id, observed_at) for a known station, otherwise
-- (page_id, position): the two partial unique indexes below enforce it.
CREATE TABLE observations (
    id              INTEGER PRIMARY KEY,
    page_id         INTEGER NOT NULL REFERENCES pages (id),
    position        INTEGER NOT NULL,      -- 1-based position of the item in the ticker
    observed_at     INTEGER NOT NULL,      -- Unix seconds, copied from the page
    station_id      INTEGER REFERENCES stations (id),  -- NULL when unresolved
    station_source  TEXT    NOT NULL,      -- 'ticker' | 'inferred' | 'unresolved' | 'feed'
    label           TEXT,                  -- the station name as printed; NULL when nameless
    condition       TEXT,                  -- the condition word as printed; NULL when missing
    condition_known INTEGER NOT NULL CHECK (condition_known IN (0, 1)),
    temperature_c   REAL                   -- °C; NULL when the ticker printed none
) STRICT;

CREATE UNIQUE INDEX observations_by_station_time
    ON observations (station_id, observed_at) WHERE station_id IS NOT NULL;
CREATE UNIQUE INDEX observations_unresolved_by_page
    ON observations (page_id, position) WHERE station_id IS NULL;
-- Version 6: in the order reports read observations (time, then page and position), so that an
-- export streams from the index without sorting each time's rows.
CREATE INDEX observations_by_time ON observations (observed_at, page_id, position);

-- Version 4: which registry the stations table was last brought in step with (one row).
CREATE TABLE registry_version (
    digest        TEXT    NOT NULL,  -- SHA-256 of the registry's stations (StationRegistry.digest)
    station_count INTEGER NOT NULL,
    synced_at     INTEGER NOT NULL   -- Unix seconds
) STRICT;

-- Version 5: views for tools that show a store's tables as they are (Datasette; README,
-- "Datasette"), which would otherwise show Unix seconds and bare station numbers. They hold no
-- data and change nothing; kmaticker itself reads the tables.
--
-- Every observation, with its time in KST (UTC+9: 32400 s) as 'YYYY-MM-DD HH:MM' and as ISO 8601
-- with '+09:00' (as `kmaticker export` writes it), its station's registry name (else the name
-- as printed), and its page's file, address and time source. Newest first, in ticker order.
CREATE VIEW observations_kst AS
SELECT o.id,
       strftime('%Y-%m-%d %H:%M', o.observed_at + 32400, 'unixepoch') AS observed_at_kst,
       strftime('%Y-%m-%dT%H:%M:%S+09:00', o.observed_at + 32400, 'unixepoch') AS observed_at,
       o.station_id,
       coalesce(s.name_ko, o.label) AS station,
       o.condition,
       o.temperature_c,
       o.station_source,
       p.source,
       o.label,
       o.position,
       p.time_source,
       p.uri
FROM observations AS o
JOIN pages AS p ON p.id = o.page_id
LEFT JOIN stations AS s ON s.id = o.station_id
ORDER BY o.observed_at DESC, o.page_id, o.position;

-- Each station's most recent observation (`kmaticker query --latest`), by station number. An
-- unresolved observation has no station, so it is in none of the per-station views. SQLite
-- takes the bare `id` beside max() from the row that has the maximum.
CREATE VIEW latest_by_station AS
SELECT k.*
FROM (SELECT id, max(observed_at) FROM observations WHERE station_id IS NOT NULL GROUP BY station_id) AS latest
JOIN observations_kst AS k ON k.id = latest.id
ORDER BY k.station_id;

-- Per station and KST hour (`kmaticker query --every hour`): the minimum, maximum and mean of
-- the temperatures there are (mean_c to two decimals), how many there are (count) and how many
-- observations in all (observations). min, max, avg and count(column) pass over NULL: a missing
-- temperature is never taken as 0.
CREATE VIEW hourly_temperatures AS
SELECT strftime('%Y-%m-%d %H:00', o.observed_at + 32400, 'unixepoch') AS period,
       o.station_id,
       s.name_ko AS station,
       min(o.temperature_c) AS min_c,
       max(o.temperature_c) AS max_c,
       round(avg(o.temperature_c), 2) AS mean_c,
       count(o.temperature_c) AS count,
       count(*) AS observations
FROM observations AS o
JOIN stations AS s ON s.id = o.station_id
GROUP BY period, o.station_id
ORDER BY period, o.station_id;

-- The same per station and KST day (`kmaticker query --every day`).
CREATE VIEW daily_temperatures AS
SELECT strftime('%Y-%m-%d', o.observed_at + 32400, 'unixepoch') AS period,
       o.station_id,
       s.name_ko AS station,
       min(o.temperature_c) AS min_c,
       max(o.temperature_c) AS max_c,
       round(avg(o.temperature_c), 2) AS mean_c,
       count(o.temperature_c) AS count,
       count(*) AS observations
FROM observations AS o
JOIN stations AS s ON s.id = o.station_id
GROUP BY period, o.station_id
ORDER BY period, o.station_id;

PRAGMA user_version = 6;
