package ke.malipo.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.stereotype.Component;

/**
 * What a new password must be: at least ten characters, at most what bcrypt reads, and
 * not easy to guess. Guessability is zxcvbn's estimate against its bundled lists of
 * common passwords, names, words and keyboard patterns, and against the person's own name
 * and email (no network look-up); a score of 3 means about 10^8 guesses, out of reach of
 * an online attacker and costly offline against bcrypt.
 */
@Component
class PasswordRules {

	static final int MIN_CHARACTERS = 10;

	/** bcrypt reads only the first 72 bytes; a longer password would silently be cut. */
	static final int MAX_BYTES = 72;

	private static final int MIN_SCORE = 3;

	private final Zxcvbn estimator = new Zxcvbn();

	/**
	 * Why this password is refused, in words for the person, or empty when it is fine.
	 * @param personal what the person typed elsewhere in the form (name, email), which a
	 * password must not lean on
	 */
	Optional<String> problem(String password, List<String> personal) {
		if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			return Optional.of("must be at least " + MIN_CHARACTERS + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("is too long (at most " + MAX_BYTES + " bytes)");
		}
		// Word by word: zxcvbn matches each input as one dictionary word, and a name
		// is usually typed into a password without its spaces.
		List<String> inputs = new ArrayList<>();
		for (String text : personal) {
			inputs.add(text);
			inputs.addAll(List.of(text.split("[^\\p{L}\\p{N}]+")));
			inputs.add(text.replaceAll("[^\\p{L}\\p{N}]+", ""));
		}
		inputs.add("malipo");
		Strength strength = this.estimator.measure(password, inputs);
		if (strength.getScore() >= MIN_SCORE) {
			return Optional.empty();
		}
		String warning = strength.getFeedback().getWarning();
		return Optional.of("is too easy to guess"
				+ ((warning == null || warning.isBlank()) ? "" : " (" + warning.strip().replaceAll("\\.$", "") + ")")
				+ ": use a few unrelated words, or a longer phrase");
	}

}
