package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code alter-table-not-portable}: ALTER TABLE actions SQLite lacks, or several actions in one statement. */
public final class AlterTableNotPortable implements Check {

	@Override
	public Rule rule() {
		return Rule.ALTER_TABLE_NOT_PORTABLE;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("ALTER");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.AlterTable alter = st.alterTable();
		if (alter == null) {
			return;
		}
		for (Statement.Action a : alter.actions()) {
			SqlToken at = st.token(a.at());
			String verb = a.verb();
			if (a.constraint()) {
				report.add(rule(), at, "ALTER TABLE ... " + verb + " " + upper(st.token(a.name())) + ": SQLite cannot "
						+ "add or drop a table's constraints (and PostgreSQL has no IF NOT EXISTS for them)",
						"declare constraints in CREATE TABLE; for uniqueness CREATE UNIQUE INDEX IF NOT EXISTS ux ON "
								+ "t (c)");
			}
			else if (!verb.equals("ADD") && !verb.equals("DROP") && !verb.equals("RENAME")) {
				report.add(rule(), at, "ALTER TABLE ... " + verb + " is not in SQLite, whose ALTER TABLE only adds, "
						+ "drops and renames columns", "add a new column, backfill it, and drop the old one; or "
								+ "rebuild the table");
			}
		}
		if (alter.actions().size() > 1) {
			report.add(rule(), st.headToken(), "ALTER TABLE with " + alter.actions().size() + " actions: SQLite runs "
					+ "one action per ALTER TABLE", "one ALTER TABLE statement per action");
		}
	}
}
