package ke.malipo.identity.web;

import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.internal.AccountDetails;
import ke.malipo.identity.internal.DataRights;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The account page: a copy of one's data to download, and erasure of the account, the
 * same rights as {@code /api/me/data} and {@code /api/me/erasure}.
 */
@PageController
class AccountPages {

	private final DataRights rights;

	private final AccountDetails details;

	private final ke.malipo.identity.internal.UserRepository users;

	private final ke.malipo.common.pages.PageWords words;

	AccountPages(DataRights rights, AccountDetails details, ke.malipo.identity.internal.UserRepository users,
			ke.malipo.common.pages.PageWords words) {
		this.words = words;
		this.rights = rights;
		this.details = details;
		this.users = users;
	}

	@GetMapping("/account")
	String account(CurrentUser user, Model model) {
		addDetails(user, model);
		return "account";
	}

	private void addDetails(CurrentUser user, Model model) {
		this.users.findById(user.id()).ifPresent((found) -> {
			model.addAttribute("name", found.name());
			model.addAttribute("phone", (found.phoneNumber() != null) ? found.phoneNumber().local() : "");
			model.addAttribute("rate", (found.sessionRate() != null) ? found.sessionRate().shillings() : null);
		});
	}

	/** Name, M-Pesa number and rate; a mistake keeps what was typed. */
	@PostMapping("/account/details")
	String changeDetails(CurrentUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String phoneNumber, @RequestParam(required = false) @Nullable String rate,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, Model model) {
		try {
			Long newRate = null;
			if (rate != null && !rate.isBlank()) {
				try {
					newRate = Long.parseLong(rate.strip().replace(",", ""));
				}
				catch (NumberFormatException ex) {
					throw new ke.malipo.common.problem.InvalidInputException("sessionRate", "must be whole KES");
				}
			}
			this.details.change(user, new AccountDetails.Change(name, phoneNumber, newRate));
			redirect.addFlashAttribute("notice",
					this.words.text((newRate != null) ? "notice.savedRate" : "notice.saved"));
			return "redirect:/account";
		}
		catch (MalipoException ex) {
			model.addAttribute("error", this.words.forPerson(ex));
			model.addAttribute("name", name);
			model.addAttribute("phone", phoneNumber);
			model.addAttribute("rate", rate);
			return "account";
		}
	}

	@GetMapping("/account/data.json")
	@ResponseBody
	ResponseEntity<Map<String, Object>> data(CurrentUser user) {
		return MeController.download(this.rights.export(user));
	}

	@PostMapping("/account/erase")
	String erase(CurrentUser user, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "false") boolean understood, HttpServletRequest request, Model model)
			throws ServletException {
		if (!understood) {
			model.addAttribute("error", this.words.text("account.tickToErase"));
			addDetails(user, model);
			return "account";
		}
		try {
			this.rights.erase(user, password);
		}
		catch (MalipoException ex) {
			model.addAttribute("error", this.words.forPerson(ex));
			addDetails(user, model);
			return "account";
		}
		request.logout();
		return "redirect:/login?erased";
	}

}
