package dev.replaysafe.internal.audit;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a migration file may not do, whatever the audit mode: refused before anything runs (not
 * even the history table is created), each problem naming file:line and the fix.
 *
 * <ul>
 * <li>Name the history table: the run writes it in the migration's transaction.
 * <li>Control the transaction ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}, {@code SET TRANSACTION},
 * ...): the engine runs each migration in its own transaction with its history row, and a file that
 * ends it breaks that atomicity (PostgreSQL keeps what ran before a {@code COMMIT} when a later
 * statement fails; SQLite writes the history row, then fails the engine's own COMMIT).
 * <li>Change the connection's session in a way the engine cannot undo before handing the
 * connection back (a PRAGMA that cannot be read back, on SQLite): see {@link Dialect#unrestorable}.
 * <li>Use a client's commands: {@code COPY ... FROM STDIN} / {@code TO STDOUT} (psql feeds the rows,
 * JDBC has none) and psql's backslash commands ({@code \i}, {@code \set}, {@code \connect}, ...), which
 * the database does not understand.
 * </ul>
 *
 * Only each statement's leading tokens are read, so statements inside dollar-quoted bodies and
 * inside a {@code CREATE TRIGGER ... BEGIN ... END} (one statement to the lexer) are not affected.
 */
public final class Preflight {

	private static final String SPLIT_FIX = "remove it: replaysafe already runs each migration in its own transaction, "
			+ "together with its history row. To commit part of the work on its own, split the file into separate "
			+ "migrations (each runs in its own transaction); statements that must run outside a transaction "
			+ "(CREATE INDEX CONCURRENTLY on PostgreSQL) go in a file of their own whose first line is "
			+ "-- replaysafe:no-transaction";

	/** PostgreSQL settings that change the current (or every later) transaction's isolation or access mode. */
	private static final Set<String> TRANSACTION_SETTINGS = Set.of("transaction_isolation", "transaction_read_only",
			"transaction_deferrable", "default_transaction_isolation", "default_transaction_read_only",
			"default_transaction_deferrable");

	/** Where a {@code COPY ... STDIN} may be, in a file the lexer rejects (its data rows carry quotes). */
	private static final Pattern CLIENT_STREAM = Pattern.compile("(?i)\\bstd(in|out)\\b");

	/** How many such places are tried on a file the lexer rejects: the lexer runs once per place. */
	private static final int MAX_CANDIDATES = 20;

	private Preflight() {
	}

	/**
	 * Refuses the pending ups (one exception listing every problem) if one breaks a rule above. The
	 * files are streamed through the lexer, one statement's tokens at a time.
	 */
	public static void ups(List<Migration> pending, String table, Dialect dialect) {
		upsKeeping(pending, table, dialect, 0);
	}

	/**
	 * Refuses as {@link #ups} does, keeping the statements each file was split into for the run to
	 * execute, so that an up is lexed once for both, while the kept files' text adds up to at most
	 * {@code keepChars} (the tokens of a few megabytes of SQL): a file beyond that is not kept and is
	 * streamed through the lexer again when it runs, so a big file still needs no memory for all its tokens.
	 *
	 * @return the kept statements by file (by identity), in file order
	 */
	public static Map<SqlFile, List<SqlStatement>> upsKeeping(List<Migration> pending, String table, Dialect dialect,
			long keepChars) {
		List<String> problems = new ArrayList<>();
		Map<SqlFile, List<SqlStatement>> kept = new IdentityHashMap<>();
		long room = keepChars;
		for (Migration m : pending) {
			boolean keep = m.up().text().length() <= room;
			List<SqlStatement> statements = keep ? new ArrayList<>() : null;
			check(m.up(), table, dialect, problems, statements);
			if (keep) {
				room -= m.up().text().length();
				kept.put(m.up(), statements);
			}
		}
		refuseIf(problems, "applied");
		return kept;
	}

	/** The same for the downs a rollback is about to run. */
	public static void downs(List<Migration> reverting, String table, Dialect dialect) {
		List<String> problems = new ArrayList<>();
		for (Migration m : reverting) {
			check(m.down(), table, dialect, problems, null);
		}
		refuseIf(problems, "rolled back");
	}

	private static void refuseIf(List<String> problems, String what) {
		if (!problems.isEmpty()) {
			throw new MigrationException(MigrationException.Kind.REFUSED, "Refused before anything was " + what, problems);
		}
	}

	/** Adds the file's problems; a file the lexer rejects for another reason than a client's data throws its error. */
	private static void check(SqlFile file, String table, Dialect dialect, List<String> problems,
			List<SqlStatement> keep) {
		String history = table.substring(table.indexOf('.') + 1);
		List<String> found = new ArrayList<>();
		boolean[] copyData = new boolean[1];
		try {
			SqlScript.scan(file.location(), file.text(), st -> {
				if (keep != null) {
					keep.add(st);
				}
				if (copyData[0]) {
					// What follows a COPY ... FROM STDIN is its data, not SQL: nothing more to say about it.
					return;
				}
				String client = clientCommand(st);
				if (client != null) {
					found.add(file.location() + ":" + client);
					copyData[0] = isCopyFromStdin(st);
					return;
				}
				String control = transactionControl(st);
				if (control != null) {
					found.add(file.location() + ":" + st.line() + ": " + control + ". Fix: " + fix(st));
				}
				String unrestorable = dialect.unrestorable(st);
				if (unrestorable != null) {
					found.add(file.location() + ":" + st.line() + ": " + unrestorable);
				}
				st.tokens().stream()
					.filter(t -> (t.kind() == SqlToken.Kind.WORD || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER)
							&& SqlToken.equalsIgnoreAsciiCase(t.identifier(), history))
					.findFirst()
					.ifPresent(t -> found.add(file.location() + ":" + t.line() + ": names the history table " + table
							+ "; a migration must not read or change replaysafe's history (the run writes it): remove "
							+ "that statement"));
			}, comment -> {
			});
		}
		catch (MigrationException unlexable) {
			String stream = clientStreamBeforeLexerError(file);
			if (stream == null) {
				throw unlexable;
			}
			problems.add(stream);
			return;
		}
		problems.addAll(found);
	}

	/**
	 * Why {@code st} ends or changes the transaction the engine runs the migration in, or null. Read from
	 * the leading tokens only; {@code ROLLBACK TO [SAVEPOINT] x}, {@code SAVEPOINT} and {@code RELEASE}
	 * stay inside the transaction and are fine.
	 */
	public static String transactionControl(SqlStatement st) {
		String head = word(st.token(0));
		switch (head) {
			case "BEGIN", "COMMIT", "END", "ABORT" -> {
				return head + " " + ends(head);
			}
			case "ROLLBACK" -> {
				int i = st.matches(1, "WORK") || st.matches(1, "TRANSACTION") ? 2 : 1;
				return st.matches(i, "TO") ? null : "ROLLBACK " + ends(head);
			}
			case "START" -> {
				return st.matches(1, "TRANSACTION") ? "START TRANSACTION " + ends("BEGIN") : null;
			}
			case "PREPARE" -> {
				return st.matches(1, "TRANSACTION") ? "PREPARE TRANSACTION " + ends("COMMIT") : null;
			}
			case "SET" -> {
				if (st.matches(1, "SESSION", "CHARACTERISTICS")) {
					return "SET SESSION CHARACTERISTICS changes the isolation or access mode of every later "
							+ "transaction of this connection, which goes back to the application's pool";
				}
				int i = st.matches(1, "SESSION") || st.matches(1, "LOCAL") ? 2 : 1;
				if (st.matches(i, "TRANSACTION") || TRANSACTION_SETTINGS.contains(word(st.token(i)).toLowerCase(Locale.ROOT))) {
					return "SET " + (st.matches(i, "TRANSACTION") ? "TRANSACTION" : word(st.token(i)).toLowerCase(Locale.ROOT))
							+ " changes the isolation or access mode of the transaction replaysafe runs this migration "
							+ "in (and must come before its first query, so it fails or is ignored here)";
				}
				return null;
			}
			default -> {
				return null;
			}
		}
	}

	private static String ends(String head) {
		String what = switch (head) {
			case "BEGIN" -> "starts a transaction inside the one replaysafe runs this migration in";
			case "COMMIT", "END" -> "commits the transaction replaysafe runs this migration in";
			default -> "rolls back the transaction replaysafe runs this migration in";
		};
		return what + ": the migration would no longer be all or nothing (what ran before it stays when a later "
				+ "statement fails, or the history says applied for work that was undone)";
	}

	private static String fix(SqlStatement st) {
		return st.matches(0, "SET") ? "remove it: a migration runs with the database's default isolation "
				+ "(READ COMMITTED on PostgreSQL; SQLite's transactions are serializable)" : SPLIT_FIX;
	}

	/** {@code line: why} if {@code st} is a client's command rather than SQL (a COPY through the client, a psql meta-command); else null. */
	private static String clientCommand(SqlStatement st) {
		if (st.matches(0, "COPY")) {
			for (SqlToken t : st.tokens()) {
				if (t.is("STDIN")) {
					return st.line() + ": COPY ... FROM STDIN reads its rows from the client (psql sends the lines "
							+ "that follow it, up to \\.), and a migration runs through JDBC, which has none to send. "
							+ "Fix: write the rows as INSERT ... VALUES (...) ON CONFLICT DO NOTHING";
				}
				if (t.is("STDOUT")) {
					return st.line() + ": COPY ... TO STDOUT sends rows to the client, and a migration has no client "
							+ "to read them. Fix: remove it";
				}
			}
		}
		for (int k = 0; k < st.tokens().size(); k++) {
			SqlToken t = st.token(k);
			if (t.kind() == SqlToken.Kind.SYMBOL && t.text().equals("\\")) {
				SqlToken next = st.token(k + 1);
				String command = "\\" + (next != null && next.offset() == t.offset() + 1 ? next.text() : "");
				return t.line() + ": " + command + " is a psql meta-command, not SQL: replaysafe sends each statement "
						+ "to the database, which does not understand psql's backslash commands. Fix: remove it (write "
						+ "the SQL an \\i would include into the migration itself, or a migration of its own)";
			}
		}
		return null;
	}

	private static boolean isCopyFromStdin(SqlStatement st) {
		return st.matches(0, "COPY") && st.tokens().stream().anyMatch(t -> t.is("STDIN"));
	}

	/**
	 * In a file the lexer rejects: a {@code COPY ... FROM STDIN} (or {@code TO STDOUT}) or a psql
	 * meta-command before the error, whose data rows (an {@code O'Brien}) are what the lexer could not
	 * read. Each place is confirmed by lexing the file up to it, so text inside a string or comment does
	 * not count. Null if there is none: the lexer's own error stands.
	 */
	private static String clientStreamBeforeLexerError(SqlFile file) {
		String text = file.text();
		List<Integer> ends = new ArrayList<>();
		Matcher stream = CLIENT_STREAM.matcher(text);
		while (stream.find() && ends.size() < MAX_CANDIDATES) {
			ends.add(stream.end());
		}
		for (int at = text.indexOf('\\'); at >= 0 && ends.size() < 2 * MAX_CANDIDATES; at = text.indexOf('\\', at + 1)) {
			int end = at + 1;
			while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.')) {
				end++;
			}
			ends.add(end);
		}
		ends.sort(null);
		for (int end : ends) {
			SqlScript prefix;
			try {
				prefix = SqlScript.parse(file.location(), text.substring(0, end));
			}
			catch (MigrationException e) {
				continue;
			}
			List<SqlStatement> statements = prefix.statements();
			if (!statements.isEmpty()) {
				String client = clientCommand(statements.get(statements.size() - 1));
				if (client != null) {
					return file.location() + ":" + client + " (the lines after it are not SQL, and the file does not "
							+ "lex as SQL either)";
				}
			}
		}
		return null;
	}

	private static String word(SqlToken t) {
		return t == null || t.kind() != SqlToken.Kind.WORD ? "" : t.text().toUpperCase(Locale.ROOT);
	}
}
