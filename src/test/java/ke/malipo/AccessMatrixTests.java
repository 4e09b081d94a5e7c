package ke.malipo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * quality.md R6: every endpoint × every role × own or someone else's data. Only the
 * combinations api.md allows succeed; every other one is refused (401 without a token,
 * 403 for a role that may never do it, 404 for a session that is not theirs to see) and
 * changes nothing.
 */
@MalipoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

	/** Who calls, relative to the session the call is about. */
	enum Who {

		ANONYMOUS, OWNER, OTHER_CLIENT, ASSIGNED, OTHER_PSYCHOLOGIST, ADMIN

	}

	private static final Set<Who> EVERYONE_SIGNED_IN = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS));

	private static final Set<Who> ITS_PEOPLE = EnumSet.of(Who.OWNER, Who.ASSIGNED, Who.ADMIN);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	private final Map<Who, Account> accounts = new EnumMap<>(Who.class);

	private final AtomicInteger slot = new AtomicInteger();

	private String pendingSession() {
		return PaymentTestSupport.requestedSession(this.api, this.accounts.get(Who.OWNER),
				this.accounts.get(Who.ASSIGNED), 2, this.slot.incrementAndGet());
	}

	private String approvedSession() {
		return PaymentTestSupport.approvedSession(this.api, this.accounts.get(Who.OWNER),
				this.accounts.get(Who.ASSIGNED), 2, this.slot.incrementAndGet());
	}

	private String paidSession;

	private String paymentOfPaidSession;

	@BeforeAll
	void people() {
		this.accounts.put(Who.OWNER, this.api.client());
		this.accounts.put(Who.OTHER_CLIENT, this.api.client());
		this.accounts.put(Who.ASSIGNED, this.api.psychologist(1400));
		this.accounts.put(Who.OTHER_PSYCHOLOGIST, this.api.psychologist(1400));
		this.accounts.put(Who.ADMIN, this.api.admin());
		this.paidSession = approvedSession();
		this.api.post("/api/mpesa/initiate", token(Who.OWNER),
				Map.of("sessionId", this.paidSession, "phoneNumber", TestPhones.local(0)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID".equals(status(this.paidSession).text("paymentStatus")));
		this.paymentOfPaidSession = status(this.paidSession).text("paymentId");
		Projections.caughtUp(this.jdbc);
	}

	@Test
	void onlyTheAllowedCombinationsSucceed() {
		List<String> wrong = new ArrayList<>();
		check(wrong, "read a session", ITS_PEOPLE, false,
				(who, session) -> call(who, HttpMethod.GET, "/api/sessions/" + session, null));
		check(wrong, "approve", EnumSet.of(Who.ASSIGNED), false,
				(who, session) -> call(who, HttpMethod.POST, "/api/sessions/" + session + "/approve", null));
		check(wrong, "decline", EnumSet.of(Who.ASSIGNED), false,
				(who, session) -> call(who, HttpMethod.POST, "/api/sessions/" + session + "/decline", Map.of()));
		check(wrong, "cancel", EnumSet.of(Who.OWNER, Who.ASSIGNED), false,
				(who, session) -> call(who, HttpMethod.POST, "/api/sessions/" + session + "/cancel", Map.of()));
		check(wrong, "pay", EnumSet.of(Who.OWNER), true, (who, session) -> call(who, HttpMethod.POST,
				"/api/mpesa/initiate", Map.of("sessionId", session, "phoneNumber", TestPhones.local(9))));
		check(wrong, "payment status", ITS_PEOPLE, true,
				(who, session) -> call(who, HttpMethod.GET, "/api/mpesa/status/" + session, null));
		check(wrong, "receipt PDF", ITS_PEOPLE, null, (who, session) -> call(who, HttpMethod.GET,
				"/api/sessions/" + this.paidSession + "/receipt.pdf", null));
		check(wrong, "list sessions", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/sessions", null));
		check(wrong, "who am I", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/me", null));
		// Notifications (issue 11) and preferences: each person their own.
		check(wrong, "my notifications", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/notifications", null));
		check(wrong, "my preferences", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/me/preferences", null));
		String notice = assignedPsychologistsNotice();
		check(wrong, "mark the psychologist's notice read", EnumSet.of(Who.ASSIGNED), null,
				(who, session) -> call(who, HttpMethod.POST, "/api/notifications/" + notice + "/read", null));
		check(wrong, "desk: ask M-Pesa (never for others)", EnumSet.noneOf(Who.class), null,
				(who, session) -> (who == Who.ADMIN) ? null : call(who, HttpMethod.POST,
						"/api/admin/transactions/" + this.paymentOfPaidSession + "/check", null));
		// Data rights (issue 13): each person their own; a stranger nothing.
		check(wrong, "download my data", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/me/data", null));
		check(wrong, "erase an account (anonymous)", EnumSet.noneOf(Who.class), null,
				(who, session) -> (who != Who.ANONYMOUS) ? null
						: call(who, HttpMethod.POST, "/api/me/erasure", Map.of("password", "anything-at-all")));
		check(wrong, "desk: transactions", EnumSet.of(Who.ADMIN), null,
				(who, session) -> call(who, HttpMethod.GET, "/api/admin/transactions", null));
		check(wrong, "desk: one transaction", EnumSet.of(Who.ADMIN), null, (who, session) -> call(who, HttpMethod.GET,
				"/api/admin/transactions/" + this.paymentOfPaidSession, null));
		check(wrong, "desk: CSV", EnumSet.of(Who.ADMIN), null,
				(who, session) -> call(who, HttpMethod.GET, "/api/admin/transactions.csv", null));
		check(wrong, "desk: settle (never for others)", EnumSet.noneOf(Who.class), null,
				(who, session) -> (who == Who.ADMIN) ? null
						: call(who, HttpMethod.POST,
								"/api/admin/transactions/" + this.paymentOfPaidSession + "/resolve",
								Map.of("outcome", "FAILED", "reason", "Trying my luck with this")));
		check(wrong, "test the M-Pesa connection", EnumSet.of(Who.ADMIN), null,
				(who, session) -> call(who, HttpMethod.POST, "/api/mpesa/test-connection", null));
		// The directory, free times, profiles and hours (issue 14): anyone signed in
		// reads;
		// each psychologist writes their own, and no one else has any.
		Set<Who> psychologists = EnumSet.of(Who.ASSIGNED, Who.OTHER_PSYCHOLOGIST);
		check(wrong, "change my details (nothing)", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.PATCH, "/api/me", Map.of()));
		check(wrong, "the directory", EVERYONE_SIGNED_IN, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/psychologists", null));
		check(wrong, "a profile", EVERYONE_SIGNED_IN, null, (who, session) -> call(who, HttpMethod.GET,
				"/api/psychologists/" + this.accounts.get(Who.ASSIGNED).id(), null));
		check(wrong, "free times", EVERYONE_SIGNED_IN, null, (who, session) -> call(who, HttpMethod.GET,
				"/api/psychologists/" + this.accounts.get(Who.ASSIGNED).id() + "/slots", null));
		check(wrong, "my profile", psychologists, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/me/profile", null));
		check(wrong, "write my profile", psychologists, null, (who, session) -> call(who, HttpMethod.PUT,
				"/api/me/profile", Map.of("bio", "Written by " + who, "mode", "ONLINE")));
		check(wrong, "my hours", psychologists, null,
				(who, session) -> call(who, HttpMethod.GET, "/api/me/availability", null));
		// Not the assigned psychologist: hours would bound the sessions this test books.
		check(wrong, "replace my hours", EnumSet.of(Who.OTHER_PSYCHOLOGIST), null,
				(who, session) -> (who == Who.ASSIGNED) ? null : call(who, HttpMethod.PUT, "/api/me/availability",
						Map.of("hours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "17:00")))));
		// Reconciliation and the audit log (issues 12 and 13): admins only.
		for (String path : List.of("/api/reconciliation/summary", "/api/reconciliation/orphaned",
				"/api/reconciliation/runs", "/api/reconciliation/findings", "/api/reconciliation/webhooks",
				"/api/reconciliation/session/" + this.paidSession, "/api/admin/audit", "/api/admin/audit/verify")) {
			check(wrong, "read " + path, EnumSet.of(Who.ADMIN), null,
					(who, session) -> call(who, HttpMethod.GET, path, null));
		}
		// The accounting export and insights (issue 15): admins only.
		for (String path : List.of("/api/admin/insights", "/api/admin/insights?by=week",
				"/api/admin/accounting/journal.csv?from=2026-01-01&to=2026-01-31",
				"/api/admin/accounting/journal.csv?from=2026-01-01&to=2026-01-31&format=xero",
				"/api/admin/accounting/payouts.csv?from=2026-01-01&to=2026-01-31", "/api/admin/accounting/payouts/"
						+ this.accounts.get(Who.ASSIGNED).id() + ".csv?from=2026-01-01&to=2026-01-31")) {
			check(wrong, "read " + path, EnumSet.of(Who.ADMIN), null,
					(who, session) -> call(who, HttpMethod.GET, path, null));
		}
		// Feedback (issue 15): the client who paid rates paying; psychologists rate
		// clarity.
		Projections.caughtUp(this.jdbc, "insights");
		check(wrong, "rate paying for the session", EnumSet.of(Who.OWNER), null, (who, session) -> call(who,
				HttpMethod.PUT, "/api/feedback/sessions/" + this.paidSession, Map.of("score", 4)));
		check(wrong, "rate how clearly payments are seen", EnumSet.of(Who.ASSIGNED, Who.OTHER_PSYCHOLOGIST), null,
				(who, session) -> call(who, HttpMethod.PUT, "/api/feedback/clarity", Map.of("score", 4)));
		check(wrong, "register a webhook (never for others)", EnumSet.noneOf(Who.class), null,
				(who, session) -> (who == Who.ADMIN) ? null : call(who, HttpMethod.POST, "/api/reconciliation/webhooks",
						Map.of("url", "https://example.com/hook")));
		check(wrong, "run reconciliation (never for others)", EnumSet.noneOf(Who.class), null,
				(who, session) -> (who == Who.ADMIN) ? null : call(who, HttpMethod.POST, "/api/reconciliation/run",
						Map.of("from", "1979-02-01", "to", "1979-02-01")));
		assertThat(wrong).isEmpty();
	}

	@Test
	void listsShowOnlyWhatIsTheirs() {
		String session = approvedSession();
		for (Who who : List.of(Who.OTHER_CLIENT, Who.OTHER_PSYCHOLOGIST)) {
			assertThat(call(who, HttpMethod.GET, "/api/sessions", null).body().toString()).as(who.name())
				.doesNotContain(session);
		}
		for (Who who : ITS_PEOPLE) {
			assertThat(call(who, HttpMethod.GET, "/api/sessions", null).body().toString()).as(who.name())
				.contains(session);
		}
	}

	/**
	 * Runs the call once for every kind of caller, each on a fresh session (pending, or
	 * approved when {@code approved}; none when null), and records what went against the
	 * rules.
	 */
	private void check(List<String> wrong, String what, Set<Who> allowed, @Nullable Boolean approved,
			BiFunction<Who, String, @Nullable Response> call) {
		for (Who who : Who.values()) {
			String session = (approved == null) ? "" : (approved ? approvedSession() : pendingSession());
			String before = (approved == null) ? "" : snapshot(session);
			Response answer = call.apply(who, session);
			if (answer == null) {
				continue;
			}
			int status = answer.status();
			boolean ok = allowed.contains(who) ? (status >= 200 && status < 300)
					: (who == Who.ANONYMOUS) ? status == 401 : (status == 403 || status == 404);
			if (!ok) {
				wrong.add(what + " by " + who + ": " + status + " " + answer.code());
			}
			if (!allowed.contains(who) && approved != null && !snapshot(session).equals(before)) {
				wrong.add(what + " by " + who + " changed the session");
			}
		}
	}

	/** A notice the assigned psychologist has (a new request tells them), by its id. */
	private String assignedPsychologistsNotice() {
		pendingSession();
		return org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> call(Who.ASSIGNED, HttpMethod.GET, "/api/notifications", null).body(),
					(list) -> list.size() > 0)
			.get(0)
			.get("id")
			.asString();
	}

	private Response call(Who who, HttpMethod method, String path, @Nullable Object body) {
		return this.api.call(method, path, (who == Who.ANONYMOUS) ? null : token(who), body);
	}

	private String token(Who who) {
		return this.accounts.get(who).token();
	}

	private Response status(String session) {
		return this.api.get("/api/mpesa/status/" + session, token(Who.OWNER));
	}

	/** What a refused call must not change: the session as its owner sees it. */
	private String snapshot(String session) {
		Response seen = this.api.get("/api/sessions/" + session, token(Who.OWNER));
		return seen.text("status") + "/" + seen.text("paymentStatus") + "/" + seen.text("updatedAt");
	}

}
