package ke.malipo.finance.internal;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the finance module: who issues the receipts, as an insurer or the Kenya
 * Revenue Authority reads them.
 *
 * @param businessName the business on the receipt; M-Pesa's business name when not set
 * @param businessAddress its postal or physical address
 * @param kraPin its KRA PIN (a letter, nine digits, a letter, e.g. P051234567X)
 * @param service what a session is called on the receipt
 */
@ConfigurationProperties("malipo.finance")
@Validated
public record FinanceSettings(@Nullable @Size(max = 100) String businessName,
		@Nullable @Size(max = 200) String businessAddress,
		@Nullable @Pattern(regexp = "[A-Z][0-9]{9}[A-Z]",
				message = "must be a KRA PIN such as P051234567X") String kraPin,
		@DefaultValue("Psychotherapy session") @Size(min = 1, max = 100) String service) {
}
