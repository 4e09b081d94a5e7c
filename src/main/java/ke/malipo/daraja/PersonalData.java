package ke.malipo.daraja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ke.malipo.common.logging.LogMasking;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * What of a payer's identity a stored Daraja body may keep once it has done its work.
 * Callbacks and results are kept as evidence, but the full phone number and the payer's
 * name are needed only while the body is applied (to compare the payer with the attempt);
 * the attempt itself keeps the number it pushed to. Afterwards phone numbers keep their
 * first four and last three digits and names their initials, in every place Daraja puts
 * them (metadata items, result parameters, {@code DebitPartyName}, first, middle and last
 * names). A body that is not JSON is masked as text, like a log line.
 */
public final class PersonalData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> PHONE_FIELDS = Set.of("phonenumber", "msisdn", "partya", "debitpartyname",
			"receiverpartypublicname", "initiatorphone");

	private static final Set<String> NAME_FIELDS = Set.of("firstname", "middlename", "lastname", "kycname");

	private PersonalData() {
	}

	/**
	 * The body with phone numbers and names masked; the rest exactly as Daraja sent it.
	 */
	public static String redact(String body) {
		JsonNode tree;
		try {
			tree = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return LogMasking.mask(body);
		}
		if (tree == null || !tree.isContainer()) {
			return LogMasking.mask(body);
		}
		walk(tree);
		return JSON.writeValueAsString(tree);
	}

	private static void walk(JsonNode node) {
		if (node instanceof ObjectNode object) {
			// Daraja's lists of {"Name"/"Key": ..., "Value": ...} pairs name the field
			// beside its value.
			String pairName = DarajaJson.text(object, "Name").or(() -> DarajaJson.text(object, "Key")).orElse("");
			List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(object.properties());
			for (Map.Entry<String, JsonNode> property : properties) {
				String field = property.getKey().equalsIgnoreCase("Value") ? pairName : property.getKey();
				JsonNode value = property.getValue();
				if (value.isContainer()) {
					walk(value);
				}
				else if (!value.isNull()) {
					String lower = field.toLowerCase(Locale.ROOT);
					if (PHONE_FIELDS.contains(lower)) {
						object.set(property.getKey(), StringNode.valueOf(party(value.asString(""))));
					}
					else if (NAME_FIELDS.contains(lower)) {
						object.set(property.getKey(), StringNode.valueOf(initials(value.asString(""))));
					}
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node) {
				walk(child);
			}
		}
	}

	/**
	 * A phone number, or Daraja's "254708374149 - Achieng Odhiambo": the number masked,
	 * the name cut to initials.
	 */
	private static String party(String text) {
		int dash = text.indexOf(" - ");
		return (dash < 0) ? LogMasking.mask(text)
				: LogMasking.mask(text.substring(0, dash)) + " - " + initials(text.substring(dash + 3));
	}

	/** "Achieng Odhiambo" → "A. O." */
	private static String initials(String name) {
		StringBuilder out = new StringBuilder();
		for (String part : name.strip().split("\\s+")) {
			if (!part.isEmpty()) {
				out.append(out.isEmpty() ? "" : " ")
					.append(part.codePoints().limit(1).mapToObj(Character::toString).findFirst().orElse(""))
					.append('.');
			}
		}
		return out.toString();
	}

}
