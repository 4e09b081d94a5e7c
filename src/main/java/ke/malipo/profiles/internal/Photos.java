package ke.malipo.profiles.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import ke.malipo.common.problem.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks an uploaded photo and makes the copy Malipo keeps. The type is read from the
 * bytes, never from the name or the declared type; the size is checked before reading and
 * the dimensions before decoding; what is kept is a square JPEG drawn afresh, so nothing
 * of the upload but its pixels survives (no location or camera metadata, no hidden
 * payload).
 */
@Component
class Photos {

	private final ProfileSettings settings;

	Photos(ProfileSettings settings) {
		this.settings = settings;
	}

	/** A photo as kept: JPEG bytes. */
	record Kept(byte[] bytes, String contentType) {
	}

	Kept accept(byte[] upload) {
		if (upload.length == 0) {
			throw invalid("is empty: choose a photo");
		}
		checkSize(upload.length);
		String format = formatOf(upload);
		if (format == null) {
			throw invalid("must be a JPEG or PNG picture");
		}
		BufferedImage image = decode(upload, format);
		return new Kept(jpeg(square(image)), "image/jpeg");
	}

	void checkSize(long size) {
		if (size > this.settings.photoMaxBytes()) {
			throw invalid("is larger than " + (this.settings.photoMaxBytes() / (1024 * 1024)) + " MB");
		}
	}

	/** The format the bytes start with, by their signature; null for anything else. */
	static @Nullable String formatOf(byte[] bytes) {
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
			return "jpeg";
		}
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
		if (bytes.length >= png.length && java.util.Arrays.equals(bytes, 0, png.length, png, 0, png.length)) {
			return "png";
		}
		return null;
	}

	private BufferedImage decode(byte[] upload, String format) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
			if (in == null || !readers.hasNext()) {
				throw invalid("must be a JPEG or PNG picture");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > this.settings.photoMaxPixels() || pixels <= 0) {
					throw invalid("is too large a picture: at most " + (this.settings.photoMaxPixels() / 1_000_000)
							+ " megapixels");
				}
				return reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof InvalidInputException invalid) {
				throw invalid;
			}
			// A truncated or corrupt file: the person can try another.
			throw invalid("could not be read as a picture: try another file");
		}
	}

	/**
	 * The centre square, scaled to the kept size, on white (PNG transparency included).
	 */
	private BufferedImage square(BufferedImage image) {
		int side = Math.min(image.getWidth(), image.getHeight());
		int x = (image.getWidth() - side) / 2;
		int y = (image.getHeight() - side) / 2;
		int size = this.settings.photoSize();
		BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			g.setColor(java.awt.Color.WHITE);
			g.fillRect(0, 0, size, size);
			g.drawImage(image, 0, 0, size, size, x, y, x + side, y + side, null);
		}
		finally {
			g.dispose();
		}
		return out;
	}

	private static byte[] jpeg(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpeg", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static InvalidInputException invalid(String message) {
		return new InvalidInputException("photo", message);
	}

}
