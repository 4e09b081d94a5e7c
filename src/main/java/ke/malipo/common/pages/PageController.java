package ke.malipo.common.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller that answers with pages (or their files) rather than the JSON API. What
 * every page's model shares (the signed-in user, the path for the language switch) is
 * given to these only: {@code @ControllerAdvice(annotations = Controller.class)} also
 * matches every {@code @RestController}, and ran for each API call (BENCHMARKS.md, "F2
 * after these changes").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

	/** The bean's name, as {@link Controller#value()}. */
	@AliasFor(annotation = Controller.class)
	String value() default "";

}
