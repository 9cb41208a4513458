String log = new File(basedir, 'build.log').text
def has = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
String migrations = new File(basedir, 'src/main/resources/db/migrations').absolutePath

has("[ERROR] ${migrations}/0001_create_notes.sql:2:1 [create-without-if-not-exists] CREATE TABLE without IF NOT EXISTS")
has('. Fix: CREATE TABLE IF NOT EXISTS notes')
has("[WARNING] ${migrations}/0002_clear_bodies.sql:1:1 [update-without-where]")
has("[INFO] ${migrations}/0002_clear_bodies.down.sql:1:1 [empty-down]")
has(": 1 error(s), 1 warning(s), 1 waived. Fix each one, or waive it in its file with -- replaysafe:allow <rule-id> <reason>")
has('BUILD FAILURE')

// The SARIF report is written although the audit failed, with paths relative to where Maven started.
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/replaysafe.sarif'))
assert sarif.version == '2.1.0' : "SARIF 2.1.0, not ${sarif.version}"
def results = sarif.runs[0].results
assert results*.ruleId == ['create-without-if-not-exists', 'update-without-where', 'empty-down'] : "results: ${results*.ruleId}"
def notes = results[0].locations[0].physicalLocation
assert notes.artifactLocation.uri == 'src/main/resources/db/migrations/0001_create_notes.sql' : "uri: ${notes.artifactLocation.uri}"
assert notes.region.startLine == 2 && notes.region.startColumn == 1 : "region: ${notes.region}"
assert results[0].level == 'error' && results[1].level == 'warning' : "levels: ${results*.level}"
assert results[2].suppressions[0].justification == 'the cleared bodies cannot come back' : "suppression: ${results[2].suppressions}"
has('finding(s) as SARIF to ' + new File(basedir, 'target/replaysafe.sarif').absolutePath)
