String log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] Replay check on SQLite \S+ \(2 migrations\): FAILED, 1 problem/
assert log.contains('[ERROR]   replay of 0002_seed_tags.sql: running it a second time changed the data')
assert log.contains('[ERROR]     - table tags: 1 rows after the first run, 2 after the replay')
assert log.contains('fix: a second run must change no row: guard every INSERT with ON CONFLICT')
// The down check runs on its own database and passes: only the replay is reported as failed.
assert log =~ /\[INFO\] Down round-trip check on SQLite \S+ \(2 migrations\): PASSED/
assert log =~ /Failed to execute goal dev\.replaysafe:replaysafe-maven-plugin:\S+:verify \(default-cli\) on project verify-sqlite-not-replay-safe: Replay check on SQLite/
assert log.contains('BUILD FAILURE')
