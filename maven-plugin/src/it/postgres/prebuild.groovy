import org.postgresql.Driver

// A PostgreSQL test never skips: without a server it fails, saying how to get one.
String server = System.getenv('POSTGRES_TEST_URL')
if (!server) {
	throw new IllegalStateException('No PostgreSQL for this integration test: set POSTGRES_TEST_URL (a JDBC URL whose '
			+ 'user may CREATE DATABASE) or run the build through scripts/test, which starts one; PostgreSQL tests never skip')
}
String name = 'replaysafe_it_' + ProcessHandle.current().pid() + '_' + System.currentTimeMillis()
new Driver().connect(server, new Properties()).withCloseable { it.createStatement().execute('CREATE DATABASE ' + name) }
context.put('database', name)
context.get('userProperties').put('replaysafe.url', server.replaceFirst('^(jdbc:postgresql://[^/?]+/)[^?]*', '$1' + name))
println "Created the database ${name}"
