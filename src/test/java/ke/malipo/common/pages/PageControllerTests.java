package ke.malipo.common.pages;

import java.util.List;
import java.util.Map;

import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.ControllerAdviceBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page's model shares reaches every page and no API call: each controller that
 * answers with views is a {@link PageController}, and the advices that fill the pages'
 * model apply to those only.
 */
@MalipoIntegrationTest
class PageControllerTests {

	@Autowired
	ApplicationContext context;

	@Test
	void pageAdvicesApplyToEveryPageControllerAndNoApiController() {
		List<ControllerAdviceBean> pageAdvices = ControllerAdviceBean.findAnnotatedBeans(this.context)
			.stream()
			.filter((advice) -> advice.getBeanType().getPackageName().endsWith(".web")
					&& advice.getBeanType().getSimpleName().endsWith("Advice"))
			.toList();
		assertThat(pageAdvices).extracting((advice) -> advice.getBeanType().getSimpleName())
			.containsExactlyInAnyOrder("SignedInUserAdvice", "PageLanguageAdvice");

		Map<String, Object> controllers = this.context.getBeansWithAnnotation(Controller.class);
		List<Class<?>> pages = controllers.values()
			.stream()
			.<Class<?>>map(AopUtils::getTargetClass)
			.filter((type) -> type.getPackageName().startsWith("ke.malipo."))
			.filter((type) -> !AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class))
			.toList();
		List<Class<?>> apis = controllers.values()
			.stream()
			.<Class<?>>map(AopUtils::getTargetClass)
			.filter((type) -> AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class))
			.toList();
		assertThat(pages).hasSizeGreaterThan(20)
			.allSatisfy((type) -> assertThat(AnnotatedElementUtils.hasAnnotation(type, PageController.class))
				.as("%s answers with pages but is not a @PageController", type.getName())
				.isTrue());
		assertThat(apis).hasSizeGreaterThan(20);
		Class<?> errorPage = AopUtils.getTargetClass(this.context.getBean(ErrorController.class));
		for (ControllerAdviceBean advice : pageAdvices) {
			assertThat(advice.isApplicableToBeanType(errorPage)).as("%s on the error page", advice.getBeanType())
				.isTrue();
			assertThat(pages).allSatisfy((type) -> assertThat(advice.isApplicableToBeanType(type))
				.as("%s on %s", advice.getBeanType().getSimpleName(), type.getName())
				.isTrue());
			assertThat(apis).allSatisfy((type) -> assertThat(advice.isApplicableToBeanType(type))
				.as("%s on %s", advice.getBeanType().getSimpleName(), type.getName())
				.isFalse());
		}
	}

}
