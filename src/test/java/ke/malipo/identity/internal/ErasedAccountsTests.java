package ke.malipo.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;

import ke.malipo.identity.UserId;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account erased by another node (written straight to the table here) stops opening
 * anything once this node reloads the erased accounts, which it does every few seconds;
 * no request queries for it.
 */
@MalipoIntegrationTest
class ErasedAccountsTests {

	@Autowired
	ErasedAccounts erased;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Api api;

	@Test
	void anErasureOnAnotherNodeCountsAfterTheNextReload() {
		Account person = this.api.client();
		assertThat(this.api.get("/api/me", person.token()).status()).isEqualTo(200);
		this.jdbc.sql("update identity.users set erased_at = :now where id = :id")
			.param("now", Timestamp.from(Instant.now()))
			.param("id", person.id())
			.update();
		this.erased.reload();
		assertThat(this.erased.contains(new UserId(person.id()))).isTrue();
		assertThat(this.api.get("/api/me", person.token()).status()).isEqualTo(401);
	}

}
