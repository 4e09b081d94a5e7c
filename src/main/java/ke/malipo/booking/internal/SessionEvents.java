package ke.malipo.booking.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes what a session registered, inside the transaction that saved it: the event
 * publication registry stores each event with the change, so a listener hears of it even
 * if the application stops right after the commit.
 */
@Component
class SessionEvents {

	private final ApplicationEventPublisher publisher;

	SessionEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	void publish(Session session) {
		session.drainEvents().forEach(this.publisher::publishEvent);
	}

}
