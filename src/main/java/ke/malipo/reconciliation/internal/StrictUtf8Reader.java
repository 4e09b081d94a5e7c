package ke.malipo.reconciliation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an uploaded file as strict UTF-8 (a byte-order mark is skipped), so a file in
 * another encoding is refused rather than misread, naming the line of the first bad byte;
 * refuses a file over the size limit as soon as it passes it; and keeps the SHA-256 of
 * every byte read. Memory stays one buffer, whatever the file's size.
 */
final class StrictUtf8Reader extends Reader {

	private static final int CHUNK = 64 * 1024;

	private final InputStream in;

	private final long limit;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final MessageDigest digest;

	private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);

	private final CharBuffer chars = CharBuffer.allocate(CHUNK);

	private long read;

	private long lines = 1;

	private boolean ended;

	private boolean first = true;

	StrictUtf8Reader(InputStream in, long limit) {
		this.in = in;
		this.limit = limit;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		this.bytes.flip();
		this.chars.flip();
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		while (!this.chars.hasRemaining()) {
			if (this.ended && !this.bytes.hasRemaining()) {
				return -1;
			}
			fill();
		}
		int count = Math.min(length, this.chars.remaining());
		this.chars.get(buffer, offset, count);
		return count;
	}

	/** Decodes what is buffered, reading more bytes first when they run out. */
	private void fill() throws IOException {
		if (!this.ended) {
			this.bytes.compact();
			int got = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
			if (got < 0) {
				this.ended = true;
			}
			else {
				this.digest.update(this.bytes.array(), this.bytes.position(), got);
				this.bytes.position(this.bytes.position() + got);
				this.read += got;
				if (this.read > this.limit) {
					throw new InvalidStatementException(null, "The file is larger than " + (this.limit / (1024 * 1024))
							+ " MB; export a shorter period.");
				}
			}
			this.bytes.flip();
		}
		this.chars.clear();
		int start = this.bytes.position();
		CoderResult result = this.decoder.decode(this.bytes, this.chars, this.ended);
		if (result.isError()) {
			throw new InvalidStatementException(lineAt(start, this.bytes.position()),
					"The file is not UTF-8 text. Export the statement as CSV again (UTF-8), without re-saving it.");
		}
		count(start, this.bytes.position());
		if (this.ended) {
			this.decoder.flush(this.chars);
		}
		this.chars.flip();
		if (this.first && this.chars.hasRemaining()) {
			this.first = false;
			if (this.chars.get(this.chars.position()) == '\uFEFF') {
				this.chars.get();
			}
		}
	}

	private long lineAt(int from, int to) {
		count(from, to);
		return this.lines;
	}

	private void count(int from, int to) {
		byte[] array = this.bytes.array();
		for (int i = from; i < to; i++) {
			if (array[i] == '\n') {
				this.lines++;
			}
		}
	}

	/** How many bytes were read. */
	long size() {
		return this.read;
	}

	/** The SHA-256 of the bytes read, in hex. */
	String sha256() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
