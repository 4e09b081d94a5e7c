package ke.malipo.insights.web;

import java.util.UUID;

import ke.malipo.identity.CurrentUser;
import ke.malipo.insights.internal.Feedback;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Feedback over the API: {@code PUT /api/feedback/sessions/{id}} for a client who paid
 * for the session, {@code PUT /api/feedback/clarity} for a psychologist (this week's).
 * Both take {@code {"score": 1..5, "comment": "..."}}, replace an earlier rating and
 * answer 204; what cannot be read is refused whole with problem details.
 */
@RestController
class FeedbackController {

	private final Feedback feedback;

	FeedbackController(Feedback feedback) {
		this.feedback = feedback;
	}

	record Body(@Nullable Integer score, @Nullable String comment) {
	}

	@PutMapping("/api/feedback/sessions/{session}")
	ResponseEntity<Void> rateSession(CurrentUser me, @PathVariable UUID session, @RequestBody Body body) {
		this.feedback.rateSession(me, session, Feedback.Rating.read(body.score(), body.comment()));
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/api/feedback/clarity")
	ResponseEntity<Void> rateClarity(CurrentUser me, @RequestBody Body body) {
		this.feedback.rateClarity(me, Feedback.Rating.read(body.score(), body.comment()));
		return ResponseEntity.noContent().build();
	}

}
