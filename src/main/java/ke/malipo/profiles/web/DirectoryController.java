package ke.malipo.profiles.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import ke.malipo.profiles.PracticeMode;
import ke.malipo.profiles.internal.ProfileEdit;
import ke.malipo.profiles.internal.Profiles;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The directory and profiles over the API: any signed-in person searches and reads them;
 * a psychologist writes their own.
 */
@RestController
class DirectoryController {

	private final Profiles profiles;

	DirectoryController(Profiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/api/psychologists")
	List<ProfileView> directory(CurrentUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String specialty,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String mode) {
		return this.profiles.directory(new Profiles.Search(q, specialty, language, mode(mode)))
			.stream()
			.map(ProfileView::of)
			.toList();
	}

	@GetMapping("/api/psychologists/{id}")
	ProfileView one(CurrentUser user, @PathVariable UUID id) {
		return ProfileView.of(this.profiles.entry(new UserId(id)));
	}

	@GetMapping("/api/psychologists/{id}/photo")
	ResponseEntity<byte[]> photo(CurrentUser user, @PathVariable UUID id) {
		return DirectoryPages.photoResponse(this.profiles, id);
	}

	@GetMapping("/api/me/profile")
	ProfileView mine(CurrentUser user) {
		return ProfileView.of(this.profiles.entry(ownId(user)));
	}

	@PutMapping("/api/me/profile")
	ProfileView edit(CurrentUser user, @RequestBody ProfileEdit edit) {
		this.profiles.save(user, edit);
		return ProfileView.of(this.profiles.entry(user.id()));
	}

	/** A new photo, as the multipart field {@code file} (as statement uploads are). */
	@PostMapping("/api/me/profile/photo")
	ProfileView photo(CurrentUser user, @RequestParam("file") MultipartFile photo) {
		this.profiles.savePhoto(user, photo.getSize(), photo);
		return ProfileView.of(this.profiles.entry(user.id()));
	}

	/** Only a psychologist has a profile of their own; anyone else is told so. */
	private static UserId ownId(CurrentUser user) {
		if (!user.is(ke.malipo.identity.Role.PSYCHOLOGIST)) {
			throw new ke.malipo.common.problem.ForbiddenException("Only psychologists have a profile.");
		}
		return user.id();
	}

	static @Nullable PracticeMode mode(@Nullable String mode) {
		if (mode == null || mode.isBlank()) {
			return null;
		}
		try {
			return PracticeMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("mode", "must be ONLINE, IN_PERSON or BOTH");
		}
	}

}
