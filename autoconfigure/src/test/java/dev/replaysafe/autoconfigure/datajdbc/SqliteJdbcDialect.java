package dev.replaysafe.autoconfigure.datajdbc;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.LetterCasing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.Quoting;
import org.springframework.data.relational.core.sql.LockOptions;

/**
 * A Spring Data JDBC dialect for SQLite, which Spring Data JDBC does not ship: defined as a
 * {@code JdbcDialect} bean it replaces the dialect Boot would detect (and fail to find). This is
 * the user-side configuration the README's "Testing your migrations" shows, tested by
 * {@link SqliteDataJdbcSliceTest}.
 */
final class SqliteJdbcDialect extends AbstractDialect implements JdbcDialect {

	/** SQLite's {@code CURRENT_TIMESTAMP} text, {@code 2026-01-02 03:04:05}; fractions are kept. */
	static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.appendLiteral(' ')
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.toFormatter();

	private static final LimitClause LIMIT = new LimitClause() {

		@Override
		public String getLimit(long limit) {
			return "LIMIT " + limit;
		}

		// SQLite takes OFFSET only after a LIMIT; -1 is "no limit".
		@Override
		public String getOffset(long offset) {
			return "LIMIT -1 OFFSET " + offset;
		}

		@Override
		public String getLimitOffset(long limit, long offset) {
			return "LIMIT " + limit + " OFFSET " + offset;
		}

		@Override
		public Position getClausePosition() {
			return Position.AFTER_ORDER_BY;
		}
	};

	// Rendering no lock would silently drop what the query asked for.
	private static final LockClause NO_ROW_LOCKS = new LockClause() {

		@Override
		public String getLock(LockOptions options) {
			throw new UnsupportedOperationException("SQLite has no row locks (" + options.getLockMode()
					+ " requested): remove @Lock; a write transaction holds the whole database's write lock");
		}

		@Override
		public Position getClausePosition() {
			return Position.AFTER_ORDER_BY;
		}
	};

	// As the migrations write names: lower case ("created_at", not the ANSI default "CREATED_AT").
	private static final IdentifierProcessing NAMES = IdentifierProcessing.create(Quoting.ANSI, LetterCasing.LOWER_CASE);

	@Override
	public IdentifierProcessing getIdentifierProcessing() {
		return NAMES;
	}

	@Override
	public LimitClause limit() {
		return LIMIT;
	}

	@Override
	public LockClause lock() {
		return NO_ROW_LOCKS;
	}

	/**
	 * SQLite has no date type: {@code TIMESTAMP DEFAULT CURRENT_TIMESTAMP} stores text. Without these,
	 * reading such a column fails and a written {@code LocalDateTime} is stored as epoch
	 * milliseconds, which SQL no longer compares with {@code CURRENT_TIMESTAMP}.
	 */
	@Override
	public Collection<Object> getConverters() {
		List<Object> converters = new ArrayList<>(super.getConverters());
		converters.add(TimestampToText.INSTANCE);
		converters.add(TextToTimestamp.INSTANCE);
		return converters;
	}

	@WritingConverter
	enum TimestampToText implements Converter<LocalDateTime, String> {

		INSTANCE;

		@Override
		public String convert(LocalDateTime source) {
			return TIMESTAMP.format(source);
		}
	}

	@ReadingConverter
	enum TextToTimestamp implements Converter<String, LocalDateTime> {

		INSTANCE;

		@Override
		public LocalDateTime convert(String source) {
			return LocalDateTime.parse(source, TIMESTAMP);
		}
	}

}
