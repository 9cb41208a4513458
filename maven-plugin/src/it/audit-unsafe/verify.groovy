String log = new File(basedir, 'build.log').text
String migrations = new File(basedir, 'src/main/resources/db/migrations').absolutePath
assert log.contains("[ERROR] ${migrations}/0001_create_notes.sql:2:1 [create-without-if-not-exists] CREATE TABLE without IF NOT EXISTS")
assert log.contains('Fix: CREATE TABLE IF NOT EXISTS notes')
assert log.contains("[WARNING] ${migrations}/0002_clear_bodies.sql:1:1 [update-without-where]")
assert log.contains("[INFO] ${migrations}/0002_clear_bodies.down.sql:1:1 [empty-down]")
assert log.contains(': 1 error(s), 1 warning(s), 1 waived. Fix each one, or waive it in its file')
assert log.contains('BUILD FAILURE')
