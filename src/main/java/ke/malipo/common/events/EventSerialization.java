package ke.malipo.common.events;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * Events are written as JSON by the application's own {@link JsonMapper}, the one Spring
 * Modulith would choose, found once: Modulith's default serializer asks the bean factory
 * for the mapper on every event it writes or reads (BENCHMARKS.md, "A change in one
 * statement"). It writes and reads as that serializer does, so stored publications and
 * feed rows read as before.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

	@Bean
	EventSerializer eventSerializer(JsonMapper mapper) {
		return new EventSerializer() {

			@Override
			public Object serialize(Object event) {
				return mapper.writeValueAsString(event);
			}

			@Override
			public <T> T deserialize(Object serialized, Class<T> type) {
				return mapper.readerFor(type).readValue(serialized.toString());
			}

		};
	}

}
