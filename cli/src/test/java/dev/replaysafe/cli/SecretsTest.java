package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

	@Test
	void aPasswordInAUrlsParametersOrUserInfoIsHidden() {
		assertThat(Secrets.redact("could not reach jdbc:postgresql://db:5432/app?user=app&password=Url-Secret-1&ssl=true"))
			.isEqualTo("could not reach jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true");
		assertThat(Secrets.redact("not 'jdbc:postgresql://app:Info-Secret-2@db/app'"))
			.isEqualTo("not 'jdbc:postgresql://app:****@db/app'");
	}

	@Test
	void aRememberedPasswordIsHiddenWhereverItAppears() {
		Secrets.remember("Given-Secret-3");

		assertThat(Secrets.redact("FATAL: role x with password Given-Secret-3 refused")).doesNotContain("Given-Secret-3")
			.contains("****");
	}
}
