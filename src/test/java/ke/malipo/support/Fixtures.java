package ke.malipo.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Daraja payloads of shared/fixtures/daraja, copied into the test resources. */
public final class Fixtures {

	private Fixtures() {
	}

	public static String daraja(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/daraja-fixtures/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
