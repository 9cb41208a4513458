String log = new File(basedir, 'build.log').text
def has = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def matches = { String regex -> assert log =~ regex : "build.log has no match for: ${regex}" }

has(':verify (default) @ verify-sqlite-clean')
matches(/\[INFO\] Replay check on SQLite .+ \(9 migrations\): PASSED/)
has('[INFO]   replay: every up executed again, ignoring the history: schema and every row unchanged after each')
matches(/\[INFO\] Down round-trip check on SQLite .+ \(9 migrations\): PASSED/)
has('[INFO]   down, in strict reverse order: 9 of 9 downs restored the schema and rows their up started from')
has('BUILD SUCCESS')
