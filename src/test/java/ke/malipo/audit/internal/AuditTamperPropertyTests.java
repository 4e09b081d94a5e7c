package ke.malipo.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import ke.malipo.support.ScratchDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Property 70 (R7): the audit trail is tamper-evident. Generated trails are chained in
 * several batches (a signed checkpoint after each, the anchor after the last), then
 * tampered with directly in PostgreSQL as someone with the database's credentials could
 * (triggers off): a field changed, an entry deleted, two swapped, one inserted, the tail
 * cut, the tail rewritten with freshly computed hashes (with or without its checkpoints),
 * a checkpoint forged. Verification must find every one, naming an entry at or before the
 * tampering; an untouched trail must verify.
 */
class AuditTamperPropertyTests {

	private static ScratchDatabase database;

	private static JdbcClient jdbc;

	private static Path anchor;

	private static AuditEntries entries;

	private static Sequencer sequencer;

	private static AuditVerifier verifier;

	private static TransactionTemplate transactions;

	enum Tampering {

		CHANGE_DETAIL, CHANGE_ACTOR, CHANGE_TIME, DELETE, SWAP, INSERT, CUT_TAIL, REWRITE_TAIL,
		REWRITE_TAIL_AND_CHECKPOINTS, FORGE_CHECKPOINT

	}

	@BeforeAll
	static void trail() throws Exception {
		database = new ScratchDatabase();
		database.migrateModule("audit");
		jdbc = database.jdbc();
		anchor = Files.createTempFile("audit-anchor-", ".txt");
		Files.delete(anchor);
		AuditSettings settings = new AuditSettings("property-70-checkpoint-key-long-enough-for-hmac", Path.of("unused"),
				anchor.toString(), Duration.ofSeconds(1), Duration.ZERO);
		AuditKeys keys = new AuditKeys(settings, new StandardEnvironment());
		transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
		Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
		entries = new AuditEntries(jdbc, clock);
		sequencer = new Sequencer(jdbc, new JdbcTemplate(database.dataSource()), transactions, keys, settings, clock);
		verifier = new AuditVerifier(database.dataSource(), transactions, keys);
	}

	@AfterAll
	static void drop() throws Exception {
		Files.deleteIfExists(anchor);
		database.close();
	}

	@Test
	void property70_everyTamperingIsDetected() {
		Gen<List<Integer>> batches = SourceDSL.lists().of(SourceDSL.integers().between(1, 6)).ofSizeBetween(2, 5);
		Gen<Tampering> tamperings = SourceDSL.arbitrary().enumValues(Tampering.class);
		qt().withExamples(150)
			.forAll(batches, tamperings, SourceDSL.integers().between(0, 1000))
			.checkAssert((sizes, tampering, where) -> {
				long total = build(sizes);
				assertThat(verifier.verify().ok()).as("an untouched trail").isTrue();
				long target = 1 + Math.floorMod(where, total);
				tamper(tampering, target, total);
				AuditVerifier.Result result = verifier.verify();
				assertThat(result.ok()).as("%s at %d of %d", tampering, target, total).isFalse();
				assertThat(result.firstBadSeq()).as("%s at %d: %s", tampering, target, result.reason())
					.isNotNull()
					.isLessThanOrEqualTo(target);
			});
	}

	/** A fresh trail chained in batches of these sizes; its length. */
	private static long build(List<Integer> sizes) {
		transactions.executeWithoutResult((status) -> {
			// Triggers off for this transaction: the trail refuses deletions otherwise.
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("delete from audit.entries").update();
			jdbc.sql("delete from audit.checkpoints").update();
		});
		try {
			Files.deleteIfExists(anchor);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		long total = 0;
		for (int size : sizes) {
			for (int i = 0; i < size; i++) {
				total++;
				entries
					.append(Instant.parse("2026-11-30T10:00:00Z").plusSeconds(total),
							(total % 2 == 0) ? new AuditEntries.Actor(UUID.randomUUID(), "ADMIN", "Admin " + total)
									: AuditEntries.Actor.mpesa(),
							"ACTION_" + total, "payment:" + total, "detail " + total);
			}
			sequencer.sequence();
		}
		return total;
	}

	private static void tamper(Tampering tampering, long target, long total) {
		transactions.executeWithoutResult((status) -> {
			jdbc.sql("set local session_replication_role = replica").update();
			switch (tampering) {
				case CHANGE_DETAIL ->
					update("update audit.entries set detail = detail || '!' where seq = :seq", target);
				case CHANGE_ACTOR ->
					update("update audit.entries set actor_name = 'Someone else' where seq = :seq", target);
				case CHANGE_TIME ->
					update("update audit.entries set at = at + interval '1 microsecond' where seq = :seq", target);
				case DELETE -> update("delete from audit.entries where seq = :seq", target);
				case SWAP -> {
					long other = (target == total) ? target - 1 : target + 1;
					update("update audit.entries set seq = -1 where seq = :seq", target);
					jdbc.sql("update audit.entries set seq = :to where seq = :from")
						.param("to", target)
						.param("from", other)
						.update();
					update("update audit.entries set seq = " + other + " where seq = -1", target);
					// Positions swapped, hashes kept with their rows: each row now sits
					// where its hash does not fit.
				}
				case INSERT -> {
					jdbc.sql("update audit.entries set seq = -seq where seq >= :seq").param("seq", target).update();
					jdbc.sql("update audit.entries set seq = -seq + 1 where seq < 0").update();
					jdbc.sql("""
							insert into audit.entries (seq, at, actor_role, action, subject, detail, hash)
							values (:seq, now(), 'SYSTEM', 'FORGED', 'payment:x', 'inserted', :hash)
							""").param("seq", target).param("hash", "f".repeat(64)).update();
				}
				case CUT_TAIL -> update("delete from audit.entries where seq >= :seq", target);
				case REWRITE_TAIL -> rewriteFrom(target, false);
				case REWRITE_TAIL_AND_CHECKPOINTS -> rewriteFrom(target, true);
				case FORGE_CHECKPOINT -> {
					Long checkpoint = jdbc.sql("select min(seq) from audit.checkpoints where seq >= :seq")
						.param("seq", target)
						.query((rs, row) -> (Long) rs.getObject(1))
						.single();
					// The last batch's checkpoint always exists, so one is found.
					jdbc.sql("update audit.checkpoints set mac = md5(mac) || md5(mac) where seq = :seq")
						.param("seq", checkpoint)
						.update();
				}
			}
		});
	}

	/**
	 * Changes every entry from {@code target} on and recomputes the chain's hashes as an
	 * attacker who knows the algorithm (but not the key) would; optionally the
	 * checkpoints' hashes too.
	 */
	private static void rewriteFrom(long target, boolean checkpoints) {
		jdbc.sql("update audit.entries set detail = 'rewritten ' || seq where seq >= :seq")
			.param("seq", target)
			.update();
		String previous = (target == 1) ? Chain.GENESIS
				: jdbc.sql("select hash from audit.entries where seq = :seq")
					.param("seq", target - 1)
					.query(String.class)
					.single();
		List<Chain.Link> links = jdbc.sql("""
				select seq, at, actor_id, actor_role, actor_name, action, subject, detail from audit.entries
				 where seq >= :seq order by seq
				""")
			.param("seq", target)
			.query((rs, row) -> new Chain.Link(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
					rs.getObject("actor_id", UUID.class), rs.getString("actor_role"), rs.getString("actor_name"),
					rs.getString("action"), rs.getString("subject"), rs.getString("detail")))
			.list();
		for (Chain.Link link : links) {
			previous = Chain.hash(previous, link);
			jdbc.sql("update audit.entries set hash = :hash where seq = :seq")
				.param("hash", previous)
				.param("seq", link.seq())
				.update();
			if (checkpoints) {
				jdbc.sql("update audit.checkpoints set hash = :hash where seq = :seq")
					.param("hash", previous)
					.param("seq", link.seq())
					.update();
			}
		}
	}

	private static void update(String sql, long seq) {
		jdbc.sql(sql).param("seq", seq).update();
	}

}
