package ke.malipo.notifications.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ke.malipo.identity.Contact;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentFeedReader;

import org.springframework.stereotype.Component;

/**
 * Tells people what happened to their payment, from payments' change feed (DECISIONS.md
 * 26): the money proven, the psychologist hears it at once (Properties 25, 62) and the
 * client too, with the receipt by email (Properties 26, 61); a failure tells the client
 * why and how to try again (Property 63). A batch of events is read with notifications'
 * place in the feed in one transaction, and the names, contacts, languages and session
 * times it needs are looked up once for the whole batch, not once per notice. Each notice
 * is written once: a batch read again finds its notices written (one per payment version,
 * recipient and channel).
 */
@Component
class PaymentNotices implements PaymentFeedReader {

	private final Notices notices;

	private final UserDirectory directory;

	private final Texts texts;

	private final Preferences preferences;

	private final TrackedSessions sessions;

	PaymentNotices(Notices notices, UserDirectory directory, Texts texts, Preferences preferences,
			TrackedSessions sessions) {
		this.notices = notices;
		this.directory = directory;
		this.texts = texts;
		this.preferences = preferences;
		this.sessions = sessions;
	}

	/** Notifications' name in payments' change feed. */
	@Override
	public String name() {
		return "notifications";
	}

	@Override
	public void apply(List<PaymentEvent> events) {
		List<PaymentEvent> told = events.stream()
			.filter((event) -> event instanceof PaymentEvent.PaymentConfirmed
					|| event instanceof PaymentEvent.PaymentFailed)
			.toList();
		if (told.isEmpty()) {
			return;
		}
		Lookups lookups = lookups(told);
		for (PaymentEvent event : told) {
			switch (event) {
				case PaymentEvent.PaymentConfirmed confirmed -> confirmed(confirmed.payment(), lookups);
				case PaymentEvent.PaymentFailed failed -> failed(failed, lookups);
				default -> throw new IllegalStateException("Not told: " + event.getClass().getSimpleName());
			}
		}
	}

	private void confirmed(PaymentFacts payment, Lookups lookups) {
		String key = key(payment);
		String link = "/sessions/" + payment.sessionId().value();
		String toPsychologist = lookups.language(payment.psychologistId());
		this.notices.deliverInApp(this.texts.notice(key, payment.psychologistId(), NoticeKind.PAYMENT_CONFIRMED,
				toPsychologist, "payment-received", link, lookups.name(payment.clientId()), payment.amount().display(),
				when(toPsychologist, payment, lookups), receipt(toPsychologist, payment)));
		String lang = lookups.language(payment.clientId());
		String booked = this.texts.text(lang, "payment-confirmed.body", payment.amount().display(),
				when(lang, payment, lookups), receipt(lang, payment));
		this.notices.deliverInApp(new Notice(key, payment.clientId(), NoticeKind.PAYMENT_CONFIRMED,
				this.texts.text(lang, "payment-confirmed.title"), booked, link));
		String subject = (payment.receipt() != null)
				? this.texts.text(lang, "payment-confirmed.subject", payment.receipt().value())
				: this.texts.text(lang, "payment-confirmed.subject.no-receipt");
		Contact client = lookups.contacts().get(payment.clientId());
		if (client != null) {
			this.notices.queueEmail(
					new Notice(key, payment.clientId(), NoticeKind.PAYMENT_CONFIRMED, subject, booked, link),
					client.email(), payment.sessionId());
		}
	}

	private void failed(PaymentEvent.PaymentFailed failed, Lookups lookups) {
		PaymentFacts payment = failed.payment();
		String lang = lookups.language(payment.clientId());
		this.notices.deliverInApp(this.texts.notice(key(payment), payment.clientId(), NoticeKind.PAYMENT_FAILED, lang,
				"payment-failed", "/sessions/" + payment.sessionId().value() + "/pay", failure(lang, failed)));
	}

	/** One notice per change of the payment, however often its event is read. */
	private static String key(PaymentFacts payment) {
		return "payment:" + payment.id().value() + ":" + payment.version();
	}

	/**
	 * Why, in the words payments wrote for the client (in English), or the texts' words
	 * for M-Pesa's code in another language; a decision of our team is told without its
	 * author's words, which were written for the record.
	 */
	private String failure(String language, PaymentEvent.PaymentFailed failed) {
		boolean byOurTeam = failed.steps().stream().anyMatch((step) -> step.kind() == HistoryKind.RESOLVED);
		String outcome = failed.payment().outcome();
		if (byOurTeam || outcome == null) {
			return this.texts.text(language, "payment-failed.by-team");
		}
		if ("en".equals(language)) {
			return outcome;
		}
		String code = failed.payment().resultCode();
		return ((code != null) ? this.texts.textIfAny(language, "failure." + code.strip()) : Optional.<String>empty())
			.orElseGet(() -> this.texts.text(language, "failure.other"));
	}

	private String receipt(String language, PaymentFacts payment) {
		return (payment.receipt() != null) ? this.texts.text(language, "receipt", payment.receipt().value())
				: this.texts.text(language, "receipt.follows");
	}

	private String when(String language, PaymentFacts payment, Lookups lookups) {
		TrackedSessions.Times times = lookups.times().get(payment.sessionId().value());
		return (times != null) ? this.texts.text(language, "when", this.texts.at(language, times.start()))
				: this.texts.text(language, "when.unknown");
	}

	/** Everything the batch's notices need, each in one query. */
	private Lookups lookups(List<PaymentEvent> events) {
		Set<UserId> people = new HashSet<>();
		Set<UUID> sessionIds = new HashSet<>();
		for (PaymentEvent event : events) {
			people.add(event.payment().clientId());
			people.add(event.payment().psychologistId());
			sessionIds.add(event.payment().sessionId().value());
		}
		return new Lookups(this.directory.contacts(people), this.preferences.languages(people),
				this.sessions.times(sessionIds));
	}

	private record Lookups(Map<UserId, Contact> contacts, Map<UserId, String> languages,
			Map<UUID, TrackedSessions.Times> times) {

		String language(UserId user) {
			return this.languages.getOrDefault(user, Preferences.DEFAULT.language());
		}

		String name(UserId user) {
			Contact contact = this.contacts.get(user);
			return (contact != null) ? contact.name() : "—";
		}

	}

}
