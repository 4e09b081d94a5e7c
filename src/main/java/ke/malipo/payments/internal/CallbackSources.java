package ke.malipo.payments.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * An optional defence for operators who want it: callbacks only from the addresses
 * Safaricom is known to send from. Daraja does not sign callbacks and Safaricom's own
 * pages do not publish the list (daraja-reference.md §7.1), so it is off by default;
 * {@code warn} logs callbacks from elsewhere so an operator can check the list against
 * their own traffic before choosing {@code enforce}, which refuses them as forged. Behind
 * a reverse proxy the address is the one the proxy reports
 * (server.forward-headers-strategy).
 *
 * @param mode {@code off}, {@code warn} or {@code enforce}
 * @param allowed IPv4/IPv6 addresses or CIDR ranges (literals only, never host names); by
 * default the twelve addresses most often published, and the two more some kits add
 */
public record CallbackSources(@DefaultValue("off") Mode mode, @DefaultValue( {
		"196.201.214.200", "196.201.214.206", "196.201.213.114", "196.201.214.207", "196.201.214.208", "196.201.213.44",
		"196.201.212.127", "196.201.212.138", "196.201.212.129", "196.201.212.136", "196.201.212.74", "196.201.212.69",
		"196.201.212.128", "196.201.212.132" }) List<String> allowed){

	/** What happens to a callback from an address not on the list. */
	public enum Mode {

		/** Nothing: every address may call back (the token still decides). */
		OFF,
		/** Accepted, and logged as a warning. */
		WARN,
		/** Refused as forged (403) and kept for the record. */
		ENFORCE

	}

	public CallbackSources {
		for (String entry : allowed) {
			if (!entry.strip().toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+(/\\d{1,3})?")) {
				throw new IllegalArgumentException("malipo.payments.callback-sources.allowed: '" + entry
						+ "' is not an IP address or CIDR range (host names are not resolved)");
			}
		}
		allowed = List.copyOf(allowed);
	}

	/** Whether a callback from this address is on the list (or the list is not used). */
	public boolean allows(@Nullable String source) {
		return check().test(source);
	}

	/**
	 * The check, with the ranges parsed once: the callback path asks it for every
	 * callback.
	 */
	public Predicate<@Nullable String> check() {
		if (this.mode == Mode.OFF) {
			return (source) -> true;
		}
		List<IpAddressMatcher> ranges = this.allowed.stream()
			.map((range) -> new IpAddressMatcher(range.strip()))
			.toList();
		return (source) -> source != null && source.strip().toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+")
				&& ranges.stream().anyMatch((range) -> range.matches(source.strip()));
	}

}
