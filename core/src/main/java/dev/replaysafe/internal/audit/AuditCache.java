package dev.replaysafe.internal.audit;

import dev.replaysafe.Finding;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What the audit keeps per file for the life of the process (its findings; an up's effects for the
 * audit across files): each file is lexed and audited at most once per checksum, so the endpoint's
 * repeated reads, a run's audit of its pending files and {@link Migrator#audit()} share the work.
 *
 * <p>A file is known by its location, whether it is a down, and the SHA-384 of its bytes (with the
 * text's length, a cheap second check for a {@link SqlFile} built by hand): a changed file is a new
 * key and is audited again. Only what the audit derived is kept, never tokens or text.
 *
 * <p>Bounded: an entry weighs one plus its value's weight (its findings, its effects), and once the
 * total passes the capacity the least recently used entries go (a file heavier than the whole
 * capacity is audited each time). Thread-safe: concurrent callers asking for one file wait for a single audit of it,
 * while different files are audited in parallel; an audit that throws (a file the lexer rejects)
 * is not kept, so the next caller gets the same error.
 */
public final class AuditCache<V> {

	/** About this many findings at most: a few tens of megabytes in the worst case, far less in practice. */
	public static final long CAPACITY = 100_000;

	/** The checksum as a read-only buffer: compared by content, with no hex formatting per look-up. */
	private record Key(String location, boolean down, ByteBuffer checksum, int length) {
	}

	/** One file's value, computed once by the first caller while later ones wait on it. */
	private static final class Slot<V> {
		private V value;
		private long weight;
	}

	private final long capacity;
	private final ToLongFunction<V> weigher;

	/** In access order: the eldest is the least recently used. Guarded by itself. */
	private final LinkedHashMap<Key, Slot<V>> slots = new LinkedHashMap<>(16, 0.75f, true);

	private long weight;

	public AuditCache(long capacity, ToLongFunction<V> weigher) {
		this.capacity = capacity;
		this.weigher = weigher;
	}

	/** A cache of findings, each entry weighing one plus its findings. */
	public static AuditCache<List<Finding>> ofFindings(long capacity) {
		return new AuditCache<>(capacity, List::size);
	}

	/** The value for {@code file}, from {@code audit} the first time this file and checksum are asked for. */
	public V get(SqlFile file, boolean down, Supplier<V> audit) {
		Key key = new Key(file.location(), down, ByteBuffer.wrap(file.checksum().clone()).asReadOnlyBuffer(),
				file.text().length());
		Slot<V> slot;
		synchronized (slots) {
			slot = slots.computeIfAbsent(key, k -> new Slot<>());
		}
		V value;
		boolean audited = false;
		synchronized (slot) {
			if (slot.value == null) {
				try {
					slot.value = audit.get();
					audited = true;
				}
				catch (RuntimeException | Error e) {
					synchronized (slots) {
						slots.remove(key, slot);
					}
					throw e;
				}
			}
			value = slot.value;
		}
		if (audited) {
			synchronized (slots) {
				if (slots.get(key) == slot) {
					slot.weight = 1 + weigher.applyAsLong(value);
					weight += slot.weight;
					evict();
				}
			}
		}
		return value;
	}

	/** How many files are kept. */
	public int size() {
		synchronized (slots) {
			return slots.size();
		}
	}

	/** Drops the least recently used entries until the weight is within the capacity; entries being audited weigh nothing yet. */
	private void evict() {
		for (Iterator<Map.Entry<Key, Slot<V>>> it = slots.entrySet().iterator(); weight > capacity && it.hasNext();) {
			Slot<V> slot = it.next().getValue();
			if (slot.weight > 0) {
				weight -= slot.weight;
				it.remove();
			}
		}
	}
}
