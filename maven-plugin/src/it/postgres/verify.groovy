import org.postgresql.Driver

String database = context.get('database')
if (database) {
	new Driver().connect(System.getenv('POSTGRES_TEST_URL'), new Properties()).withCloseable {
		it.createStatement().execute("DROP DATABASE IF EXISTS ${database} WITH (FORCE)")
	}
}

// build.log holds the three invocations in turn.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 3

assert runs[0] =~ /Applied 9 migration\(s\) in \d+ ms; schema now at version 9 \(PostgreSQL /
assert runs[0].contains('BUILD SUCCESS')

assert runs[1] =~ /\[INFO\] PostgreSQL \S+ at jdbc:postgresql:\/\/\S+\/${database}, history table _sqlx_migrations:/
assert runs[1] =~ /\[INFO\] 9\s+create tags\s+APPLIED\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
assert runs[1] =~ /\[INFO\] Replay check on PostgreSQL \S+ \(9 migrations\): PASSED/
assert runs[1] =~ /\[INFO\] Down round-trip check on PostgreSQL \S+ \(9 migrations\): PASSED/
assert runs[1].contains('BUILD SUCCESS')
assert !runs[1].contains('password')

assert runs[2] =~ /\[ERROR\] Replay check on PostgreSQL \S+ \(2 migrations\): FAILED, 1 problem/
assert runs[2].contains('[ERROR]   replay of 0002_seed_tags.sql: running it a second time changed the data')
assert runs[2] =~ /\[INFO\] Down round-trip check on PostgreSQL \S+ \(2 migrations\): PASSED/
assert runs[2].contains('BUILD FAILURE')
