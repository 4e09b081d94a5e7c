package ke.malipo.payments.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import ke.malipo.common.time.Eat;
import ke.malipo.payments.internal.PaymentAttempt;

import org.springframework.context.MessageSource;

/**
 * What the person paying reads about an attempt (Properties 11, 24, 27), in English (the
 * API, and pages in English) or Kiswahili (pages in Kiswahili). A failure's reason is
 * M-Pesa's, as Malipo words it per result code.
 */
final class Messages {

	private Messages() {
	}

	/** In English, for the API. */
	static String forAttempt(PaymentAttempt attempt, MessageSource messages) {
		return forAttempt(attempt, messages, Locale.ENGLISH);
	}

	static String forAttempt(PaymentAttempt attempt, MessageSource messages, Locale locale) {
		return switch (attempt.state()) {
			case INITIATED, AWAITING_CUSTOMER -> attempt.queued() ? text(messages, locale, "pay.msg.busy")
					: text(messages, locale, "pay.msg.pin", attempt.amount().display());
			case UNKNOWN ->
				text(messages, locale, "pay.msg.unknown",
						(attempt.nextCheckAt() != null) ? text(messages, locale, "pay.msg.nextCheck",
								Eat.display(attempt.nextCheckAt(), locale)) : "",
						Eat.display(attempt.createdAt().plus(Duration.ofDays(1)), locale));
			case NEEDS_REVIEW -> (attempt.receipt() != null)
					? text(messages, locale, "pay.msg.reviewReceipt", attempt.amount().display(), attempt.receipt())
					: text(messages, locale, "pay.msg.review");
			case PAID -> (attempt.receipt() != null) ? text(messages, locale, "pay.msg.paid", attempt.receipt())
					: text(messages, locale, "pay.msg.paidFollow");
			case FAILED -> failure(attempt, messages, locale);
		};
	}

	/**
	 * Why it failed: the stored reason in English; in Kiswahili the same reason by its
	 * result code, or a general one when the code has no words of its own.
	 */
	private static String failure(PaymentAttempt attempt, MessageSource messages, Locale locale) {
		if (!"sw".equals(locale.getLanguage())) {
			return Objects.requireNonNullElse(attempt.reason(), text(messages, locale, "pay.msg.failed"));
		}
		String code = attempt.resultCode();
		return Optional
			.ofNullable((code != null) ? messages.getMessage("failure." + code.strip(), null, null, locale) : null)
			.orElseGet(() -> text(messages, locale, "pay.msg.failed"));
	}

	private static String text(MessageSource messages, Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, locale);
	}

}
