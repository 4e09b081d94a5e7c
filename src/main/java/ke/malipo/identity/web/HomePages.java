package ke.malipo.identity.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import ke.malipo.common.money.Kes;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import ke.malipo.identity.internal.Registration;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and a plain home page; the full web experience comes separately. */
@PageController
class HomePages {

	private final Registration registration;

	private final ke.malipo.common.pages.PageWords words;

	HomePages(Registration registration, ke.malipo.common.pages.PageWords words) {
		this.words = words;
		this.registration = registration;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/**
	 * Each person's start: an admin's is the finance desk, everyone else's their
	 * sessions.
	 */
	@GetMapping("/")
	String home(CurrentUser user) {
		return user.isAdmin() ? "redirect:/admin/transactions" : "redirect:/sessions";
	}

	@GetMapping("/register")
	String registerForm() {
		return "register";
	}

	/** Creates a client or psychologist account, then sends the person to sign in. */
	@PostMapping("/register")
	String register(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
			HttpServletRequest http) {
		try {
			String role = form.getOrDefault("role", "");
			if (!role.equals("CLIENT") && !role.equals("PSYCHOLOGIST")) {
				throw new InvalidInputException("role", "Choose client or psychologist");
			}
			String rate = form.getOrDefault("sessionRate", "").strip();
			this.registration.register(
					new Registration.NewAccount(form.getOrDefault("name", "").strip(),
							form.getOrDefault("email", "").strip(), form.getOrDefault("password", ""),
							Msisdn.parse(form.getOrDefault("phoneNumber", "")), Role.valueOf(role),
							(role.equals("PSYCHOLOGIST") && !rate.isEmpty()) ? Kes.of(parseRate(rate)) : null),
					http.getRemoteAddr());
			redirect.addAttribute("registered", "");
			return "redirect:/login";
		}
		catch (MalipoException ex) {
			model.addAttribute("error", this.words.forPerson(ex));
			model.addAttribute("form", form);
			return "register";
		}
	}

	private static long parseRate(String rate) {
		try {
			long value = Long.parseLong(rate.replace(",", ""));
			if (value < 1 || value > 250_000) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("sessionRate", "Enter a rate of 1 to 250,000 shillings");
		}
	}

}
