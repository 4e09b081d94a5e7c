package ke.malipo.profiles.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ke.malipo.common.problem.ForbiddenException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.profiles.PracticeMode;
import ke.malipo.profiles.ProfileLookup;
import ke.malipo.profiles.PsychologistProfile;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory clients choose from, and each psychologist's own profile. Only a
 * psychologist writes their profile; every signed-in person may read them.
 */
@Service
public class Profiles implements ProfileLookup {

	private final ProfileRepository profiles;

	private final UserDirectory users;

	private final Photos photos;

	private final Clock clock;

	Profiles(ProfileRepository profiles, UserDirectory users, Photos photos, Clock clock) {
		this.profiles = profiles;
		this.users = users;
		this.photos = photos;
		this.clock = clock;
	}

	/** A psychologist with their profile: one entry of the directory. */
	public record Entry(Psychologist psychologist, PsychologistProfile profile) {
	}

	/** What a client searches the directory by; blank or null means any. */
	public record Search(@Nullable String text, @Nullable String specialty, @Nullable String language,
			@Nullable PracticeMode mode) {

		boolean accepts(Entry entry) {
			PsychologistProfile profile = entry.profile();
			return (blank(this.text) || contains(entry.psychologist().name(), this.text)
					|| contains(profile.bio(), this.text) || contains(profile.location(), this.text)
					|| profile.specialties().stream().anyMatch((s) -> contains(s, this.text)))
					&& (blank(this.specialty) || profile.specialties()
						.stream()
						.anyMatch((s) -> s.equalsIgnoreCase(this.specialty.strip())))
					&& (blank(this.language)
							|| profile.languages().stream().anyMatch((l) -> l.equalsIgnoreCase(this.language.strip())))
					&& (this.mode == null || profile.mode().serves(this.mode));
		}

		private static boolean blank(@Nullable String value) {
			return value == null || value.isBlank();
		}

		private static boolean contains(String value, String text) {
			return value.toLowerCase(Locale.ROOT).contains(text.strip().toLowerCase(Locale.ROOT));
		}

	}

	@Transactional(readOnly = true)
	public List<Entry> directory(Search search) {
		return entries(this.profiles.all(), search);
	}

	/**
	 * The directory page: the psychologists the search finds, and every specialty and
	 * language written in any profile for its filters, from one read of the profiles.
	 */
	@Transactional(readOnly = true)
	public Listing listing(Search search) {
		Map<UserId, PsychologistProfile> written = this.profiles.all();
		List<PsychologistProfile> all = List.copyOf(written.values());
		return new Listing(entries(written, search),
				distinct(all.stream().flatMap((p) -> p.specialties().stream()).toList()),
				distinct(all.stream().flatMap((p) -> p.languages().stream()).toList()));
	}

	/** What the directory page shows: the entries found and the filters' choices. */
	public record Listing(List<Entry> entries, List<String> specialties, List<String> languages) {
	}

	private List<Entry> entries(Map<UserId, PsychologistProfile> written, Search search) {
		return this.users.psychologists()
			.stream()
			.map((p) -> new Entry(p, written.getOrDefault(p.id(), PsychologistProfile.empty(p.id()))))
			.filter(search::accepts)
			.toList();
	}

	private static List<String> distinct(List<String> values) {
		return values.stream()
			.collect(java.util.stream.Collectors.toMap((v) -> v.toLowerCase(Locale.ROOT), (v) -> v, (a, b) -> a))
			.values()
			.stream()
			.sorted(Comparator.comparing((String v) -> v.toLowerCase(Locale.ROOT)))
			.toList();
	}

	@Transactional(readOnly = true)
	public Entry entry(UserId psychologist) {
		Psychologist found = this.users.psychologist(psychologist)
			.orElseThrow(() -> new NotFoundException("PSYCHOLOGIST_NOT_FOUND", "There is no such psychologist."));
		return new Entry(found, profile(psychologist));
	}

	@Override
	@Transactional(readOnly = true)
	public PsychologistProfile profile(UserId psychologist) {
		return this.profiles.find(psychologist).orElseGet(() -> PsychologistProfile.empty(psychologist));
	}

	@Transactional
	public PsychologistProfile save(CurrentUser user, ProfileEdit edit) {
		ownProfile(user);
		PsychologistProfile profile = edit.check(user.id(), profile(user.id()).hasPhoto());
		this.profiles.save(profile, this.clock.instant());
		return profile;
	}

	/**
	 * Keeps a new photo; its size is checked before a byte is read, so an oversized
	 * upload never fills memory.
	 */
	@Transactional
	public void savePhoto(CurrentUser user, long size, InputStreamSource upload) {
		ownProfile(user);
		this.photos.checkSize(size);
		byte[] bytes;
		try (java.io.InputStream in = upload.getInputStream()) {
			bytes = in.readNBytes((int) size + 1);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Photos.Kept kept = this.photos.accept(bytes);
		this.profiles.savePhoto(user.id(), kept.bytes(), kept.contentType(), this.clock.instant());
	}

	/** The photo's bytes and type. */
	public record Photo(byte[] bytes, String contentType) {
	}

	@Transactional(readOnly = true)
	public Optional<Photo> photo(UserId psychologist) {
		return this.profiles.photo(psychologist).map((p) -> new Photo(p.bytes(), p.contentType()));
	}

	private static void ownProfile(CurrentUser user) {
		if (!user.is(Role.PSYCHOLOGIST)) {
			throw new ForbiddenException("Only psychologists have a profile to edit.");
		}
	}

}
