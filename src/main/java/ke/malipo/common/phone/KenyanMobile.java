package ke.malipo.common.phone;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Bean Validation for request fields that must hold a Kenyan mobile number. */
@Documented
@Constraint(validatedBy = KenyanMobileValidator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface KenyanMobile {

	String message() default "must be a Kenyan mobile number such as 0712 345 678";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
