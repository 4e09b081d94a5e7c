package ke.malipo.booking.web;

import java.util.List;
import java.util.UUID;

import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The psychologists a client can book, with their rates. */
@RestController
class PsychologistController {

	private final UserDirectory directory;

	PsychologistController(UserDirectory directory) {
		this.directory = directory;
	}

	@GetMapping("/api/psychologists")
	List<PsychologistView> list(CurrentUser user) {
		return this.directory.psychologists()
			.stream()
			.map((p) -> new PsychologistView(p.id().value(), p.name(), p.sessionRate().shillings()))
			.toList();
	}

	record PsychologistView(UUID id, String name, long sessionRate) {
	}

}
