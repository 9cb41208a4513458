package dev.replaysafe.bench.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.replaysafe.bench.accuracy.Corpus.Database;
import dev.replaysafe.bench.accuracy.DynamicTruth.Outcome;

/**
 * The dynamic truth of a set as last measured, kept in {@code work/truth/<set>.tsv} under a digest of the set's
 * database, names and texts. The truth depends on the files and the reference clients only, not on replaysafe, so
 * while the audit changes it can be read back ({@code REPLAYSAFE_REUSE_TRUTH=1}) instead of replaying every file
 * again; a changed set has another digest and is measured anew. The published figures are always measured afresh.
 */
final class TruthCache {

	static final String REUSE = "REPLAYSAFE_REUSE_TRUTH";

	private TruthCache() {
	}

	/** The cached truth of exactly this set, or null (none, another set, or reuse not asked for). */
	static List<DynamicTruth.Result> read(Path work, String set, Database database, List<String> names, List<String> texts)
			throws IOException {
		Path file = file(work, set);
		if (!"1".equals(System.getenv(REUSE)) || !Files.exists(file)) {
			return null;
		}
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).equals(digest(database, names, texts)) || lines.size() != names.size() + 1) {
			return null;
		}
		List<DynamicTruth.Result> truth = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split("\t", 4);
			truth.add(new DynamicTruth.Result(Outcome.valueOf(f[0]), f[3].replace("\\n", "\n").replace("\\t", "\t")
				.replace("\\\\", "\\"), Integer.parseInt(f[1]), Boolean.parseBoolean(f[2])));
		}
		return truth;
	}

	static void write(Path work, String set, Database database, List<String> names, List<String> texts,
			List<DynamicTruth.Result> truth) throws IOException {
		StringBuilder tsv = new StringBuilder(digest(database, names, texts)).append('\n');
		for (DynamicTruth.Result r : truth) {
			tsv.append(r.outcome()).append('\t').append(r.line()).append('\t').append(r.lostRows()).append('\t')
				.append(r.detail().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")).append('\n');
		}
		Files.createDirectories(file(work, set).getParent());
		Files.writeString(file(work, set), tsv, StandardCharsets.UTF_8);
	}

	private static Path file(Path work, String set) {
		return work.resolve("truth").resolve(set + ".tsv");
	}

	private static String digest(Database database, List<String> names, List<String> texts) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(database.name().getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < names.size(); i++) {
				sha.update((names.get(i) + "\0" + texts.get(i) + "\0").getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
