package ke.malipo.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Daraja's M-Pesa Express, simulated: validates pushes like Daraja, keeps one live prompt
 * per phone, settles each push by its scenario (or by a person on the virtual phone
 * page), posts the callback in Daraja's shape, and answers queries "still under
 * processing" (ResultCode 4999, or the legacy 500 "being processed") until then. The
 * transactions it holds are the ground truth fault-injection runs compare against.
 */
public class SimulatedDaraja {

	private static final Logger log = LoggerFactory.getLogger(SimulatedDaraja.class);

	private final Map<String, SimulatedTransaction> byCheckout = new ConcurrentHashMap<>();

	private final Map<String, SimulatedTransaction> livePrompts = new ConcurrentHashMap<>();

	private final Map<String, String> merchants;

	private final SimulatorSettings settings;

	private final SimulatorFaults faults;

	private final CallbackDelivery callbacks;

	private final Clock clock;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("daraja-simulator").daemon().factory());

	SimulatedDaraja(SimulatorSettings settings, SimulatorFaults faults, CallbackPoster poster, Clock clock) {
		this.settings = settings;
		this.faults = faults;
		this.callbacks = new CallbackDelivery(faults, poster);
		this.clock = clock;
		Map<String, String> known = new HashMap<>(SimulatorSettings.SANDBOX_MERCHANT);
		known.putAll(settings.merchants());
		this.merchants = Map.copyOf(known);
	}

	SimulatorAnswer stkPush(JsonNode body) {
		String requestId = Ids.requestId();
		Optional<String> invalid = StkRequestRules.firstInvalidField(body);
		if (invalid.isPresent()) {
			return SimulatorAnswer.error(400, requestId, "400.002.02", "Bad Request - Invalid " + invalid.get());
		}
		Optional<SimulatorAnswer> refused = checkMerchant(body, requestId);
		if (refused.isPresent()) {
			return refused.get();
		}
		String shortcode = StkRequestRules.text(body, "BusinessShortCode");
		String phone = StkRequestRules.text(body, "PhoneNumber");
		boolean slowAnswer = this.settings.slowAnswerNumbers().contains(phone);
		Scenario scenario = this.settings.lostAnswerNumbers().contains(phone) ? Scenario.SUCCESS_CALLBACK_LOST
				: slowAnswer ? Scenario.SUCCESS : Scenario.forPhone(phone, this.settings.waitingNumbers());
		if ("CustomerBuyGoodsOnline".equals(StkRequestRules.text(body, "TransactionType"))
				&& shortcode.equals(StkRequestRules.text(body, "PartyB"))) {
			// Buy Goods needs the till number as PartyB; the shortcode there is the
			// classic mix-up.
			scenario = Scenario.OPERATOR_MISSING;
		}
		if (scenario == Scenario.SUBSCRIBER_LOCKED) {
			return SimulatorAnswer.error(500, requestId, "500.001.1001",
					"Unable to lock subscriber, a transaction is already in process for the current subscriber");
		}
		Instant now = this.clock.instant();
		// The request passed StkRequestRules above, so it has a valid amount.
		long amount = java.util.Objects.requireNonNull(StkRequestRules.amount(body));
		SimulatedTransaction transaction = new SimulatedTransaction(Ids.merchantRequestId(), Ids.checkoutRequestId(now),
				shortcode, phone, amount, StkRequestRules.text(body, "AccountReference"),
				StkRequestRules.text(body, "CallBackURL"), now, scenario);
		if (this.livePrompts.putIfAbsent(phone, transaction) != null) {
			return SimulatorAnswer.error(500, requestId, "500.001.1001",
					"Unable to lock subscriber, a transaction is already in process for the current subscriber");
		}
		boolean answerLost = this.settings.lostAnswerNumbers().contains(phone);
		if (answerLost) {
			// The prompt goes out and is paid, but neither Daraja's answer nor the
			// callback
			// ever reaches the merchant.
			this.byCheckout.put(transaction.checkoutRequestId(), transaction);
			schedule(transaction);
			return SimulatorAnswer.error(500, requestId, "500.003.1001", "Internal Server Error");
		}
		if (this.faults.serverError()) {
			// Half the time the prompt still went out and the merchant never learns its
			// id: the
			// ambiguous case that must never be answered by pushing again.
			if (this.faults.coinFlip()) {
				this.byCheckout.put(transaction.checkoutRequestId(), transaction);
				schedule(transaction);
			}
			else {
				this.livePrompts.remove(phone, transaction);
			}
			return SimulatorAnswer.error(500, requestId, "500.003.1001", "Internal Server Error");
		}
		this.byCheckout.put(transaction.checkoutRequestId(), transaction);
		if (slowAnswer) {
			// Paid and called back at once; the answer to the push leaves afterwards.
			this.scheduler.execute(() -> settle(transaction.checkoutRequestId(), Scenario.SUCCESS, false));
			pause(this.settings.slowAnswerDelay());
		}
		else {
			schedule(transaction);
		}
		Map<String, Object> accepted = new LinkedHashMap<>();
		accepted.put("MerchantRequestID", transaction.merchantRequestId());
		accepted.put("CheckoutRequestID", transaction.checkoutRequestId());
		accepted.put("ResponseCode", "0");
		accepted.put("ResponseDescription", "Success. Request accepted for processing");
		accepted.put("CustomerMessage", "Success. Request accepted for processing");
		return SimulatorAnswer.ok(accepted);
	}

	SimulatorAnswer stkQuery(JsonNode body) {
		String requestId = Ids.requestId();
		String checkout = StkRequestRules.text(body, "CheckoutRequestID");
		Optional<SimulatorAnswer> refused = checkMerchant(body, requestId);
		if (refused.isPresent()) {
			return refused.get();
		}
		String shortcode = StkRequestRules.text(body, "BusinessShortCode");
		SimulatedTransaction transaction = this.byCheckout.get(checkout);
		if (transaction == null) {
			return SimulatorAnswer.error(400, requestId, "400.002.02", "Bad Request - Invalid CheckoutRequestID");
		}
		if (transaction.isPending()) {
			if (this.settings.pendingQuery() == SimulatorSettings.PendingQuery.LEGACY) {
				return SimulatorAnswer.error(500, checkout, "500.001.1001", "The transaction is being processed");
			}
			Map<String, Object> pending = new LinkedHashMap<>();
			pending.put("ResponseCode", "0");
			pending.put("ResponseDescription", "The service request has been accepted successsfully");
			pending.put("MerchantRequestID", transaction.merchantRequestId());
			pending.put("CheckoutRequestID", transaction.checkoutRequestId());
			pending.put("ResultCode", "4999");
			pending.put("ResultDesc", "The transaction is still under processing");
			return SimulatorAnswer.ok(pending);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ResponseCode", "0");
		result.put("ResponseDescription", "The service request has been accepted successfully");
		result.put("MerchantRequestID", transaction.merchantRequestId());
		result.put("CheckoutRequestID", transaction.checkoutRequestId());
		result.put("ResultCode", transaction.resultCode());
		result.put("ResultDesc", transaction.resultDescription());
		return SimulatorAnswer.ok(result);
	}

	/**
	 * Daraja's merchant checks shared by push and query: a known shortcode, a password
	 * built from its passkey and the request's own timestamp, and (injected) spike
	 * arrest.
	 */
	private Optional<SimulatorAnswer> checkMerchant(JsonNode body, String requestId) {
		String shortcode = StkRequestRules.text(body, "BusinessShortCode");
		String passkey = this.merchants.get(shortcode);
		if (passkey == null) {
			return Optional.of(SimulatorAnswer.error(500, requestId, "500.001.1001", "Merchant does not exist"));
		}
		String expected = Base64.getEncoder()
			.encodeToString(
					(shortcode + passkey + StkRequestRules.text(body, "Timestamp")).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(StkRequestRules.text(body, "Password"))) {
			return Optional
				.of(SimulatorAnswer.error(500, requestId, "500.001.1001", "[MerchantValidate] - Wrong credentials"));
		}
		if (this.faults.spikeArrest()) {
			return Optional
				.of(SimulatorAnswer.error(500, requestId, "500.003.02", "Error Occurred: Spike Arrest Violation"));
		}
		return Optional.empty();
	}

	/** Prompts waiting for a person on the virtual phone page, oldest first. */
	public List<SimulatedTransaction> waitingPrompts() {
		return this.livePrompts.values()
			.stream()
			.filter((t) -> t.scenario() == Scenario.WAITS_FOR_PERSON && t.isPending())
			.sorted(Comparator.comparing(SimulatedTransaction::initiatedAt))
			.toList();
	}

	/** The person entered a PIN (which goes nowhere) and confirmed. */
	public boolean accept(String checkoutRequestId) {
		return settle(checkoutRequestId, Scenario.SUCCESS, true);
	}

	/** The person pressed cancel. */
	public boolean cancel(String checkoutRequestId) {
		return settle(checkoutRequestId, Scenario.CANCELLED, true);
	}

	public Optional<SimulatedTransaction> transaction(String checkoutRequestId) {
		return Optional.ofNullable(this.byCheckout.get(checkoutRequestId));
	}

	public Collection<SimulatedTransaction> transactions() {
		return List.copyOf(this.byCheckout.values());
	}

	/** Paid transactions completed in a range: the M-Pesa statement's truth. */
	public List<SimulatedTransaction> paidBetween(Instant from, Instant to) {
		return paidBetween(from, to, this.clock.instant().plusSeconds(1));
	}

	/**
	 * Paid transactions completed in a range that M-Pesa's Pull records show by now:
	 * those completed at least the configured delay ago.
	 */
	List<SimulatedTransaction> pulledBetween(Instant from, Instant to) {
		return paidBetween(from, to, this.clock.instant().minus(this.settings.pullDelay()));
	}

	private List<SimulatedTransaction> paidBetween(Instant from, Instant to, Instant completedBy) {
		return this.byCheckout.values()
			.stream()
			.filter(SimulatedTransaction::isPaid)
			.filter((t) -> !t.completedAtOrFail().isAfter(completedBy))
			.filter((t) -> !t.completedAtOrFail().isBefore(from) && t.completedAtOrFail().isBefore(to))
			.sorted(Comparator.comparing(SimulatedTransaction::completedAtOrFail))
			.toList();
	}

	public Optional<SimulatedTransaction> byReceipt(String receipt) {
		return this.byCheckout.values().stream().filter((t) -> receipt.equals(t.receipt())).findFirst();
	}

	private static void pause(java.time.Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void schedule(SimulatedTransaction transaction) {
		if (transaction.scenario() == Scenario.WAITS_FOR_PERSON) {
			this.scheduler.schedule(() -> settle(transaction.checkoutRequestId(), Scenario.UNREACHABLE, true),
					this.settings.promptTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		this.scheduler.schedule(() -> settle(transaction.checkoutRequestId(), transaction.scenario(), false),
				this.settings.outcomeDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	private boolean settle(String checkoutRequestId, Scenario outcome, boolean byPerson) {
		SimulatedTransaction transaction = this.byCheckout.get(checkoutRequestId);
		if (transaction == null) {
			return false;
		}
		Instant now = this.clock.instant();
		String receipt = outcome.paid() ? Ids.receipt(now) : null;
		if (!transaction.complete(outcome.resultCode(), outcome.resultDescription(), receipt, now)) {
			return false;
		}
		this.livePrompts.remove(transaction.phone(), transaction);
		this.callbacks.deliver(transaction, byPerson ? Scenario.SUCCESS : transaction.scenario());
		return true;
	}

	void shutdown() {
		this.scheduler.shutdownNow();
	}

}
