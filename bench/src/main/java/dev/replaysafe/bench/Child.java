package dev.replaysafe.bench;

import java.nio.file.Path;
import java.sql.Connection;

import dev.replaysafe.DriftCheck;
import dev.replaysafe.DriftReport;
import dev.replaysafe.Migrator;
import dev.replaysafe.ScratchDatabases;
import dev.replaysafe.VerificationReport;
import dev.replaysafe.Verifier;

/**
 * One measurement, in its own fresh JVM (started by {@link Bench}): times one engine applying one
 * set to one database, from {@code main} (the tool's classes not yet loaded) to the return of its
 * migrate call, then checks outside the timing that the last migration's table exists. Prints
 * {@code RESULT <nanoseconds> cpu=<nanoseconds>} for the parent (cpu: the process's CPU
 * time so far, all threads).
 *
 * <pre>
 * Child migrate &lt;engine&gt; &lt;sqlite|postgres&gt; &lt;jdbc-url&gt; &lt;set-folder&gt; &lt;N&gt; [barrier]
 * Child verify &lt;sqlite|postgres&gt; &lt;jdbc-url&gt; &lt;set-folder&gt; &lt;N&gt;
 * Child drift &lt;sqlite|postgres&gt; &lt;jdbc-url&gt; &lt;set-folder&gt; &lt;N&gt;
 * </pre>
 *
 * With {@code barrier}, the JVM first loads the JDBC driver and opens one connection, prints
 * {@code READY} and waits for a line on its input, timing from there: so processes started
 * together begin together, and the time measured is the migration's, not the JVM boot's on a
 * busy machine.
 */
public final class Child {

	private Child() {
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		String action = args[0];
		if (action.equals("drift")) {
			drift(start, new Database(Database.Kind.of(args[1]), args[2]), new MigrationSet(Path.of(args[3]), Integer.parseInt(args[4])));
			return;
		}
		if (action.equals("verify")) {
			verify(start, new Database(Database.Kind.of(args[1]), args[2]), new MigrationSet(Path.of(args[3]), Integer.parseInt(args[4])));
			return;
		}
		if (!action.equals("migrate")) {
			throw new IllegalArgumentException("unknown action " + action);
		}
		Engine engine = Engine.of(args[1]);
		Database db = new Database(Database.Kind.of(args[2]), args[3]);
		MigrationSet set = new MigrationSet(Path.of(args[4]), Integer.parseInt(args[5]));
		if (args.length > 6 && args[6].equals("barrier")) {
			try (Connection c = db.connect()) {
				c.isValid(1);
			}
			System.out.println("READY");
			System.out.flush();
			System.in.read();
			start = System.nanoTime();
		}
		engine.migrate(db, set);
		long took = System.nanoTime() - start;
		if (!db.hasTable(MigrationSet.table(set.size()))) {
			System.err.println(args[1] + " reported success but table " + MigrationSet.table(set.size()) + " is missing");
			System.exit(2);
		}
		result(took);
	}

	/** The replay check on an empty database: applies every up, then runs every up again and compares schemas. */
	private static void verify(long start, Database db, MigrationSet set) {
		VerificationReport report = Verifier.of(ReplaysafeEngine.migrator(db, set)).verifyReplay();
		long took = System.nanoTime() - start;
		if (!report.passed()) {
			System.err.println(report.text());
			System.exit(2);
		}
		result(took);
	}

	/** The drift check on a migrated database: builds the set on a scratch database and compares the schemas. */
	private static void drift(long start, Database db, MigrationSet set) {
		Migrator migrator = Migrator.builder(db.dataSource()).locations("filesystem:" + set.replaysafe())
			.scratchDatabases(db.kind() == Database.Kind.SQLITE ? ScratchDatabases.sqlite()
					: ScratchDatabases.postgres(db.url(), null, null))
			.build();
		DriftReport report = DriftCheck.of(migrator).check();
		long took = System.nanoTime() - start;
		if (report.drifted()) {
			System.err.println(report);
			System.exit(2);
		}
		result(took);
	}

	static void result(long took) {
		long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
		System.out.println("RESULT " + took + " cpu=" + cpu);
		System.exit(0);
	}
}
