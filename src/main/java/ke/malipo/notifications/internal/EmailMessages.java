package ke.malipo.notifications.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Builds the message of an outbox email: its text and the same words as HTML in the
 * person's language, its files, and a Message-ID that is its outbox row's.
 */
@Component
class EmailMessages {

	/** Angus Mail's provider, the one the ServiceLoader would find. */
	static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	/**
	 * The file types of attachments, read once: a helper for a message not made by the
	 * sender itself would parse {@code mime.types} from the jars for each message.
	 */
	private static final FileTypeMap FILE_TYPES = fileTypes();

	static {
		// Jakarta Mail (API 2.1.5) looks its stream provider up for every body part, with
		// a ServiceLoader scan of every jar on the class path (a tenth of the CPU of
		// sending a receipt email, BENCHMARKS.md); named here, it is made directly.
		System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", STREAM_PROVIDER);
	}

	private final NotificationSettings settings;

	private final ITemplateEngine templates;

	private final Texts texts;

	private final Clock clock;

	/** The sender's domain, for each message's Message-ID. */
	private final String messageIdDomain;

	EmailMessages(NotificationSettings settings, ITemplateEngine templates, Texts texts, Clock clock) {
		this.settings = settings;
		String from = settings.mailFrom();
		String domain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip();
		this.messageIdDomain = domain.isEmpty() ? "malipo.local" : domain;
		this.templates = templates;
		this.texts = texts;
		this.clock = clock;
	}

	/**
	 * The email as a message of the sender's session, always multipart: the text and its
	 * HTML alternative, and any files.
	 */
	MimeMessage build(MimeMessage created, OutboxEmail email, List<EmailAttachments.Attachment> files)
			throws MessagingException {
		MimeMessage message = identified(created, email.id());
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8") {

			@Override
			protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
				return FILE_TYPES;
			}

		};
		helper.setFrom(this.settings.mailFrom());
		helper.setTo(email.address());
		helper.setSubject(email.subject());
		helper.setText(text(email), html(email));
		for (EmailAttachments.Attachment file : files) {
			helper.addAttachment(file.name(), new ByteArrayResource(file.content()), file.contentType());
		}
		message.setSentDate(java.util.Date.from(this.clock.instant()));
		return message;
	}

	/**
	 * A message whose Message-ID is its outbox row's, so a copy an admin chose to send
	 * again (its first try's fate unknown) is the same message to mail clients that
	 * collapse duplicates, and a received mail can be traced to its row.
	 */
	private MimeMessage identified(MimeMessage created, UUID id) {
		return new MimeMessage(created.getSession()) {

			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", "<" + id + "@" + EmailMessages.this.messageIdDomain + ">");
			}

		};
	}

	private static FileTypeMap fileTypes() {
		ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
		types.afterPropertiesSet();
		return types;
	}

	/** The same words as HTML (mail/notice.html), in the person's language. */
	private String html(OutboxEmail email) {
		String lang = email.language();
		Context context = new Context(java.util.Locale.forLanguageTag(lang));
		context.setVariable("lang", lang);
		context.setVariable("title", email.subject());
		context.setVariable("body", email.body());
		context.setVariable("link", (email.link() != null) ? this.settings.siteUrl() + email.link() : null);
		context.setVariable("action", this.texts.text(lang, "email.action"));
		context.setVariable("footer", this.texts.text(lang, "email.footer"));
		return this.templates.process("mail/notice", context);
	}

	private String text(OutboxEmail email) {
		String link = (email.link() != null) ? "\n\n" + this.settings.siteUrl() + email.link() : "";
		return email.body() + link + "\n\nMalipo";
	}

}
