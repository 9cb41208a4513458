package dev.replaysafe.internal.sql;

import dev.replaysafe.internal.sql.SqlToken;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a token names an identifier and matches a keyword: ASCII letters ignore case, no other letter does. */
class SqlTokenTest {

	private static SqlToken word(String text) {
		return new SqlToken(SqlToken.Kind.WORD, text, 0, 1, 1);
	}

	private static SqlToken quoted(String text) {
		return new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, text, 0, 1, 1);
	}

	@Test
	void aBareWordFoldsOnlyItsAsciiLettersAsBothDatabasesDo() {
		assertThat(word("Title").identifier()).isEqualTo("title");
		assertThat(word("ÜBUNG").identifier()).isEqualTo("Übung");
		assertThat(word("Übung").identifier()).isNotEqualTo(word("übung").identifier());
		// Java's toLowerCase makes İ two characters (i and a combining dot), ẞ ß and the Kelvin sign k.
		assertThat(word("\u0130NFO").identifier()).isEqualTo("\u0130nfo");
		assertThat(word("STRA\u1E9EE").identifier()).isEqualTo("stra\u1E9Ee");
		assertThat(word("\u212Aelvin").identifier()).isEqualTo("\u212Aelvin");
	}

	@Test
	void aQuotedNameIsTakenAsWrittenWithItsDoubledQuoteUndone() {
		assertThat(quoted("\"Übung\"").identifier()).isEqualTo("Übung");
		assertThat(quoted("\"NOTE\"").identifier()).isEqualTo("NOTE");
		assertThat(quoted("\"a\"\"b\"").identifier()).isEqualTo("a\"b");
		assertThat(quoted("`a``b`").identifier()).isEqualTo("a`b");
	}

	@Test
	void aKeywordMatchesIgnoringTheCaseOfAsciiLettersOnly() {
		assertThat(word("If").is("IF")).isTrue();
		assertThat(word("exists").is("EXISTS")).isTrue();
		// equalsIgnoreCase takes ı and İ for i, and ſ for s; neither database reads these as keywords.
		assertThat(word("\u0131f").is("IF")).isFalse();
		assertThat(word("\u0130F").is("IF")).isFalse();
		assertThat(word("\u017Fet").is("SET")).isFalse();
		assertThat(quoted("\"if\"").is("IF")).isFalse();
	}

	@Test
	void namesAreEqualIgnoringTheCaseOfAsciiLettersOnly() {
		assertThat(SqlToken.equalsIgnoreAsciiCase("_SQLX_Migrations", "_sqlx_migrations")).isTrue();
		assertThat(SqlToken.equalsIgnoreAsciiCase("ÜBUNG", "Übung")).isTrue();
		assertThat(SqlToken.equalsIgnoreAsciiCase("ÜBUNG", "übung")).isFalse();
		assertThat(SqlToken.equalsIgnoreAsciiCase("k\u0131t", "kit")).isFalse();
		assertThat(SqlToken.equalsIgnoreAsciiCase("\u212Ait", "kit")).isFalse();
		assertThat(SqlToken.equalsIgnoreAsciiCase("a@", "A`")).isFalse();
		assertThat(SqlToken.equalsIgnoreAsciiCase("kit", "kits")).isFalse();
	}
}
