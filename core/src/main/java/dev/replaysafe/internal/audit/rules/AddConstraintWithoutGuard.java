package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.HashSet;
import java.util.Set;

import dev.replaysafe.Audit.Rule;

/**
 * {@code add-constraint-without-guard}: PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS, so a named
 * constraint added again fails ("already exists"), and an unnamed one fails (PRIMARY KEY) or is
 * added a second time (UNIQUE, CHECK, FOREIGN KEY). A DROP CONSTRAINT IF EXISTS of the same name
 * earlier in the file (or earlier in the statement) guards it.
 */
public final class AddConstraintWithoutGuard implements Check {

	@Override
	public Rule rule() {
		return Rule.ADD_CONSTRAINT_WITHOUT_GUARD;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("ALTER");
	}

	/** The name a DROP CONSTRAINT IF EXISTS action drops, or null if the action is none. */
	public static String droppedIfExists(Statement st, Statement.Action a) {
		return a.verb().equals("DROP") && st.matches(a.name(), "CONSTRAINT", "IF", "EXISTS")
				? name(st.sql(), a.name() + 3) : null;
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.AlterTable alter = st.alterTable();
		if (alter == null) {
			return;
		}
		Set<String> droppedHere = new HashSet<>();
		for (Statement.Action a : alter.actions()) {
			String dropped = droppedIfExists(st, a);
			if (dropped != null) {
				droppedHere.add(dropped);
			}
			if (!a.constraint() || !a.verb().equals("ADD")) {
				continue;
			}
			String table = alter.table();
			if (!st.matches(a.name(), "CONSTRAINT")) {
				String kind = upper(st.token(a.name()));
				// PostgreSQL's own suffixes for the names it would pick.
				String suffix = switch (kind) {
					case "PRIMARY" -> "_pkey";
					case "UNIQUE" -> "_key";
					case "FOREIGN" -> "_fkey";
					case "EXCLUDE" -> "_excl";
					default -> "_check";
				};
				String written = kind.equals("PRIMARY") || kind.equals("FOREIGN") ? kind + " KEY" : kind;
				report.add(rule(), st.token(a.at()), "ADD " + written + " without a constraint name cannot be guarded: "
						+ "run again, it fails (a second primary key) or adds the constraint once more", "name it, and "
								+ "drop it first: ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + table + suffix
								+ "; ALTER TABLE " + table + " ADD CONSTRAINT " + table + suffix + " " + written + " ...");
				continue;
			}
			String constraint = name(st.sql(), a.name() + 1);
			if (!droppedHere.contains(constraint) && !st.dropped("CONSTRAINT", constraint)) {
				String written = text(st.token(a.name() + 1));
				report.add(rule(), st.token(a.at()), "ADD CONSTRAINT " + written + " fails when the file runs again "
						+ "(PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS): no DROP CONSTRAINT IF EXISTS " + written
						+ " comes before it in the file", "ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + written
								+ "; before it, or a DO block that adds it only when pg_constraint has no " + written);
			}
		}
	}
}
