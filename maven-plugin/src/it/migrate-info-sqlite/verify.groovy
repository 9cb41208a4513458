// build.log holds the four invocations in turn.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 4 : "four invocations, not ${runs.size()}"
def has = { int run, String text -> assert runs[run].contains(text) : "invocation ${run + 1} lacks: ${text}" }
def matches = { int run, String regex -> assert runs[run] =~ regex : "invocation ${run + 1} has no match for: ${regex}" }

matches(0, /Applied 9 migration\(s\) in \d+ ms; schema now at version 9 \(SQLite /)
has(0, 'BUILD SUCCESS')
assert new File(basedir, 'target/app.db').isFile() : 'the database is target/app.db, its folder created'

matches(1, /Schema is up to date at version 9/)
matches(1, /\[INFO\] SQLite .+ at jdbc:sqlite:target\/app.db, history table _sqlx_migrations:/)
matches(1, /\[INFO\] Version\s+Description\s+State\s+Installed on/)
matches(1, /\[INFO\] 1\s+create workspaces\s+APPLIED\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
matches(1, /\[INFO\] 9\s+create tags\s+APPLIED\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
has(1, 'BUILD SUCCESS')

String broken = new File(basedir, 'broken/0010_add_notes.sql').absolutePath
has(2, "Migration 10 failed at ${broken}:3")
has(2, 'missing_column')
matches(2, /Failed to execute goal dev\.replaysafe:replaysafe-maven-plugin:\S+:migrate \(default-cli\) on project migrate-info-sqlite: Migration 10 failed/)
has(2, 'MojoFailureException')

has(3, 'The replaysafe:info goal needs a database: set <url> in the plugin\'s <configuration> or -Dreplaysafe.url=...')
has(3, 'MojoExecutionException')
