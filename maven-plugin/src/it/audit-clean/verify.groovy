String log = new File(basedir, 'build.log').text
def has = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def matches = { String regex -> assert log =~ regex : "build.log has no match for: ${regex}" }

has(':audit (default) @ audit-clean')
matches(/\[INFO\] Audit of \/\S+\/migrations\/src\/main\/resources\/db\/migrations: 0 error\(s\), 0 warning\(s\), 0 waived/)
assert !log.contains('/../') : 'the folder is shown normalized'
has('BUILD SUCCESS')
