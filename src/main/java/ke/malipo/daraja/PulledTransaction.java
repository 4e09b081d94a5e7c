package ke.malipo.daraja;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One transaction from the Pull API (C2B records of the shortcode). */
public record PulledTransaction(String transactionId, @Nullable Instant date, @Nullable String msisdn,
		@Nullable Long amount, @Nullable String billReference, @Nullable String transactionType) {
}
