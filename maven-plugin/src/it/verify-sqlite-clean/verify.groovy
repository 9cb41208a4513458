String log = new File(basedir, 'build.log').text
assert log.contains(':verify (default)')
assert log =~ /\[INFO\] Replay check on SQLite \S+ \(9 migrations\): PASSED/
assert log.contains('[INFO]   replay: every up executed again, ignoring the history: schema, row counts and rows unchanged')
assert log =~ /\[INFO\] Down round-trip check on SQLite \S+ \(9 migrations\): PASSED/
assert log.contains('BUILD SUCCESS')
