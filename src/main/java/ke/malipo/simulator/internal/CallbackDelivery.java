package ke.malipo.simulator.internal;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ke.malipo.common.time.Eat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the simulator tells the merchant how a push ended: one callback in Daraja's shape,
 * posted over HTTP, unless the scenario or an injected fault drops it, sends it twice or
 * delays it (which reorders callbacks).
 */
final class CallbackDelivery {

	private static final Logger log = LoggerFactory.getLogger(CallbackDelivery.class);

	private static final DateTimeFormatter DARAJA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
		.withZone(Eat.ZONE);

	private final SimulatorFaults faults;

	private final CallbackPoster poster;

	CallbackDelivery(SimulatorFaults faults, CallbackPoster poster) {
		this.faults = faults;
		this.poster = poster;
	}

	void deliver(SimulatedTransaction transaction, Scenario delivery) {
		if (delivery == Scenario.SUCCESS_CALLBACK_LOST || this.faults.dropCallback()) {
			log.debug("Dropping the callback of {}", transaction.checkoutRequestId());
			return;
		}
		int copies = (delivery == Scenario.SUCCESS_CALLBACK_TWICE || this.faults.duplicateCallback()) ? 2 : 1;
		Map<String, Object> body = callbackBody(transaction);
		for (int i = 0; i < copies; i++) {
			Duration delay = this.faults.callbackDelay();
			Thread.ofVirtual().name("daraja-callback").start(() -> {
				sleep(delay);
				this.poster.post(transaction.callbackUrl(), body);
			});
		}
	}

	/** Daraja's callback: metadata only on success, ResultCode as a number. */
	static Map<String, Object> callbackBody(SimulatedTransaction transaction) {
		Map<String, Object> callback = new LinkedHashMap<>();
		callback.put("MerchantRequestID", transaction.merchantRequestId());
		callback.put("CheckoutRequestID", transaction.checkoutRequestId());
		String code = String.valueOf(transaction.resultCode());
		callback.put("ResultCode", code.matches("\\d+") ? Integer.parseInt(code) : code);
		callback.put("ResultDesc", transaction.resultDescription());
		if (transaction.isPaid()) {
			List<Map<String, Object>> items = new ArrayList<>();
			items.add(Map.of("Name", "Amount", "Value", transaction.amount()));
			items.add(Map.of("Name", "MpesaReceiptNumber", "Value", String.valueOf(transaction.receipt())));
			// 2026 production callbacks still carry a Balance item with no Value.
			items.add(Map.of("Name", "Balance"));
			items.add(Map.of("Name", "TransactionDate", "Value",
					Long.parseLong(DARAJA_TIME.format(transaction.completedAt()))));
			items.add(Map.of("Name", "PhoneNumber", "Value", Long.parseLong(transaction.phone())));
			callback.put("CallbackMetadata", Map.of("Item", items));
		}
		return Map.of("Body", Map.of("stkCallback", callback));
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
