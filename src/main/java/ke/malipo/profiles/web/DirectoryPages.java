package ke.malipo.profiles.web;

import java.time.Duration;
import java.util.UUID;

import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import ke.malipo.profiles.PsychologistProfile;
import ke.malipo.profiles.internal.ProfileEdit;
import ke.malipo.profiles.internal.Profiles;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The directory a client chooses from (search and filters that work without script), a
 * psychologist's profile page with its free times, and the form where a psychologist
 * writes their own.
 */
@PageController
class DirectoryPages {

	private final Profiles profiles;

	private final ke.malipo.common.pages.PageWords words;

	DirectoryPages(Profiles profiles, ke.malipo.common.pages.PageWords words) {
		this.words = words;
		this.profiles = profiles;
	}

	@GetMapping("/psychologists")
	String directory(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String specialty,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String mode, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("specialty", specialty);
		model.addAttribute("language", language);
		model.addAttribute("mode", mode);
		Profiles.Search search;
		try {
			search = new Profiles.Search(q, specialty, language, DirectoryController.mode(mode));
		}
		catch (MalipoException ex) {
			model.addAttribute("error", this.words.forPerson(ex));
			search = new Profiles.Search(q, specialty, language, null);
		}
		Profiles.Listing listing = this.profiles.listing(search);
		model.addAttribute("filters", listing);
		model.addAttribute("entries", (model.containsAttribute("error")) ? java.util.List.of() : listing.entries());
		return "psychologists";
	}

	@GetMapping("/psychologists/{id}")
	String profile(@PathVariable UUID id, Model model) {
		model.addAttribute("entry", this.profiles.entry(new UserId(id)));
		return "psychologist";
	}

	@GetMapping("/psychologists/{id}/photo")
	ResponseEntity<byte[]> photo(@PathVariable UUID id) {
		return photoResponse(this.profiles, id);
	}

	/** A stored photo, cached briefly by the browser (it may be replaced). */
	static ResponseEntity<byte[]> photoResponse(Profiles profiles, UUID id) {
		Profiles.Photo photo = profiles.photo(new UserId(id))
			.orElseThrow(() -> new NotFoundException("PHOTO_NOT_FOUND", "This psychologist has no photo."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(photo.contentType()))
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
			.body(photo.bytes());
	}

	@GetMapping("/profile")
	String editForm(CurrentUser user, Model model) {
		PsychologistProfile mine = this.profiles.entry(user.id()).profile();
		model.addAttribute("profile", mine);
		model.addAttribute("specialties", String.join(", ", mine.specialties()));
		model.addAttribute("languages", String.join(", ", mine.languages()));
		return "profile";
	}

	@PostMapping("/profile")
	String edit(CurrentUser user, @RequestParam(required = false) @Nullable String bio,
			@RequestParam(required = false) @Nullable String specialties,
			@RequestParam(required = false) @Nullable String languages,
			@RequestParam(required = false) @Nullable String mode,
			@RequestParam(required = false) @Nullable String location,
			@RequestParam(required = false) @Nullable String licenceNumber,
			@RequestParam(required = false) @Nullable String videoLink, RedirectAttributes redirect, Model model) {
		ProfileEdit edit = new ProfileEdit(bio, ProfileEdit.split(specialties), ProfileEdit.split(languages), mode,
				location, licenceNumber, videoLink);
		try {
			this.profiles.save(user, edit);
			redirect.addFlashAttribute("notice", this.words.text("notice.profileSaved"));
			return "redirect:/psychologists/" + user.id().value();
		}
		catch (MalipoException ex) {
			// What was typed stays, so only the mistake needs fixing.
			model.addAttribute("error", this.words.forPerson(ex));
			PsychologistProfile stored = this.profiles.profile(user.id());
			model.addAttribute("profile",
					new PsychologistProfile(user.id(), (bio != null) ? bio : "", java.util.List.of(),
							java.util.List.of(), stored.mode(), (location != null) ? location : "",
							(licenceNumber != null) ? licenceNumber : "", stored.hasPhoto(),
							(videoLink != null) ? videoLink : ""));
			model.addAttribute("chosenMode", mode);
			model.addAttribute("specialties", specialties);
			model.addAttribute("languages", languages);
			return "profile";
		}
	}

	@PostMapping("/profile/photo")
	String photo(CurrentUser user, @RequestParam(required = false) @Nullable MultipartFile photo,
			RedirectAttributes redirect) {
		try {
			if (photo == null || photo.isEmpty()) {
				throw new ke.malipo.common.problem.InvalidInputException("photo", "is empty: choose a photo");
			}
			this.profiles.savePhoto(user, photo.getSize(), photo);
			redirect.addFlashAttribute("notice", this.words.text("notice.photoSaved"));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/profile";
	}

}
