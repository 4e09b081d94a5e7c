package ke.malipo.daraja.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.Daraja;
import ke.malipo.support.MutableClock;
import ke.malipo.support.StubServer;
import org.junit.jupiter.api.Test;

import static ke.malipo.support.Fixtures.daraja;
import static ke.malipo.support.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One token request however many threads need a token at once; renewed before it expires.
 */
class AccessTokensConcurrencyTest {

	@Test
	void hundredThreadsCauseOneTokenRequest() throws Exception {
		try (StubServer stub = new StubServer()) {
			stub.on("/oauth/v1/generate",
					StubServer.slow(Duration.ofMillis(300), 200, daraja("oauth-token-expiry-string.json")))
				.on("/mpesa/stkpushquery/v1/query", json(200, daraja("stkquery-completed.json")));
			Daraja client = TestClients.client(stub.url(), Clock.systemUTC());
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> calls = new ArrayList<>();
			try (ExecutorService pool = Executors.newFixedThreadPool(100)) {
				for (int i = 0; i < 100; i++) {
					calls.add(pool.submit(() -> {
						start.await();
						return client.stkQuery(new CheckoutRequestId("ws_CO_13012021093521236557"));
					}));
				}
				start.countDown();
				for (Future<?> call : calls) {
					call.get();
				}
			}
			assertThat(stub.hits("/oauth/v1/generate")).isEqualTo(1);
			assertThat(stub.hits("/mpesa/stkpushquery/v1/query")).isEqualTo(100);
		}
	}

	@Test
	void tokenIsRenewedAMarginBeforeItExpires() {
		MutableClock clock = new MutableClock();
		AccessTokens tokens = new AccessTokens(clock, Duration.ofMinutes(10));
		int[] fetches = { 0 };
		java.util.function.Supplier<AccessTokens.Token> fetch = () -> new AccessTokens.Token("t" + (++fetches[0]),
				clock.instant().plusSeconds(3599));
		assertThat(tokens.get("k", fetch)).isEqualTo("t1");
		clock.advance(Duration.ofMinutes(49));
		assertThat(tokens.get("k", fetch)).isEqualTo("t1");
		clock.advance(Duration.ofMinutes(2));
		assertThat(tokens.get("k", fetch)).isEqualTo("t2");
		tokens.invalidate("k", "t1");
		assertThat(tokens.get("k", fetch)).as("a stale refusal does not drop the newer token").isEqualTo("t2");
		tokens.invalidate("k", "t2");
		assertThat(tokens.get("k", fetch)).isEqualTo("t3");
	}

}
