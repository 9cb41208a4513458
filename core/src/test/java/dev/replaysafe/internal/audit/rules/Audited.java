package dev.replaysafe.internal.audit.rules;

import java.util.List;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.Finding;
import dev.replaysafe.internal.audit.FileAudit;
import dev.replaysafe.internal.sql.SqlScript;

/** The findings of one rule in a file, each as the report prints it (position, id, message, fix). */
final class Audited {

	private Audited() {
	}

	/** {@code rule}'s findings in an up file {@code 0001_x.sql} holding {@code sql}. */
	static List<String> up(Rule rule, String sql) {
		return only(rule, FileAudit.up(SqlScript.parse("0001_x.sql", sql)));
	}

	/** {@code rule}'s findings in a down file {@code 0001_x.down.sql} holding {@code sql}. */
	static List<String> down(Rule rule, String sql) {
		return only(rule, FileAudit.down(SqlScript.parse("0001_x.down.sql", sql)));
	}

	private static List<String> only(Rule rule, List<Finding> findings) {
		return findings.stream().filter(f -> f.rule().equals(rule.id())).map(Finding::toString).toList();
	}
}
