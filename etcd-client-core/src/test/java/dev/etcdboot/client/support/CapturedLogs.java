package dev.etcdboot.client.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record of the JVM at every level while open: the client logs through
 * Commons Logging, which writes to {@code java.util.logging} when no other backend is
 * present, as in these tests. The root logger is set to {@link Level#ALL} (DEBUG and
 * TRACE everywhere) and restored on close.
 */
public final class CapturedLogs implements AutoCloseable {

	private static final SimpleFormatter FORMATTER = new SimpleFormatter();

	/**
	 * Apache HttpClient's loggers of the raw traffic, which print every header and body
	 * byte at DEBUG, credentials included, as any HTTP client's wire log does: left out
	 * of {@link #text()}; the README says to keep them off where secrets matter.
	 */
	private static final List<String> RAW_TRAFFIC_LOGGERS = List.of("org.apache.hc.client5.http.wire",
			"org.apache.hc.client5.http.headers");

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Logger root = Logger.getLogger("");

	private final Level rootLevel;

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord logRecord) {
			CapturedLogs.this.records.add(logRecord);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private CapturedLogs() {
		this.rootLevel = this.root.getLevel();
		this.handler.setLevel(Level.ALL);
		this.root.addHandler(this.handler);
		this.root.setLevel(Level.ALL);
	}

	/**
	 * Start capturing every record at every level.
	 * @return the capture, to close when done
	 */
	public static CapturedLogs everything() {
		return new CapturedLogs();
	}

	/**
	 * Return the records captured so far.
	 * @return the records
	 */
	public List<LogRecord> records() {
		return List.copyOf(this.records);
	}

	/**
	 * Return the records of loggers whose name starts with a prefix, at a level or above.
	 * @param loggerPrefix the prefix, such as {@code dev.etcdboot}
	 * @param level the lowest level
	 * @return the records
	 */
	public List<LogRecord> records(String loggerPrefix, Level level) {
		return this.records.stream()
			.filter((logRecord) -> logRecord.getLoggerName() != null
					&& logRecord.getLoggerName().startsWith(loggerPrefix))
			.filter((logRecord) -> logRecord.getLevel().intValue() >= level.intValue())
			.toList();
	}

	/**
	 * Return everything captured as text: each record's logger, level and formatted
	 * message, and the full stack trace of its exception with every cause and suppressed
	 * exception.
	 * @return the text
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (LogRecord logRecord : this.records) {
			if (RAW_TRAFFIC_LOGGERS.stream().anyMatch((name) -> name.equals(logRecord.getLoggerName()))) {
				continue;
			}
			text.append(logRecord.getLoggerName())
				.append(' ')
				.append(logRecord.getLevel())
				.append(' ')
				.append(FORMATTER.formatMessage(logRecord))
				.append('\n');
			if (logRecord.getThrown() != null) {
				text.append(stackTrace(logRecord.getThrown()));
			}
		}
		return text.toString();
	}

	/**
	 * Return a throwable's stack trace as printed, with its causes and suppressed
	 * exceptions.
	 * @param throwable the throwable
	 * @return the text
	 */
	public static String stackTrace(Throwable throwable) {
		StringWriter trace = new StringWriter();
		throwable.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	@Override
	public void close() {
		this.root.removeHandler(this.handler);
		this.root.setLevel(this.rootLevel);
	}

}
