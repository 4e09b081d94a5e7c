package ke.malipo.identity.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.internal.AccountDetails;
import ke.malipo.identity.internal.DataRights;
import ke.malipo.identity.internal.UserRepository;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account. */
@RestController
class MeController {

	private final UserRepository users;

	private final DataRights rights;

	private final AccountDetails details;

	MeController(UserRepository users, DataRights rights, AccountDetails details) {
		this.users = users;
		this.rights = rights;
		this.details = details;
	}

	/**
	 * Changes the caller's name, M-Pesa number or (a psychologist's) rate; what is left
	 * out stays. A new rate prices requests made from now on.
	 */
	@PatchMapping("/api/me")
	UserView change(CurrentUser user, @RequestBody AccountDetails.Change change) {
		return UserView.of(this.details.change(user, change));
	}

	@GetMapping("/api/me")
	UserView me(CurrentUser user) {
		return this.users.findById(user.id())
			.map(UserView::of)
			.orElseThrow(() -> new NotFoundException("USER_NOT_FOUND", "This account no longer exists."));
	}

	/**
	 * A copy of everything Malipo holds about the caller (Data Protection Act 2019, s.
	 * 26), as a JSON file to keep.
	 */
	@GetMapping("/api/me/data")
	ResponseEntity<Map<String, Object>> data(CurrentUser user) {
		return download(this.rights.export(user));
	}

	/**
	 * Erases the caller's account (s. 40) once they confirm with their password; money
	 * records stay, pseudonymised, for the five years tax law requires.
	 */
	@PostMapping("/api/me/erasure")
	Map<String, Object> erase(CurrentUser user, @Valid @RequestBody ErasureRequest request) {
		return Map.of("erasedAt", this.rights.erase(user, request.password()).toString());
	}

	/** A person's data as a file to keep, never cached on the way. */
	static ResponseEntity<Map<String, Object>> download(Map<String, Object> data) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"malipo-my-data.json\"")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(data);
	}

	record ErasureRequest(@NotBlank @Size(max = 128) String password) {
	}

}
