package dev.replaysafe.cli;

import java.nio.file.Path;
import java.util.List;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.Finding.Severity;

/**
 * How audit findings are written: the engine's text report, a JSON document, or SARIF 2.1.0 (what
 * code-scanning tools read). The JSON is written by hand, so the command line and the Maven plugin
 * need no JSON library.
 */
public enum FindingFormat {

	/** {@code file:line:column [rule] message. Fix: ...} per finding, then the counts (as in the engine's logs). */
	TEXT {
		@Override
		public String write(List<Finding> findings, Path baseDir) {
			return Audit.report(findings) + "\n";
		}
	},

	/** {@code {"findings": [...], "errors": n, "warnings": n, "waived": n}}, each finding with every field. */
	JSON {
		@Override
		public String write(List<Finding> findings, Path baseDir) {
			StringBuilder out = new StringBuilder("{\n  \"findings\": [");
			for (int i = 0; i < findings.size(); i++) {
				Finding f = findings.get(i);
				out.append(i == 0 ? "\n" : ",\n").append("    {\"file\": ").append(string(uri(f.file(), baseDir)))
					.append(", \"line\": ").append(f.line())
					.append(", \"column\": ").append(f.column())
					.append(", \"rule\": ").append(string(f.rule()))
					.append(", \"severity\": ").append(string(level(f)))
					.append(", \"message\": ").append(string(f.message()))
					.append(", \"fix\": ").append(string(f.fix()))
					.append(", \"waived\": ").append(f.waived() == null ? "null" : string(f.waived()))
					.append('}');
			}
			return out.append(findings.isEmpty() ? "],\n" : "\n  ],\n")
				.append("  \"errors\": ").append(findings.stream().filter(Finding::blocks).count()).append(",\n")
				.append("  \"warnings\": ").append(findings.stream()
					.filter(f -> !f.isWaived() && f.severity() == Severity.WARNING).count()).append(",\n")
				.append("  \"waived\": ").append(findings.stream().filter(Finding::isWaived).count()).append("\n}\n")
				.toString();
		}
	},

	/**
	 * SARIF 2.1.0: one run of the tool {@code replaysafe} with every {@link Audit.Rule}, one result per
	 * finding; a waived finding carries an in-source suppression with the waiver's reason.
	 */
	SARIF {
		@Override
		public String write(List<Finding> findings, Path baseDir) {
			List<Audit.Rule> rules = List.of(Audit.Rule.values());
			StringBuilder out = new StringBuilder()
				.append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n")
				.append("  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {\n")
				.append("      \"name\": \"replaysafe\",\n")
				.append("      \"rules\": [");
			for (int i = 0; i < rules.size(); i++) {
				Audit.Rule rule = rules.get(i);
				out.append(i == 0 ? "\n" : ",\n").append("        {\"id\": ").append(string(rule.id()))
					.append(", \"shortDescription\": {\"text\": ").append(string(rule.what())).append('}')
					.append(", \"help\": {\"text\": ").append(string("Fix: " + rule.fix())).append('}')
					.append(", \"defaultConfiguration\": {\"level\": ")
					.append(string(rule.severity() == Severity.ERROR ? "error" : "warning")).append("}}");
			}
			out.append("\n      ]\n    }},\n    \"results\": [");
			for (int i = 0; i < findings.size(); i++) {
				Finding f = findings.get(i);
				Audit.Rule rule = Audit.Rule.byId(f.rule());
				out.append(i == 0 ? "\n" : ",\n").append("      {\"ruleId\": ").append(string(f.rule()));
				if (rule != null) {
					out.append(", \"ruleIndex\": ").append(rule.ordinal());
				}
				out.append(", \"level\": ").append(string(level(f)))
					.append(", \"message\": {\"text\": ").append(string(f.message() + ". Fix: " + f.fix())).append('}')
					.append(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
					.append(string(uri(f.file(), baseDir))).append("}, \"region\": {\"startLine\": ")
					.append(Math.max(1, f.line())).append(", \"startColumn\": ").append(Math.max(1, f.column()))
					.append("}}}]");
				if (f.isWaived()) {
					out.append(", \"suppressions\": [{\"kind\": \"inSource\", \"justification\": ")
						.append(string(f.waived())).append("}]");
				}
				out.append('}');
			}
			return out.append(findings.isEmpty() ? "]\n" : "\n    ]\n").append("  }]\n}\n").toString();
		}
	};

	/**
	 * The findings in this format.
	 *
	 * @param baseDir the folder file names are made relative to (JSON, SARIF); the text keeps them as
	 *     the engine names them
	 */
	public abstract String write(List<Finding> findings, Path baseDir);

	private static String level(Finding f) {
		return f.severity() == Severity.ERROR ? "error" : "warning";
	}

	/**
	 * The finding's file as a URI reference relative to {@code baseDir}, with forward slashes; a file
	 * outside it as an absolute {@code file:} URI. A relative name is read against the working
	 * directory, the way the engine found it (a {@code classpath:} name stays as it is unless it
	 * happens to resolve there too: code scanning then finds it).
	 */
	static String uri(String file, Path baseDir) {
		Path path;
		try {
			path = Path.of(file);
		}
		catch (RuntimeException notAPath) {
			return encode(file);
		}
		Path absolute = path.toAbsolutePath().normalize();
		Path base = baseDir.toAbsolutePath().normalize();
		if (!absolute.startsWith(base)) {
			return path.isAbsolute() ? absolute.toUri().toString() : encode(file.replace('\\', '/'));
		}
		return encode(base.relativize(absolute).toString().replace('\\', '/'));
	}

	/** Percent-encodes what a URI path may not hold as it is (spaces, %, non-ASCII). */
	private static String encode(String path) {
		StringBuilder out = new StringBuilder();
		for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c > 0x20 && c < 0x7f && "\"%<>\\^`{|}#?[]".indexOf(c) < 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

	/** A JSON string literal (RFC 8259 escapes). */
	static String string(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}
}
