package ke.malipo.booking.web;

import java.util.Map;

import ke.malipo.booking.SessionAlreadyPaid;
import ke.malipo.booking.SessionNotPayable;
import ke.malipo.booking.SessionPaymentInProgress;
import ke.malipo.booking.internal.BookingFailures;
import ke.malipo.booking.internal.IllegalTransitionException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.ProblemStatuses;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** How booking's failures read over HTTP: each is a conflict with the session's state. */
@Component
class BookingProblemStatuses implements ProblemStatuses {

	@Override
	public Map<Class<? extends MalipoException>, HttpStatus> statuses() {
		return Map.ofEntries(Map.entry(SessionNotPayable.class, HttpStatus.CONFLICT),
				Map.entry(SessionAlreadyPaid.class, HttpStatus.CONFLICT),
				Map.entry(SessionPaymentInProgress.class, HttpStatus.CONFLICT),
				Map.entry(IllegalTransitionException.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.SlotTaken.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.OutsideHours.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.TooLateToMove.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.NeedsTheirHours.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.PaymentWindowClosed.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.AmountMismatch.class, HttpStatus.CONFLICT),
				Map.entry(BookingFailures.TooManyOpenRequests.class, HttpStatus.TOO_MANY_REQUESTS));
	}

}
