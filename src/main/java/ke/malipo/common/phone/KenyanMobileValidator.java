package ke.malipo.common.phone;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Gives the precise reason from {@link Msisdn#parse(String)} as the field message. */
class KenyanMobileValidator implements ConstraintValidator<KenyanMobile, String> {

	@Override
	public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		try {
			Msisdn.parse(value);
			return true;
		}
		catch (InvalidMsisdnException ex) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(ex.getMessage().replace("{", "\\{").replace("$", "\\$"))
				.addConstraintViolation();
			return false;
		}
	}

}
