package dev.replaysafe.internal.audit.rules;

import dev.replaysafe.Audit.Rule;

/** {@code invalid-waiver}: a {@code replaysafe:allow} comment without a known rule id and a reason. */
public final class InvalidWaiver {

	public static final Rule RULE = Rule.INVALID_WAIVER;

	private InvalidWaiver() {
	}

	/** What is wrong with a waiver naming {@code id} (null: no such rule) for {@code reason}, or null if it is valid. */
	public static String problem(String id, Rule rule, String reason) {
		if (rule == null || rule == RULE) {
			return "the waiver names " + (id.isEmpty() ? "no rule" : "an unknown rule '" + id + "'")
					+ " and waives nothing";
		}
		return reason.isEmpty() ? "the waiver of " + rule.id() + " gives no reason and waives nothing" : null;
	}

	/** The fix, pointing at the list of ids. */
	public static String fix() {
		return RULE.fix() + " (rule ids are listed in the README, section The audit)";
	}
}
