// build.log holds the two invocations in turn: without failOnWarnings, then with it.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 2 : "two invocations, not ${runs.size()}"
def has = { int run, String text -> assert runs[run].contains(text) : "invocation ${run + 1} lacks: ${text}" }

has(0, '[WARNING] ')
has(0, '[update-without-where]')
has(0, ': 0 error(s), 1 warning(s), 1 waived')
has(0, 'BUILD SUCCESS')

has(1, '[update-without-where]')
has(1, ': 0 error(s), 1 warning(s), 1 waived. Fix each one, or waive it in its file with -- replaysafe:allow <rule-id> <reason> (failOnWarnings is set)')
has(1, 'BUILD FAILURE')
