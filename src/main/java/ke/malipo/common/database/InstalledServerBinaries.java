package ke.malipo.common.database;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Hands the embedded-server library an installed PostgreSQL instead of its bundled one:
 * an archive in the library's layout whose {@code bin/initdb} and {@code bin/pg_ctl} are
 * small scripts that run the installed programs (which find their own libraries and files
 * where their package put them). An installed PostgreSQL refuses to run as root, as in a
 * CI container: there the scripts give the data directory to {@code nobody} and run as
 * it.
 */
final class InstalledServerBinaries implements PgBinaryResolver {

	private static final String[] PROGRAMS = { "initdb", "pg_ctl", "postgres" };

	private final Path directory;

	InstalledServerBinaries(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	@Override
	public InputStream getPgBinary(String system, String machineHardware) throws IOException {
		for (String program : PROGRAMS) {
			if (!Files.isExecutable(this.directory.resolve(program))) {
				throw new IOException("malipo.database.server-binaries: no " + program + " in " + this.directory);
			}
		}
		ByteArrayOutputStream archive = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(archive, new LZMA2Options()))) {
			tar.putArchiveEntry(new TarArchiveEntry("bin/"));
			tar.closeArchiveEntry();
			for (String program : new String[] { "initdb", "pg_ctl" }) {
				byte[] script = script(this.directory.resolve(program)).getBytes(StandardCharsets.UTF_8);
				TarArchiveEntry entry = new TarArchiveEntry("bin/" + program);
				entry.setMode(0755);
				entry.setSize(script.length);
				tar.putArchiveEntry(entry);
				tar.write(script);
				tar.closeArchiveEntry();
			}
			TarArchiveEntry postgres = new TarArchiveEntry("bin/postgres", TarArchiveEntry.LF_SYMLINK);
			postgres.setLinkName(this.directory.resolve("postgres").toString());
			tar.putArchiveEntry(postgres);
			tar.closeArchiveEntry();
		}
		return new ByteArrayInputStream(archive.toByteArray());
	}

	/** Runs the program; as root, as nobody, owning the data directory given with -D. */
	private static String script(Path program) {
		return """
				#!/bin/sh
				if [ "$(id -u)" = 0 ]; then
				  previous=""
				  for argument in "$@"; do
				    if [ "$previous" = "-D" ]; then chown -R nobody "$argument"; fi
				    previous="$argument"
				  done
				  exec setpriv --reuid=nobody --regid=nogroup --clear-groups '%s' "$@"
				fi
				exec '%s' "$@"
				""".formatted(program, program);
	}

}
