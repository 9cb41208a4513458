package dev.replaysafe.autoconfigure;

/** What the start does with the drift check ({@code replaysafe.drift-check}). */
public enum DriftCheckMode {

	/** No drift check (the default). */
	OFF,

	/** After migrating, compare the live schema with what the migrations build and log each difference. */
	WARN,

	/** As WARN, but a difference (or a check that cannot run) fails the start, and health is DOWN on drift. */
	FAIL

}
