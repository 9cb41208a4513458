package dev.replaysafe;

import java.util.ArrayList;
import java.util.List;

import dev.replaysafe.internal.fix.Fixer;
import dev.replaysafe.internal.sql.SqlScript;

/**
 * Rewrites a migration set's mechanically fixable statements to their replay-safe form, and
 * writes the down of an up whose down is empty: what {@code replaysafe fix} shows as a diff.
 *
 * <p>Fixed: {@code CREATE TABLE/INDEX/SEQUENCE/SCHEMA/EXTENSION} get {@code IF NOT EXISTS};
 * {@code DROP ...} gets {@code IF EXISTS}; {@code ALTER TABLE ... ADD/DROP [COLUMN]} gets
 * {@code COLUMN IF [NOT] EXISTS}; {@code CREATE VIEW v} is preceded by {@code DROP VIEW IF EXISTS v};
 * {@code INSERT ... VALUES} into a table with a key gets {@code ON CONFLICT DO NOTHING};
 * {@code CREATE FUNCTION/PROCEDURE} becomes {@code CREATE OR REPLACE}. An empty down is written as
 * the inverse of its up, newest statement first ({@code CREATE TABLE} → {@code DROP TABLE IF EXISTS},
 * {@code ADD COLUMN} → {@code DROP COLUMN IF EXISTS}, {@code CREATE INDEX} → {@code DROP INDEX IF EXISTS}).
 * The rest of each file (comments, layout) is kept byte for byte. What it cannot fix is listed,
 * with the audit's findings that remain after the fix.
 */
public final class AutoFix {

	private AutoFix() {
	}

	/**
	 * One change made to a file, or one that could not be made.
	 *
	 * @param file the file's location
	 * @param line the 1-based line of the statement in the original file
	 * @param description what was changed, or why it could not be
	 * @param fixed whether the change was made
	 */
	public record Change(String file, int line, String description, boolean fixed) {

		/** {@code file:line: description}, the form tools print. */
		@Override
		public String toString() {
			return file + ":" + line + ": " + (fixed ? "" : "not fixed: ") + description;
		}
	}

	/**
	 * A file after fixing.
	 *
	 * @param location the file's location
	 * @param original its text before
	 * @param fixed its text after (equal to {@code original} when nothing changed)
	 * @param changes what was changed or could not be, in file order
	 * @param remaining the audit's findings on the fixed text: what is left to do by hand
	 */
	public record FileFix(String location, String original, String fixed, List<Change> changes,
			List<Finding> remaining) {

		/** {@return whether fixing changed the file's text} */
		public boolean changed() {
			return !original.equals(fixed);
		}
	}

	/**
	 * Fixes the ups and downs of a migration set, in version order (an {@code INSERT}'s fix depends
	 * on the keys earlier files gave its table). A migration whose down is missing can be passed
	 * with an empty down file: it is written like an empty one.
	 *
	 * @param migrations the set, in version order
	 * @return one entry per file, up then down, for every file of the set
	 */
	public static List<FileFix> of(List<Migration> migrations) {
		Fixer fixer = new Fixer();
		List<FileFix> fixes = new ArrayList<>();
		for (Migration m : migrations) {
			FileFix up = fix(fixer.up(m.up().location(), m.up().text()), m.up(), false);
			fixes.add(up);
			SqlFile down = m.down();
			if (SqlScript.parse(down.location(), down.text()).statements().isEmpty()) {
				Fixer.Result written = fixer.downFor(m.up().location(), up.fixed());
				String text = written.text() == null ? down.text() : down.text() + written.text();
				List<Fixer.Change> undoes = written.changes()
					.stream()
					.map(c -> new Fixer.Change(1, c.description() + " (undoes " + m.up().fileName() + ":" + c.line() + ")",
							c.fixed()))
					.toList();
				fixes.add(fix(new Fixer.Result(text, undoes), down, true));
			}
			else {
				fixes.add(fix(new Fixer().up(down.location(), down.text()), down, true));
			}
		}
		return fixes;
	}

	private static FileFix fix(Fixer.Result result, SqlFile file, boolean down) {
		List<Change> changes = result.changes()
			.stream()
			.map(c -> new Change(file.location(), c.line(), c.description(), c.fixed()))
			.toList();
		SqlFile fixed = SqlFile.of(file.location(), result.text());
		List<Finding> remaining = (down ? Audit.down(fixed) : Audit.up(fixed)).stream()
			.filter(f -> !f.isWaived())
			.toList();
		return new FileFix(file.location(), file.text(), result.text(), changes, remaining);
	}
}
