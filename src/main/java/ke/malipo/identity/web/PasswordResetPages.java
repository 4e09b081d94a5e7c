package ke.malipo.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.internal.PasswordResets;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Forgot your password?": ask for a link by email, then choose a new password. */
@PageController
class PasswordResetPages {

	/**
	 * The one answer to every request, account or not, as the API gives it (in English);
	 * the page says the same in its language ({@code forgot.sent}).
	 */
	static final String SENT = "If an account has this email, we have sent it a link to choose a new password. "
			+ "It works for 30 minutes.";

	private final PasswordResets resets;

	private final ke.malipo.common.pages.PageWords words;

	PasswordResetPages(PasswordResets resets, ke.malipo.common.pages.PageWords words) {
		this.words = words;
		this.resets = resets;
	}

	@GetMapping("/forgot-password")
	String forgotForm() {
		return "forgot-password";
	}

	@PostMapping("/forgot-password")
	String forgot(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (!email.isBlank() && email.length() <= 254) {
			this.resets.request(email, request.getRemoteAddr());
		}
		// The one answer to every request, account or not.
		redirect.addFlashAttribute("notice", this.words.text("forgot.sent"));
		return "redirect:/forgot-password";
	}

	@GetMapping("/reset-password")
	String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "reset-password";
	}

	@PostMapping("/reset-password")
	String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			Model model) {
		try {
			this.resets.reset(token, password);
			return "redirect:/login?reset";
		}
		catch (MalipoException ex) {
			model.addAttribute("token", token);
			model.addAttribute("error", this.words.forPerson(ex));
			return "reset-password";
		}
	}

}
