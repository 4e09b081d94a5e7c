package ke.malipo.payments.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional allow-list of Safaricom's callback addresses (issue 13). */
class CallbackSourcesTest {

	@Test
	void offAllowsEveryAddress() {
		CallbackSources off = new CallbackSources(CallbackSources.Mode.OFF, List.of("196.201.214.200"));
		assertThat(off.allows("203.0.113.9")).isTrue();
		assertThat(off.allows(null)).isTrue();
	}

	@Test
	void onlyListedAddressesAndRangesPassWhenUsed() {
		CallbackSources list = new CallbackSources(CallbackSources.Mode.ENFORCE,
				List.of("196.201.214.200", "196.201.212.0/24", "2001:db8::/32"));
		assertThat(list.allows("196.201.214.200")).isTrue();
		assertThat(list.allows("196.201.212.138")).isTrue();
		assertThat(list.allows("2001:db8::5")).isTrue();
		assertThat(list.allows("196.201.214.201")).isFalse();
		assertThat(list.allows("127.0.0.1")).isFalse();
		assertThat(list.allows(null)).as("an unknown source").isFalse();
		assertThat(list.allows("safaricom.co.ke")).as("names are never resolved").isFalse();
	}

	@Test
	void theDefaultListIsTheOnePublishedMostOften() {
		CallbackSources defaults = new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
						java.util.Map.of("malipo.payments.callback-sources.mode", "warn")))
			.bind("malipo.payments.callback-sources", CallbackSources.class)
			.get();
		assertThat(defaults.mode()).isEqualTo(CallbackSources.Mode.WARN);
		assertThat(defaults.allowed()).hasSize(14).contains("196.201.214.200", "196.201.212.69");
		assertThat(defaults.allows("196.201.213.44")).isTrue();
		assertThat(defaults.allows("198.51.100.7")).isFalse();
	}

	@Test
	void hostNamesAreRefusedAsEntries() {
		assertThatThrownBy(
				() -> new CallbackSources(CallbackSources.Mode.ENFORCE, List.of("callbacks.safaricom.co.ke")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not an IP address or CIDR range");
	}

}
