package ke.malipo.daraja;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import ke.malipo.common.money.MpesaReceipt;

/**
 * Reads the {@code Result} envelope of asynchronous Daraja APIs leniently: parameters as
 * an array or a single object, keys with or without spaces ("Conversation ID"), values as
 * numbers or strings or absent (daraja-reference.md §6.1, §6.7).
 * <p>
 * Not used by the application yet: reconciliation (issue 12) confirms receipts found in a
 * statement with Transaction Status and reads its results with this.
 */
public final class TransactionStatusResults {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TransactionStatusResults() {
	}

	public static TransactionStatusResult parse(String body) {
		JsonNode result;
		try {
			JsonNode root = JSON.readTree(body);
			result = (root != null) ? root.path("Result") : null;
		}
		catch (JacksonException ex) {
			throw new InvalidDarajaPayloadException("The result is not JSON", ex);
		}
		if (result == null || !result.isObject()) {
			throw new InvalidDarajaPayloadException("The body has no Result");
		}
		String code = DarajaJson.text(result, "ResultCode")
			.orElseThrow(() -> new InvalidDarajaPayloadException("The result has no ResultCode"));
		JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
		String receiptText = parameter(parameters, "ReceiptNo");
		if (receiptText == null) {
			receiptText = DarajaJson.text(result, "TransactionID").orElse(null);
		}
		MpesaReceipt receipt = null;
		if (receiptText != null) {
			try {
				receipt = MpesaReceipt.parse(receiptText);
			}
			catch (IllegalArgumentException ex) {
				receipt = null;
			}
		}
		return new TransactionStatusResult(code,
				DarajaJson.withoutPrefix(DarajaJson.text(result, "ResultDesc").orElse("")),
				DarajaJson.text(result, "ConversationID").orElse(parameter(parameters, "ConversationID")),
				DarajaJson.text(result, "OriginatorConversationID").orElse(null), receipt,
				DarajaJson.wholeShillings(parameter(parameters, "Amount")), parameter(parameters, "TransactionStatus"),
				parameter(parameters, "DebitPartyName"), DarajaJson.timestamp(parameter(parameters, "FinalisedTime")));
	}

	/** A parameter by key, matching "ConversationID" and "Conversation ID" alike. */
	private static @Nullable String parameter(JsonNode parameters, String key) {
		String wanted = normalise(key);
		Iterable<JsonNode> items = parameters.isArray() ? parameters : java.util.List.of(parameters);
		for (JsonNode item : items) {
			if (item.isObject() && wanted.equals(normalise(item.path("Key").asString("")))) {
				return DarajaJson.text(item, "Value").orElse(null);
			}
		}
		return null;
	}

	private static String normalise(String key) {
		return key.replace(" ", "").toLowerCase(Locale.ROOT);
	}

}
