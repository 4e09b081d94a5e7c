package ke.malipo.identity.web;

import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.Problems;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.internal.DataRights;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The account page: a copy of one's data to download, and erasure of the account, the
 * same rights as {@code /api/me/data} and {@code /api/me/erasure}.
 */
@Controller
class AccountPages {

	private final DataRights rights;

	AccountPages(DataRights rights) {
		this.rights = rights;
	}

	@GetMapping("/account")
	String account() {
		return "account";
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
			model.addAttribute("error", "Tick the box to confirm you understand the account cannot be restored.");
			return "account";
		}
		try {
			this.rights.erase(user, password);
		}
		catch (MalipoException ex) {
			model.addAttribute("error", Problems.forPerson(ex));
			return "account";
		}
		request.logout();
		return "redirect:/login?erased";
	}

}
