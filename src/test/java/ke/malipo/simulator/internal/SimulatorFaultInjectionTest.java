package ke.malipo.simulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.StkPassword;
import ke.malipo.support.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Injected faults happen at the configured rates, change nothing about what really
 * happened (the ground truth), and repeat exactly from the same seed.
 */
class SimulatorFaultInjectionTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StubServer receiver = new StubServer();

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	private static SimulatorSettings settings(long seed, double serverErrors, double drops, double duplicates) {
		return new SimulatorSettings(true, null, null, Map.of(), Duration.ofMillis(20), Duration.ofSeconds(2),
				Duration.ofSeconds(3599), false, List.of("254700000009"), "pw",
				new SimulatorSettings.Faults(seed, Duration.ZERO, serverErrors, 0, drops, duplicates, Duration.ZERO, 0,
						0),
				SimulatorSettings.PendingQuery.CURRENT, 100, Duration.ZERO, List.of(), List.of(), Duration.ZERO,
				"simulator-at-key", List.of());
	}

	private JsonNode push(String phone, String hook) {
		StkPassword password = StkPassword.at(Instant.now(), "174379", DarajaSettings.SANDBOX_PASSKEY);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("BusinessShortCode", "174379");
		body.put("Password", password.password());
		body.put("Timestamp", password.timestamp());
		body.put("TransactionType", "CustomerPayBillOnline");
		body.put("Amount", 100);
		body.put("PartyA", phone);
		body.put("PartyB", "174379");
		body.put("PhoneNumber", phone);
		body.put("CallBackURL", this.receiver.url() + "/hooks/" + hook);
		body.put("AccountReference", "Malipo");
		body.put("TransactionDesc", "Test");
		return JSON.valueToTree(body);
	}

	/**
	 * Runs 40 pushes from distinct numbers; answers the phone index of every push whose
	 * callback arrived.
	 */
	private Set<Integer> run(SimulatedDaraja daraja, String prefix, int expectedCallbacks) {
		for (int i = 0; i < 40; i++) {
			daraja.stkPush(push("2547110" + String.format("%05d", i), prefix + "-" + i));
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> daraja.transactions().stream().noneMatch(SimulatedTransaction::isPending));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.receiver.received("/hooks/" + prefix).size() >= expectedCallbacks);
		Set<Integer> delivered = new TreeSet<>();
		this.receiver.received("/hooks/" + prefix)
			.forEach((r) -> delivered.add(Integer.parseInt(r.path().substring(r.path().lastIndexOf('-') + 1))));
		return delivered;
	}

	@Test
	void droppedCallbacksRepeatFromTheSeedAndTheMoneyStillMoved() {
		SimulatedDaraja first = new SimulatedDaraja(settings(42, 0, 0.5, 0),
				new SimulatorFaults(settings(42, 0, 0.5, 0).faults()), new CallbackPoster(List.of()),
				Clock.systemUTC());
		SimulatedDaraja second = new SimulatedDaraja(settings(42, 0, 0.5, 0),
				new SimulatorFaults(settings(42, 0, 0.5, 0).faults()), new CallbackPoster(List.of()),
				Clock.systemUTC());
		Set<Integer> deliveredFirst = run(first, "a", 1);
		Set<Integer> deliveredSecond = run(second, "b", deliveredFirst.size());
		assertThat(deliveredFirst).hasSizeBetween(8, 32).isEqualTo(deliveredSecond);
		assertThat(first.transactions()).hasSize(40).allMatch(SimulatedTransaction::isPaid);
		first.shutdown();
		second.shutdown();
	}

	@Test
	void duplicatedCallbacksArriveTwice() {
		SimulatedDaraja daraja = new SimulatedDaraja(settings(7, 0, 0, 1.0),
				new SimulatorFaults(settings(7, 0, 0, 1.0).faults()), new CallbackPoster(List.of()), Clock.systemUTC());
		run(daraja, "d", 80);
		assertThat(this.receiver.received("/hooks/d")).hasSize(80);
		daraja.shutdown();
	}

	@Test
	void serverErrorsAreAmbiguousSomePromptsStillWentOut() {
		SimulatedDaraja daraja = new SimulatedDaraja(settings(3, 1.0, 0, 0),
				new SimulatorFaults(settings(3, 1.0, 0, 0).faults()), new CallbackPoster(List.of()), Clock.systemUTC());
		List<SimulatorAnswer> answers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			answers.add(daraja.stkPush(push("2547120" + String.format("%05d", i), "e-" + i)));
		}
		assertThat(answers).allMatch((a) -> a.status() == 500 && "500.003.1001".equals(a.body().get("errorCode")));
		assertThat(daraja.transactions()).hasSizeBetween(8, 32);
		daraja.shutdown();
	}

	@Test
	void cancelOnTheVirtualPhoneEndsThePromptWith1032() {
		SimulatedDaraja daraja = new SimulatedDaraja(settings(1, 0, 0, 0),
				new SimulatorFaults(settings(1, 0, 0, 0).faults()), new CallbackPoster(List.of()), Clock.systemUTC());
		SimulatorAnswer answer = daraja.stkPush(push("254700000009", "c"));
		String checkout = String.valueOf(answer.body().get("CheckoutRequestID"));
		assertThat(daraja.waitingPrompts()).extracting(SimulatedTransaction::checkoutRequestId).contains(checkout);
		assertThat(daraja.cancel(checkout)).isTrue();
		assertThat(daraja.accept(checkout)).as("a settled prompt cannot be answered again").isFalse();
		assertThat(daraja.transaction(checkout).orElseThrow().resultCode()).isEqualTo("1032");
		assertThat(daraja.waitingPrompts()).isEmpty();
		daraja.shutdown();
	}

	@Test
	void tillConfiguredLikeAPaybillFailsWithTheStringCodeSfcIc0003() {
		SimulatedDaraja daraja = new SimulatedDaraja(settings(1, 0, 0, 0),
				new SimulatorFaults(settings(1, 0, 0, 0).faults()), new CallbackPoster(List.of()), Clock.systemUTC());
		tools.jackson.databind.node.ObjectNode body = (tools.jackson.databind.node.ObjectNode) push("254712345678",
				"t");
		body.put("TransactionType", "CustomerBuyGoodsOnline");
		daraja.stkPush(body);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received("/hooks/t").size() == 1);
		assertThat(this.receiver.received("/hooks/t").get(0).body()).contains("\"ResultCode\":\"SFC_IC0003\"");
		daraja.shutdown();
	}

	@Test
	void productionRefusesTheSimulator() {
		org.springframework.mock.env.MockEnvironment production = new org.springframework.mock.env.MockEnvironment();
		production.setActiveProfiles("prod");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> new SimulatorConfiguration().simulatorFaults(settings(1, 0, 0, 0), production))
			.withMessageContaining("prod profile")
			.withMessageContaining("malipo.simulator.enabled=false");
		// Without the profile too, when the deployment is plainly real.
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> new SimulatorConfiguration().simulatorFaults(settings(1, 0, 0, 0),
					new org.springframework.mock.env.MockEnvironment().withProperty("malipo.mpesa.environment",
							"production")))
			.withMessageContaining("M-Pesa's production environment");
	}

}
