package ke.malipo.simulator.web;

import java.util.List;

import ke.malipo.common.pages.PageController;
import ke.malipo.simulator.internal.EmbeddedMailServer;
import ke.malipo.simulator.internal.NoMailHostCondition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What the embedded SMTP server received (api.md, "Notifications"): a page for people and
 * JSON for tests, optionally for one address.
 */
@PageController
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
@Conditional(NoMailHostCondition.class)
class MailboxController {

	private final EmbeddedMailServer server;

	MailboxController(EmbeddedMailServer server) {
		this.server = server;
	}

	@GetMapping("/simulator/mailbox")
	String page(@RequestParam(required = false) @Nullable String to, Model model) {
		model.addAttribute("mails", this.server.received(to));
		model.addAttribute("to", to);
		return "simulator/mailbox";
	}

	@GetMapping("/simulator/mailbox/messages")
	@ResponseBody
	List<EmbeddedMailServer.Mail> messages(@RequestParam(required = false) @Nullable String to) {
		return this.server.received(to);
	}

}
