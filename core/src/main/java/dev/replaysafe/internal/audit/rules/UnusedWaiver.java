package dev.replaysafe.internal.audit.rules;

import dev.replaysafe.Audit.Rule;

/** {@code unused-waiver}: a {@code replaysafe:allow} comment whose statement has no finding of its rule. */
public final class UnusedWaiver {

	public static final Rule RULE = Rule.UNUSED_WAIVER;

	private UnusedWaiver() {
	}

	public static String message(Rule waived) {
		return "the waiver of " + waived.id() + " waives nothing: its statement has no such finding";
	}
}
