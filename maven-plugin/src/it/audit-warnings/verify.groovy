String log = new File(basedir, 'build.log').text
// The first run passes with the warning logged, the second (failOnWarnings) fails on it.
assert log.count('[update-without-where]') == 2
assert log.contains(': 0 error(s), 1 warning(s), 1 waived\n') || log.contains(': 0 error(s), 1 warning(s), 1 waived\r\n')
assert log.contains('BUILD SUCCESS')
assert log.contains(': 0 error(s), 1 warning(s), 1 waived. Fix each one, or waive it in its file with -- replaysafe:allow <rule-id> <reason> (failOnWarnings is set)')
assert log.contains('BUILD FAILURE')
