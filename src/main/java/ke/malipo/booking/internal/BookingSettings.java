package ke.malipo.booking.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the booking module.
 *
 * @param payWindow how long a client has to pay after approval
 * @param payCutoff payment must be done at least this long before the session starts
 * @param minimumNotice how far ahead a session must be requested, so there is time to
 * approve and pay
 * @param maximumAdvance how far ahead a session may be requested
 * @param defaultDurationMinutes the length of a session when the client does not say
 * @param expiryCheckInterval how often unpaid and unanswered sessions are expired
 * @param maxOpenRequests requests one client may have waiting for an answer at once, so
 * no one can fill the psychologists' queues
 * @param maxOpenRequestsPerPsychologist of those, how many may wait on one psychologist
 * @param notesKey the key that seals session notes (at least 32 characters, outside the
 * database; may be given as an enc: value); required on a real deployment
 * @param notesKeyFile where the local run keeps its generated notes key
 * @param rescheduleCutoff a paid session can be moved online until this long before it
 * starts
 */
@ConfigurationProperties("malipo.booking")
@Validated
public record BookingSettings(@DefaultValue("24h") Duration payWindow, @DefaultValue("2h") Duration payCutoff,
		@DefaultValue("3h") Duration minimumNotice, @DefaultValue("180d") Duration maximumAdvance,
		@DefaultValue("50") @Min(15) @Max(240) int defaultDurationMinutes,
		@DefaultValue("1m") Duration expiryCheckInterval, @DefaultValue("5") @Min(1) int maxOpenRequests,
		@DefaultValue("2") @Min(1) int maxOpenRequestsPerPsychologist, @Nullable String notesKey,
		@DefaultValue("./data/notes-key") Path notesKeyFile, @DefaultValue("24h") Duration rescheduleCutoff) {

	/**
	 * The pay-by deadline for a session approved now: the window, cut off before the
	 * start.
	 */
	public Instant payBy(Instant approvedAt, Instant scheduledAt) {
		Instant windowEnd = approvedAt.plus(this.payWindow);
		Instant cutoff = scheduledAt.minus(this.payCutoff);
		return windowEnd.isBefore(cutoff) ? windowEnd : cutoff;
	}

}
