// build.log holds the four invocations in turn.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 4

assert runs[0] =~ /Applied 9 migration\(s\) in \d+ ms; schema now at version 9/
assert runs[0].contains('BUILD SUCCESS')
assert new File(basedir, 'target/app.db').isFile()

assert runs[1] =~ /Schema is up to date at version 9/
assert runs[1] =~ /\[INFO\] SQLite \S+ at jdbc:sqlite:target\/app.db, history table _sqlx_migrations:/
assert runs[1] =~ /\[INFO\] Version\s+Description\s+State\s+Installed on/
assert runs[1] =~ /\[INFO\] 1\s+create workspaces\s+APPLIED\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
assert runs[1] =~ /\[INFO\] 9\s+create tags\s+APPLIED\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
assert runs[1].contains('BUILD SUCCESS')

String broken = new File(basedir, 'broken/0010_add_notes.sql').absolutePath
assert runs[2].contains("Migration 10 failed at ${broken}:3")
assert runs[2].contains('missing_column')
assert runs[2] =~ /Failed to execute goal dev\.replaysafe:replaysafe-maven-plugin:\S+:migrate \(default-cli\) on project migrate-info-sqlite: Migration 10 failed/
assert runs[2].contains('BUILD FAILURE')

assert runs[3].contains('The replaysafe:info goal needs a database: set <url> in the plugin\'s <configuration> or -Dreplaysafe.url=...')
assert runs[3].contains('MojoExecutionException')
