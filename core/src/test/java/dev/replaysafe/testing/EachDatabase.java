package dev.replaysafe.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Runs a test once on a fresh SQLite database and once on a fresh PostgreSQL database, passed
 * as its {@link TestDatabase.Db} parameter and dropped after it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "on {0}")
@ArgumentsSource(EachDatabase.Fresh.class)
public @interface EachDatabase {

	final class Fresh implements ArgumentsProvider {

		@Override
		public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
			// Lazy: each database is created just before its invocation, and closed (dropped) after it.
			return Arrays.stream(TestDatabase.values()).map(kind -> Arguments.of(Named.of(kind.name(), kind.create())));
		}
	}
}
