import org.postgresql.Driver

String database = context.get('database')
if (database) {
	new Driver().connect(System.getenv('POSTGRES_TEST_URL'), new Properties()).withCloseable {
		it.createStatement().execute("DROP DATABASE IF EXISTS ${database} WITH (FORCE)")
	}
}

// build.log holds the three invocations in turn.
List<String> runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('Scanning') }
assert runs.size() == 3 : "three invocations, not ${runs.size()}"
def has = { int run, String text -> assert runs[run].contains(text) : "invocation ${run + 1} lacks: ${text}" }
def matches = { int run, String regex -> assert runs[run] =~ regex : "invocation ${run + 1} has no match for: ${regex}" }

matches(0, /Applied 9 migration\(s\) in \d+ ms; schema now at version 9 \(PostgreSQL .+\/${database} as /)
has(0, 'BUILD SUCCESS')

matches(1, /\[INFO\] PostgreSQL .+ at jdbc:postgresql:\/\/\S+\/${database}, history table _sqlx_migrations:/)
matches(1, /\[INFO\] 9\s+create tags\s+APPLIED\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
matches(1, /\[INFO\] Replay check on PostgreSQL .+ \(9 migrations\): PASSED/)
matches(1, /\[INFO\] Down round-trip check on PostgreSQL .+ \(9 migrations\): PASSED/)
has(1, 'BUILD SUCCESS')
assert !runs[1].contains('password') : 'no URL is shown with its password'

matches(2, /\[ERROR\] Replay check on PostgreSQL .+ \(2 migrations\): FAILED, 1 problem/)
has(2, '[ERROR]   replay of 0002_seed_tags.sql: running it a second time changed the data')
matches(2, /\[INFO\] Down round-trip check on PostgreSQL .+ \(2 migrations\): PASSED/)
has(2, 'BUILD FAILURE')

// The verifier's scratch databases are gone.
Set<String> scratches = (runs.join() =~ /replaysafe_scratch_\d+_\d+/).collect { it } as Set
assert scratches.size() == 4 : "two scratch databases per verify run, not ${scratches}"
new Driver().connect(System.getenv('POSTGRES_TEST_URL'), new Properties()).withCloseable { c ->
	scratches.each { name ->
		def rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = '${name}'")
		rs.next()
		assert rs.getInt(1) == 0 : "the scratch database ${name} was dropped"
	}
}
true
