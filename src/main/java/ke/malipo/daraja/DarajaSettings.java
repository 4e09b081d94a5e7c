package ke.malipo.daraja;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import ke.malipo.common.http.HttpAddress;
import ke.malipo.common.phone.Msisdn;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How Malipo reaches M-Pesa.
 *
 * @param environment {@code simulator}, {@code sandbox} or {@code production}
 * @param baseUrl the simulator's address; empty means this application's own
 * {@code /simulator/daraja}. Sandbox and production always use Safaricom's addresses.
 * @param consumerKey the Daraja app's consumer key
 * @param consumerSecret the Daraja app's consumer secret
 * @param shortcode the paybill number, or for tills the store (head office) number
 * @param passkey the Lipa na M-Pesa Online passkey
 * @param transactionType {@code paybill} or {@code till}
 * @param tillNumber the till number (PartyB) when paid into a till
 * @param callbackBaseUrl the public HTTPS address M-Pesa posts results to; empty means
 * this application's own address (simulator only)
 * @param businessName shown to the customer in the M-Pesa prompt (AccountReference)
 * @param connectTimeout how long to wait for a connection to Daraja
 * @param readTimeout how long to wait for Daraja's answer
 * @param tokenRefreshMargin renew the OAuth token this long before it expires
 * @param initiator the API operator for Transaction Status
 * @param pullNominatedNumber the Safaricom number named when the shortcode is registered
 * for Pull Transactions (the one M-Pesa contacts about it)
 */
@ConfigurationProperties("malipo.mpesa")
public record DarajaSettings(@DefaultValue("simulator") DarajaEnvironment environment, @Nullable String baseUrl,
		@Nullable String consumerKey, @Nullable String consumerSecret, @Nullable String shortcode,
		@Nullable String passkey, @DefaultValue("paybill") TransactionType transactionType, @Nullable String tillNumber,
		@Nullable String callbackBaseUrl, @DefaultValue("Malipo") String businessName,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("10m") Duration tokenRefreshMargin, @Valid @DefaultValue Initiator initiator,
		@Nullable String pullNominatedNumber) {

	/** Safaricom's published sandbox shortcode for M-Pesa Express. */
	public static final String SANDBOX_SHORTCODE = "174379";

	/** Safaricom's published sandbox passkey for shortcode 174379. */
	public static final String SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

	private static final Pattern SHORTCODE = Pattern.compile("\\d{5,7}");

	/** Words Safaricom refuses in callback URLs (daraja-reference.md §7.3). */
	static final List<String> BANNED_URL_WORDS = List.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql",
			"query");

	/**
	 * The operator for Transaction Status and other initiator APIs.
	 *
	 * @param name the API operator's user name
	 * @param password the operator's password, encrypted into the SecurityCredential
	 * @param certificate path to Safaricom's public certificate (PEM) for this
	 * environment
	 */
	public record Initiator(@Nullable String name, @Nullable String password, @Nullable String certificate) {
	}

	/**
	 * What is wrong with these settings, in plain words; empty when they are usable.
	 * @param production whether the application runs with the {@code prod} profile
	 */
	public List<String> problems(boolean production) {
		List<String> problems = new ArrayList<>();
		if (production && this.environment == DarajaEnvironment.SIMULATOR) {
			problems
				.add("malipo.mpesa.environment is 'simulator', which production refuses: use sandbox or production.");
		}
		if (this.environment != DarajaEnvironment.SIMULATOR && StringUtils.hasText(this.baseUrl)
				&& !this.baseUrl.equals(this.environment.baseUrl())) {
			problems.add("malipo.mpesa.base-url must be empty (or " + this.environment.baseUrl() + ") in " + name()
					+ " mode: " + name() + " uses only " + name() + " addresses.");
		}
		if (this.environment == DarajaEnvironment.SIMULATOR && StringUtils.hasText(this.baseUrl)
				&& HttpAddress.parse(this.baseUrl.strip()).isEmpty()) {
			// Checked here rather than at the first push: each call uses it as a URI as
			// is.
			problems.add("malipo.mpesa.base-url must be an http or https address, such as "
					+ "http://localhost:8080/simulator/daraja.");
		}
		if (!StringUtils.hasText(this.consumerKey) || !StringUtils.hasText(this.consumerSecret)) {
			problems.add("malipo.mpesa.consumer-key and consumer-secret are required.");
		}
		if (this.shortcode == null || !SHORTCODE.matcher(this.shortcode).matches()) {
			problems.add("malipo.mpesa.shortcode must be the 5 to 7 digit paybill or store number.");
		}
		if (!StringUtils.hasText(this.passkey)) {
			problems.add("malipo.mpesa.passkey is required.");
		}
		if (this.transactionType == TransactionType.TILL
				&& (this.tillNumber == null || !SHORTCODE.matcher(this.tillNumber).matches())) {
			problems
				.add("malipo.mpesa.till-number must be the 5 to 7 digit till number when transaction-type is till.");
		}
		if (this.environment == DarajaEnvironment.SANDBOX && "simulator-key".equals(this.consumerKey)) {
			problems.add("malipo.mpesa.consumer-key is the simulator's; sandbox needs your Daraja sandbox app's key.");
		}
		if (this.environment != DarajaEnvironment.SIMULATOR && Msisdn.tryParse(this.pullNominatedNumber).isEmpty()) {
			problems.add("malipo.mpesa.pull-nominated-number must be a Safaricom number (e.g. 0722000000): "
					+ "the shortcode is registered for Pull Transactions with it, to find receipts of lost callbacks.");
		}
		if (this.environment == DarajaEnvironment.PRODUCTION) {
			productionProblems(problems);
		}
		callbackProblems(problems);
		return problems;
	}

	private void productionProblems(List<String> problems) {
		if (SANDBOX_SHORTCODE.equals(this.shortcode)) {
			problems.add("malipo.mpesa.shortcode is the sandbox shortcode 174379; production needs your own.");
		}
		if (SANDBOX_PASSKEY.equals(this.passkey)) {
			problems.add(
					"malipo.mpesa.passkey is the public sandbox passkey; production needs the one Safaricom sent you.");
		}
		if ("simulator-key".equals(this.consumerKey)) {
			problems.add("malipo.mpesa.consumer-key is the simulator's key; production needs your Daraja app's key.");
		}
	}

	private void callbackProblems(List<String> problems) {
		if (this.environment == DarajaEnvironment.SIMULATOR && !StringUtils.hasText(this.callbackBaseUrl)) {
			return;
		}
		if (!StringUtils.hasText(this.callbackBaseUrl)) {
			problems
				.add("malipo.mpesa.callback-base-url is required: the public HTTPS address M-Pesa posts results to.");
			return;
		}
		URI uri;
		try {
			uri = URI.create(this.callbackBaseUrl.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.add("malipo.mpesa.callback-base-url is not a valid URL.");
			return;
		}
		if (this.environment == DarajaEnvironment.PRODUCTION && !"https".equalsIgnoreCase(uri.getScheme())) {
			problems.add("malipo.mpesa.callback-base-url must use https in production.");
		}
		String lower = this.callbackBaseUrl.toLowerCase(Locale.ROOT);
		BANNED_URL_WORDS.stream()
			.filter(lower::contains)
			.findFirst()
			.ifPresent((word) -> problems.add("malipo.mpesa.callback-base-url contains '" + word
					+ "', which Safaricom refuses in callback URLs."));
	}

	private String name() {
		return this.environment.name().toLowerCase(Locale.ROOT);
	}

}
