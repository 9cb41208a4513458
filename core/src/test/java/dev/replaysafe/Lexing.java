package dev.replaysafe;

import dev.replaysafe.internal.sql.SqlScript;

/** For tests outside this package (the endpoint's): how many files the lexer has read in this JVM. */
public final class Lexing {

	private Lexing() {
	}

	public static long filesLexed() {
		return SqlScript.filesLexed();
	}
}
