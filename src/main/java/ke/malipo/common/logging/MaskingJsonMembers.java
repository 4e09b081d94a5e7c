package ke.malipo.common.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Structured (JSON) logs are masked like the plain ones (Property 47): every text value
 * of a log line, the message and the stack trace among them, passes through
 * {@link LogMasking}. Named by {@code logging.structured.json.customizer}.
 */
public class MaskingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(
				JsonWriter.ValueProcessor.of(String.class, (value) -> (value != null) ? LogMasking.mask(value) : null));
	}

}
