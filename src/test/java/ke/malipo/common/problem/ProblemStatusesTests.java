package ke.malipo.common.problem;

import java.util.List;

import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures are named after what happened and know nothing of HTTP (issue 10); each module
 * declares how its own read over HTTP. A failure type no module declared would answer
 * 500, so every one in the code must be declared.
 */
@MalipoIntegrationTest
class ProblemStatusesTests {

	@Autowired
	ProblemStatusResolver statuses;

	@Test
	void everyFailureTypeHasADeclaredStatus() throws ClassNotFoundException {
		List<Class<? extends MalipoException>> types = failureTypes();
		assertThat(types).as("failure types found").hasSizeGreaterThan(20);
		for (Class<? extends MalipoException> type : types) {
			assertThat(this.statuses.declares(type)).as(type.getName()).isTrue();
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Class<? extends MalipoException>> failureTypes() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isConcrete();
			}

		};
		scanner.addIncludeFilter(new AssignableTypeFilter(MalipoException.class));
		List<Class<? extends MalipoException>> types = new java.util.ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("ke.malipo")) {
			Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), null);
			if (!type.getName().contains("Test")) {
				types.add((Class<? extends MalipoException>) type);
			}
		}
		return types;
	}

}
