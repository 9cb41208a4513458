package dev.replaysafe;

/** What a run does with audit findings on the files it is about to apply. */
public enum AuditMode {
	/** Stop before anything executes and list every finding (the default). */
	FAIL,
	/** Log every finding and go on. */
	WARN,
	/** Do not audit. */
	OFF
}
