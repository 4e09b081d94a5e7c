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
		return Map.of(SessionNotPayable.class, HttpStatus.CONFLICT, SessionAlreadyPaid.class, HttpStatus.CONFLICT,
				SessionPaymentInProgress.class, HttpStatus.CONFLICT, IllegalTransitionException.class,
				HttpStatus.CONFLICT, BookingFailures.SlotTaken.class, HttpStatus.CONFLICT,
				BookingFailures.OutsideHours.class, HttpStatus.CONFLICT, BookingFailures.PaymentWindowClosed.class,
				HttpStatus.CONFLICT, BookingFailures.AmountMismatch.class, HttpStatus.CONFLICT,
				BookingFailures.TooManyOpenRequests.class, HttpStatus.TOO_MANY_REQUESTS);
	}

}
