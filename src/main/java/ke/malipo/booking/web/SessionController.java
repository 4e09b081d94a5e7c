package ke.malipo.booking.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionStatus;
import ke.malipo.booking.internal.Bookings;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Therapy sessions over HTTP; who may do what is decided by {@link Bookings}. */
@RestController
@RequestMapping("/api/sessions")
class SessionController {

	private final Bookings bookings;

	SessionController(Bookings bookings) {
		this.bookings = bookings;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SessionView request(@Valid @RequestBody BookRequest request, CurrentUser user) {
		return SessionView.of(this.bookings.request(user, new UserId(request.psychologistId()),
				request.scheduledAt().toInstant(), request.durationMinutes(), blankToNull(request.notes())), user);
	}

	@GetMapping
	List<SessionView> list(@RequestParam(required = false) @Nullable SessionStatus status, CurrentUser user) {
		return this.bookings.list(user, status).stream().map((session) -> SessionView.of(session, user)).toList();
	}

	@GetMapping("/{id}")
	SessionView get(@PathVariable UUID id, CurrentUser user) {
		return SessionView.of(this.bookings.find(new SessionId(id), user), user);
	}

	@PostMapping("/{id}/approve")
	SessionView approve(@PathVariable UUID id, CurrentUser user) {
		return SessionView.of(this.bookings.approve(new SessionId(id), user), user);
	}

	@PostMapping("/{id}/decline")
	SessionView decline(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable ReasonRequest request,
			CurrentUser user) {
		return SessionView.of(this.bookings.decline(new SessionId(id), user, reason(request)), user);
	}

	@PostMapping("/{id}/cancel")
	SessionView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable ReasonRequest request,
			CurrentUser user) {
		return SessionView.of(this.bookings.cancel(new SessionId(id), user, reason(request)), user);
	}

	/** Moves the session to another time (api.md "Booking additions": reschedule). */
	@PostMapping("/{id}/reschedule")
	SessionView reschedule(@PathVariable UUID id, @Valid @RequestBody RescheduleRequest request, CurrentUser user) {
		return SessionView.of(this.bookings.reschedule(new SessionId(id), user, request.scheduledAt().toInstant()),
				user);
	}

	@PostMapping("/{id}/complete")
	SessionView complete(@PathVariable UUID id, CurrentUser user) {
		return SessionView.of(this.bookings.complete(new SessionId(id), user), user);
	}

	private static @Nullable String reason(@Nullable ReasonRequest request) {
		return (request != null) ? blankToNull(request.reason()) : null;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	record BookRequest(@NotNull UUID psychologistId, @NotNull OffsetDateTime scheduledAt,
			@Nullable @Min(15) @Max(240) Integer durationMinutes, @Nullable @Size(max = 1000) String notes) {
	}

	record RescheduleRequest(@NotNull OffsetDateTime scheduledAt) {
	}

	record ReasonRequest(@Nullable @Size(max = 500) String reason) {
	}

}
