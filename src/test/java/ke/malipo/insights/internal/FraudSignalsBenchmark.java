package ke.malipo.insights.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fraud signals against seeded traffic through the simulator (issue 15, BENCHMARKS.md):
 * ordinary payments teach the anomaly model, then more ordinary payments are mixed with
 * seeded anomalies whose labels are known by construction (one phone paying for several
 * clients, a phone hammering with cancelled prompts, a client failing again and again, a
 * sudden rate five times the usual, payments at three in the morning). Reported:
 * precision and recall of the flags, and of the rules and the model each alone.
 *
 * <p>
 * {@code ./mvnw -Pbenchmarks test -Dtest=FraudSignalsBenchmark}
 */
@MalipoIntegrationTest
// The app's clock walks through two days of traffic; tokens issued at the start must
// last.
@org.springframework.test.context.TestPropertySource(properties = "malipo.identity.token-lifetime=7d")
class FraudSignalsBenchmark {

	private static final long SEED = 15L;

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FraudModelTraining training;

	@Autowired
	MutableClock clock;

	private final AtomicInteger slot = new AtomicInteger();

	private final Map<String, Boolean> labels = Collections.synchronizedMap(new HashMap<>());

	@Test
	void precisionAndRecallOnSeededTraffic() throws Exception {
		SplittableRandom random = new SplittableRandom(SEED);
		List<Account> psychologists = new ArrayList<>();
		for (long rate : new long[] { 1500, 2000, 2500, 3000 }) {
			psychologists.add(this.api.register("PSYCHOLOGIST", rate, "Dr Bench " + rate));
		}
		List<Account> clients = new ArrayList<>();
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			clients.add(this.api.client());
			phones.add(TestPhones.local(0));
		}
		// History: 300 ordinary payments (a client pays their own psychologist from their
		// own phone, one in ten prompts cancelled first), then the model learns.
		ordinary(300, clients, phones, psychologists, random);
		Projections.caughtUp(this.jdbc, "insights");
		int learnt = this.training.train();
		// Only what is judged after the model learnt counts.
		this.labels.clear();

		// Judged: 150 ordinary payments and the seeded anomalies, in one mix.
		List<Runnable> judged = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			int c = random.nextInt(clients.size());
			judged.add(() -> pay(clients.get(c), psychologists.get(c % psychologists.size()), phones.get(c), false));
		}
		for (int group = 0; group < 4; group++) {
			// One phone for four new clients: the third and fourth are the anomaly.
			String shared = TestPhones.local(0);
			Account psychologist = psychologists.get(group);
			judged.add(() -> {
				for (int k = 0; k < 4; k++) {
					pay(this.api.client(), psychologist, shared, k >= 2);
				}
			});
		}
		for (int hammer = 0; hammer < 3; hammer++) {
			// Six cancelled prompts in a row from one phone, then a payment: from the
			// fifth
			// attempt on, the anomaly.
			Account client = this.api.client();
			Account psychologist = psychologists.get(hammer);
			judged.add(() -> {
				String phone = TestPhones.local(1);
				for (int k = 0; k < 6; k++) {
					attempt(client, psychologist, phone, "FAILED", k >= 4);
				}
			});
		}
		for (int failing = 0; failing < 3; failing++) {
			// Three failures from three numbers in a day, then a payment: the anomaly.
			Account client = this.api.client();
			Account psychologist = psychologists.get(failing + 1);
			judged.add(() -> {
				for (int k = 0; k < 3; k++) {
					attempt(client, psychologist, TestPhones.local(1), "FAILED", false);
				}
				pay(client, psychologist, TestPhones.local(0), true);
			});
		}
		Collections.shuffle(judged, new java.util.Random(SEED));
		// The next day, from seven in the morning.
		this.clock.travelTo(LocalTime.of(6, 0));
		hourly(judged, 7);
		// A rate five times the usual, paid by ordinary clients: the anomaly.
		Account pricey = psychologists.get(3);
		this.api.call(HttpMethod.PATCH, "/api/me", pricey.token(), Map.of("sessionRate", 15000));
		for (int k = 0; k < 4; k++) {
			pay(clients.get(3 + 4 * k), pricey, phones.get(3 + 4 * k), true);
		}
		// Payments at three in the morning by ordinary clients: an hour alone is not
		// flagged by the rules; labelled anomalous to see what the model makes of it.
		this.clock.travelTo(LocalTime.of(3, 0));
		Set<String> atNight = new HashSet<>();
		for (int k = 0; k < 6; k++) {
			atNight.add(pay(clients.get(k), psychologists.get(k % 4), phones.get(k), true));
		}
		this.clock.reset();
		Projections.caughtUp(this.jdbc, "insights");
		report(learnt, atNight);
	}

	private void ordinary(int count, List<Account> clients, List<String> phones, List<Account> psychologists,
			SplittableRandom random) throws Exception {
		List<Runnable> work = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int c = random.nextInt(clients.size());
			boolean cancelFirst = random.nextInt(10) == 0;
			work.add(() -> {
				if (cancelFirst) {
					attempt(clients.get(c), psychologists.get(c % psychologists.size()), phones.get(c), "FAILED",
							false);
				}
				pay(clients.get(c), psychologists.get(c % psychologists.size()), phones.get(c), false);
			});
		}
		hourly(work, 7);
	}

	/**
	 * Runs the work in ten batches an hour apart on the app's clock, from {@code first}
	 * o'clock: real traffic is spread over a day, and a benchmark that ran it all in the
	 * same few minutes would make every regular client look like a phone hammering.
	 */
	private void hourly(List<Runnable> work, int first) throws Exception {
		int batch = (work.size() + 9) / 10;
		for (int b = 0; b * batch < work.size(); b++) {
			this.clock.travelTo(LocalTime.of(first + b, 0));
			run(work.subList(b * batch, Math.min(work.size(), (b + 1) * batch)));
		}
	}

	private void run(List<Runnable> work) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
			List<Future<?>> done = new ArrayList<>();
			for (Runnable task : work) {
				done.add(pool.submit(task));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
	}

	private String pay(Account client, Account psychologist, String phone, boolean anomalous) {
		return attempt(client, psychologist, phone, "PAID", anomalous);
	}

	/**
	 * One payment attempt on a new session; the phone's last digit picks the simulator's
	 * answer. Attempts of one phone are serial (it has one live prompt at a time).
	 */
	private String attempt(Account client, Account psychologist, String localPhone, String outcome, boolean anomalous) {
		int n = this.slot.incrementAndGet();
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 3 + n / 20, n % 20);
		String phone = outcome.equals("FAILED") ? localPhone.substring(0, localPhone.length() - 1) + "1" : localPhone;
		synchronized (phone.intern()) {
			this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus"),
						outcome::equals);
		}
		String payment = this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentId");
		this.labels.put(payment, anomalous);
		return payment;
	}

	private void report(int learnt, Set<String> atNight) {
		Map<String, String> reasons = new HashMap<>();
		Map<String, Boolean> flagged = new HashMap<>();
		this.jdbc.sql("select payment_id, reasons, flagged_at is not null as flagged from insights.signals")
			.query((rs, n) -> {
				reasons.put(rs.getString("payment_id"), rs.getString("reasons"));
				flagged.put(rs.getString("payment_id"), rs.getBoolean("flagged"));
				return n;
			})
			.list();
		List<String> lines = new ArrayList<>();
		lines.add("model trained on " + learnt + " payments; " + this.labels.size() + " payments judged, "
				+ this.labels.values().stream().filter((a) -> a).count() + " seeded anomalies");
		lines.add(measure("flagged (rules and model, score >= line)", (p) -> flagged.getOrDefault(p, false), null));
		lines.add(measure("rules alone (score >= line without the model)", (p) -> rulesAlone(reasons.get(p)), null));
		lines.add(measure("model alone (MODEL among the reasons)", (p) -> has(reasons.get(p), "MODEL"), null));
		lines.add(measure("model alone, on the payments at 3 a.m.", (p) -> has(reasons.get(p), "MODEL"), atNight));
		Map<String, Integer> falseAlarms = new java.util.TreeMap<>();
		this.labels.forEach((payment, anomalous) -> {
			if (!anomalous && flagged.getOrDefault(payment, false)) {
				falseAlarms.merge(reasons.get(payment), 1, Integer::sum);
			}
		});
		lines.add("ordinary payments flagged, by their reasons: " + falseAlarms);
		System.out.println("Fraud signals on seeded traffic (seed " + SEED + "):\n" + String.join("\n", lines));
		assertThat(this.labels).isNotEmpty();
	}

	private String measure(String what, java.util.function.Predicate<String> says, Set<String> only) {
		int tp = 0;
		int fp = 0;
		int fn = 0;
		for (Map.Entry<String, Boolean> label : this.labels.entrySet()) {
			if (only != null && !only.contains(label.getKey())) {
				continue;
			}
			boolean flagged = says.test(label.getKey());
			tp += (flagged && label.getValue()) ? 1 : 0;
			fp += (flagged && !label.getValue()) ? 1 : 0;
			fn += (!flagged && label.getValue()) ? 1 : 0;
		}
		return "%s: precision %s (%d of %d flagged), recall %s (%d of %d anomalies)".formatted(what,
				(tp + fp == 0) ? "n/a" : "%.0f%%".formatted(100.0 * tp / (tp + fp)), tp, tp + fp,
				(tp + fn == 0) ? "n/a" : "%.0f%%".formatted(100.0 * tp / (tp + fn)), tp, tp + fn);
	}

	private static boolean rulesAlone(String reasons) {
		if (reasons == null || reasons.isEmpty()) {
			return false;
		}
		return FraudRules.score(java.util.Arrays.stream(reasons.split(","))
			.map(FraudRules.Reason::valueOf)
			.filter((reason) -> reason != FraudRules.Reason.MODEL)
			.toList()) >= 2;
	}

	private static boolean has(String reasons, String reason) {
		return reasons != null && List.of(reasons.split(",")).contains(reason);
	}

}
