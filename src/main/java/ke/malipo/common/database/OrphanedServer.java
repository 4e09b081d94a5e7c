package ke.malipo.common.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL that an earlier, killed run left on a kept data directory. */
final class OrphanedServer {

	private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);

	private OrphanedServer() {
	}

	/**
	 * A previous run that was killed (not stopped) leaves its PostgreSQL running on the
	 * data directory, which would refuse a second server. Ask it to shut down and wait
	 * for it.
	 */
	static void stop(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
		if (!firstLine.matches("\\d+")) {
			return;
		}
		Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(firstLine))
			.filter((process) -> process.info().command().map((command) -> command.endsWith("postgres")).orElse(false));
		if (orphan.isPresent()) {
			log.warn("Stopping a PostgreSQL left running on {} by an earlier run (pid {})", dataDirectory,
					orphan.get().pid());
			orphan.get().destroy();
			try {
				orphan.get().onExit().get(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while stopping PostgreSQL pid " + orphan.get().pid(), ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("PostgreSQL pid " + orphan.get().pid() + " still holds " + dataDirectory
						+ "; stop it and start again", ex);
			}
		}
	}

}
