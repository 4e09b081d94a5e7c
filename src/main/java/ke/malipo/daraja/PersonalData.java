package ke.malipo.daraja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ke.malipo.common.logging.LogMasking;
import org.jspecify.annotations.Nullable;
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
		try {
			walk(tree);
			return JSON.writeValueAsString(tree);
		}
		catch (RuntimeException ex) {
			// A body that parses but will not walk or write back (a number like 1e400):
			// masked as text; a refused callback must still be kept.
			return LogMasking.mask(body);
		}
	}

	private static void walk(JsonNode node) {
		if (node instanceof ObjectNode object) {
			// Daraja's lists of {"Name"/"Key": ..., "Value": ...} pairs name the field
			// beside its value.
			String pairName = name(object.get("Name"), name(object.get("Key"), ""));
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

	/** A pair's name when it is text; names sent as numbers name nothing personal. */
	private static String name(@Nullable JsonNode node, String otherwise) {
		return (node != null && node.isString()) ? node.asString("") : otherwise;
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
