package ke.malipo.finance.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
				assertThat(fee).isEqualTo(percent.multiply(BigDecimal.valueOf(amount))
					.divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
					.longValueExact());
			});
		assertThat(at(new BigDecimal("10")).feeOn(2333)).isEqualTo(233);
		assertThat(at(new BigDecimal("10")).feeOn(2335)).as("half up").isEqualTo(234);
		assertThat(at(BigDecimal.ZERO).feeOn(1500)).isZero();
	}

}
