package ke.malipo.common.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ke.malipo.common.time.Eat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file as Malipo's exports write it: RFC 4180 (comma separated, CRLF line ends,
 * quotes where needed, doubled inside), a header row, then one record per call, streamed
 * to its writer. Times are written in East Africa Time with their offset.
 */
public final class CsvDocument implements AutoCloseable {

	/** The media type of every export. */
	public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private final CSVPrinter printer;

	/** Starts the file with its header row. */
	public CsvDocument(Appendable out, List<String> header) {
		try {
			this.printer = new CSVPrinter(out,
					CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void record(Object... values) {
		try {
			this.printer.printRecord(values);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A moment as exports write it: {@code 2026-12-01T10:00:00+03:00}. */
	public static String when(Instant at) {
		return WHEN.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(Eat.ZONE));
	}

	@Override
	public void close() {
		try {
			this.printer.close(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
