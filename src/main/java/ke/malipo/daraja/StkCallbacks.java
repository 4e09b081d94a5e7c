package ke.malipo.daraja;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import ke.malipo.common.money.MpesaReceipt;

/** Reads STK callback bodies in every shape Daraja has been seen to send. */
public final class StkCallbacks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StkCallbacks() {
	}

	/**
	 * Parses a callback body.
	 * @throws InvalidDarajaPayloadException when it is not an STK callback, or claims
	 * success without the receipt and amount that prove it
	 */
	public static StkCallback parse(String body) {
		try {
			return read(body);
		}
		catch (InvalidDarajaPayloadException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Numbers too large for any field, values of the wrong type: not a callback
			// Daraja sends, and never a reason to fail the request.
			throw new InvalidDarajaPayloadException("The callback has a value of the wrong type or size", ex);
		}
	}

	private static StkCallback read(String body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidDarajaPayloadException("The callback is not JSON", ex);
		}
		JsonNode callback = (root != null) ? root.path("Body").path("stkCallback") : null;
		if (callback == null || !callback.isObject()) {
			throw new InvalidDarajaPayloadException("The callback has no Body.stkCallback");
		}
		String merchant = required(callback, "MerchantRequestID");
		String checkout = required(callback, "CheckoutRequestID");
		String resultCode = required(callback, "ResultCode");
		String description = DarajaJson.withoutPrefix(DarajaJson.text(callback, "ResultDesc").orElse(""));
		if (description.indexOf('\u0000') >= 0) {
			throw new InvalidDarajaPayloadException("The callback's ResultDesc contains a NUL character");
		}
		MerchantRequestId merchantId;
		CheckoutRequestId checkoutId;
		try {
			merchantId = new MerchantRequestId(merchant);
			checkoutId = new CheckoutRequestId(checkout);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDarajaPayloadException("The callback's request ids are malformed", ex);
		}
		JsonNode items = callback.path("CallbackMetadata").path("Item");
		Long amount = DarajaJson.wholeShillings(item(items, "Amount"));
		String receiptText = item(items, "MpesaReceiptNumber");
		Instant date = DarajaJson.timestamp(item(items, "TransactionDate"));
		String phone = item(items, "PhoneNumber");
		MpesaReceipt receipt = null;
		if (receiptText != null) {
			try {
				receipt = MpesaReceipt.parse(receiptText);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidDarajaPayloadException("The callback's receipt number is malformed", ex);
			}
		}
		if (DarajaCodes.result(resultCode).codeClass() != CodeClass.SUCCESS) {
			return new StkCallback.NotPaid(merchantId, checkoutId, resultCode, description);
		}
		if (receipt == null || amount == null) {
			throw new InvalidDarajaPayloadException("A successful callback must carry the receipt and the amount");
		}
		return new StkCallback.Paid(merchantId, checkoutId, resultCode, description, receipt, amount, date, phone);
	}

	private static String required(JsonNode node, String field) {
		return DarajaJson.text(node, field)
			.orElseThrow(() -> new InvalidDarajaPayloadException("The callback has no " + field));
	}

	/**
	 * An item's value by name: the order is not guaranteed and some items carry no value.
	 */
	private static @Nullable String item(JsonNode items, String name) {
		if (!items.isArray()) {
			return null;
		}
		for (JsonNode item : items) {
			if (name.equals(item.path("Name").asString(""))) {
				return DarajaJson.text(item, "Value").orElse(null);
			}
		}
		return null;
	}

}
