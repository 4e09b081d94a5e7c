package ke.malipo.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * A listener for tests of the event registry: it fails the first time it hears a probe
 * and succeeds after that, writing each run (and the node it ran on) to the shared
 * database on a connection of its own, so a failed run is remembered too.
 */
public class ProbeListener {

	private final DataSource dataSource;

	private final String node;

	public ProbeListener(DataSource dataSource, String node) {
		this.dataSource = dataSource;
		this.node = node;
	}

	@ApplicationModuleListener
	void on(Probe probe) throws SQLException {
		boolean ok;
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (PreparedStatement create = connection
				.prepareStatement("create table if not exists public.probe_runs (probe uuid, node text, ok boolean)")) {
				create.execute();
			}
			try (PreparedStatement count = connection
				.prepareStatement("select count(*) from public.probe_runs where probe = ?")) {
				count.setObject(1, probe.id());
				try (ResultSet rows = count.executeQuery()) {
					rows.next();
					ok = rows.getInt(1) > 0;
				}
			}
			try (PreparedStatement insert = connection
				.prepareStatement("insert into public.probe_runs (probe, node, ok) values (?, ?, ?)")) {
				insert.setObject(1, probe.id());
				insert.setString(2, this.node);
				insert.setBoolean(3, ok);
				insert.executeUpdate();
			}
		}
		if (!ok) {
			throw new IllegalStateException("Probe " + probe.id() + " fails its first run on purpose");
		}
	}

	/** An event only tests publish. */
	public record Probe(UUID id) {
	}

}
