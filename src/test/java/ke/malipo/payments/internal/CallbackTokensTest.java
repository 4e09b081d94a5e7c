package ke.malipo.payments.internal;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackTokensTest {

	/** Words Safaricom refuses in callback URLs (daraja-reference.md §7.3). */
	private static final List<String> BANNED = List.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql",
			"query");

	@Test
	void tokensAreLongRandomAndCanNeverSpellAWordSafaricomRefuses() {
		for (int i = 0; i < 20_000; i++) {
			String token = CallbackTokens.newToken();
			assertThat(CallbackTokens.wellFormed(token)).isTrue();
			String lower = token.toLowerCase(Locale.ROOT);
			assertThat(BANNED).noneMatch(lower::contains);
		}
		assertThat(CallbackTokens.newToken()).isNotEqualTo(CallbackTokens.newToken());
	}

	@Test
	void onlyLowerCaseHexOfTheRightLengthCanBeAToken() {
		String token = CallbackTokens.newToken();
		assertThat(CallbackTokens.wellFormed(token)).isTrue();
		assertThat(CallbackTokens.wellFormed("0123456789ABCDEF".repeat(4))).isFalse();
		assertThat(CallbackTokens.wellFormed("g" + token.substring(1))).isFalse();
		assertThat(CallbackTokens.wellFormed("/" + token.substring(1))).isFalse();
		assertThat(CallbackTokens.wellFormed(token.substring(1))).isFalse();
		assertThat(CallbackTokens.wellFormed(token + "0")).isFalse();
		assertThat(CallbackTokens.wellFormed("A".repeat(64))).isFalse();
		assertThat(CallbackTokens.wellFormed("0123456789abcdef".repeat(4))).isTrue();
	}

	@Test
	void onlyAOneWayHashIsKept() {
		String token = CallbackTokens.newToken();
		assertThat(CallbackTokens.hash(token)).hasSize(64).isNotEqualTo(token).isEqualTo(CallbackTokens.hash(token));
		assertThat(CallbackTokens.hash(token)).isNotEqualTo(CallbackTokens.hash(CallbackTokens.newToken()));
	}

}
