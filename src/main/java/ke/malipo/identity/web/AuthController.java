package ke.malipo.identity.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.KenyanMobile;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.Role;
import ke.malipo.identity.internal.PasswordResets;
import ke.malipo.identity.internal.Registration;
import ke.malipo.identity.internal.SignIn;
import ke.malipo.identity.internal.User;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration and sign-in for API clients. */
@RestController
class AuthController {

	private final Registration registration;

	private final SignIn signIn;

	private final PasswordResets resets;

	AuthController(Registration registration, SignIn signIn, PasswordResets resets) {
		this.registration = registration;
		this.signIn = signIn;
		this.resets = resets;
	}

	@PostMapping("/api/auth/register")
	@ResponseStatus(HttpStatus.CREATED)
	UserView register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
		User user = this.registration.register(new Registration.NewAccount(request.name(), request.email(),
				request.password(), Msisdn.parse(request.phoneNumber()), Role.valueOf(request.role()),
				(request.sessionRate() != null) ? Kes.of(request.sessionRate()) : null), http.getRemoteAddr());
		return UserView.of(user);
	}

	@PostMapping("/api/auth/login")
	LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		SignIn.SignedIn signedIn = this.signIn.signIn(request.email(), request.password(), http.getRemoteAddr());
		return new LoginResponse(signedIn.token(), signedIn.expiresAt(), UserView.of(signedIn.user()));
	}

	/**
	 * Asks for a password-reset link. Always 202 with the same words, whether or not the
	 * email has an account.
	 */
	@PostMapping("/api/auth/password-reset")
	@ResponseStatus(HttpStatus.ACCEPTED)
	java.util.Map<String, String> forgotten(@Valid @RequestBody ResetRequest request, HttpServletRequest http) {
		this.resets.request(request.email(), http.getRemoteAddr());
		return java.util.Map.of("detail", PasswordResetPages.SENT);
	}

	/** Sets a new password with the token from the link. */
	@PostMapping("/api/auth/password-reset/confirm")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void reset(@Valid @RequestBody ResetConfirmation request) {
		this.resets.reset(request.token(), request.password());
	}

	record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
	}

	record ResetConfirmation(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 64) String password) {
	}

	record RegisterRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Size(min = 10, max = 64) String password, @NotBlank @KenyanMobile String phoneNumber,
			@NotNull @Pattern(regexp = "CLIENT|PSYCHOLOGIST", message = "must be CLIENT or PSYCHOLOGIST") String role,
			@Nullable @Min(1) @Max(250_000) Long sessionRate) {
	}

	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
	}

	record LoginResponse(String token, Instant expiresAt, UserView user) {
	}

}
