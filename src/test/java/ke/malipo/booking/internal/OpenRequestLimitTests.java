package ke.malipo.booking.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import ke.malipo.support.PageSession;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client cannot flood psychologists (issue 13): requests waiting for an answer are
 * limited per client and per psychologist, also when sent at once; and a psychologist's
 * long list of sessions comes a page at a time.
 */
@MalipoIntegrationTest
class OpenRequestLimitTests {

	@Autowired
	SessionRepository sessions;

	@Autowired
	UserDirectory directory;

	@Autowired
	Schedules schedules;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	java.time.Clock clock;

	@Autowired
	Api api;

	@Autowired
	TransactionTemplate transactions;

	@LocalServerPort
	int port;

	private Bookings bookings(int total, int perPsychologist) {
		BookingSettings settings = new BookingSettings(Duration.ofHours(24), Duration.ofHours(2), Duration.ofHours(3),
				Duration.ofDays(180), 50, Duration.ofMinutes(1), total, perPsychologist, null,
				java.nio.file.Path.of("unused"), Duration.ofHours(24));
		return new Bookings(this.sessions, this.directory, new SessionEvents(this.publisher), settings, this.schedules,
				this.clock);
	}

	/**
	 * The Bookings made here are not Spring's proxies: each request gets its own
	 * transaction, as the proxy would give it (events need one to be delivered).
	 */
	private Session request(Bookings bookings, CurrentUser client, UserId psychologist, Instant at) {
		return java.util.Objects
			.requireNonNull(this.transactions.execute((tx) -> bookings.request(client, psychologist, at, null, null)));
	}

	private Instant day(int days, int hour) {
		return this.clock.instant()
			.plus(days, ChronoUnit.DAYS)
			.truncatedTo(ChronoUnit.HOURS)
			.plus(hour, ChronoUnit.HOURS);
	}

	private static CurrentUser client(Account account) {
		return new CurrentUser(new UserId(account.id()), account.email(), "Client", Role.CLIENT);
	}

	@Test
	void requestsWaitingForAnAnswerAreLimitedPerClientAndPerPsychologist() {
		Bookings bookings = bookings(3, 2);
		CurrentUser client = client(this.api.client());
		UserId first = new UserId(this.api.psychologist(1500).id());
		UserId second = new UserId(this.api.psychologist(1500).id());
		UserId third = new UserId(this.api.psychologist(1500).id());
		request(bookings, client, first, day(3, 0));
		request(bookings, client, first, day(3, 2));
		assertThatThrownBy(() -> request(bookings, client, first, day(3, 4)))
			.isInstanceOf(BookingFailures.TooManyOpenRequests.class)
			.hasMessageContaining("2 requests waiting for an answer from this psychologist");
		request(bookings, client, second, day(4, 0));
		assertThatThrownBy(() -> request(bookings, client, third, day(5, 0)))
			.isInstanceOf(BookingFailures.TooManyOpenRequests.class)
			.hasMessageContaining("3 requests waiting");
		Session answered = bookings.page(client, 0, 10).sessions().get(0);
		this.transactions.executeWithoutResult((tx) -> bookings.cancel(answered.id(), client, "changed my mind"));
		assertThat(request(bookings, client, third, day(5, 0)).status().name()).isEqualTo("PENDING");
	}

	@Test
	void requestsSentAtOnceCannotAllSlipUnderTheLimit() throws Exception {
		Bookings bookings = bookings(2, 2);
		CurrentUser client = client(this.api.client());
		List<UserId> psychologists = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			psychologists.add(new UserId(this.api.psychologist(1500).id()));
		}
		List<Callable<Boolean>> requests = new ArrayList<>();
		for (UserId psychologist : psychologists) {
			requests.add(() -> {
				try {
					request(bookings, client, psychologist, day(6, 0));
					return true;
				}
				catch (BookingFailures.TooManyOpenRequests ex) {
					return false;
				}
			});
		}
		int made = 0;
		try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
			for (Future<Boolean> result : pool.invokeAll(requests)) {
				made += result.get() ? 1 : 0;
			}
		}
		assertThat(made).isEqualTo(2);
	}

	@Test
	void aPsychologistsLongListComesAPageAtATimeUpcomingFirst() throws Exception {
		Account psychologist = this.api.psychologist(1500);
		Bookings bookings = bookings(1000, 1000);
		for (int i = 0; i < 30; i++) {
			request(bookings, client(this.api.client()), new UserId(psychologist.id()), day(10 + i, 0));
		}
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		HttpResponse<String> first = pages.get("/sessions");
		assertThat(first.body().split("class=\"session\"", -1)).hasSize(26);
		assertThat(first.body()).contains("Next page").doesNotContain("Earlier page");
		HttpResponse<String> second = pages.get("/sessions?page=1");
		assertThat(second.body().split("class=\"session\"", -1)).hasSize(6);
		assertThat(second.body()).contains("Earlier page").doesNotContain("Next page");
		assertThat(pages.get("/sessions/rows?page=1").body().split("class=\"session\"", -1)).hasSize(6);
		List<Session> page = bookings
			.page(new CurrentUser(new UserId(psychologist.id()), psychologist.email(), "Psychologist",
					Role.PSYCHOLOGIST), 0, 25)
			.sessions();
		assertThat(page.get(0).scheduledAt()).isEqualTo(day(10, 0));
	}

}
