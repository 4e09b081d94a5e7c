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
 * @param accounting how paid sessions become journal lines for the books
 */
@ConfigurationProperties("malipo.finance")
@Validated
public record FinanceSettings(@Nullable @Size(max = 100) String businessName,
		@Nullable @Size(max = 200) String businessAddress,
		@Nullable @Pattern(regexp = "[A-Z][0-9]{9}[A-Z]",
				message = "must be a KRA PIN such as P051234567X") String kraPin,
		@DefaultValue("Psychotherapy session") @Size(min = 1, max = 100) String service,
		@DefaultValue @jakarta.validation.Valid Accounting accounting) {

	/**
	 * The accounts a paid session is posted to: the money arrives in the M-Pesa till
	 * (debit), the platform keeps its fee (credit, revenue) and owes the psychologist the
	 * rest (credit, liability). Names are what QuickBooks matches; codes what Xero does.
	 *
	 * @param platformFeePercent the platform's share of each session, 0 to 100 (fee
	 * rounded to the whole shilling, half up; the psychologist gets exactly the rest)
	 * @param xeroTaxRate the tax rate name Xero's import requires on every line
	 */
	public record Accounting(
			@DefaultValue("10") @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("100") java.math.BigDecimal platformFeePercent,
			@DefaultValue("M-Pesa till") @Size(min = 1, max = 100) String mpesaAccountName,
			@DefaultValue("1010") @Size(min = 1, max = 20) String mpesaAccountCode,
			@DefaultValue("Psychologists payable") @Size(min = 1, max = 100) String payableAccountName,
			@DefaultValue("2100") @Size(min = 1, max = 20) String payableAccountCode,
			@DefaultValue("Platform fees") @Size(min = 1, max = 100) String feeAccountName,
			@DefaultValue("4000") @Size(min = 1, max = 20) String feeAccountCode,
			@DefaultValue("Tax Exempt") @Size(min = 1, max = 50) String xeroTaxRate) {

		/** The platform's fee on an amount, in whole shillings. */
		public long feeOn(long amount) {
			return this.platformFeePercent.multiply(java.math.BigDecimal.valueOf(amount))
				.divide(java.math.BigDecimal.valueOf(100), 0, java.math.RoundingMode.HALF_UP)
				.longValueExact();
		}

	}

}
