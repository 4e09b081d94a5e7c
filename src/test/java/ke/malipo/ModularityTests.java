package ke.malipo;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of architecture.md hold: no module reaches into another's
 * internals, no dependency is undeclared, no cycles. Also writes the module documentation
 * to docs/.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(MalipoApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void modulesAreTheOnesTheArchitectureNames() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString())).contains("common",
				"identity", "booking");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases()
			.writeAggregatingDocument();
		assertThat(java.nio.file.Path.of("docs/modules/components.puml")).isNotEmptyFile();
		for (String module : java.util.List.of("common", "identity", "booking", "daraja", "payments", "simulator")) {
			assertThat(java.nio.file.Path.of("docs/modules/module-" + module + ".adoc")).isNotEmptyFile();
		}
	}

}
