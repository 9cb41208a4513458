package dev.replaysafe.bench;

import java.sql.Connection;
import java.util.Map;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * Liquibase through its Java API ({@code update} command), the changelog a master XML including
 * one formatted-SQL file per migration. Analytics and the banner are off (the child JVM sets
 * {@code liquibase.analytics.enabled=false}): they would only add network waits.
 */
final class LiquibaseEngine {

	private LiquibaseEngine() {
	}

	static void migrate(dev.replaysafe.bench.Database db, MigrationSet set) throws Exception {
		try (Connection c = db.connect();
				DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(set.liquibase())) {
			Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
			Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
					.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
					.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "changelog.xml")
					.execute());
		}
	}
}
