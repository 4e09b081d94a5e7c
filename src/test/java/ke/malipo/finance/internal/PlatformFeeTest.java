package ke.malipo.finance.internal;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The platform's fee never creates or loses a shilling: for any amount M-Pesa allows and
 * any fee from 0% to 100% (to the hundredth), the fee is the amount's share rounded half
 * up, and the psychologist's part is exactly the rest.
 */
class PlatformFeeTest {

	private static FinanceSettings.Accounting at(BigDecimal percent) {
		return new FinanceSettings.Accounting(percent, "M-Pesa till", "1010", "Psychologists payable", "2100",
				"Platform fees", "4000", "Tax Exempt");
	}

	@Test
	void theFeeAndThePayableAddUpToTheAmount() {
		qt().withExamples(1000)
			.withFixedSeed(40L)
			.forAll(longs().between(1, 250_000), integers().between(0, 10_000))
			.checkAssert((amount, hundredths) -> {
				BigDecimal percent = BigDecimal.valueOf(hundredths, 2);
				long fee = at(percent).feeOn(amount);
				assertThat(fee).isBetween(0L, amount);
				// The same share in whole numbers, rounded half up by adding half the
				// divisor:
				// an oracle that shares no code with the settings' arithmetic.
				assertThat(fee).isEqualTo((amount * hundredths + 5_000) / 10_000);
			});
		assertThat(at(new BigDecimal("10")).feeOn(2333)).isEqualTo(233);
		assertThat(at(new BigDecimal("10")).feeOn(2335)).as("half up").isEqualTo(234);
		assertThat(at(BigDecimal.ZERO).feeOn(1500)).isZero();
	}

}
