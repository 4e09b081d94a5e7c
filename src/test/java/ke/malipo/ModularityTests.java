package ke.malipo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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

	/**
	 * Writes the diagrams and canvases to docs/modules. The Documenter lists relations in
	 * an order that changes from run to run, so a file is replaced only when its lines
	 * differ as a set: the docs change when the modules do, not on every build.
	 */
	@Test
	void writesModuleDocumentation() throws IOException {
		Path fresh = Files.createDirectories(Path.of("target", "module-docs"));
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(fresh.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases()
			.writeAggregatingDocument();
		Path docs = Files.createDirectories(Path.of("docs", "modules"));
		try (Stream<Path> files = Files.list(fresh)) {
			for (Path file : files.toList()) {
				Path current = docs.resolve(file.getFileName());
				if (!Files.exists(current) || !sortedLines(current).equals(sortedLines(file))) {
					Files.copy(file, current, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		assertThat(java.nio.file.Path.of("docs/modules/components.puml")).isNotEmptyFile();
		for (String module : java.util.List.of("common", "identity", "booking", "daraja", "payments", "simulator")) {
			assertThat(java.nio.file.Path.of("docs/modules/module-" + module + ".adoc")).isNotEmptyFile();
		}
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}

}
