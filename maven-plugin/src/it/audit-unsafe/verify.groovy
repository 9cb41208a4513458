String log = new File(basedir, 'build.log').text
def has = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
String migrations = new File(basedir, 'src/main/resources/db/migrations').absolutePath

has("[ERROR] ${migrations}/0001_create_notes.sql:2:1 [create-without-if-not-exists] CREATE TABLE without IF NOT EXISTS")
has('. Fix: CREATE TABLE IF NOT EXISTS notes')
has("[WARNING] ${migrations}/0002_clear_bodies.sql:1:1 [update-without-where]")
has("[INFO] ${migrations}/0002_clear_bodies.down.sql:1:1 [empty-down]")
has(": 1 error(s), 1 warning(s), 1 waived. Fix each one, or waive it in its file with -- replaysafe:allow <rule-id> <reason>")
has('BUILD FAILURE')
