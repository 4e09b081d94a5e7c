package ke.malipo.simulator.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP server started with the application in simulator mode, as the embedded database
 * is: mail really travels over SMTP, and the mailbox page shows what arrived. It keeps
 * everything in memory and forgets it when the application stops.
 */
public class EmbeddedMailServer {

	private final GreenMail server;

	EmbeddedMailServer() {
		this.server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		this.server.start();
	}

	public int port() {
		return this.server.getSmtp().getPort();
	}

	void stop() {
		this.server.stop();
	}

	/**
	 * What arrived, newest first; only what was sent to this address when one is given.
	 */
	public List<Mail> received(@Nullable String to) {
		List<Mail> mails = new ArrayList<>();
		for (MimeMessage message : this.server.getReceivedMessages()) {
			Mail mail = read(message);
			if (to == null || mail.to().stream().anyMatch((address) -> address.equalsIgnoreCase(to.strip()))) {
				mails.add(mail);
			}
		}
		mails.sort((a, b) -> b.receivedAt().compareTo(a.receivedAt()));
		return mails;
	}

	private static Mail read(MimeMessage message) {
		try {
			List<String> to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.map((address) -> address.toString().toLowerCase(Locale.ROOT))
				.toList();
			Parts parts = new Parts();
			parts.collect(message);
			Instant at = (message.getSentDate() != null) ? message.getSentDate().toInstant() : Instant.EPOCH;
			return new Mail(message.getMessageID(), to, String.valueOf(message.getSubject()), parts.text, parts.html,
					parts.attachments, at);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("A received mail could not be read", ex);
		}
	}

	/** A mail as the mailbox shows it. */
	public record Mail(@Nullable String messageId, List<String> to, String subject, @Nullable String text,
			@Nullable String html, List<Attachment> attachments, Instant receivedAt) {
	}

	/** An attached file. */
	public record Attachment(String name, String contentType) {
	}

	/** The text, HTML and attachments found in a message's parts. */
	private static final class Parts {

		private @Nullable String text;

		private @Nullable String html;

		private final List<Attachment> attachments = new ArrayList<>();

		void collect(Part part) throws MessagingException, IOException {
			if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				this.attachments.add(new Attachment(String.valueOf(part.getFileName()),
						part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT)));
				return;
			}
			if (part.isMimeType("text/plain") && this.text == null) {
				this.text = String.valueOf(part.getContent());
			}
			else if (part.isMimeType("text/html") && this.html == null) {
				this.html = String.valueOf(part.getContent());
			}
			else if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					collect(child);
				}
			}
		}

	}

}
