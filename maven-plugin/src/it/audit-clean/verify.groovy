String log = new File(basedir, 'build.log').text
assert log.contains('replaysafe-maven-plugin') && log.contains(':audit (default)')
assert log =~ /\[INFO\] Audit of \S+\/migrations\/src\/main\/resources\/db\/migrations: 0 error\(s\), 0 warning\(s\), 0 waived/
assert log.contains('BUILD SUCCESS')
assert !log.contains('/../')
