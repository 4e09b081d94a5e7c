package ke.malipo.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.springframework.context.event.EventListener;

/**
 * Every Malipo event published while the tests run, from any thread (HTTP requests are
 * served on server threads, which Spring's own recorder does not see).
 */
public class RecordedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(Object event) {
		if (event.getClass().getName().startsWith("ke.malipo.")) {
			this.events.add(event);
		}
	}

	public <T> Stream<T> stream(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast);
	}

}
