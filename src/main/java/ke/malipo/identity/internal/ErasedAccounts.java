package ke.malipo.identity.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import ke.malipo.identity.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The accounts that were erased, in memory, so that every API request and page checks its
 * token or session with a set look-up instead of a query. The node that erases an account
 * knows at once (when the erasure commits); every node reloads the list every five
 * seconds, so another node stops an erased account's token within that.
 */
@Component
class ErasedAccounts {

	private final JdbcClient jdbc;

	/**
	 * Erased on this node; kept even if a reload read the table just before the commit.
	 */
	private final Set<UUID> erasedHere = ConcurrentHashMap.newKeySet();

	private volatile Set<UUID> erased = Set.of();

	ErasedAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean contains(UserId user) {
		return this.erased.contains(user.value()) || this.erasedHere.contains(user.value());
	}

	/** Counts the account as erased once the current transaction commits. */
	void erasedInThisTransaction(UserId user) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ErasedAccounts.this.erasedHere.add(user.value());
			}
		});
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
	void reload() {
		List<UUID> ids = this.jdbc.sql("select id from identity.users where erased_at is not null")
			.query((rs, row) -> rs.getObject("id", UUID.class))
			.list();
		this.erased = Set.copyOf(ids);
	}

}
