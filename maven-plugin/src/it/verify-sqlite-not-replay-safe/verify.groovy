String log = new File(basedir, 'build.log').text
def has = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def matches = { String regex -> assert log =~ regex : "build.log has no match for: ${regex}" }

matches(/\[ERROR\] Replay check on SQLite .+ \(2 migrations\): FAILED, 1 problem/)
has('[ERROR]   replay of 0002_seed_tags.sql: running it a second time changed the data')
has('[ERROR]     - table tags: 1 row after the first run, 2 after the replay')
has('[ERROR]     fix: a second run must change no row: guard every INSERT with ON CONFLICT')
// The down check runs on its own database and passes: only the replay fails the goal.
matches(/\[INFO\] Down round-trip check on SQLite .+ \(2 migrations\): PASSED/)
matches(/Failed to execute goal dev\.replaysafe:replaysafe-maven-plugin:\S+:verify \(default-cli\) on project verify-sqlite-not-replay-safe: Replay check on SQLite/)
has('BUILD FAILURE')
