package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentStep;
import org.jspecify.annotations.Nullable;

/**
 * What an attempt recorded since it was loaded: its timeline steps and the last thing
 * that happened to it. Drained once when the attempt is stored, it becomes the steps to
 * write and the one event to publish with them, carrying the attempt as stored (its
 * version included).
 */
final class AttemptChanges {

	/** What a change did, in the words of the event it publishes. */
	enum Change {

		STARTED, PROMPTED, CONFIRMED, RECEIPT_FOUND, FAILED, UNDECIDED

	}

	private final int loadedVersion;

	private final List<PaymentStep> steps = new ArrayList<>();

	private @Nullable Change change;

	AttemptChanges(int loadedVersion) {
		this.loadedVersion = loadedVersion;
	}

	void started() {
		this.change = Change.STARTED;
	}

	void happened(Change what) {
		if (this.change != Change.STARTED) {
			this.change = what;
		}
	}

	void step(Instant at, HistoryKind kind, String detail) {
		this.steps.add(new PaymentStep(at, kind, detail));
	}

	/** The steps to store and the event to publish; nothing is kept. */
	Drained drain(AttemptRecord attempt) {
		List<PaymentStep> drained = List.copyOf(this.steps);
		Change what = this.change;
		this.steps.clear();
		this.change = null;
		if (drained.isEmpty() && what == null) {
			return new Drained(drained, Optional.empty());
		}
		long version = (what == Change.STARTED) ? 0 : this.loadedVersion + 1;
		PaymentFacts facts = facts(attempt, version);
		Instant at = drained.isEmpty() ? attempt.updatedAt() : drained.get(drained.size() - 1).at();
		PaymentEvent event = switch ((what != null) ? what : Change.STARTED) {
			case STARTED -> (what == null) ? new PaymentEvent.PaymentNoted(facts, drained, at)
					: new PaymentEvent.PaymentStarted(facts, drained, at);
			case PROMPTED -> new PaymentEvent.PromptSent(facts, drained, at);
			case CONFIRMED -> new PaymentEvent.PaymentConfirmed(facts, drained, at);
			case RECEIPT_FOUND -> new PaymentEvent.ReceiptFound(facts, drained, at);
			case FAILED -> new PaymentEvent.PaymentFailed(facts, drained, at);
			case UNDECIDED -> new PaymentEvent.PaymentOutcomeUnknown(facts, drained, at);
		};
		return new Drained(drained, Optional.of(event));
	}

	/** The attempt as it stands, as events and the settlement API carry it. */
	static PaymentFacts facts(AttemptRecord attempt, long version) {
		AttemptTerms terms = attempt.terms();
		return new PaymentFacts(terms.id(), terms.sessionId(), terms.clientId(), terms.psychologistId(), terms.amount(),
				terms.phone(), terms.reference(), attempt.state(), attempt.checkoutRequestId(), attempt.receipt(),
				attempt.verdict().resultCode(), attempt.verdict().outcome(), terms.createdAt(), attempt.updatedAt(),
				version);
	}

	/**
	 * The steps to write with the attempt, and the event to publish in the same
	 * transaction (none when nothing was recorded).
	 */
	record Drained(List<PaymentStep> steps, Optional<PaymentEvent> event) {
	}

}
