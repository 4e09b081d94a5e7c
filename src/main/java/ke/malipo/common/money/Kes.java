package ke.malipo.common.money;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * An amount of Kenya shillings. M-Pesa moves whole shillings only, so there are no cents
 * to lose or round: an amount is a non-negative whole number.
 */
public record Kes(long shillings) implements Comparable<Kes> {

	/** The largest single M-Pesa Express (STK push) payment Daraja accepts. */
	public static final Kes MPESA_MAXIMUM = new Kes(250_000);

	public static final Kes ZERO = new Kes(0);

	public Kes {
		if (shillings < 0) {
			throw new IllegalArgumentException("An amount cannot be negative: " + shillings);
		}
	}

	public static Kes of(long shillings) {
		return new Kes(shillings);
	}

	public Kes plus(Kes other) {
		return new Kes(Math.addExact(this.shillings, other.shillings));
	}

	public boolean isZero() {
		return this.shillings == 0;
	}

	/** The amount as people read it: {@code KES 1,500}. */
	public String display() {
		return "KES " + NumberFormat.getIntegerInstance(Locale.ENGLISH).format(this.shillings);
	}

	@Override
	public int compareTo(Kes other) {
		return Long.compare(this.shillings, other.shillings);
	}

	@Override
	public String toString() {
		return display();
	}

}
