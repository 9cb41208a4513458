package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code rename}: a RENAME of a table, column or other object, which fails when run again. */
public final class Rename implements Check {

	@Override
	public Rule rule() {
		return Rule.RENAME;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("ALTER");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.AlterTable alter = st.alterTable();
		if (alter == null) {
			int rename = depthZero(st.sql(), st.verb() + 1, "RENAME");
			if (rename >= 0) {
				report.add(rule(), st.token(rename), "ALTER " + upper(st.token(st.verb() + 1)) + " ... RENAME fails "
						+ "when the file runs again", "create the new object and drop the old one, each guarded");
			}
			return;
		}
		String table = alter.table();
		for (Statement.Action a : alter.actions()) {
			if (!a.verb().equals("RENAME")) {
				continue;
			}
			SqlToken at = st.token(a.at());
			if (a.constraint()) {
				String from = text(st.token(a.name() + 1));
				String to = st.matches(a.name() + 2, "TO") ? text(st.token(a.name() + 3)) : "new_name";
				report.add(rule(), at, "RENAME CONSTRAINT renames " + from + " and fails when the file runs again",
						"ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + from + "; ALTER TABLE " + table
								+ " DROP CONSTRAINT IF EXISTS " + to + "; ALTER TABLE " + table + " ADD CONSTRAINT " + to
								+ " ...");
				continue;
			}
			if (st.matches(a.at() + 1, "TO")) {
				report.add(rule(), at, "RENAME TO renames the table and fails when the file runs again, on both "
						+ "databases", "keep the table's name (a replay of the file that created " + table + " creates it "
								+ "again, whatever later files do) and give it the new one as a view: DROP VIEW IF EXISTS "
								+ text(st.token(a.at() + 2)) + "; CREATE VIEW " + text(st.token(a.at() + 2))
								+ " AS SELECT ... FROM " + table);
				continue;
			}
			int k = a.name();
			String from = text(st.token(k));
			String to = st.matches(k + 1, "TO") ? text(st.token(k + 2)) : "new_name";
			report.add(rule(), at, "RENAME COLUMN renames " + from + " and fails when the file runs again, on both "
					+ "databases", "rebuild the table: CREATE TABLE IF NOT EXISTS " + table + "_new (its columns in "
							+ "their order, " + to + " in place of " + from + "); INSERT INTO " + table + "_new SELECT * FROM "
							+ table + " WHERE true ON CONFLICT DO NOTHING; DROP TABLE IF EXISTS " + table + "; ALTER TABLE "
							+ table + "_new RENAME TO " + table + " with -- replaysafe:allow rename <reason> (a backfill "
							+ "UPDATE from " + from + " cannot run again once a later migration drops it)");
		}
	}
}
