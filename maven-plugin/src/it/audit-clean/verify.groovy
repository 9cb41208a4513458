// build.log holds the two invocations in turn: the audit, then replaysafe:help for the migrate goal.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 2 : "two invocations, not ${runs.size()}"
String log = runs[0]
def has = { String text -> assert log.contains(text) : "invocation 1 lacks: ${text}" }
def matches = { String regex -> assert log =~ regex : "invocation 1 has no match for: ${regex}" }

has(':audit (default) @ audit-clean')
matches(/\[INFO\] Audit of \/\S+\/migrations\/src\/main\/resources\/db\/migrations: 0 error\(s\), 0 warning\(s\), 0 waived/)
assert !log.contains('/../') : 'the folder is shown normalized'
has('BUILD SUCCESS')

// The help says there is no rollback goal, and names the user properties.
String help = runs[1].replaceAll(/\s+/, ' ')
assert help.contains('replaysafe:migrate') : 'the help of replaysafe:migrate'
assert help.contains('There is deliberately no rollback goal') : 'the migrate goal says there is no rollback goal'
assert help.contains('User property: replaysafe.url') && help.contains('User property: replaysafe.lock-timeout') : 'the user properties are shown'
