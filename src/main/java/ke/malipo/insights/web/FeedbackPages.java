package ke.malipo.insights.web;

import java.util.UUID;

import ke.malipo.common.pages.PageController;
import ke.malipo.common.pages.PageWords;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.insights.internal.Feedback;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The feedback forms, as pieces other pages load: a client's "how did paying go?" on a
 * paid session's page and after a payment succeeds, and a psychologist's "how clearly do
 * you see your payments?" on their payments page. A piece for someone who has nothing to
 * rate is empty. Sending goes back to the page it came from, with a notice.
 */
@PageController
class FeedbackPages {

	private final Feedback feedback;

	private final PageWords words;

	FeedbackPages(Feedback feedback, PageWords words) {
		this.feedback = feedback;
		this.words = words;
	}

	/** How often a page asks again while insights catches up with a payment just made. */
	static final int TRIES = 10;

	@GetMapping("/feedback/sessions/{session}")
	String sessionForm(CurrentUser me, @PathVariable UUID session, @RequestParam(defaultValue = "0") int tried,
			Model model) {
		Feedback.SessionFeedback state = this.feedback.forSession(me, session);
		model.addAttribute("sessionId", session);
		if (state.rateable()) {
			model.addAttribute("rating", state.rating());
			return "feedback :: session";
		}
		if (state.waiting() && tried < TRIES) {
			model.addAttribute("tried", tried + 1);
			return "feedback :: waiting";
		}
		return "feedback :: nothing";
	}

	@PostMapping("/feedback/sessions/{session}")
	String rateSession(CurrentUser me, @PathVariable UUID session,
			@RequestParam(required = false) @Nullable Integer score,
			@RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect) {
		try {
			this.feedback.rateSession(me, session, Feedback.Rating.read(score, comment));
			redirect.addFlashAttribute("notice", this.words.text("feedback.thanks"));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/sessions/" + session;
	}

	@GetMapping("/feedback/clarity")
	String clarityForm(CurrentUser me, Model model) {
		if (me.role() != Role.PSYCHOLOGIST) {
			return "feedback :: nothing";
		}
		model.addAttribute("rating", this.feedback.thisWeek(me).orElse(null));
		return "feedback :: clarity";
	}

	@PostMapping("/feedback/clarity")
	String rateClarity(CurrentUser me, @RequestParam(required = false) @Nullable Integer score,
			@RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect) {
		try {
			this.feedback.rateClarity(me, Feedback.Rating.read(score, comment));
			redirect.addFlashAttribute("notice", this.words.text("feedback.thanks"));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/payments";
	}

}
