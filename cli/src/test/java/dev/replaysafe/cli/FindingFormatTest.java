package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.SqlFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class FindingFormatTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path base = Path.of("").toAbsolutePath();

	/** An error, a warning and a waived error, in a file under the working directory. */
	private List<Finding> findings() {
		List<Finding> findings = new ArrayList<>(Audit.up(SqlFile.of(base.resolve("db/m/0001_x.sql").toString(),
				"CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);\n"
						+ "UPDATE t SET note = 'a \"quoted\" \\ note';\n"
						+ "-- replaysafe:allow insert-without-conflict-guard the table is new\n"
						+ "INSERT INTO t (id) VALUES (1);\n")));
		assertThat(findings).extracting(Finding::rule).containsExactlyInAnyOrder("create-without-if-not-exists",
				"update-without-where", "insert-without-conflict-guard");
		return findings;
	}

	@Test
	void sarifIsVersion210WithEveryRuleAndOneResultPerFindingAtItsFileLineAndColumn() {
		JsonNode sarif = JSON.readTree(FindingFormat.SARIF.write(findings(), base));

		assertThat(sarif.get("$schema").asString()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
		assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
		assertThat(sarif.get("runs")).hasSize(1);
		JsonNode run = sarif.get("runs").get(0);
		JsonNode driver = run.get("tool").get("driver");
		assertThat(driver.get("name").asString()).isEqualTo("replaysafe");
		JsonNode rules = driver.get("rules");
		assertThat(rules).hasSize(Audit.Rule.values().length);
		for (Audit.Rule rule : Audit.Rule.values()) {
			JsonNode r = rules.get(rule.ordinal());
			assertThat(r.get("id").asString()).isEqualTo(rule.id());
			assertThat(r.get("shortDescription").get("text").asString()).isEqualTo(rule.what());
			assertThat(r.get("help").get("text").asString()).contains(rule.fix());
		}

		JsonNode results = run.get("results");
		assertThat(results).hasSize(3);
		for (JsonNode result : results) {
			String ruleId = result.get("ruleId").asString();
			assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asString()).isEqualTo(ruleId);
			assertThat(result.get("message").get("text").asString()).contains(". Fix: ");
			JsonNode location = result.get("locations").get(0).get("physicalLocation");
			assertThat(location.get("artifactLocation").get("uri").asString()).isEqualTo("db/m/0001_x.sql");
			assertThat(location.get("region").get("startLine").asInt()).isPositive();
			assertThat(location.get("region").get("startColumn").asInt()).isPositive();
		}
		JsonNode create = find(results, "create-without-if-not-exists");
		assertThat(create.get("level").asString()).isEqualTo("error");
		assertThat(create.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
			.isEqualTo(1);
		assertThat(create.has("suppressions")).isFalse();
		JsonNode update = find(results, "update-without-where");
		assertThat(update.get("level").asString()).isEqualTo("warning");
		assertThat(update.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
			.isEqualTo(2);
	}

	@Test
	void sarifReportsAWaivedFindingAsSuppressedInSourceWithTheWaiversReason() {
		JsonNode results = JSON.readTree(FindingFormat.SARIF.write(findings(), base)).get("runs").get(0).get("results");

		JsonNode waived = find(results, "insert-without-conflict-guard");
		assertThat(waived.get("suppressions")).hasSize(1);
		assertThat(waived.get("suppressions").get(0).get("kind").asString()).isEqualTo("inSource");
		assertThat(waived.get("suppressions").get(0).get("justification").asString()).isEqualTo("the table is new");
	}

	@Test
	void sarifWithoutFindingsStillNamesTheToolAndHasAnEmptyResultList() {
		JsonNode run = JSON.readTree(FindingFormat.SARIF.write(List.of(), base)).get("runs").get(0);

		assertThat(run.get("tool").get("driver").get("name").asString()).isEqualTo("replaysafe");
		assertThat(run.get("results").isArray()).isTrue();
		assertThat(run.get("results")).isEmpty();
	}

	@Test
	void fileUrisAreRelativeToTheBaseDirectoryWithForwardSlashesAndEscapes() {
		assertThat(FindingFormat.uri(base.resolve("db/my migrations/0001_x.sql").toString(), base))
			.isEqualTo("db/my%20migrations/0001_x.sql");
		assertThat(FindingFormat.uri("db/m/0001_x.sql", base.resolve("db"))).isEqualTo("m/0001_x.sql");
		assertThat(FindingFormat.uri("/elsewhere/0001_x.sql", base.resolve("db")))
			.isEqualTo("file:///elsewhere/0001_x.sql");
	}

	@Test
	void jsonHasEveryFieldOfEachFindingWithQuotesEscapedAndTheCounts() {
		JsonNode json = JSON.readTree(FindingFormat.JSON.write(findings(), base));

		assertThat(json.get("findings")).hasSize(3);
		JsonNode update = find(json.get("findings"), "update-without-where");
		assertThat(update.get("file").asString()).isEqualTo("db/m/0001_x.sql");
		assertThat(update.get("line").asInt()).isEqualTo(2);
		assertThat(update.get("column").asInt()).isEqualTo(1);
		assertThat(update.get("severity").asString()).isEqualTo("warning");
		assertThat(update.get("message").asString()).isNotBlank();
		assertThat(update.get("fix").asString()).isNotBlank();
		assertThat(update.get("waived").isNull()).isTrue();
		assertThat(find(json.get("findings"), "insert-without-conflict-guard").get("waived").asString())
			.isEqualTo("the table is new");
		assertThat(json.get("errors").asInt()).isEqualTo(1);
		assertThat(json.get("warnings").asInt()).isEqualTo(1);
		assertThat(json.get("waived").asInt()).isEqualTo(1);
		assertThat(JSON.readTree(FindingFormat.JSON.write(List.of(), base)).get("findings")).isEmpty();
	}

	@Test
	void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
		String literal = FindingFormat.string("a \"b\" \\ c\nd\te\u0001");

		assertThat(literal).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\\te\\u0001\"");
		assertThat(JSON.readTree(literal).asString()).isEqualTo("a \"b\" \\ c\nd\te\u0001");
	}

	@Test
	void textIsTheEnginesReportOneFindingPerLineWithFileLineColumnRuleAndFix() {
		String text = FindingFormat.TEXT.write(findings(), base);

		assertThat(text).contains(base.resolve("db/m/0001_x.sql") + ":1:1 [create-without-if-not-exists] ")
			.contains(". Fix: ").endsWith("1 error(s), 1 warning(s), 1 waived\n");
	}

	private static JsonNode find(JsonNode array, String rule) {
		for (JsonNode node : array) {
			if ((node.has("ruleId") ? node.get("ruleId") : node.get("rule")).asString().equals(rule)) {
				return node;
			}
		}
		throw new AssertionError("no " + rule + " in " + array);
	}
}
