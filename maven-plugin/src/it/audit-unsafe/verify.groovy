// build.log holds the two invocations in turn: the audit, then the same build with replaysafe.skip.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 2 : "two invocations, not ${runs.size()}"
String log = runs[0]
def has = { String text -> assert log.contains(text) : "invocation 1 lacks: ${text}" }
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

assert runs[1].contains('[INFO] Skipping (replaysafe.skip)') && runs[1].contains('BUILD SUCCESS') : 'replaysafe.skip skips the audit'
assert !runs[1].contains('[create-without-if-not-exists]') : 'a skipped audit reads no file'
